/**
 * learningActionWorkflow: one action a review recommended, owned by an agency, due on a date
 * the sub-group agreed.
 *
 *   open                        the owner agency's contact and the business manager are
 *                               reminded before the due date
 *   overdue                     the due date passed with the action not done: the chair of
 *                               the monitoring sub-group is told (002 L403, 004 L580)
 *   done                        with the evidence that it was done (late if after the due date)
 *   closed-without-completion   with the reason, for the sub-group's record
 *
 * It is a workflow of its own, not the case's child, so the case can close while it runs on.
 */
import { condition, setHandler } from '@temporalio/workflow';
import type { LearningActionInput, LearningActionStage, LearningActionView } from '../src/learning/types';
import type { IsoDate } from '../src/calendar/civilDate';
import { londonDate } from '../src/calendar/london';
import { assertPastDate, assertText } from './decisionChecks';
import { learningActionDecisions } from '../src/learning/decisions';
import { learningActionViewQuery } from '../src/learning/messages';
import { allDecisionsAnswered, registerDecisions } from './decisions';
import { replanDeadlines } from '../src/case/messages';
import { StagedRecordFile } from './stagedRecordFile';
import { wrongStage } from './rejections';

const SETTLED: LearningActionStage[] = ['done', 'closed-without-completion'];

export async function learningActionWorkflow(input: LearningActionInput): Promise<LearningActionView> {
  const file = new StagedRecordFile<LearningActionStage>(
    { caseId: input.actionId, partnership: input.partnership, reference: input.reference },
    'open',
    SETTLED,
    input.deadlineNotices,
  );
  let doneOn: IsoDate | undefined;
  let evidence: string | undefined;
  let closedReason: string | undefined;
  const { startedBy: _startedBy, ...described } = input;
  const view = (): LearningActionView => ({
    ...described,
    ...file.contents(),
    ...(doneOn && { doneOn }),
    ...(evidence && { evidence }),
    ...(closedReason && { closedReason }),
  });
  const agency = { id: input.owner.agency };
  const facts = {
    agencyName: input.owner.agencyName,
    action: input.action,
    overseenBy: input.overseenBy,
    dueDate: input.dueDate,
  };
  const requireOpen = (what: string) => {
    if (SETTLED.includes(file.stage)) throw wrongStage(`${what}: the action is already ${file.stage}`);
  };
  // The request's day: a worker that takes the start up late must not move it.
  const agreedOn = input.agreedOn ?? londonDate(new Date());
  const notBeforeStart = (date: IsoDate, field: string) =>
    assertPastDate(date, field, { date: agreedOn, what: 'the day the action was agreed' });

  setHandler(learningActionViewQuery, view);

  registerDecisions(learningActionDecisions, {
    completion: {
      validate: (completion) => {
        requireOpen('it cannot be recorded done');
        notBeforeStart(completion.doneOn, 'doneOn');
        assertText(completion.evidence, 'evidence', 'say what shows the action was done');
      },
      decide: async (completion) => {
        const state = (await file.planned('learningAction')).meet(completion.doneOn);
        doneOn = completion.doneOn;
        evidence = completion.evidence;
        file.record(
          'action-done',
          `done on ${completion.doneOn} (${state}): ${completion.evidence}`,
          completion.actor,
        );
        file.moveTo('done');
        return file.answer(view);
      },
    },
    closure: {
      validate: (closure) => {
        requireOpen('it cannot be closed');
        notBeforeStart(closure.closedOn, 'closedOn');
        assertText(closure.reason, 'reason', 'say why the action is closed without being done');
      },
      decide: async (closure) => {
        (await file.planned('learningAction')).markNotApplicable(closure.reason);
        closedReason = closure.reason;
        file.record(
          'action-closed',
          `closed without completion on ${closure.closedOn}: ${closure.reason}`,
          closure.actor,
        );
        file.moveTo('closed-without-completion');
        return file.answer(view);
      },
    },
  });

  setHandler(replanDeadlines, ({ reason, actor }) => file.replanOpen(reason, actor));

  // ---- The action's life ----

  file.record(
    'action-agreed',
    `${input.owner.agencyName} to ${input.action}, by ${input.dueDate} (from the ${input.source} of ${input.caseId})`,
    input.startedBy,
  );
  const clock = await file.plan(
    { key: 'learningAction', basisDate: input.dueDate, rule: { kind: 'working-days-after', workingDays: 0 } },
    {
      remindTo: ['agency-contact', 'business-manager'],
      onBreach: {
        type: 'action-overdue',
        to: ['learning-subgroup-chair', 'business-manager', 'agency-contact'],
      },
      facts,
      agency,
    },
  );
  await file.notify('action-agreed', 'action-agreed', ['agency-contact', 'business-manager'], facts, {
    agency,
  });

  await condition(() => clock.isBreached || SETTLED.includes(file.stage));
  if (!SETTLED.includes(file.stage)) file.moveTo('overdue');
  await condition(() => SETTLED.includes(file.stage));
  await file.settled();
  await allDecisionsAnswered();
  return view();
}
