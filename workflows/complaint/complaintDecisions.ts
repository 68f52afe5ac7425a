/**
 * What the complaint workflow does with each decision of its catalogue
 * (src/complaint/decisions.ts). One decision is recorded at a time: the next waits its turn
 * while a deadline is being planned for the one before.
 */
import type { IsoDate } from '../../src/calendar/civilDate';
import { AppealResponses } from '../../src/complaint/bodies';
import type { complaintDecisions } from '../../src/complaint/decisions';
import type {
  ActionConfirmed,
  Appeal,
  AppealAnswer,
  ComplaintClosure,
  ComplaintInput,
  ComplaintOutcome,
  ComplaintStage,
  ComplaintView,
} from '../../src/complaint/types';
import type { RecipientRole } from '../../src/policy/schema';
import { assertPastDate, assertRealDate, assertText } from '../decisionChecks';
import type { DecisionHandler, DecisionHandlers } from '../decisions';
import { invalidDecision, wrongStage } from '../rejections';
import type { StagedRecordFile } from '../stagedRecordFile';

/** Who hears of each step of a complaint (SPEC: complaint milestones). */
export const MANAGER_AND_CHAIR: RecipientRole[] = ['partnership-manager', 'subgroup-chair'];

type Handler<A> = DecisionHandler<ComplaintView, A>;

export class ComplaintDecisionHandlers implements DecisionHandlers<typeof complaintDecisions> {
  private lastDecisionOn: IsoDate;
  /** A decision still being recorded (its deadline being planned): the next one waits its turn. */
  private deciding = false;

  constructor(
    private readonly input: ComplaintInput,
    private readonly file: StagedRecordFile<ComplaintStage>,
    private readonly view: () => ComplaintView,
  ) {
    this.lastDecisionOn = input.receivedOn;
  }

  private requireStage(allowed: ComplaintStage[], what: string): void {
    if (this.deciding)
      throw wrongStage('another decision on this complaint is still being recorded; try again');
    if (!allowed.includes(this.file.stage))
      throw wrongStage(`${what} cannot be recorded at stage ${this.file.stage}`);
  }

  private after(date: IsoDate, field: string): void {
    assertPastDate(date, field, { date: this.lastDecisionOn, what: 'the previous step on' });
  }

  /** Runs a decision with the complaint marked busy from its first moment; answers once it is done. */
  private async decided(on: IsoDate | undefined, work: () => Promise<void>): Promise<ComplaintView> {
    this.deciding = true;
    try {
      if (on !== undefined) this.lastDecisionOn = on;
      await work();
      return await this.file.answer(this.view);
    } finally {
      this.deciding = false;
    }
  }

  readonly action: Handler<ActionConfirmed> = {
    validate: (decision) => {
      this.requireStage(['received'], 'the action confirmed');
      this.after(decision.confirmedOn, 'confirmedOn');
      assertText(decision.action, 'action', 'say what action was taken');
    },
    decide: (decision) =>
      this.decided(decision.confirmedOn, async () => {
        const state = (await this.file.planned('actionConfirmed')).meet(decision.confirmedOn);
        this.file.record(
          'action-confirmed',
          `action confirmed to the referrer on ${decision.confirmedOn} (${state})`,
          decision.actor,
        );
        this.file.moveTo('awaiting-outcome');
      }),
  };

  readonly outcome: Handler<ComplaintOutcome> = {
    validate: (decision) => {
      this.requireStage(['awaiting-outcome', 'further-action'], 'an outcome');
      this.after(decision.decidedOn, 'decidedOn');
      assertText(decision.summary, 'summary', 'summarise the outcome given to the referrer');
      if (decision.kind !== 'timescale') return;
      if (this.file.stage === 'further-action')
        throw wrongStage('a timescale has already been given: record the outcome of the further action');
      assertRealDate(decision.furtherActionBy, 'furtherActionBy');
      if (decision.furtherActionBy <= decision.decidedOn)
        throw invalidDecision('furtherActionBy must be after decidedOn', 'furtherActionBy');
    },
    decide: (decision) =>
      this.decided(decision.decidedOn, async () => {
        const { file } = this;
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
      }),
  };

  readonly appeal: Handler<Appeal> = {
    validate: (appeal) => {
      this.requireStage(['outcome-given'], 'an appeal');
      this.after(appeal.appealedOn, 'appealedOn');
    },
    decide: (appeal) =>
      this.decided(appeal.appealedOn, async () => {
        const { file } = this;
        file.record(
          'appeal',
          `referrer appealed to the independent chair on ${appeal.appealedOn}`,
          appeal.actor,
        );
        const due = await file.plan(
          {
            key: 'appealResponse',
            basisDate: appeal.appealedOn,
            rule: { kind: 'working-days-after', workingDays: this.input.policy.appealResponseWorkingDays },
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
      }),
  };

  readonly appealAnswer: Handler<AppealAnswer> = {
    validate: (decision) => {
      this.requireStage(['appeal'], 'the answer to an appeal');
      if (decision.actor.role !== 'independent-chair')
        throw invalidDecision('the independent chair answers an appeal (000 §13.7)', 'actor');
      this.after(decision.answeredOn, 'answeredOn');
      assertText(decision.summary, 'summary', 'summarise the action taken in response');
    },
    decide: (decision) =>
      this.decided(undefined, async () => {
        const state = (await this.file.planned('appealResponse')).meet(decision.answeredOn);
        const what =
          decision.response === AppealResponses.responded
            ? 'responded'
            : 'referred the complaint to the statutory partners';
        this.file.record(
          'appeal-answered',
          `independent chair ${what} on ${decision.answeredOn} (${state})`,
          decision.actor,
        );
        this.file.moveTo('closed');
      }),
  };

  readonly closure: Handler<ComplaintClosure> = {
    validate: (decision) => {
      this.requireStage(['outcome-given'], 'closing the complaint');
      this.after(decision.closedOn, 'closedOn');
      assertText(decision.reason, 'reason', 'say why the complaint is closed');
    },
    decide: (decision) =>
      this.decided(undefined, async () => {
        this.file.record('closed', `closed on ${decision.closedOn}: ${decision.reason}`, decision.actor);
        this.file.moveTo('closed');
      }),
  };
}
