/** The case and its local CSPR: `/api/cases…`. */
import { idPath } from '../../src/ids';
import type { Request } from 'express';
import { actorOf, type AnyOperation, decisionOperations, operation, partnershipsFor } from '../operations';
import { pagedAnswer, pageOf } from '../paging';
import { caseList, caseView, csprView } from '../responses';
import { caseListQuery } from '../schemas';
import { startCaseBody } from '../../src/case/bodies';
import { caseDecisions } from '../../src/case/decisions';
import { localReviewDecisions } from '../../src/localReview/decisions';
import type { CaseService } from '../../src/client/caseService';
import { EVERYONE, LEADS } from '../../src/auth/roles';

/** The words for a case that is not there, or not in the user's partnerships: the same, on purpose. */
const noCase = (id: string) => `no case ${id}`;

const partnershipInBody = (req: Request) =>
  typeof req.body?.partnership === 'string' ? (req.body.partnership as string) : undefined;

export function caseEndpoints(cases: CaseService): AnyOperation[] {
  const ofCase = (req: Request) => cases.partnershipOf(req.params.id as string);
  const withId = <V extends { caseId: string }>(view: V) => ({ id: view.caseId, ...view });

  const decisionOps = decisionOperations({
    catalogue: caseDecisions,
    path: (route) => `/api/cases/:id/${route}`,
    tag: 'cases',
    description: 'the case as the decision leaves it (202: accepted and still being acted on)',
    view: caseView,
    partnership: ofCase,
    record: (id) => `/api/cases/${idPath(id)}`,
    missing: noCase,
    decide: (decision, id, body, actor, updateId) => cases.decide(decision, id, body, actor, updateId),
    shape: withId,
  });

  const localReviewOps = decisionOperations({
    catalogue: localReviewDecisions,
    path: (route) => `/api/cases/:id/cspr/${route}`,
    tag: 'local review',
    description: 'the local review as the decision leaves it (202: accepted and still being acted on)',
    view: csprView,
    partnership: ofCase,
    record: (id) => `/api/cases/${idPath(id)}/cspr`,
    missing: noCase,
    decide: (decision, id, body, actor, updateId) =>
      cases.decideLocalReview(decision, id, body, actor, updateId),
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
        return { body: started, headers: { Location: `/api/cases/${idPath(started.id)}` } };
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
      recordMissing: (req) => noCase(req.params.id as string),
      ok: { status: 200, description: 'the case view from its workflow', schema: caseView },
      errors: [404, 503],
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
      recordMissing: (req) => noCase(req.params.id as string),
      ok: { status: 200, description: 'the local review view', schema: csprView },
      errors: [404, 503],
      handle: async (ctx) => ({ body: await cases.getLocalReview(ctx.params.id!) }),
    }),
    ...localReviewOps,
  ];
}
