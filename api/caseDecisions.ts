/** Each decision on a case: who may take it, and the Update it sends; the API and the dashboard share it. */
import type { CaseService } from './services/caseService';
import type { Role } from '../src/case/types';
import * as messages from '../workflows/messages';
import { APPROVERS, LEADS, LIAISONS, MANAGERS, PARTNERS } from './endpoints/access';
import type { CaseDecisionRoute } from './schemas';

export const caseDecisions: Record<
  CaseDecisionRoute,
  { roles: readonly Role[]; summary: string; update: Parameters<CaseService['decide']>[1] }
> = {
  'consideration-meeting': {
    roles: LEADS,
    summary: 'Record the notification consideration meeting',
    update: messages.recordConsiderationMeeting,
  },
  'notification-decision': {
    roles: LEADS,
    summary: 'Record the notification decision',
    update: messages.recordNotificationDecision,
  },
  'rapid-review': { roles: LEADS, summary: 'Record the rapid review', update: messages.recordRapidReview },
  votes: { roles: PARTNERS, summary: "Record a partner's vote", update: messages.recordVote },
  'panel-response': {
    roles: LIAISONS,
    summary: "Record the National Panel's response",
    update: messages.recordPanelResponse,
  },
  reconsideration: {
    roles: MANAGERS,
    summary: 'Record the reconsideration',
    update: messages.recordReconsideration,
  },
  extensions: { roles: APPROVERS, summary: 'Extend a deadline', update: messages.extendDeadline },
};
