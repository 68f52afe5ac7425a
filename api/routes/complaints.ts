import type { Router } from 'express';
import * as m from '../../workflows/complaintMessages';
import { routesOf } from '../decisionRoutes';
import { type ComplaintDecisionRoute, complaintDecisionBodies, startComplaintBody } from '../schemas';
import type { ComplaintService } from '../services/complaintService';
import { workflowResourceRouter } from './workflowResource';

type ComplaintUpdate = Parameters<ComplaintService['decide']>[1];

const updates: Record<ComplaintDecisionRoute, ComplaintUpdate> = {
  action: m.confirmAction,
  outcome: m.recordComplaintOutcome,
  appeal: m.recordAppeal,
  'appeal-answer': m.answerAppeal,
  closure: m.closeComplaint,
};

/** `/api/complaints`: 000 §13 complaints, started and decided like cases. */
export function complaintsRouter(complaints: ComplaintService): Router {
  return workflowResourceRouter({
    path: '/api/complaints',
    startBody: startComplaintBody,
    start: (body) => complaints.start(body),
    list: (filter) => complaints.list(filter),
    get: (id) => complaints.get(id),
    decide: (id, update, decision) => complaints.decide(id, update, decision as never),
    decisions: routesOf(complaintDecisionBodies, updates),
  });
}
