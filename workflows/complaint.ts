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
import type { IsoDate } from '../src/calendar/civilDate';
import type { ComplaintInput, ComplaintStage, ComplaintView } from '../src/complaint/types';
import type { RecipientRole } from '../src/policy/schema';
import { StagedFile } from './stagedFile';
import * as m from '../src/complaint/messages';
import { assertPastDate, assertRealDate, assertText } from './decisionChecks';
import { replanDeadlines } from '../src/case/messages';
import { invalidDecision, wrongStage } from './rejections';

/** Who hears of each step of a complaint (SPEC: complaint milestones). */
const MANAGER_AND_CHAIR: RecipientRole[] = ['partnership-manager', 'subgroup-chair'];

export async function complaintWorkflow(input: ComplaintInput): Promise<ComplaintView> {
  const { policy } = input;
  let lastDecisionOn: IsoDate = input.receivedOn;
  const file = new StagedFile<ComplaintStage>(
    { caseId: input.complaintId, partnership: input.partnership, reference: input.reference },
    'received',
    ['closed'],
  );
  const view = (): ComplaintView => ({
    complaintId: input.complaintId,
    partnership: input.partnership,
    reference: input.reference,
    receivedOn: input.receivedOn,
    ...file.contents(),
  });
  const answer = () => file.answer(view);
  /** A decision still being recorded (its deadline being planned): the next one waits its turn. */
  let deciding = false;
  const requireStage = (allowed: ComplaintStage[], what: string) => {
    if (deciding) throw wrongStage('another decision on this complaint is still being recorded; try again');
    if (!allowed.includes(file.stage)) throw wrongStage(`${what} cannot be recorded at stage ${file.stage}`);
  };
  /** Runs a decision's handler with the complaint marked busy from its first moment. */
  const decide = async <T>(work: () => Promise<T>): Promise<T> => {
    deciding = true;
    try {
      return await work();
    } finally {
      deciding = false;
    }
  };
  const after = (date: IsoDate, field: string) =>
    assertPastDate(date, field, { date: lastDecisionOn, what: 'the previous step on' });

  setHandler(m.complaintViewQuery, view);

  setHandler(
    m.confirmAction,
    (decision) =>
      decide(async () => {
        lastDecisionOn = decision.confirmedOn;
        const state = (await file.planned('actionConfirmed')).meet(decision.confirmedOn);
        file.record(
          'action-confirmed',
          `action confirmed to the referrer on ${decision.confirmedOn} (${state})`,
          decision.actor,
        );
        file.moveTo('awaiting-outcome');
        return answer();
      }),
    {
      validator: (decision) => {
        requireStage(['received'], 'the action confirmed');
        after(decision.confirmedOn, 'confirmedOn');
        assertText(decision.action, 'action', 'say what action was taken');
      },
    },
  );

  setHandler(
    m.recordComplaintOutcome,
    (decision) =>
      decide(async () => {
        lastDecisionOn = decision.decidedOn;
        const key = file.stage === 'further-action' ? 'furtherAction' : 'complaintOutcome';
        const state = (await file.planned(key)).meet(decision.decidedOn);
        if (decision.kind === 'timescale') {
          file.record(
            'further-action',
            `timescale given on ${decision.decidedOn} (${state}): further action by ${decision.furtherActionBy}`,
            decision.actor,
          );
          await file.plan(
            {
              key: 'furtherAction',
              basisDate: decision.furtherActionBy,
              rule: { kind: 'working-days-after', workingDays: 0 },
            },
            { remindTo: MANAGER_AND_CHAIR },
          );
          file.moveTo('further-action');
        } else {
          file.record(
            'outcome',
            `outcome confirmed in writing on ${decision.decidedOn} (${state})`,
            decision.actor,
          );
          file.moveTo('outcome-given');
        }
        return answer();
      }),
    {
      validator: (decision) => {
        requireStage(['awaiting-outcome', 'further-action'], 'an outcome');
        after(decision.decidedOn, 'decidedOn');
        assertText(decision.summary, 'summary', 'summarise the outcome given to the referrer');
        if (decision.kind === 'timescale') {
          if (file.stage === 'further-action')
            throw wrongStage('a timescale has already been given: record the outcome of the further action');
          assertRealDate(decision.furtherActionBy, 'furtherActionBy');
          if (decision.furtherActionBy <= decision.decidedOn)
            throw invalidDecision('furtherActionBy must be after decidedOn', 'furtherActionBy');
        }
      },
    },
  );

  setHandler(
    m.recordAppeal,
    (appeal) =>
      decide(async () => {
        lastDecisionOn = appeal.appealedOn;
        file.record(
          'appeal',
          `referrer appealed to the independent chair on ${appeal.appealedOn}`,
          appeal.actor,
        );
        const due = await file.plan(
          {
            key: 'appealResponse',
            basisDate: appeal.appealedOn,
            rule: { kind: 'working-days-after', workingDays: policy.appealResponseWorkingDays },
          },
          { remindTo: ['independent-chair', 'partnership-manager'] },
        );
        file.moveTo('appeal');
        await file.notify(
          'complaint-appeal',
          'complaint-appeal',
          ['independent-chair', 'partnership-manager'],
          {
            appealedOn: appeal.appealedOn,
            dueDate: due.dueDate,
          },
        );
        return answer();
      }),
    {
      validator: (appeal) => {
        requireStage(['outcome-given'], 'an appeal');
        after(appeal.appealedOn, 'appealedOn');
      },
    },
  );

  setHandler(
    m.answerAppeal,
    (decision) =>
      decide(async () => {
        const state = (await file.planned('appealResponse')).meet(decision.answeredOn);
        file.record(
          'appeal-answered',
          `independent chair ${decision.response === 'responded' ? 'responded' : 'referred the complaint to the statutory partners'} on ${decision.answeredOn} (${state})`,
          decision.actor,
        );
        file.moveTo('closed');
        return answer();
      }),
    {
      validator: (decision) => {
        requireStage(['appeal'], 'the answer to an appeal');
        if (decision.actor.role !== 'independent-chair')
          throw invalidDecision('the independent chair answers an appeal (000 §13.7)', 'actor');
        after(decision.answeredOn, 'answeredOn');
        assertText(decision.summary, 'summary', 'summarise the action taken in response');
      },
    },
  );

  setHandler(
    m.closeComplaint,
    (decision) =>
      decide(async () => {
        file.record('closed', `closed on ${decision.closedOn}: ${decision.reason}`, decision.actor);
        file.moveTo('closed');
        return answer();
      }),
    {
      validator: (decision) => {
        requireStage(['outcome-given'], 'closing the complaint');
        after(decision.closedOn, 'closedOn');
        assertText(decision.reason, 'reason', 'say why the complaint is closed');
      },
    },
  );

  setHandler(replanDeadlines, ({ reason, actor }) => file.replanOpen(reason, actor));

  // ---- The procedure ----

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
  return view();
}
