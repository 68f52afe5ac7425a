import type { PolicyPack } from '../policy/schema';
import type { CsprPolicy } from './types';

/** A local review's settings, taken from the pack when the review starts and kept in its input. */
export function csprPolicyFrom(pack: PolicyPack, policyVersion: string): CsprPolicy {
  return {
    policyVersion,
    completionMonths: pack.cspr.completionMonths,
    basis: pack.cspr.basis,
    publicationNoticeWorkingDays: pack.cspr.publicationNoticeWorkingDays,
    onlineMonths: pack.cspr.onlineMonths,
  };
}
