/** Meetings as the API sees them: one meetingWorkflow per partnership and reference. */
import { formatIsoDate, parseIsoDate } from '../calendar/civilDate';
import { meetingPolicyFrom } from '../meeting/meetingPolicy';
import type { MeetingInput, MeetingView } from '../meeting/types';
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
    const noticeDays = pack.meetings.specialMeetingNoticeDays;
    const earliest = formatIsoDate(parseIsoDate(today) + noticeDays);
    if (body.kind === 'special' && body.meetingDate < earliest) {
      throw new DomainError(
        'refused',
        'Too little notice',
        `a special meeting needs ${noticeDays} days' notice (000 §12.23): the earliest date is ${earliest}`,
        [{ field: 'meetingDate', message: `must be on or after ${earliest}` }],
      );
    }
    const id = meetingIdFor(body.partnership, body.reference);
    const input: MeetingInput = {
      meetingId: id,
      ...body,
      ...(startedBy && { startedBy }),
      policy: meetingPolicyFrom(pack, this.policies.versions(body.partnership).policyVersion),
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
