/**
 * A local child safeguarding practice review, from commissioning to publication and the
 * report's removal a year later (SPEC steps 5 and 6; seeds 002, 003, 004). Types only: safe
 * to import into workflow code.
 */
import type { IsoDate } from '../calendar/civilDate';
import type { ExtensionLimit } from '../policy/caseFileSettings';
import type { Decided } from '../decisions/catalogue';
import type { LocalReviewBody } from './bodies';
import type { LocalReviewStage } from './values';
import type { AgencyReturnView, CaseStatus, DeadlineView, NoticeSent, TimelineEvent } from '../case/types';

/** The settings of a partnership's pack that a local review runs by. */
export interface LocalReviewPolicy {
  policyVersion: string;
  /** Completed and published within this many months (003 L390: six). */
  completionMonths: number;
  /** From the partners' decision, or from the review's initiation (commissioning). */
  basis: 'decision' | 'initiation';
  /** The final report goes to the Panel and the Secretary of State this long before publication. */
  publicationNoticeWorkingDays: number;
  /** How long the published report stays on the website (003 L392: one year). */
  onlineMonths: number;
  /**
   * How far an approved delay may go beyond the six months; null: none may be approved.
   * Absent in reviews from before it was kept (the national rule then applies).
   */
  delayLimit?: ExtensionLimit | null;
  /** Working days between reminders of a pause with no known end (absent in older reviews). */
  pauseReminderWorkingDays?: number;
  /** A decision not to publish in full needs the Panel's agreement (002 L401). */
  exceptionsAgreedWithPanel?: boolean;
}

export interface LocalReviewInput {
  reviewId: string;
  /** The case that commissioned the review. */
  caseId: string;
  partnership: string;
  reference: string;
  /** The day the partners (or, after reconsideration, the executive group) decided on a review. */
  decidedOn: IsoDate;
  policy: LocalReviewPolicy;
}

export type ReviewerCommission = Decided<LocalReviewBody<'reviewer'>>;
export type DraftReceived = Decided<LocalReviewBody<'draft'>>;
export type SignOff = Decided<LocalReviewBody<'signOff'>>;
/** 003 L390: a delay approved by the executive group, with its reasons. */
export type ApprovedDelay = Decided<LocalReviewBody<'delay'>>;
export type PublicationDate = Decided<LocalReviewBody<'publicationDate'>>;
export type Publication = Decided<LocalReviewBody<'publication'>>;
export type NotPublishing = Decided<LocalReviewBody<'notPublishing'>>;
export type Takedown = Decided<LocalReviewBody<'takedown'>>;
export type ImprovementsPublication = Decided<LocalReviewBody<'improvementsPublication'>>;
export type Pause = Decided<LocalReviewBody<'pause'>>;
export type Resumption = Decided<LocalReviewBody<'resumption'>>;

export interface LocalReviewView {
  reviewId: string;
  caseId: string;
  partnership: string;
  reference: string;
  decidedOn: IsoDate;
  stage: LocalReviewStage;
  status: CaseStatus;
  reviewer?: Omit<ReviewerCommission, 'actor'>;
  drafts: Omit<DraftReceived, 'actor'>[];
  signedOffOn?: IsoDate;
  communicationStrategySignedOffOn?: IsoDate;
  publicationDate?: IsoDate;
  /** The day the final report went to the Panel and the Secretary of State. */
  reportSentOn?: IsoDate;
  /** The earliest publication date a decision made today may choose (for a report sent today). */
  earliestPublicationDate?: IsoDate;
  /** Not publishing in full: the day the information about the improvements was published. */
  improvementsPublishedOn?: IsoDate;
  /** Paused with no known end: since when and why. */
  pause?: { pausedOn: IsoDate; reason: string; details: string };
  publishedOn?: IsoDate;
  notPublishing?: Omit<NotPublishing, 'actor'>;
  deadlines: DeadlineView[];
  timeline: TimelineEvent[];
  notices: NoticeSent[];
  /** The agencies' information for the review; absent in reviews from before it was kept. */
  returns?: AgencyReturnView[];
}
