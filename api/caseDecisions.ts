/** Each decision on a case: who may take it, and the Update it sends; the API and the dashboard share it. */
import type { CaseService } from '../src/client/caseService';
import type { Role } from '../src/auth/roles';
import * as csprMessages from '../src/localReview/messages';
import * as messages from '../src/case/messages';
import { APPROVERS, LEADS, LIAISONS, MANAGERS, PARTNERS } from '../src/auth/roles';
import type { CaseDecisionRoute, CsprDecisionRoute } from './schemas';

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
  'agency-returns': {
    roles: MANAGERS,
    summary: "Request an agency's information for the rapid review",
    update: messages.requestAgencyReturn,
  },
  'agency-return-receipts': {
    roles: MANAGERS,
    summary: "Record an agency's information as received",
    update: messages.recordAgencyReturn,
  },
  'agency-return-withdrawals': {
    roles: MANAGERS,
    summary: 'Withdraw a request for information',
    update: messages.withdrawAgencyReturn,
  },
  'agency-return-chases': {
    roles: MANAGERS,
    summary: 'Chase an agency for its information now',
    update: messages.chaseAgencyReturn,
  },
};

/** Each decision on a case's local review: who may take it, and the Update it sends. */
export const reviewDecisions: Record<
  CsprDecisionRoute,
  { roles: readonly Role[]; summary: string; update: Parameters<CaseService['decideReview']>[1] }
> = {
  reviewer: {
    roles: MANAGERS,
    summary: 'Commission the independent reviewer',
    update: csprMessages.commissionReviewer,
  },
  drafts: { roles: MANAGERS, summary: 'Record a draft of the review', update: csprMessages.recordDraft },
  'sign-off': {
    roles: APPROVERS,
    summary: 'Record the sign-off of the review',
    update: csprMessages.recordSignOff,
  },
  delays: {
    roles: APPROVERS,
    summary: 'Record an approved delay of the review',
    update: csprMessages.approveDelay,
  },
  'communication-strategy': {
    roles: APPROVERS,
    summary: 'Record the sign-off of the communication strategy',
    update: csprMessages.recordCommunicationStrategy,
  },
  'publication-date': {
    roles: MANAGERS,
    summary: 'Set the publication date',
    update: csprMessages.setPublicationDate,
  },
  publication: { roles: MANAGERS, summary: 'Record the publication', update: csprMessages.recordPublication },
  'not-publishing': {
    roles: APPROVERS,
    summary: 'Record a decision not to publish in full',
    update: csprMessages.recordNotPublishing,
  },
  takedown: {
    roles: MANAGERS,
    summary: 'Record the removal of the report',
    update: csprMessages.recordTakedown,
  },
  'agency-returns': {
    roles: MANAGERS,
    summary: "Request an agency's information for the review",
    update: csprMessages.requestReviewReturn,
  },
  'agency-return-receipts': {
    roles: MANAGERS,
    summary: "Record an agency's information for the review as received",
    update: csprMessages.recordReviewReturn,
  },
  'agency-return-withdrawals': {
    roles: MANAGERS,
    summary: "Withdraw a request for the review's information",
    update: csprMessages.withdrawReviewReturn,
  },
  'agency-return-chases': {
    roles: MANAGERS,
    summary: "Chase an agency for the review's information now",
    update: csprMessages.chaseReviewReturn,
  },
};
