import { deadlineNoticesFrom } from '../policy/deadlineNotices';
import type { PolicyPack } from '../policy/schema';
import type { MeetingPolicy } from './types';

export function meetingPolicyFrom(pack: PolicyPack, policyVersion: string): MeetingPolicy {
  return {
    policyVersion,
    agendaRequestWorkingDays: { ...pack.meetings.agendaRequestWorkingDays },
    reportsWorkingDays: pack.meetings.reportsWorkingDays,
    agendaCirculationWorkingDays: pack.meetings.agendaCirculationWorkingDays,
    specialMeetingNoticeDays: pack.meetings.specialMeetingNoticeDays,
    deadlineNotices: deadlineNoticesFrom(pack),
  };
}
