/** Complaints as the API sees them: one complaintWorkflow per partnership and reference. */
import { complaintPolicyFrom } from '../../src/complaint/complaintPolicy';
import type { ComplaintInput, ComplaintView } from '../../src/complaint/types';
import type { Actor } from '../../src/case/types';
import { complaintWorkflow } from '../../workflows/complaint';
import { complaintViewQuery } from '../../workflows/complaintMessages';
import type { StartComplaintBody } from '../schemas';
import { assertKnownPartnership, assertNotFuture } from './startChecks';
import { RecordService } from './recordService';
import type { Summary } from './summaries';

export const complaintIdFor = (partnership: string, reference: string) =>
  `complaint-${partnership}-${reference}`;

export class ComplaintService extends RecordService<ComplaintView> {
  protected readonly kind = {
    workflowType: 'complaintWorkflow',
    viewQuery: complaintViewQuery,
    noun: 'complaint',
  };

  async start(body: StartComplaintBody, startedBy?: Actor): Promise<Summary> {
    assertKnownPartnership(this.policies, body.partnership);
    assertNotFuture(body.receivedOn, 'receivedOn', this.today());
    const id = complaintIdFor(body.partnership, body.reference);
    const input: ComplaintInput = {
      complaintId: id,
      ...body,
      ...(startedBy && { startedBy }),
      policy: complaintPolicyFrom(
        this.policies.get(body.partnership),
        this.policies.versions(body.partnership).policyVersion,
      ),
    };
    return this.temporal.startRecord(complaintWorkflow, {
      id,
      args: [input],
      partnership: body.partnership,
      reference: body.reference,
      stage: 'received',
      noun: 'complaint',
    });
  }
}
