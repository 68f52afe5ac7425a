/**
 * Checks every workflow's Update validators share: real dates, dates inside the life of the
 * case and not in the future, and who may approve a change to a statutory date.
 */
import { type IsoDate, isIsoDate } from '../src/calendar/civilDate';
import { londonDate } from '../src/calendar/london';
import { implausibleDate } from '../src/validation';
import type { Actor } from '../src/case/types';
import { APPROVERS } from '../src/auth/roles';
import type { ApprovalRule } from '../src/policy/schema';
import { invalidDecision } from './rejections';

/** What records from before the pack named its approvers ran by. */
export const APPROVED_BEFORE: ApprovalRule = {
  by: 'the executive group',
  recordedBy: APPROVERS as ApprovalRule['recordedBy'],
};

/** A real date, and one a person can mean: not decades out (src/validation.ts PLAUSIBLE_DATES). */
export function assertRealDate(date: IsoDate, field: string): void {
  if (!isIsoDate(date)) throw invalidDecision(`${field} must be a real date in the form YYYY-MM-DD`, field);
  const wrong = implausibleDate(date, londonDate(new Date()));
  if (wrong) throw invalidDecision(`${field} ${date} ${wrong}`, field);
}

/** A decision's date can be neither before `earliest` (what it follows) nor in the future. */
export function assertPastDate(
  date: IsoDate,
  field: string,
  earliest: { date: IsoDate; what: string },
): void {
  assertRealDate(date, field);
  if (date < earliest.date)
    throw invalidDecision(`${field} (${date}) is before ${earliest.what} ${earliest.date}`, field);
  assertNotFuture(date, field);
}

export function assertNotFuture(date: IsoDate, field: string): void {
  const today = londonDate(new Date());
  if (date > today) throw invalidDecision(`${field} (${date}) is in the future (today is ${today})`, field);
}

/**
 * The day a decision was made, as its argument carries it. Decisions recorded before the
 * date was kept carry none: theirs is the day they were recorded, as it then was.
 */
export const dateOrToday = (decided: IsoDate | undefined): IsoDate => decided ?? londonDate(new Date());

/** `what` is approved by the rule's body, and only the roles it names may record that approval. */
export function assertApprover(actor: Actor, what: string, rule: ApprovalRule = APPROVED_BEFORE): void {
  if (!(rule.recordedBy as readonly string[]).includes(actor.role)) {
    const who = rule.recordedBy.map((r) => `the ${r.replace('-', ' ')}`).join(' or ');
    throw invalidDecision(
      `${what} is approved by ${rule.by} and must be recorded by ${who}, not the ${actor.role.replace('-', ' ')}`,
      'actor',
    );
  }
}

export function assertText(text: string, field: string, what: string): void {
  if (!text.trim()) throw invalidDecision(what, field);
}
