/**
 * A learning action: what a review's recommendation asks an agency to do, tracked to completion
 * by the sub-group the pack names (002 L403: action plans from case reviews are monitored by
 * Dudley's joint Learning and Improvement sub-group; 004 L580: Kirklees's CSPR sub-group holds
 * members to their contributions to action plans). An action runs as a workflow of its own, so
 * it outlives the case it came from. Types only: workflow-safe.
 */
import type { IsoDate } from '../calendar/civilDate';
import type { DeadlineNoticeRules } from '../policy/schema';
import type { Decided } from '../decisions/catalogue';
import type { LearningActionBody } from './bodies';
import type { Actor, CaseStatus, DeadlineView, NoticeSent, TimelineEvent } from '../case/types';

export interface LearningActionInput {
  actionId: string;
  partnership: string;
  /** The action's own reference in the partnership's action plan. */
  reference: string;
  /** The case the learning came from; the case may close while the action runs on. */
  caseId: string;
  source: 'rapid-review' | 'cspr';
  recommendation: string;
  action: string;
  owner: { agency: string; agencyName: string };
  dueDate: IsoDate;
  /** The sub-group that monitors it, in the pack's words. */
  overseenBy: string;
  /** The day it was agreed, as the API saw it (absent in histories from before: the workflow's first day). */
  agreedOn?: IsoDate;
  startedBy?: Actor;
  /** Who is reminded and told it is overdue; absent in actions from before it was kept. */
  deadlineNotices?: DeadlineNoticeRules;
}

export type LearningActionStage = 'open' | 'overdue' | 'done' | 'closed-without-completion';

export type ActionCompletion = Decided<LearningActionBody<'completion'>>;

export type ActionClosure = Decided<LearningActionBody<'closure'>>;

export interface LearningActionView extends Omit<LearningActionInput, 'startedBy' | 'actionId'> {
  actionId: string;
  stage: LearningActionStage;
  status: CaseStatus;
  deadlines: DeadlineView[];
  timeline: TimelineEvent[];
  notices: NoticeSent[];
  doneOn?: IsoDate;
  evidence?: string;
  closedReason?: string;
}
