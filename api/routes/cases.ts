import { type Request, Router } from 'express';
import type { z } from 'zod';
import type { CaseView } from '../../src/case/types';
import * as csprMessages from '../../workflows/csprMessages';
import * as messages from '../../workflows/messages';
import { actorOf } from '../actor';
import { badRequest } from '../problem';
import {
  caseListQuery,
  type CsprDecisionRoute,
  csprDecisionBodies,
  type DecisionRoute,
  decisionBodies,
  startCaseBody,
} from '../schemas';
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

const entries = <K extends string, V>(table: Record<K, V>) => Object.entries(table) as [K, V][];

/** A decision's body, validated, with the actor taken from who is asking. */
function decisionOf(req: Request, body: z.ZodType): Record<string, unknown> {
  const actor = actorOf(req);
  const parsed = body.safeParse(req.body ?? {});
  if (!parsed.success) throw badRequest(parsed.error);
  return { ...(parsed.data as Record<string, unknown>), actor };
}

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

  for (const [route, update] of entries(decisionUpdates)) {
    router.post(`/:id/${route}`, async (req, res) => {
      const decision = decisionOf(req, decisionBodies[route]);
      res.json(withId(await cases.decide(req.params.id as string, update, decision as never)));
    });
  }

  router.get('/:id/cspr', async (req, res) => {
    res.json(await cases.getReview(req.params.id));
  });

  for (const [route, update] of entries(csprUpdates)) {
    router.post(`/:id/cspr/${route}`, async (req, res) => {
      const decision = decisionOf(req, csprDecisionBodies[route]);
      res.json(await cases.decideReview(req.params.id as string, update, decision as never));
    });
  }

  return router;
}
