import { deadlineNoticesFrom } from '../policy/deadlineNotices';
import type { PolicyPack } from '../policy/schema';
import type { ComplaintPolicy } from './types';

export function complaintPolicyFrom(pack: PolicyPack, policyVersion: string): ComplaintPolicy {
  return {
    policyVersion,
    actionConfirmedWorkingDays: pack.complaints.actionConfirmedWorkingDays,
    outcomeWorkingDays: pack.complaints.outcomeWorkingDays,
    appealResponseWorkingDays: pack.complaints.appealResponseWorkingDays,
    deadlineNotices: deadlineNoticesFrom(pack),
  };
}
