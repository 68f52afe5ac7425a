import type { Router } from 'express';
import * as m from '../../workflows/meetingMessages';
import { routesOf } from '../decisionRoutes';
import { type MeetingDecisionRoute, meetingDecisionBodies, startMeetingBody } from '../schemas';
import type { MeetingService } from '../services/meetingService';
import { workflowResourceRouter } from './workflowResource';

type MeetingUpdate = Parameters<MeetingService['decide']>[1];

const updates: Record<MeetingDecisionRoute, MeetingUpdate> = {
  milestones: m.recordMilestone,
  cancellation: m.cancelMeeting,
};

/** `/api/meetings`: the timescales before each partnership meeting (000 §8.5). */
export function meetingsRouter(meetings: MeetingService): Router {
  return workflowResourceRouter({
    path: '/api/meetings',
    startBody: startMeetingBody,
    start: (body) => meetings.start(body),
    list: (filter) => meetings.list(filter),
    get: (id) => meetings.get(id),
    decide: (id, update, decision) => meetings.decide(id, update, decision as never),
    decisions: routesOf(meetingDecisionBodies, updates),
  });
}
