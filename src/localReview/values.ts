/** The values a local review's decisions turn on, each spelled here once. */

export const LocalReviewStages = {
  commissioning: 'commissioning',
  drafting: 'drafting',
  signOff: 'sign-off',
  publication: 'publication',
  awaitingPublication: 'awaiting-publication',
  /** Not publishing in full: information about the improvements to be published instead (003). */
  improvements: 'improvements',
  published: 'published',
  closed: 'closed',
} as const;
export type LocalReviewStage = (typeof LocalReviewStages)[keyof typeof LocalReviewStages];

/** 004 §12.6: a first draft, then one further opportunity before sign-off. */
export const Drafts = { first: 'first', further: 'further' } as const;
export type DraftKind = (typeof Drafts)[keyof typeof Drafts];

/** 003 L390: why the executive group may approve a delay. */
export const DelayReasons = {
  criminalProceedings: 'criminal-proceedings',
  coronialProceedings: 'coronial-proceedings',
  other: 'other',
} as const;
export type DelayReason = (typeof DelayReasons)[keyof typeof DelayReasons];

/** The reasons as a notice and a form word them. */
export const DELAY_WORDS: Record<DelayReason, string> = {
  [DelayReasons.criminalProceedings]: 'criminal proceedings',
  [DelayReasons.coronialProceedings]: 'coronial proceedings',
  [DelayReasons.other]: 'other reasons',
};
