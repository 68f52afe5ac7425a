/** Meetings as the API sees them: one meetingWorkflow per partnership and reference. */
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { formatIsoDate, parseIsoDate } from '../../src/calendar/civilDate';
import { londonDate } from '../../src/calendar/london';
import { meetingPolicyFrom } from '../../src/meeting/meetingPolicy';
import type { MeetingInput, MeetingView } from '../../src/meeting/types';
import type { PolicyRegistry } from '../../src/policy/registry';
import { CaseRef, CaseStage, CaseStatus, Partnership } from '../../src/temporal/searchAttributes';
import { meetingWorkflow } from '../../workflows/meeting';
import { meetingViewQuery } from '../../workflows/meetingMessages';
import { HttpProblem } from '../problem';
import type { StartMeetingBody } from '../schemas';
import { assertKnownPartnership } from './startChecks';
import { listSummaries, type Summary } from './summaries';
import { WorkflowGateway } from './workflowGateway';

export const meetingIdFor = (partnership: string, reference: string) => `meeting-${partnership}-${reference}`;

export class MeetingService {
  private readonly temporal: WorkflowGateway;

  constructor(
    client: Client,
    taskQueue: string,
    private readonly policies: PolicyRegistry,
    private readonly today: () => string = () => londonDate(new Date()),
  ) {
    this.temporal = new WorkflowGateway(client, taskQueue);
  }

  async start(body: StartMeetingBody): Promise<Summary> {
    assertKnownPartnership(this.policies, body.partnership);
    const pack = this.policies.get(body.partnership);
    const today = this.today();
    if (body.meetingDate <= today) {
      throw new HttpProblem(
        422,
        'Meeting date not in the future',
        `meetingDate ${body.meetingDate} is not after today`,
        [{ field: 'meetingDate', message: 'must be after today' }],
      );
    }
    const noticeDays = pack.meetings.specialMeetingNoticeDays;
    const earliest = formatIsoDate(parseIsoDate(today) + noticeDays);
    if (body.kind === 'special' && body.meetingDate < earliest) {
      throw new HttpProblem(
        422,
        'Too little notice',
        `a special meeting needs ${noticeDays} days' notice (000 §12.23): the earliest date is ${earliest}`,
        [{ field: 'meetingDate', message: `must be on or after ${earliest}` }],
      );
    }
    const id = meetingIdFor(body.partnership, body.reference);
    const input: MeetingInput = {
      meetingId: id,
      ...body,
      policy: meetingPolicyFrom(pack, this.policies.versions(body.partnership).policyVersion),
    };
    await this.temporal.startOnce(
      meetingWorkflow,
      {
        workflowId: id,
        args: [input],
        typedSearchAttributes: [
          { key: Partnership, value: body.partnership },
          { key: CaseRef, value: body.reference },
          { key: CaseStage, value: 'preparing' },
          { key: CaseStatus, value: 'open' },
        ],
      },
      new HttpProblem(
        409,
        'Meeting already exists',
        `${body.partnership} already has a meeting ${body.reference}`,
        [{ field: 'reference', message: 'is already in use in this partnership' }],
      ),
    );
    return {
      id,
      partnership: body.partnership,
      reference: body.reference,
      stage: 'preparing',
      status: 'open',
      nextDeadlineAt: null,
      breached: false,
    };
  }

  get(id: string): Promise<MeetingView> {
    return this.temporal.read(id, meetingViewQuery, `no meeting ${id}`);
  }

  decide<A>(id: string, update: UpdateDefinition<MeetingView, [A]>, arg: A): Promise<MeetingView> {
    return this.temporal.send(id, update, arg, `no meeting ${id}`);
  }

  list(filter: { partnership?: string; status?: 'open' | 'closed' }): Promise<Summary[]> {
    return listSummaries(this.temporal, 'meetingWorkflow', filter);
  }
}
