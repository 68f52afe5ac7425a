/**
 * The child and family told the partners' decision (003: "The outcome and rationale … will be
 * communicated in writing to the child/family concerned", in person through their
 * practitioner where possible): an obligation with its own deadline, recorded with when, how
 * and by whom; a changed outcome after reconsideration opens it again.
 */
import type { IsoDate } from '../../src/calendar/civilDate';
import type { CaseView, FamilyTold } from '../../src/case/types';
import { assertPastDate, assertText } from '../decisionChecks';
import type { DecisionHandler } from '../decisions';
import { wrongStage } from '../rejections';
import type { CaseRecord } from './caseRecord';

type Key = 'familyTold' | 'familyToldAgain';

/** Opens the obligation: its deadline from the date decided, and the notice to the lead who tells the family. */
export async function tellFamily(
  c: CaseRecord,
  key: Key,
  outcome: string,
  rationale: string,
  decidedOn: IsoDate,
): Promise<void> {
  c.familyToldKept = true;
  // Told of the first outcome or not, the family is now owed the outcome as it stands.
  const superseded = key === 'familyToldAgain' ? c.file.deadline('familyTold') : undefined;
  if (superseded?.isOpen)
    superseded.markNotApplicable(
      'superseded: the outcome changed on reconsideration before the family was told',
    );
  const deadline = await c.file.plan(
    {
      key,
      basisDate: decidedOn,
      rule: { kind: 'working-days-after', workingDays: c.rules.familyToldWorkingDays },
    },
    { remindTo: ['safeguarding-lead', 'business-manager'] },
  );
  await c.file.notify(
    key === 'familyTold' ? 'decision-outcome' : 'decision-outcome-reconsidered',
    'decision-outcome',
    ['safeguarding-lead'],
    {
      outcome,
      rationale,
      decidedOn,
      dueDate: deadline.dueDate,
      ...(key === 'familyToldAgain' && { reconsidered: 'yes' }),
    },
  );
}

export function familyToldHandler(c: CaseRecord): DecisionHandler<CaseView, FamilyTold> {
  return {
    validate: (told) => {
      const open = c.openFamilyTold();
      if (!open) throw wrongStage('the family is not owed a decision now');
      assertPastDate(told.toldOn, 'toldOn', { date: open.deadline.basis.basisDate, what: 'the decision of' });
      assertText(told.toldBy, 'toldBy', "name the practitioner's role who told them");
    },
    decide: (told) => {
      const { key, deadline } = c.openFamilyTold()!;
      const state = deadline.meet(told.toldOn);
      c.familyTold.push({
        key,
        toldOn: told.toldOn,
        how: told.how,
        toldBy: told.toldBy,
        at: new Date().toISOString(),
        actor: told.actor,
      });
      c.file.record(
        'family-told',
        `the child and family were told the decision on ${told.toldOn} (${told.how}, by ${told.toldBy}) (${state})`,
        told.actor,
        told.toldOn,
      );
      c.publish();
      return c.answer();
    },
  };
}
