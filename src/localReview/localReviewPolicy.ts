import type { PolicyPack } from '../policy/schema';
import type { LocalReviewPolicy } from './types';

/** A local review's settings, taken from the pack when the review starts and kept in its input. */
export function localReviewPolicyFrom(pack: PolicyPack, policyVersion: string): LocalReviewPolicy {
  return {
    policyVersion,
    completionMonths: pack.cspr.completionMonths,
    basis: pack.cspr.basis,
    publicationNoticeWorkingDays: pack.cspr.publicationNoticeWorkingDays,
    onlineMonths: pack.cspr.onlineMonths,
    delayLimit: pack.extensions.limits.csprPublication ?? null,
    pauseReminderWorkingDays: pack.localReviewPause.reminderWorkingDays,
    exceptionsAgreedWithPanel: pack.publicationExceptions.agreedWithPanel,
  };
}
