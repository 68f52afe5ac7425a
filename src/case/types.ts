/**
 * The shapes a case is made of, shared by the workflow (which owns the state), the API and
 * the dashboard (which show it). Types only: safe to import into workflow code.
 */
import type { DeadlineRule, IsoDate } from '../calendar';

export type Role =
  | 'safeguarding-lead'
  | 'business-manager'
  | 'partner-representative'
  | 'panel-liaison'
  | 'independent-chair'
  | 'viewer';

/** Who did something: recorded with every decision so the history is the audit trail. */
export interface Actor {
  userId: string;
  role: Role;
}

export interface CaseInput {
  caseId: string;
  partnership: string;
  /** The partnership's own case reference: never a child's name. */
  reference: string;
  /** The day a partner became aware of the incident (day 0 of the notification clock). */
  awareAt: IsoDate;
  abuseOrNeglectSuspected: boolean;
  childDied: boolean;
  seriouslyHarmed: boolean;
  startedBy?: Actor;
}

export type CaseStage = 'notification' | 'rapid-review' | 'closed';
export type CaseStatus = 'open' | 'closed';

export type DeadlineKey = 'notification' | 'rapidReview';

export type DeadlineState = 'pending' | 'met' | 'breached' | 'met-late' | 'extended' | 'not-applicable';

/** A due date as planned by the calendar activity, with what it was planned with. */
export interface PlannedDeadline {
  key: DeadlineKey;
  basisDate: IsoDate;
  rule: DeadlineRule;
  /** Human wording of the rule, e.g. "5 working days after". */
  ruleText: string;
  dueDate: IsoDate;
  dueAt: string;
  holidaySource: 'gov.uk' | 'date-holidays';
  calendarVersion: string;
  policyVersion: string;
}

export interface DeadlineView extends PlannedDeadline {
  state: DeadlineState;
  /** The day the obligation was actually fulfilled, when it has been. */
  metOn?: IsoDate;
  breachedAt?: string;
  notApplicableReason?: string;
}

export interface TimelineEvent {
  at: string;
  type: string;
  summary: string;
  actor?: Actor;
}

export type NotificationDecision =
  | { outcome: 'notified'; notifiedOn: IsoDate; actor: Actor }
  | { outcome: 'not-notifiable'; decidedOn: IsoDate; rationale: string; actor: Actor };

export interface CaseView {
  caseId: string;
  partnership: string;
  reference: string;
  awareAt: IsoDate;
  stage: CaseStage;
  status: CaseStatus;
  deadlines: DeadlineView[];
  timeline: TimelineEvent[];
}

/** The settings of a partnership's policy pack that a case workflow runs by. */
export interface CasePolicy {
  partnership: string;
  policyVersion: string;
  notificationWorkingDays: number;
  rapidReviewWorkingDays: number;
  rapidReviewBasis: 'notification' | 'awareness';
}
