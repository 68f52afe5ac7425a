/**
 * A decision, described once: the Update it is sent as, the body a request carries (the same
 * schema the workflow checks the Update's argument with), who may take it, its words for the
 * API and the timeline, and its form for the dashboard. Each kind of record has a catalogue
 * of these (src/case/decisions.ts, …); the API's routes, the OpenAPI document, the dashboard's
 * forms and the workflows' handlers are all made from the catalogue, so adding a decision is
 * one entry and its handler.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { defineUpdate } from '@temporalio/workflow';
import type { z } from 'zod';
import type { Actor, Role } from '../auth/roles';
import type { PolicyPack } from '../policy/schema';
import { actor as actorSchema, invalidRequest, problemsOf } from '../validation';
import type { FieldProblem } from '../errors';
import type { DecisionForm } from './forms';

/** A request's body with who is deciding: what most decisions' Updates take. */
export type Decided<B> = B & { actor: Actor };

/** What a decision may need from outside its request to make its Update's argument. */
export interface DecisionContext {
  /** The pack of the record's partnership. */
  pack(): Promise<PolicyPack>;
}

export interface Decision<V, A = unknown, FV = V> {
  /** The path segment under the record: `POST …/:id/<route>`. */
  readonly route: string;
  /** The Update, by a name that is in every history: it never changes. */
  readonly update: UpdateDefinition<V, [A]>;
  /** The request body's schema. */
  readonly body: z.ZodType;
  readonly roles: readonly Role[];
  /** What taking it does, as the API documents it and a refusal names it. */
  readonly summary: string;
  /** A partner representative takes it for their own partner only (the body's `partnerId`). */
  readonly forOwnPartner?: boolean;
  readonly form?: DecisionForm<FV>;
  /** The Update's argument for a request's body, taken by `actor`; invalid if the body is not one. */
  argument(body: unknown, actor: Actor, context: DecisionContext): Promise<A>;
  /** What is wrong with an Update's argument, if it is not one this decision takes. */
  problems(arg: unknown): FieldProblem[];
}

interface Spec<B extends z.ZodType, FV> {
  route: string;
  /** The Update's name (kept from the first version: histories hold it). */
  update: string;
  body: B;
  roles: readonly Role[];
  summary: string;
  forOwnPartner?: boolean;
  form?: DecisionForm<FV>;
}

/**
 * The decisions of one kind of record, whose Updates answer with its view `V` (and whose
 * forms see `FV`). Each takes its request's body with the actor as its argument.
 */
export function decisionsOf<V, FV = V>() {
  return {
    decision<B extends z.ZodType<object>>(spec: Spec<B, FV>): Decision<V, Decided<z.infer<B>>, FV> {
      return {
        ...spec,
        update: defineUpdate<V, [Decided<z.infer<B>>]>(spec.update),
        async argument(body, actor) {
          return { ...parsed(spec.body, body), actor };
        },
        problems: (arg) => decidedProblems(spec.body, arg),
      };
    },

    /**
     * A decision whose Update takes more than its body says: what the request leaves out is
     * filled in (from the pack) before it is sent, so the terms it ran by are in the history.
     */
    prepared<B extends z.ZodType, A extends { actor: Actor }>(
      spec: Spec<B, FV> & {
        argumentSchema: z.ZodType<A>;
        prepare(body: z.infer<B>, actor: Actor, pack: PolicyPack): A;
      },
    ): Decision<V, A, FV> {
      return {
        ...spec,
        update: defineUpdate<V, [A]>(spec.update),
        async argument(body, actor, context) {
          return spec.prepare(parsed(spec.body, body), actor, await context.pack());
        },
        problems: (arg) => problemsOf(spec.argumentSchema, arg),
      };
    },
  };
}

function parsed<B extends z.ZodType>(schema: B, body: unknown): z.infer<B> {
  const result = schema.safeParse(body);
  if (!result.success) throw invalidRequest(result.error);
  return result.data;
}

/** The argument must be the body's schema with a valid actor beside it. */
function decidedProblems(body: z.ZodType, arg: unknown): FieldProblem[] {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg))
    return [{ field: '(argument)', message: 'must be an object' }];
  const { actor, ...rest } = arg as Record<string, unknown>;
  return [...problemsOf(body, rest), ...problemsOf(actorSchema, actor).map(inActor)];
}

const inActor = (p: FieldProblem): FieldProblem => ({
  field: p.field === '(body)' ? 'actor' : `actor.${p.field}`,
  message: p.message,
});

/** Any decision of a catalogue, as the API and the dashboard handle them all alike. */
export type AnyDecision<V, FV = V> = Decision<V, unknown, FV>;

/** A catalogue: its decisions by name. */
export type Catalogue<V, FV = V> = Record<string, AnyDecision<V, FV>>;
