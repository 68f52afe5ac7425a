/**
 * Working-day arithmetic as the statutory guidance counts it: Monday to Friday, not a bank
 * holiday in England and Wales, not a closure day of the partnership. "Within N working days
 * of D": D is day 0 and never counted, whatever it is; the deadline is the N-th working day
 * after it.
 */
import type { HolidaySource } from './bankHolidays';
import { type DayNumber, isWeekend, partsOf, parseIsoDate, yearOf } from './civilDate';

/** A closure day: one date (YYYY-MM-DD) or the same date every year (MM-DD). */
export type ClosureDay = string;

const ANNUAL = /^(\d{2})-(\d{2})$/;

/** Which days are bank holidays, and where that knowledge came from. */
export interface HolidayLookup {
  isHoliday(day: DayNumber): boolean;
  sourceFor(year: number): HolidaySource;
}

export class WorkingDayCalendar {
  private readonly closureDates = new Set<DayNumber>();
  private readonly annualClosures = new Set<string>();

  constructor(
    readonly holidays: HolidayLookup,
    closureDays: readonly ClosureDay[] = [],
  ) {
    for (const c of closureDays) {
      if (ANNUAL.test(c)) this.annualClosures.add(c);
      else this.closureDates.add(parseIsoDate(c));
    }
  }

  isWorkingDay(day: DayNumber): boolean {
    if (isWeekend(day) || this.holidays.isHoliday(day) || this.closureDates.has(day)) return false;
    if (this.annualClosures.size === 0) return true;
    const p = partsOf(day);
    return !this.annualClosures.has(`${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`);
  }

  /** The N-th working day after `from` (`from` itself is day 0). N = 0 gives `from`. */
  addWorkingDays(from: DayNumber, n: number): DayNumber {
    assertCount(n);
    let day = from;
    for (let counted = 0; counted < n;) {
      day += 1;
      if (this.isWorkingDay(day)) counted += 1;
    }
    return day;
  }

  /** The N-th working day before `to` (`to` itself is day 0). N = 0 gives `to`. */
  subtractWorkingDays(to: DayNumber, n: number): DayNumber {
    assertCount(n);
    let day = to;
    for (let counted = 0; counted < n;) {
      day -= 1;
      if (this.isWorkingDay(day)) counted += 1;
    }
    return day;
  }

  /** Working days in (from, to]: how many working days `to` is after `from`; negative if before. */
  workingDaysBetween(from: DayNumber, to: DayNumber): number {
    if (to < from) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let day = from + 1; day <= to; day += 1) if (this.isWorkingDay(day)) count += 1;
    return count;
  }

  /** Whether a span of days was counted on GOV.UK's list alone or needed the fallback. */
  sourceFor(a: DayNumber, b: DayNumber): HolidaySource {
    const [first, last] = a <= b ? [yearOf(a), yearOf(b)] : [yearOf(b), yearOf(a)];
    for (let year = first; year <= last; year += 1) {
      if (this.holidays.sourceFor(year) === 'date-holidays') return 'date-holidays';
    }
    return 'gov.uk';
  }
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`a count of working days must be a whole number ≥ 0, not ${n}`);
}
