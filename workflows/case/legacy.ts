/**
 * What cases started under earlier versions of this workflow still need, so their saved
 * histories replay as they ran: the markers of each change of command sequence, and the
 * defaults of inputs that did not yet carry a setting.
 */
import type { CaseInput, CaseObligations, CasePolicy } from '../../src/case/types';
import { CASE_FILE_DEFAULTS } from '../../src/policy/caseFileSettings';
import type { RecipientRole } from '../../src/policy/schema';

/** Patch marker: from here on a local CSPR runs as the case's child workflow. */
export const LOCAL_REVIEW_CHILD = 'local-review-child';

/**
 * Patch marker: a case that carries its review's settings from its start hands those over,
 * instead of asking for the pack as it stands when the review starts.
 */
export const REVIEW_POLICY_FROM_CASE = 'review-policy-from-case';

/** What cases from before kinds were kept owe: all of them serious incidents. */
export const SERIOUS_INCIDENT: CaseObligations = {
  notification: true,
  rapidReview: true,
  partnersDecision: true,
  alsoNotify: [],
};

/** Cases from before kinds were kept said a looked-after child had died with a flag. */
export function legacyAlsoTold(input: CaseInput): RecipientRole[] {
  return !input.policy.obligations && input.lookedAfterChild && input.childDied
    ? ['ofsted', 'secretary-of-state']
    : [];
}

/**
 * What cases from before the truthful case file's settings were kept in their input run by:
 * the national rules (src/policy/caseFileSettings.ts), so their notification can no more be
 * extended than a new case's, and a tie of theirs can be resolved.
 */
export const NATIONAL_CASE_FILE: Required<
  Pick<CasePolicy, 'extensionLimits' | 'tieResolution' | 'familyToldWorkingDays'>
> = {
  extensionLimits: CASE_FILE_DEFAULTS.extensions.limits,
  tieResolution: {
    workingDays: CASE_FILE_DEFAULTS.tieResolution.workingDays,
    escalationWorkingDays: CASE_FILE_DEFAULTS.tieResolution.escalationWorkingDays,
  },
  familyToldWorkingDays: CASE_FILE_DEFAULTS.familyTold.workingDays,
};
