/**
 * A partnership meeting and the timescales before it (000 §8.5): agenda item requests 15
 * working days before a Chief Officer Group or Executive Board meeting and 10 before a
 * subgroup, reports 7 working days before, the agenda circulated 5 before; and a special
 * meeting to reconsider a decision, called with 7 days' notice (000 §12.22-12.23).
 * Types only: workflow-safe.
 */
import type { IsoDate } from '../calendar/civilDate';
import type { DeadlineNoticeRules } from '../policy/schema';
import type { Decided } from '../decisions/catalogue';
import type { MeetingBody } from './bodies';
import type { Actor, CaseStatus, DeadlineView, NoticeSent, TimelineEvent } from '../case/types';

export type MeetingKind = 'executive' | 'subgroup' | 'special';

export interface MeetingPolicy {
  policyVersion: string;
  agendaRequestWorkingDays: { executive: number; subgroup: number };
  reportsWorkingDays: number;
  agendaCirculationWorkingDays: number;
  specialMeetingNoticeDays: number;
  /** Who is reminded and told of a missed deadline; absent in meetings from before it was kept. */
  deadlineNotices?: DeadlineNoticeRules;
}

/**
 * 000 §12.23: "Where the Chair considers the matter requires urgent consideration s/he can
 * determine a shorter time period": the Chair's reason, and the notice given instead.
 */
export interface UrgentNotice {
  reason: string;
  noticeDays: number;
  determinedBy: Actor;
}

export interface MeetingInput {
  meetingId: string;
  partnership: string;
  /** The partnership's reference for the meeting. */
  reference: string;
  kind: MeetingKind;
  /** The body meeting, e.g. "Executive Board" or "Learning and Improvement subgroup". */
  title: string;
  meetingDate: IsoDate;
  /** The day it was scheduled, as the API saw it (absent in histories from before: the workflow's first day). */
  scheduledOn?: IsoDate;
  startedBy?: Actor;
  policy: MeetingPolicy;
  /** A special meeting the Chair called at shorter notice as urgent. */
  urgency?: UrgentNotice;
}

export type MeetingStage = 'preparing' | 'held' | 'cancelled';

export type MeetingMilestone = 'agendaRequests' | 'reports' | 'agendaCirculation';

export type MilestoneDone = Decided<MeetingBody<'milestone'>>;

export type MeetingCancellation = Decided<MeetingBody<'cancellation'>>;

export interface MeetingView {
  meetingId: string;
  partnership: string;
  reference: string;
  kind: MeetingKind;
  title: string;
  meetingDate: IsoDate;
  stage: MeetingStage;
  status: CaseStatus;
  deadlines: DeadlineView[];
  timeline: TimelineEvent[];
  notices: NoticeSent[];
}
