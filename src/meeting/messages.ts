/** A meeting's view, besides its decisions (./decisions.ts). */
import { defineQuery } from '@temporalio/workflow';
import type { MeetingView } from './types';

export const meetingViewQuery = defineQuery<MeetingView>('meetingView');
