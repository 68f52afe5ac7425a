/** The decisions on a meeting (000 §8.5): each step before it done, or the meeting cancelled. */
import { CHAIRS, MANAGERS } from '../auth/roles';
import { decisionsOf } from '../decisions/catalogue';
import { meetingBodies } from './bodies';
import type { MeetingView } from './types';

const { decision } = decisionsOf<MeetingView>();

export const meetingDecisions = {
  milestone: decision({
    route: 'milestones',
    update: 'recordMilestone',
    body: meetingBodies.milestone,
    roles: MANAGERS,
    summary: 'Record a step before the meeting as done',
  }),
  cancellation: decision({
    route: 'cancellation',
    update: 'cancelMeeting',
    body: meetingBodies.cancellation,
    roles: MANAGERS,
    summary: 'Cancel the meeting',
  }),
};

/** Starting a meeting's clocks: who may. The Chair calls a special meeting (000 §12.23). */
export const startMeetingAccess = { roles: [...MANAGERS, ...CHAIRS], summary: 'Start a meeting' } as const;
