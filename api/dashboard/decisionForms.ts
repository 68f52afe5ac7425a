/**
 * The decisions of a record as forms on its page: the catalogue's forms the user's role may
 * use at the record's stage, and the handler that takes one posted back. A posted form is
 * checked as the API checks a request, by the same functions and in the same order: role,
 * partnership, the body's schema, whom the user acts for; then the workflow has the last word.
 */
import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { DecisionAnswer } from '../../src/client/workflowGateway';
import { fingerprint } from '../../src/fingerprint';
import type { Principal } from '../../src/auth/principal';
import type { Role } from '../../src/auth/roles';
import type { Actor } from '../../src/case/types';
import { assertForOwnPartner, assertRole, assertSees } from '../../src/decisions/access';
import type { AnyDecision, Catalogue } from '../../src/decisions/catalogue';
import { bodyFrom, type Field } from '../../src/decisions/forms';
import { actorOf } from '../operations';
import { badRequest, clientProblem, HttpProblem } from '../problem';
import { userOf } from './setUpSession';

/** A form as the page shows it: its route, and its fields for this record. */
export interface OfferedForm {
  route: string;
  title: string;
  button: string;
  fields: Field[];
}

/** The forms this user may use on this record now. */
export function offeredForms<V, FV extends { stage: string }>(
  catalogue: Catalogue<V, FV>,
  view: FV,
  role: Role,
): OfferedForm[] {
  return Object.values(catalogue).flatMap((d) => {
    const form = d.form;
    if (!form || !d.roles.includes(role) || !form.stages.includes(view.stage) || !(form.when?.(view) ?? true))
      return [];
    return [{ route: d.route, title: form.title, button: form.button, fields: form.fields(view) }];
  });
}

export interface PostedDecisions<V, FV> {
  catalogue: Catalogue<V, FV>;
  /** The partnership of the record the page is about. */
  partnershipOf(id: string): Promise<string>;
  /** The record as its forms see it. */
  load(id: string): Promise<FV>;
  send(
    decision: AnyDecision<V, FV>,
    id: string,
    body: unknown,
    actor: Actor,
    updateId?: string,
  ): Promise<DecisionAnswer<V>>;
  /** Where the browser goes once it is taken. */
  after(id: string): string;
  /** The page again, with the form's values and why it was refused. */
  refused(
    req: Request,
    res: Response,
    principal: Principal,
    sent: { route: string; values: Record<string, unknown>; problem: HttpProblem },
  ): Promise<void>;
}

const SUBMISSION = /^[0-9a-f-]{36}$/;

/** `url` with `query` added before its fragment. */
function withQuery(url: string, query: string): string {
  const [pathPart, fragment] = url.split('#');
  return `${pathPart}?${query}${fragment === undefined ? '' : `#${fragment}`}`;
}

/** The handler of `…/:id/<something>/:route`: one of the catalogue's forms posted back. */
export function decisionPost<V, FV>(kind: PostedDecisions<V, FV>): RequestHandler {
  return async (req, res) => {
    const principal = userOf(res);
    const id = req.params.id as string;
    const route = req.params.route as string;
    const decision = Object.values(kind.catalogue).find((d) => d.route === route && d.form);
    if (!decision?.form) throw new HttpProblem(404, 'Not found', `no decision ${route}`);
    assertRole(principal, decision);
    assertSees(principal, await kind.partnershipOf(id), `no record ${id}`);
    const values = req.body as Record<string, unknown>;
    const refuse = (problem: HttpProblem) => kind.refused(req, res, principal, { route, values, problem });
    const parsed = decision.body.safeParse(bodyFrom(decision.form, await kind.load(id), values));
    if (!parsed.success) return refuse(badRequest(parsed.error));
    assertForOwnPartner(principal, decision, parsed.data);
    // A double click, or the browser sending the form again, is the same Update: Temporal takes it once.
    const submissionKey = () =>
      typeof values.submission === 'string' && SUBMISSION.test(values.submission)
        ? createHash('sha256')
            .update([principal.userId, id, route, values.submission, fingerprint(parsed.data)].join('\n'))
            .digest('hex')
        : undefined;
    try {
      const answer = await kind.send(decision, id, parsed.data, actorOf(principal), submissionKey());
      const after = kind.after(id);
      res.redirect(303, answer.outcome === 'done' ? after : withQuery(after, `decision=${answer.outcome}`));
    } catch (err) {
      const problem = clientProblem(err);
      if (problem) return refuse(problem);
      throw err;
    }
  };
}
