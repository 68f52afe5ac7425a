/**
 * The three shapes a statutory timescale takes, and the due date each gives from its basis.
 * Used by the planning activity, so that every due date a workflow holds was computed here
 * once and then recorded in its history.
 */
import { addCalendarMonths, type DayNumber, formatIsoDate, type IsoDate, parseIsoDate } from './civilDate';
import type { HolidaySource } from './bankHolidays';
import { endOfLondonDayIso } from './london';
import type { WorkingDayCalendar } from './workingDays';

export type DeadlineRule =
  /** "within N working days of" the basis */
  | { kind: 'working-days-after'; workingDays: number }
  /** "N working days before" the basis */
  | { kind: 'working-days-before'; workingDays: number }
  /** "within N months of" the basis, clamped to the end of a shorter month */
  | { kind: 'calendar-months-after'; months: number }
  /** "N days' notice" before the basis: calendar days, holidays included */
  | { kind: 'calendar-days-before'; days: number };

export interface DueDate {
  basisDate: IsoDate;
  rule: DeadlineRule;
  dueDate: IsoDate;
  /** End of the due day in Europe/London, as an ISO instant. */
  dueAt: string;
  /** Whether the holiday data used came from GOV.UK's list or the computed fallback. */
  source: HolidaySource;
}

export function describeRule(rule: DeadlineRule): string {
  switch (rule.kind) {
    case 'working-days-after':
      return `${rule.workingDays} working days after`;
    case 'working-days-before':
      return `${rule.workingDays} working days before`;
    case 'calendar-months-after':
      return `${rule.months} calendar months after`;
    case 'calendar-days-before':
      return `${rule.days} days before`;
  }
}

export function computeDueDate(
  calendar: WorkingDayCalendar,
  basisDate: IsoDate,
  rule: DeadlineRule,
): DueDate {
  const basis = parseIsoDate(basisDate);
  let due: number;
  switch (rule.kind) {
    case 'working-days-after':
      due = calendar.addWorkingDays(basis, rule.workingDays);
      break;
    case 'working-days-before':
      due = workingDaysBefore(calendar, basis, rule.workingDays);
      break;
    case 'calendar-months-after':
      if (!Number.isInteger(rule.months) || rule.months < 0) {
        throw new RangeError(`a number of months must be a whole number ≥ 0, not ${rule.months}`);
      }
      due = addCalendarMonths(basis, rule.months);
      break;
    case 'calendar-days-before':
      if (!Number.isInteger(rule.days) || rule.days < 0) {
        throw new RangeError(`a number of days must be a whole number ≥ 0, not ${rule.days}`);
      }
      due = basis - rule.days;
      break;
  }
  const dueDate = formatIsoDate(due);
  return {
    basisDate,
    rule,
    dueDate,
    dueAt: endOfLondonDayIso(due, dueDate),
    // Calendar months and days do not depend on holidays at all.
    source: rule.kind.startsWith('calendar-') ? 'gov.uk' : calendar.sourceFor(basis, due),
  };
}

/**
 * "N working days before P" (SPEC "Working days"): the N-th working day counted back from P,
 * P itself being day 0. The one rule for a notice due ahead of a date: the deadline of the
 * final report before publication is planned by it, and the earliest publication date a
 * decision may choose is found by it (below), so an accepted date can never be met late.
 */
export function workingDaysBefore(calendar: WorkingDayCalendar, p: DayNumber, n: number): DayNumber {
  return calendar.subtractWorkingDays(p, n);
}

/** The earliest P for which a notice sent on `sentOn` is on time: `sentOn` ≤ N working days before P. */
export function earliestDateAfterNotice(
  calendar: WorkingDayCalendar,
  sentOn: DayNumber,
  n: number,
): DayNumber {
  // "N working days before P" never decreases as P moves later, so the first P that fits is the
  // answer; before sentOn + N days there are fewer than N days, so fewer than N working days.
  let p = sentOn + n;
  while (workingDaysBefore(calendar, p, n) < sentOn) p += 1;
  return p;
}
