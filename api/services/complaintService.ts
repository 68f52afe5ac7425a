/** Complaints as the API sees them: one complaintWorkflow per partnership and reference. */
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { londonDate } from '../../src/calendar/london';
import { complaintPolicyFrom } from '../../src/complaint/complaintPolicy';
import type { ComplaintInput, ComplaintView } from '../../src/complaint/types';
import type { PolicyRegistry } from '../../src/policy/registry';
import { CaseRef, CaseStage, CaseStatus, Partnership } from '../../src/temporal/searchAttributes';
import { complaintWorkflow } from '../../workflows/complaint';
import { complaintViewQuery } from '../../workflows/complaintMessages';
import { HttpProblem } from '../problem';
import type { StartComplaintBody } from '../schemas';
import { assertKnownPartnership, assertNotFuture } from './startChecks';
import { listSummaries, type Summary } from './summaries';
import { WorkflowGateway } from './workflowGateway';

export const complaintIdFor = (partnership: string, reference: string) =>
  `complaint-${partnership}-${reference}`;

export class ComplaintService {
  private readonly temporal: WorkflowGateway;

  constructor(
    client: Client,
    taskQueue: string,
    private readonly policies: PolicyRegistry,
    private readonly today: () => string = () => londonDate(new Date()),
  ) {
    this.temporal = new WorkflowGateway(client, taskQueue);
  }

  async start(body: StartComplaintBody): Promise<Summary> {
    assertKnownPartnership(this.policies, body.partnership);
    assertNotFuture(body.receivedOn, 'receivedOn', this.today());
    const id = complaintIdFor(body.partnership, body.reference);
    const input: ComplaintInput = {
      complaintId: id,
      ...body,
      policy: complaintPolicyFrom(
        this.policies.get(body.partnership),
        this.policies.versions(body.partnership).policyVersion,
      ),
    };
    await this.temporal.startOnce(
      complaintWorkflow,
      {
        workflowId: id,
        args: [input],
        typedSearchAttributes: [
          { key: Partnership, value: body.partnership },
          { key: CaseRef, value: body.reference },
          { key: CaseStage, value: 'received' },
          { key: CaseStatus, value: 'open' },
        ],
      },
      new HttpProblem(
        409,
        'Complaint already exists',
        `${body.partnership} already has a complaint ${body.reference}`,
        [{ field: 'reference', message: 'is already in use in this partnership' }],
      ),
    );
    return {
      id,
      partnership: body.partnership,
      reference: body.reference,
      stage: 'received',
      status: 'open',
      nextDeadlineAt: null,
      breached: false,
    };
  }

  get(id: string): Promise<ComplaintView> {
    return this.temporal.read(id, complaintViewQuery, `no complaint ${id}`);
  }

  decide<A>(id: string, update: UpdateDefinition<ComplaintView, [A]>, arg: A): Promise<ComplaintView> {
    return this.temporal.send(id, update, arg, `no complaint ${id}`);
  }

  list(filter: { partnership?: string; status?: 'open' | 'closed' }): Promise<Summary[]> {
    return listSummaries(this.temporal, 'complaintWorkflow', filter);
  }
}
