/** The messages of a meeting (meetingWorkflow), shared by the workflow and the API. */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { MeetingCancellation, MeetingView, MilestoneDone } from './types';

export const meetingViewQuery = defineQuery<MeetingView>('meetingView');

export const recordMilestone = defineUpdate<MeetingView, [MilestoneDone]>('recordMilestone');
export const cancelMeeting = defineUpdate<MeetingView, [MeetingCancellation]>('cancelMeeting');
