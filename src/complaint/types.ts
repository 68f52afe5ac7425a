/**
 * A complaint about the partnership's own work (000 §13): received by the partnership
 * manager, action confirmed within 5 working days, the subgroup chair's outcome or a
 * timescale for further action within 20 working days of the referral, and an appeal to the
 * independent chair answered within 10 working days. The complainant is never named here:
 * the complaint carries the partnership's reference only. Types only: workflow-safe.
 */
import type { IsoDate } from '../calendar/civilDate';
import type { DeadlineNoticeRules } from '../policy/schema';
import type { Decided } from '../decisions/catalogue';
import type { ComplaintBody } from './bodies';
import type { Actor, CaseStatus, DeadlineView, NoticeSent, TimelineEvent } from '../case/types';

export interface ComplaintPolicy {
  policyVersion: string;
  actionConfirmedWorkingDays: number;
  outcomeWorkingDays: number;
  appealResponseWorkingDays: number;
  /** Who is reminded and told of a missed deadline; absent in complaints from before it was kept. */
  deadlineNotices?: DeadlineNoticeRules;
}

export interface ComplaintInput {
  complaintId: string;
  partnership: string;
  reference: string;
  /** The day the partnership manager received it: the referral (000 §13.4, §13.5). */
  receivedOn: IsoDate;
  startedBy?: Actor;
  policy: ComplaintPolicy;
}

export type ComplaintStage =
  'received' | 'awaiting-outcome' | 'further-action' | 'outcome-given' | 'appeal' | 'closed';

export type ActionConfirmed = Decided<ComplaintBody<'action'>>;

/** 000 §13.5: the outcome, or a timescale for completing further action. */
export type ComplaintOutcome = Decided<ComplaintBody<'outcome'>>;

export type Appeal = Decided<ComplaintBody<'appeal'>>;

/** 000 §13.6: the chair responds, or refers the complaint to the statutory partners. */
export type AppealAnswer = Decided<ComplaintBody<'appealAnswer'>>;

export type ComplaintClosure = Decided<ComplaintBody<'closure'>>;

export interface ComplaintView {
  complaintId: string;
  partnership: string;
  reference: string;
  receivedOn: IsoDate;
  stage: ComplaintStage;
  status: CaseStatus;
  deadlines: DeadlineView[];
  timeline: TimelineEvent[];
  notices: NoticeSent[];
}
