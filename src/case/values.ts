/**
 * Every set of values a case's decisions turn on, each spelled here once: the types, the
 * request schemas, the workflow and the dashboard all refer to these names.
 */

/** The stages of a case, in the order the statutory process goes through them (SPEC 1–5). */
export const CaseStages = {
  notification: 'notification',
  rapidReview: 'rapid-review',
  /** The partners' decision whether to review. */
  partnersDecision: 'review-decision',
  panelResponse: 'panel-response',
  reconsideration: 'reconsideration',
  csprCommissioned: 'cspr-commissioned',
  localReview: 'local-review',
  nationalReview: 'national-review',
  closed: 'closed',
  /** Opened in error or a duplicate: closed with its reason, never deleted. */
  withdrawn: 'withdrawn',
} as const;
export type CaseStage = (typeof CaseStages)[keyof typeof CaseStages];
export const CASE_STAGES = Object.values(CaseStages);

/** The stages at which a case still waits on its own decisions (steps 1 to 4). */
export const DECIDING_STAGES: readonly CaseStage[] = [
  CaseStages.notification,
  CaseStages.rapidReview,
  CaseStages.partnersDecision,
  CaseStages.panelResponse,
  CaseStages.reconsideration,
];

/** The stages the dashboard lists open cases by: the deciding stages and the local review. */
export const OPEN_CASE_STAGES: readonly CaseStage[] = [...DECIDING_STAGES, CaseStages.localReview];

export const NotificationOutcomes = { notified: 'notified', notNotifiable: 'not-notifiable' } as const;

/** How a rapid review was held: a meeting, or a Virtual Panel where the pack allows one (004 §12.6). */
export const ReviewFormats = { meeting: 'meeting', virtualPanel: 'virtual-panel' } as const;
export type ReviewFormat = (typeof ReviewFormats)[keyof typeof ReviewFormats];

/** What the partners may decide, each partner's vote one of these (003). */
export const ReviewOutcomes = {
  localCspr: 'local-cspr',
  referNational: 'refer-national',
  noReview: 'no-review',
} as const;
export type ReviewOutcome = (typeof ReviewOutcomes)[keyof typeof ReviewOutcomes];
export const REVIEW_OUTCOMES = Object.values(ReviewOutcomes);

export const PanelResponses = {
  agrees: 'agrees',
  disagrees: 'disagrees',
  nationalReview: 'national-review',
} as const;
export type PanelResponseKind = (typeof PanelResponses)[keyof typeof PanelResponses];

/**
 * What the partners may decide on reconsidering after the Panel disagrees: Durham's two (003
 * L379), and no review after all; each pack says which of them its partners have.
 */
export const ReconsiderationOutcomes = {
  adhere: 'adhere',
  commissionCspr: 'commission-cspr',
  noReview: ReviewOutcomes.noReview,
} as const;
export type ReconsiderationOutcome = (typeof ReconsiderationOutcomes)[keyof typeof ReconsiderationOutcomes];

/** What cases from before the pack named their outcomes could reconsider to (003 L379). */
export const RECONSIDERED_BEFORE: readonly ReconsiderationOutcome[] = [
  ReconsiderationOutcomes.adhere,
  ReconsiderationOutcomes.commissionCspr,
];

/** The outcomes as a form offers them. */
export const RECONSIDERATION_CHOICES: Record<ReconsiderationOutcome, string> = {
  [ReconsiderationOutcomes.adhere]: 'Adhere to the decision',
  [ReconsiderationOutcomes.commissionCspr]: 'Commission a local review',
  [ReconsiderationOutcomes.noReview]: 'No review after all',
};

/**
 * How the independent chair resolves a tied vote (000 §12.19): by recording the outcome with
 * its rationale, or by escalating it (to the Chief Officer Group; §12.8: the Inter Agency
 * Agreement's dispute resolution), whose outcome is then recorded the same way.
 */
export const TieResolutions = { outcome: 'outcome', escalated: 'escalated' } as const;

/** Who chaired the meeting that decides: a quorum may need the chair or vice chair (004 §8.1). */
export const MeetingChairs = { chair: 'chair', viceChair: 'vice-chair', other: 'other' } as const;

/** The Chair's answer to a majority that must include the Chair's consent (000 §12.34). */
export const ChairConsents = { given: 'given', withheld: 'withheld' } as const;

/** How the child and family were told the outcome: in writing, in person as well where possible (003). */
export const FamilyToldHow = {
  inWriting: 'in-writing',
  inPersonAndWriting: 'in-person-and-in-writing',
} as const;

/** Why a case is withdrawn. */
export const WithdrawalReasons = { openedInError: 'opened-in-error', duplicate: 'duplicate' } as const;

/** The case's own clocks (steps 1 to 4), which an extension may name. */
export const CASE_DEADLINE_KEYS = [
  'considerationMeeting',
  'notification',
  'rapidReview',
  'panelResponse',
] as const;
export type CaseDeadlineKey = (typeof CASE_DEADLINE_KEYS)[number];

/** The wording of each outcome, for notices and the timeline. */
export const REVIEW_OUTCOME_WORDS: Record<ReviewOutcome, string> = {
  [ReviewOutcomes.localCspr]: 'a local child safeguarding practice review',
  [ReviewOutcomes.referNational]: 'refer to the National Panel as possibly needing a national review',
  [ReviewOutcomes.noReview]: 'no review',
};

/** The outcomes as a form offers them. */
export const REVIEW_OUTCOME_CHOICES: Record<ReviewOutcome, string> = {
  [ReviewOutcomes.localCspr]: 'A local child safeguarding practice review',
  [ReviewOutcomes.referNational]: 'Refer to the National Panel',
  [ReviewOutcomes.noReview]: 'No review',
};
