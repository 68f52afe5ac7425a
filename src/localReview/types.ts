/**
 * A local child safeguarding practice review, from commissioning to publication and the
 * report's removal a year later (SPEC steps 5 and 6; seeds 002, 003, 004). Types only: safe
 * to import into workflow code.
 */
import type { IsoDate } from '../calendar/civilDate';
import type {
  Actor,
  AgencyReturnView,
  CaseStatus,
  DeadlineView,
  NoticeSent,
  TimelineEvent,
} from '../case/types';

/** The settings of a partnership's pack that a local review runs by. */
export interface CsprPolicy {
  policyVersion: string;
  /** Completed and published within this many months (003 L390: six). */
  completionMonths: number;
  /** From the partners' decision, or from the review's initiation (commissioning). */
  basis: 'decision' | 'initiation';
  /** The final report goes to the Panel and the Secretary of State this long before publication. */
  publicationNoticeWorkingDays: number;
  /** How long the published report stays on the website (003 L392: one year). */
  onlineMonths: number;
}

export interface CsprInput {
  reviewId: string;
  /** The case that commissioned the review. */
  caseId: string;
  partnership: string;
  reference: string;
  /** The day the partners (or, after reconsideration, the executive group) decided on a review. */
  decidedOn: IsoDate;
  policy: CsprPolicy;
}

export type CsprStage =
  'commissioning' | 'drafting' | 'sign-off' | 'publication' | 'awaiting-publication' | 'published' | 'closed';

export interface ReviewerCommission {
  commissionedOn: IsoDate;
  /** The reviewer or their organisation: a professional, never the family. */
  reviewer: string;
  /** 002 L399: the reviewer is independent. */
  independent: boolean;
  termsOfReference: string;
  actor: Actor;
}

export interface DraftReceived {
  receivedOn: IsoDate;
  /** 004 §12.6: a first draft, then one further opportunity before sign-off. */
  draft: 'first' | 'further';
  actor: Actor;
}

export interface SignOff {
  signedOffOn: IsoDate;
  actor: Actor;
}

export type DelayReason = 'criminal-proceedings' | 'coronial-proceedings' | 'other';

/** 003 L390: a delay approved by the executive group, with its reasons. */
export interface ApprovedDelay {
  approvedOn: IsoDate;
  reason: DelayReason;
  details: string;
  newDueDate: IsoDate;
  actor: Actor;
}

export interface PublicationDate {
  publicationDate: IsoDate;
  actor: Actor;
}

export interface Publication {
  publishedOn: IsoDate;
  actor: Actor;
}

/** 003: information about improvements published instead of the full report. */
export interface NotPublishing {
  decidedOn: IsoDate;
  justification: string;
  improvementsPublishedOn: IsoDate;
  /** 002 L401: an exception agreed with the Panel, if there was one. */
  panelException?: string;
  actor: Actor;
}

export interface Takedown {
  removedOn: IsoDate;
  actor: Actor;
}

export interface CsprView {
  reviewId: string;
  caseId: string;
  partnership: string;
  reference: string;
  decidedOn: IsoDate;
  stage: CsprStage;
  status: CaseStatus;
  reviewer?: Omit<ReviewerCommission, 'actor'>;
  drafts: Omit<DraftReceived, 'actor'>[];
  signedOffOn?: IsoDate;
  communicationStrategySignedOffOn?: IsoDate;
  publicationDate?: IsoDate;
  /** The earliest publication date a decision made today may choose. */
  earliestPublicationDate?: IsoDate;
  publishedOn?: IsoDate;
  notPublishing?: Omit<NotPublishing, 'actor'>;
  deadlines: DeadlineView[];
  timeline: TimelineEvent[];
  notices: NoticeSent[];
  /** The agencies' information for the review; absent in reviews from before it was kept. */
  returns?: AgencyReturnView[];
}
