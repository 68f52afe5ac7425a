/** The messages of a complaint (complaintWorkflow), shared by the workflow and the API. */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  ActionConfirmed,
  Appeal,
  AppealAnswer,
  ComplaintClosure,
  ComplaintOutcome,
  ComplaintView,
} from './types';

export const complaintViewQuery = defineQuery<ComplaintView>('complaintView');

export const confirmAction = defineUpdate<ComplaintView, [ActionConfirmed]>('confirmAction');
export const recordComplaintOutcome = defineUpdate<ComplaintView, [ComplaintOutcome]>(
  'recordComplaintOutcome',
);
export const recordAppeal = defineUpdate<ComplaintView, [Appeal]>('recordAppeal');
export const answerAppeal = defineUpdate<ComplaintView, [AppealAnswer]>('answerAppeal');
export const closeComplaint = defineUpdate<ComplaintView, [ComplaintClosure]>('closeComplaint');
