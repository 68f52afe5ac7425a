/**
 * complaintWorkflow: a complaint about the partnership's own work, 000 §13.
 *
 *   received          the partnership manager confirms the action taken to the referrer
 *                     within 5 working days of receipt (§13.4)
 *   awaiting-outcome  the subgroup chair confirms in writing the outcome, or a timescale for
 *                     further action, within 20 working days of the referral (§13.5)
 *   further-action    the timescale given is itself a commitment, kept as a deadline
 *   outcome-given     the referrer may appeal to the independent chair (§13.6)
 *   appeal            answered in writing within 10 working days of the appeal (§13.7)
 */
import { condition, setHandler } from '@temporalio/workflow';
import { replanDeadlines } from '../../src/case/messages';
import { complaintDecisions } from '../../src/complaint/decisions';
import { complaintViewQuery } from '../../src/complaint/messages';
import type { ComplaintInput, ComplaintStage, ComplaintView } from '../../src/complaint/types';
import type { RecipientRole } from '../../src/policy/schema';
import { allDecisionsAnswered, registerDecisions } from '../decisions';
import { StagedRecordFile } from '../stagedRecordFile';
import { ComplaintDecisionHandlers, MANAGER_AND_CHAIR } from './complaintDecisions';

export async function complaintWorkflow(input: ComplaintInput): Promise<ComplaintView> {
  const { policy } = input;
  const file = new StagedRecordFile<ComplaintStage>(
    { caseId: input.complaintId, partnership: input.partnership, reference: input.reference },
    'received',
    ['closed'],
    policy.deadlineNotices,
  );
  const view = (): ComplaintView => ({
    complaintId: input.complaintId,
    partnership: input.partnership,
    reference: input.reference,
    receivedOn: input.receivedOn,
    ...file.contents(),
  });

  setHandler(complaintViewQuery, view);
  registerDecisions(complaintDecisions, new ComplaintDecisionHandlers(input, file, view));
  setHandler(replanDeadlines, ({ reason, actor }) => file.replanOpen(reason, actor));

  file.record(
    'complaint-received',
    `complaint ${input.reference} received on ${input.receivedOn}`,
    input.startedBy,
  );
  const toManager: RecipientRole[] = ['partnership-manager'];
  const action = await file.plan(
    {
      key: 'actionConfirmed',
      basisDate: input.receivedOn,
      rule: { kind: 'working-days-after', workingDays: policy.actionConfirmedWorkingDays },
    },
    { remindTo: toManager },
  );
  const outcome = await file.plan(
    {
      key: 'complaintOutcome',
      basisDate: input.receivedOn,
      rule: { kind: 'working-days-after', workingDays: policy.outcomeWorkingDays },
    },
    { remindTo: MANAGER_AND_CHAIR },
  );
  await file.notify('complaint-received', 'complaint-received', MANAGER_AND_CHAIR, {
    receivedOn: input.receivedOn,
    actionDue: action.dueDate,
    outcomeDue: outcome.dueDate,
  });

  await condition(() => file.stage === 'closed');
  await file.settled();
  await allDecisionsAnswered();
  return view();
}
