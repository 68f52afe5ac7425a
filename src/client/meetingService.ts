/** Meetings as the API sees them: one meetingWorkflow per partnership and reference. */
import { formatIsoDate, parseIsoDate } from '../calendar/civilDate';
import { meetingPolicyFrom } from '../meeting/meetingPolicy';
import type { MeetingInput, MeetingView, UrgentNotice } from '../meeting/types';
import type { PolicyPack } from '../policy/schema';
import type { Actor } from '../case/types';
import { WorkflowTypes } from '../temporal/workflowTypes';
import { RecordKinds, recordIdFor } from '../ids';
import { meetingViewQuery } from '../meeting/messages';
import { DomainError } from '../errors';
import type { StartMeetingBody } from '../meeting/bodies';
import { assertKnownPartnership, assertPlausibleDate } from './startChecks';
import { RecordService } from './recordService';
import type { Summary } from './summaries';

export const meetingIdFor = (partnership: string, reference: string) =>
  recordIdFor(RecordKinds.meeting, partnership, reference);

export class MeetingService extends RecordService<MeetingView> {
  protected readonly kind = {
    workflowType: WorkflowTypes.meeting,
    viewQuery: meetingViewQuery,
    noun: 'meeting',
  };

  async start(body: StartMeetingBody, startedBy?: Actor): Promise<Summary> {
    assertKnownPartnership(this.policies, body.partnership);
    const pack = this.policies.get(body.partnership);
    const today = this.today();
    assertPlausibleDate(body.meetingDate, 'meetingDate', today);
    if (body.meetingDate <= today) {
      throw new DomainError(
        'refused',
        'Meeting date not in the future',
        `meetingDate ${body.meetingDate} is not after today`,
        [{ field: 'meetingDate', message: 'must be after today' }],
      );
    }
    const urgency = urgentNotice(pack, body, today, startedBy);
    const { urgentReason: _reason, ...meeting } = body;
    const id = meetingIdFor(body.partnership, body.reference);
    const input: MeetingInput = {
      meetingId: id,
      ...meeting,
      scheduledOn: today,
      ...(startedBy && { startedBy }),
      policy: meetingPolicyFrom(pack, this.policies.versions(body.partnership).policyVersion),
      ...(urgency && { urgency }),
    };
    return this.temporal.startRecord(WorkflowTypes.meeting, {
      id,
      input,
      request: body,
      partnership: body.partnership,
      reference: body.reference,
      stage: 'preparing',
      noun: 'meeting',
    });
  }
}

/**
 * A special meeting gives the pack's notice (000 §12.23: 7 days), unless the Chair considers
 * the matter urgent and the pack lets the Chair determine a shorter period: then the Chair's
 * reason and the notice actually given are kept with the meeting.
 */
function urgentNotice(
  pack: PolicyPack,
  body: StartMeetingBody,
  today: string,
  startedBy: Actor | undefined,
): UrgentNotice | undefined {
  const noticeDays = pack.meetings.specialMeetingNoticeDays;
  const earliest = formatIsoDate(parseIsoDate(today) + noticeDays);
  const short = body.kind === 'special' && body.meetingDate < earliest;
  if (body.urgentReason === undefined) {
    if (!short) return undefined;
    const shorter = pack.urgentSpecialMeetings.chairMayShortenNotice
      ? '; the Chair may determine a shorter period as urgent, giving urgentReason'
      : '';
    throw refusal(
      'Too little notice',
      `a special meeting needs ${noticeDays} days' notice: the earliest date is ${earliest}${shorter}`,
      'meetingDate',
      `must be on or after ${earliest}`,
    );
  }
  if (!short)
    throw refusal(
      'Not urgent',
      `urgentReason is for a special meeting at less than ${noticeDays} days' notice`,
      'urgentReason',
      'leave it out: the meeting has its full notice',
    );
  if (!pack.urgentSpecialMeetings.chairMayShortenNotice)
    throw refusal(
      'Too little notice',
      `${pack.name} gives every special meeting ${noticeDays} days' notice`,
      'meetingDate',
      `must be on or after ${earliest}`,
    );
  if (startedBy?.role !== 'independent-chair')
    throw refusal(
      'Only the Chair shortens the notice',
      'a shorter notice is for the Chair to determine (000 §12.23)',
      'urgentReason',
      'only the independent chair may give it',
    );
  return {
    reason: body.urgentReason,
    noticeDays: parseIsoDate(body.meetingDate) - parseIsoDate(today),
    determinedBy: startedBy,
  };
}

const refusal = (title: string, detail: string, field: string, message: string) =>
  new DomainError('refused', title, detail, [{ field, message }]);
