/** Complaints as the API sees them: one complaintWorkflow per partnership and reference. */
import { complaintPolicyFrom } from '../complaint/complaintPolicy';
import type { ComplaintInput, ComplaintView } from '../complaint/types';
import type { Actor } from '../case/types';
import { WorkflowTypes } from '../temporal/workflowTypes';
import { RecordKinds, recordIdFor } from '../ids';
import { complaintViewQuery } from '../complaint/messages';
import type { StartComplaintBody } from '../complaint/bodies';
import { assertKnownPartnership, assertNotFuture, assertPlausibleDate } from './startChecks';
import { RecordService } from './recordService';
import type { Summary } from './summaries';

export const complaintIdFor = (partnership: string, reference: string) =>
  recordIdFor(RecordKinds.complaint, partnership, reference);

export class ComplaintService extends RecordService<ComplaintView> {
  protected readonly kind = {
    workflowType: WorkflowTypes.complaint,
    viewQuery: complaintViewQuery,
    noun: 'complaint',
  };

  async start(body: StartComplaintBody, startedBy?: Actor): Promise<Summary> {
    assertKnownPartnership(this.policies, body.partnership);
    assertPlausibleDate(body.receivedOn, 'receivedOn', this.today());
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
    return this.temporal.startRecord(WorkflowTypes.complaint, {
      id,
      input,
      request: body,
      partnership: body.partnership,
      reference: body.reference,
      stage: 'received',
      noun: 'complaint',
    });
  }
}
