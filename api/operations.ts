/**
 * Every route of the API as data: method, path, who may call it, the zod schemas of what
 * it takes and gives, and its handler. The Express routes and the OpenAPI document are both
 * built from this one list, so neither can leave a route out or describe it differently.
 */
import { type Request, type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { Principal } from '../src/auth/principal';
import type { Role } from '../src/auth/roles';
import type { IdempotencyStore } from './idempotency';
import { createHash } from 'node:crypto';
import { fingerprint } from '../src/fingerprint';
import { HttpProblem, badRequest } from './problem';
import { notFound } from '../src/errors';
import type { Actor } from '../src/case/types';
import type { AnyDecision, Catalogue } from '../src/decisions/catalogue';
import { assertForOwnPartner, assertRole, assertWorksIn } from '../src/decisions/access';
import type { DecisionAnswer } from '../src/client/workflowGateway';

export interface Context<Q = unknown, B = unknown> {
  req: Request;
  /** Absent only on public routes. */
  principal: Principal;
  params: Record<string, string>;
  query: Q;
  body: B;
  /**
   * A POST's Idempotency-Key, scoped to the user, route and body: the same request retried has the
   * same one (a decision sends it as its Update id, so Temporal answers a retry with the first outcome).
   */
  requestKey?: string;
}

export interface Reply {
  status?: number;
  /** Sent as JSON, unless `text` is given instead (with its content type). */
  body?: unknown;
  text?: { contentType: string; content: string };
  headers?: Record<string, string>;
}

export interface Operation<Q = unknown, B = unknown> {
  method: 'get' | 'post';
  /** Express style: `/api/cases/:id`. */
  path: string;
  tag: string;
  summary: string;
  /** Who may call it; `public` needs no token. */
  roles: readonly Role[] | 'public';
  /** A partner representative may act for their own partner only (the body's `partnerId`). */
  forOwnPartner?: boolean;
  /** Also accept the dashboard's session cookie instead of a bearer token (a browser caller). */
  sessionCookie?: true;
  /**
   * The partnership the request acts in, found before the body is read: the user must work
   * in it (403 otherwise). Undefined when the request names none (a list over all of
   * the user's partnerships) or has not yet said (a body that fails its schema: 400). A list
   * when the request reaches into several: the user must work in each.
   */
  partnership?: (req: Request) => Promise<string | string[] | undefined> | string | string[] | undefined;
  /**
   * For a route about one record: what is answered (404) to a user outside its partnership,
   * the same words as for a record that does not exist, so nobody can probe for another
   * partnership's cases.
   */
  recordMissing?: (req: Request) => string;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The success response. */
  ok: { status: number; description: string; schema: z.ZodType };
  /** A 202 the operation may answer instead, when the outcome is not known within its deadline. */
  accepted?: { description: string; schema: z.ZodType };
  /** Error statuses this operation can answer beyond 400/401/403/500. */
  errors?: number[];
  handle(context: Context<Q, B>): Promise<Reply>;
}

/** Any operation, whatever its query and body types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<any, any>;

export const operation = <Q = unknown, B = unknown>(op: Operation<Q, B>): Operation<Q, B> => op;

export type Authenticate = (req: Request, options?: { sessionCookie?: boolean }) => Promise<Principal>;

/** The Express routes of the operations, each behind its access check, then 405s for the rest. */
export function operationsRouter(
  operations: readonly AnyOperation[],
  authenticate: Authenticate,
  idempotency: IdempotencyStore,
): Router {
  const router = Router();
  for (const op of operations) router[op.method](op.path, handlerFor(op, authenticate, idempotency));
  const methods = new Map<string, string[]>();
  for (const op of operations)
    methods.set(op.path, [...(methods.get(op.path) ?? []), op.method.toUpperCase()]);
  for (const [path, allowed] of methods) {
    router.all(path, (req) => {
      throw new HttpProblem(
        405,
        'Method not allowed',
        `${req.method} is not allowed here; use ${allowed.join(', ')}`,
        [],
        {
          Allow: allowed.join(', '),
        },
      );
    });
  }
  return router;
}

function handlerFor(
  op: AnyOperation,
  authenticate: Authenticate,
  idempotency: IdempotencyStore,
): RequestHandler {
  return async (req, res) => {
    let principal: Principal | undefined;
    if (op.roles !== 'public') {
      principal = await authenticate(req, { sessionCookie: op.sessionCookie === true });
      assertRole(principal, op);
      const named = [(await op.partnership?.(req)) ?? []].flat();
      if (op.recordMissing && named.some((p) => !principal!.partnerships.includes(p)))
        throw notFound(op.recordMissing(req));
      assertWorksIn(principal, named);
    }
    const scope = `${principal?.userId ?? 'anonymous'} POST ${req.path}`;
    const key = req.get('Idempotency-Key');
    // With the body in it, a key reused for another request is never answered with the first's
    // outcome by Temporal, even when the store that refuses reuse could not keep the first.
    const requestKey =
      key === undefined
        ? undefined
        : createHash('sha256')
            .update(`${scope}\n${key}\n${fingerprint(req.body ?? {})}`)
            .digest('hex');
    const run = async () => {
      const query = parse(op.query, req.query);
      const body = parse(op.body, req.body ?? {});
      return op.handle({
        req,
        principal: principal as Principal,
        params: req.params as Record<string, string>,
        query,
        body,
        ...(requestKey && { requestKey }),
      });
    };
    if (op.method === 'post') {
      // Keyed per user and route: one user's key never answers another's request.
      const answer = await idempotency.once(scope, key, req.body ?? {}, async () => {
        const reply = await run();
        return {
          status: reply.status ?? op.ok.status,
          body: reply.body ?? null,
          headers: reply.headers ?? {},
        };
      });
      for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
      res.status(answer.status).json(answer.body);
      return;
    }
    const reply = await run();
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    res.status(reply.status ?? op.ok.status);
    if (reply.text) res.type(reply.text.contentType).send(reply.text.content);
    else res.json(reply.body);
  };
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown): T {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(parsed.error);
  return parsed.data;
}

/** Lists restricted to the user's partnerships unless the query names one (checked above). */
export function partnershipsFor(principal: Principal, named: string | undefined): string[] {
  return named ? [named] : principal.partnerships;
}

/**
 * A decision's reply: 200 with the record as the decision left it; 202 with the record as it
 * stands while the workflow is still acting on the accepted decision; or 202 saying the
 * decision is held for a workflow no worker has taken up yet, with where to look.
 */
export function decidedReply<V>(
  decided: DecisionAnswer<V>,
  record: string,
  shape: (view: V) => unknown = (v) => v,
): Reply {
  if (decided.outcome === 'done') return { status: 200, body: shape(decided.view) };
  if (decided.outcome === 'acting') return { status: 202, body: shape(decided.view) };
  return {
    status: 202,
    headers: { Location: record },
    body: {
      status: 'waiting',
      updateId: decided.updateId,
      detail:
        'the decision was received and its outcome is not known yet: read the record to see it taken, or send the same request with the same Idempotency-Key to learn its outcome',
    },
  };
}

/** A decision's 202: accepted and still being acted on, or held for the workflow to take up. */
const ACCEPTED_DECISION = {
  description:
    'accepted and still being acted on (the record as it stands), or held until the workflow takes it up (`status: waiting`, with a Location to read)',
  schema: z.union([
    z.looseObject({}),
    z.object({ status: z.literal('waiting'), updateId: z.string(), detail: z.string() }),
  ]),
};

/** Who is acting, as a decision records it. */
export const actorOf = (principal: Principal) => ({ userId: principal.userId, role: principal.role });

/**
 * One POST per decision of a record's catalogue (a case, its local review, a complaint, a
 * meeting, a learning action): the body's schema, the roles and words of its entry, the
 * record's partnership, and the decision sent with the acting user.
 */
export function decisionOperations<V, FV>(options: {
  catalogue: Catalogue<V, FV>;
  path: (route: string) => string;
  tag: string;
  description: string;
  view: z.ZodType;
  partnership: (req: Request) => Promise<string>;
  /** The record's own address, where a client looks for a decision not yet taken. */
  record: (id: string) => string;
  /** What is answered for a record that is not there (or is another partnership's). */
  missing: (id: string) => string;
  decide: (
    decision: AnyDecision<V, FV>,
    id: string,
    body: unknown,
    actor: Actor,
    updateId?: string,
  ) => Promise<DecisionAnswer<V>>;
  shape?: (view: V) => unknown;
}): AnyOperation[] {
  return Object.values(options.catalogue).map((decision) =>
    operation({
      method: 'post',
      path: options.path(decision.route),
      tag: options.tag,
      summary: decision.summary,
      roles: decision.roles,
      ...(decision.forOwnPartner && { forOwnPartner: true }),
      partnership: options.partnership,
      recordMissing: (req) => options.missing(req.params.id as string),
      body: decision.body,
      ok: { status: 200, description: options.description, schema: options.view },
      accepted: ACCEPTED_DECISION,
      errors: [404, 409, 422, 503],
      async handle(ctx) {
        assertForOwnPartner(ctx.principal, decision, ctx.body);
        const id = ctx.params.id!;
        const answer = await options.decide(decision, id, ctx.body, actorOf(ctx.principal), ctx.requestKey);
        return decidedReply(answer, options.record(id), options.shape);
      },
    }),
  );
}
