/** The case and its local CSPR: `/api/cases…`. */
import type { Request } from 'express';
import type { z } from 'zod';
import {
  actorOf,
  type AnyOperation,
  type Context,
  decisionOperations,
  operation,
  partnershipsFor,
} from '../operations';
import { pagedAnswer, pageOf } from '../paging';
import { HttpProblem } from '../problem';
import { caseList, caseView, csprView } from '../responses';
import {
  caseListQuery,
  type CaseDecisionRoute,
  type CsprDecisionRoute,
  csprDecisionBodies,
  decisionBodies,
  startCaseBody,
} from '../schemas';
import type { CaseService } from '../../src/client/caseService';
import { caseDecisions, reviewDecisions as csprDecisions } from '../caseDecisions';
import { EVERYONE, LEADS } from '../../src/auth/roles';

const partnershipInBody = (req: Request) =>
  typeof req.body?.partnership === 'string' ? (req.body.partnership as string) : undefined;

export function caseEndpoints(cases: CaseService): AnyOperation[] {
  const ofCase = (req: Request) => cases.partnershipOf(req.params.id as string);
  const withId = <V extends { caseId: string }>(view: V) => ({ id: view.caseId, ...view });

  const withBodies = <R extends string, D extends object>(
    table: Record<R, D>,
    bodies: Record<R, z.ZodType>,
  ) =>
    Object.fromEntries(
      (Object.keys(table) as R[]).map((r) => [r, { ...table[r], body: bodies[r] }]),
    ) as Record<R, D & { body: z.ZodType }>;

  const decisionOps = decisionOperations({
    path: (route: CaseDecisionRoute) => `/api/cases/:id/${route}`,
    tag: 'cases',
    description: 'the case as the decision leaves it (202: accepted and still being acted on)',
    view: caseView,
    decisions: withBodies(caseDecisions, decisionBodies),
    partnership: ofCase,
    decide: (id, update, decision) => cases.decide(id, update, decision),
    shape: withId,
    check: (route, ctx) => {
      if (route === 'votes') assertOwnPartner(ctx);
    },
  });

  const reviewOps = decisionOperations({
    path: (route: CsprDecisionRoute) => `/api/cases/:id/cspr/${route}`,
    tag: 'local review',
    description: 'the local review as the decision leaves it (202: accepted and still being acted on)',
    view: csprView,
    decisions: withBodies(csprDecisions, csprDecisionBodies),
    partnership: ofCase,
    decide: (id, update, decision) => cases.decideReview(id, update, decision),
  });

  return [
    operation({
      method: 'post',
      path: '/api/cases',
      tag: 'cases',
      summary: 'Start a case',
      roles: LEADS,
      partnership: partnershipInBody,
      body: startCaseBody,
      ok: {
        status: 201,
        description: 'the case was started',
        schema: caseView.partial().required({ id: true }),
      },
      errors: [409, 422],
      async handle(ctx) {
        const started = await cases.start(ctx.body, actorOf(ctx.principal));
        return { body: started, headers: { Location: `/api/cases/${encodeURIComponent(started.id)}` } };
      },
    }),
    operation({
      method: 'get',
      path: '/api/cases',
      tag: 'cases',
      summary: 'List cases',
      roles: EVERYONE,
      partnership: (req) => (typeof req.query.partnership === 'string' ? req.query.partnership : undefined),
      query: caseListQuery,
      ok: {
        status: 200,
        description: "the user's partnerships' cases, from visibility, a page at a time",
        schema: caseList,
      },
      async handle(ctx) {
        const { breached, partnership, pageSize, pageToken, ...rest } = ctx.query;
        const filter = {
          ...rest,
          partnerships: partnershipsFor(ctx.principal, partnership),
          ...(breached && { breached: breached === 'true' }),
        };
        return pagedAnswer(ctx.req, 'cases', await cases.listPage(filter, pageOf({ pageSize, pageToken })));
      },
    }),
    operation({
      method: 'get',
      path: '/api/cases/:id',
      tag: 'cases',
      summary: 'Read a case',
      roles: EVERYONE,
      partnership: ofCase,
      ok: { status: 200, description: 'the case view from its workflow', schema: caseView },
      errors: [404],
      handle: async (ctx) => ({ body: withId(await cases.get(ctx.params.id!)) }),
    }),
    ...decisionOps,
    operation({
      method: 'get',
      path: '/api/cases/:id/cspr',
      tag: 'local review',
      summary: "Read the case's local review",
      roles: EVERYONE,
      partnership: ofCase,
      ok: { status: 200, description: 'the local review view', schema: csprView },
      errors: [404],
      handle: async (ctx) => ({ body: await cases.getReview(ctx.params.id!) }),
    }),
    ...reviewOps,
  ];
}

/** A partner representative votes for their own partner only; the business manager for any. */
function assertOwnPartner(ctx: Context<unknown, Record<string, unknown>>): void {
  const { principal, body } = ctx;
  if (principal.role === 'partner-representative' && body.partnerId !== principal.partnerId) {
    throw new HttpProblem(
      403,
      'Not allowed',
      `you vote for ${principal.partnerId ?? 'no partner'}, not ${String(body.partnerId)}`,
    );
  }
}
