/**
 * A local child safeguarding practice review, from commissioning to publication and the
 * report's removal a year later (SPEC steps 5 and 6; seeds 002, 003, 004). Types only: safe
 * to import into workflow code.
 */
import type { IsoDate } from '../calendar/civilDate';
import type { Decided } from '../decisions/catalogue';
import type { LocalReviewBody } from './bodies';
import type { LocalReviewStage } from './values';
import type { CaseStatus, DeadlineView, NoticeSent, TimelineEvent } from '../case/types';
import type { AgencyReturnView } from '../agencyReturns/types';

import type { LocalReviewPolicy } from './localReviewPolicy';

export type { LocalReviewPolicy };

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
export type CommentsSent = Decided<LocalReviewBody<'comments'>>;
/** A round of comments as recorded: on which draft (1 is the first). */
export type CommentRound = CommentsSent & { onDraft: number };
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
  /** Absent in reviews from before comment rounds were kept. */
  comments?: Omit<CommentRound, 'actor'>[];
  /** What the review runs by: its pack's version and edition when its case started. */
  rules?: { policyVersion: string; workingTogetherEdition?: string; commentsBy: string };
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
