/**
 * The messages of a local CSPR (csprWorkflow), shared by the workflow and the API. Every
 * decision is an Update answered with the review's view; the case hears of progress through
 * `localReviewProgress`.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AgencyReturnChase,
  AgencyReturnReceipt,
  AgencyReturnRequest,
  AgencyReturnWithdrawal,
  LocalReviewSummary,
} from '../case/types';
import type {
  ApprovedDelay,
  CsprView,
  DraftReceived,
  NotPublishing,
  Publication,
  PublicationDate,
  ReviewerCommission,
  SignOff,
  Takedown,
} from './types';

export const csprViewQuery = defineQuery<CsprView>('csprView');

export const commissionReviewer = defineUpdate<CsprView, [ReviewerCommission]>('commissionReviewer');
export const recordDraft = defineUpdate<CsprView, [DraftReceived]>('recordDraft');
export const recordSignOff = defineUpdate<CsprView, [SignOff]>('recordSignOff');
export const approveDelay = defineUpdate<CsprView, [ApprovedDelay]>('approveDelay');
export const recordCommunicationStrategy = defineUpdate<CsprView, [SignOff]>('recordCommunicationStrategy');
export const setPublicationDate = defineUpdate<CsprView, [PublicationDate]>('setPublicationDate');
export const recordPublication = defineUpdate<CsprView, [Publication]>('recordPublication');
export const recordNotPublishing = defineUpdate<CsprView, [NotPublishing]>('recordNotPublishing');
export const recordTakedown = defineUpdate<CsprView, [Takedown]>('recordTakedown');

/** The information the review is built from, asked of agencies as the rapid review's was. */
export const requestReviewReturn = defineUpdate<CsprView, [AgencyReturnRequest]>('requestAgencyReturn');
export const recordReviewReturn = defineUpdate<CsprView, [AgencyReturnReceipt]>('recordAgencyReturn');
export const withdrawReviewReturn = defineUpdate<CsprView, [AgencyReturnWithdrawal]>('withdrawAgencyReturn');
export const chaseReviewReturn = defineUpdate<CsprView, [AgencyReturnChase]>('chaseAgencyReturn');

/** Sent by the review to its case whenever its stage or deadlines change. */
export const localReviewProgress = defineSignal<[LocalReviewSummary]>('localReviewProgress');
