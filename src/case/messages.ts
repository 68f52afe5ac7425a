/**
 * Every message a case workflow answers, defined once and imported by both the workflow and
 * the API, so their names and types cannot drift apart. Each human decision is an Update:
 * validated by the workflow, answered with the case as the decision leaves it, and kept in
 * the history with who made it.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AgencyReturnChase,
  AgencyReturnReceipt,
  AgencyReturnRequest,
  AgencyReturnWithdrawal,
  CaseView,
  ConsiderationMeeting,
  DeadlineExtension,
  NotificationDecision,
  PanelResponse,
  PartnerVote,
  RapidReviewCompletion,
  Reconsideration,
  Replan,
} from './types';

export const caseViewQuery = defineQuery<CaseView>('caseView');

export const recordConsiderationMeeting = defineUpdate<CaseView, [ConsiderationMeeting]>(
  'recordConsiderationMeeting',
);
export const recordNotificationDecision = defineUpdate<CaseView, [NotificationDecision]>(
  'recordNotificationDecision',
);
export const recordRapidReview = defineUpdate<CaseView, [RapidReviewCompletion]>('recordRapidReview');
export const recordVote = defineUpdate<CaseView, [PartnerVote]>('recordVote');
export const recordPanelResponse = defineUpdate<CaseView, [PanelResponse]>('recordPanelResponse');
export const recordReconsideration = defineUpdate<CaseView, [Reconsideration]>('recordReconsideration');
export const extendDeadline = defineUpdate<CaseView, [DeadlineExtension]>('extendDeadline');
export const requestAgencyReturn = defineUpdate<CaseView, [AgencyReturnRequest]>('requestAgencyReturn');
export const recordAgencyReturn = defineUpdate<CaseView, [AgencyReturnReceipt]>('recordAgencyReturn');
export const withdrawAgencyReturn = defineUpdate<CaseView, [AgencyReturnWithdrawal]>('withdrawAgencyReturn');
export const chaseAgencyReturn = defineUpdate<CaseView, [AgencyReturnChase]>('chaseAgencyReturn');

/** The calendar changed: plan every open deadline again and record what moved. */
export const replanDeadlines = defineSignal<[Replan]>('replanDeadlines');
