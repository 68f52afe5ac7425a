import { Router } from 'express';
import type { CaseView } from '../../src/case/types';
import * as messages from '../../workflows/messages';
import { actorOf } from '../actor';
import { badRequest } from '../problem';
import { caseListQuery, type DecisionRoute, decisionBodies, startCaseBody } from '../schemas';
import type { CaseService } from '../services/caseService';

/** Each decision route and the workflow Update it sends. */
const decisionUpdates: Record<DecisionRoute, Parameters<CaseService['decide']>[1]> = {
  'consideration-meeting': messages.recordConsiderationMeeting,
  'notification-decision': messages.recordNotificationDecision,
  'rapid-review': messages.recordRapidReview,
  votes: messages.recordVote,
  'panel-response': messages.recordPanelResponse,
  reconsideration: messages.recordReconsideration,
  extensions: messages.extendDeadline,
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

  for (const [route, update] of Object.entries(decisionUpdates) as [
    DecisionRoute,
    (typeof decisionUpdates)[DecisionRoute],
  ][]) {
    router.post(`/:id/${route}`, async (req, res) => {
      const actor = actorOf(req);
      const parsed = decisionBodies[route].safeParse(req.body ?? {});
      if (!parsed.success) throw badRequest(parsed.error);
      res.json(
        withId(await cases.decide(req.params.id as string, update, { ...parsed.data, actor } as never)),
      );
    });
  }

  return router;
}
