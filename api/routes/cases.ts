import { Router } from 'express';
import type { CaseView } from '../../src/case/types';
import * as csprMessages from '../../workflows/csprMessages';
import * as messages from '../../workflows/messages';
import { addDecisionRoutes, routesOf } from '../decisionRoutes';
import { badRequest } from '../problem';
import {
  caseListQuery,
  type CsprDecisionRoute,
  csprDecisionBodies,
  type CaseDecisionRoute,
  decisionBodies,
  startCaseBody,
} from '../schemas';
import type { CaseService } from '../services/caseService';

/** Each decision route and the workflow Update it sends. */
const decisionUpdates: Record<CaseDecisionRoute, Parameters<CaseService['decide']>[1]> = {
  'consideration-meeting': messages.recordConsiderationMeeting,
  'notification-decision': messages.recordNotificationDecision,
  'rapid-review': messages.recordRapidReview,
  votes: messages.recordVote,
  'panel-response': messages.recordPanelResponse,
  reconsideration: messages.recordReconsideration,
  extensions: messages.extendDeadline,
};

/** Each local CSPR decision route and the Update it sends to the case's review. */
const csprUpdates: Record<CsprDecisionRoute, Parameters<CaseService['decideReview']>[1]> = {
  reviewer: csprMessages.commissionReviewer,
  drafts: csprMessages.recordDraft,
  'sign-off': csprMessages.recordSignOff,
  delays: csprMessages.approveDelay,
  'communication-strategy': csprMessages.recordCommunicationStrategy,
  'publication-date': csprMessages.setPublicationDate,
  publication: csprMessages.recordPublication,
  'not-publishing': csprMessages.recordNotPublishing,
  takedown: csprMessages.recordTakedown,
};

const withId = (view: CaseView) => ({ id: view.caseId, ...view });

export function casesRouter(cases: CaseService): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const parsed = startCaseBody.safeParse(req.body ?? {});
    if (!parsed.success) throw badRequest(parsed.error);
    const started = await cases.start(parsed.data);
    res
      .status(201)
      .location(`/api/cases/${encodeURIComponent(started.id)}`)
      .json(started);
  });

  router.get('/', async (req, res) => {
    const parsed = caseListQuery.safeParse(req.query);
    if (!parsed.success) throw badRequest(parsed.error);
    const { breached, ...rest } = parsed.data;
    res.json({ cases: await cases.list({ ...rest, ...(breached && { breached: breached === 'true' }) }) });
  });

  router.get('/:id', async (req, res) => {
    res.json(withId(await cases.get(req.params.id)));
  });

  addDecisionRoutes(router, '', routesOf(decisionBodies, decisionUpdates), async (id, update, decision) =>
    withId(await cases.decide(id, update, decision as never)),
  );

  router.get('/:id/cspr', async (req, res) => {
    res.json(await cases.getReview(req.params.id));
  });

  addDecisionRoutes(router, '/cspr', routesOf(csprDecisionBodies, csprUpdates), (id, update, decision) =>
    cases.decideReview(id, update, decision as never),
  );

  return router;
}
