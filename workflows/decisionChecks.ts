/**
 * Checks every workflow's Update validators share: real dates, dates inside the life of the
 * case and not in the future, and who may approve a change to a statutory date.
 */
import { type IsoDate, isIsoDate } from '../src/calendar/civilDate';
import { londonDate } from '../src/calendar/london';
import { implausibleDate } from '../src/validation';
import type { Actor } from '../src/case/types';
import { APPROVERS } from '../src/auth/roles';
import { invalidDecision } from './rejections';

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
  const today = londonDate(new Date());
  if (date > today) throw invalidDecision(`${field} (${date}) is in the future (today is ${today})`, field);
}

export function assertApprover(actor: Actor, what: string): void {
  if (!APPROVERS.includes(actor.role)) {
    throw invalidDecision(
      `${what} must be approved by the business manager or the independent chair`,
      'actor',
    );
  }
}

export function assertText(text: string, field: string, what: string): void {
  if (!text.trim()) throw invalidDecision(what, field);
}
