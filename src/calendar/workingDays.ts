/**
 * Working-day arithmetic as the statutory guidance counts it: Monday to Friday, not a bank
 * holiday in England and Wales, not a closure day of the partnership. "Within N working days
 * of D": D is day 0 and never counted, whatever it is; the deadline is the N-th working day
 * after it.
 */
import type { HolidaySource } from './bankHolidays';
import { type DayNumber, dayFromParts, isWeekend, partsOf, parseIsoDate, yearOf } from './civilDate';

/** A closure day: one date (YYYY-MM-DD) or the same date every year (MM-DD). */
export type ClosureDay = string;

const ANNUAL = /^(\d{2})-(\d{2})$/;

/** Which days are bank holidays, and where that knowledge came from. */
export interface HolidayLookup {
  isHoliday(day: DayNumber): boolean;
  sourceFor(year: number): HolidaySource;
}

/** One year's working days in order, and for each day of the year how many fell on or before it. */
interface YearIndex {
  year: number;
  first: DayNumber;
  days: Int32Array;
  upTo: Uint16Array;
}

export class WorkingDayCalendar {
  private readonly years = new Map<number, YearIndex | undefined>();
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
    if (n === 0) return from;
    let year = this.yearIndex(yearOf(from));
    if (!year) return this.countForward(from, n);
    // Working days of the year up to and including `from`: the next one is days[seen].
    let seen = year.upTo[from - year.first]!;
    let left = n;
    while (seen + left > year.days.length) {
      left -= year.days.length - seen;
      year = this.yearIndex(year.year + 1);
      if (!year) return this.countForward(from, n);
      seen = 0;
    }
    return year.days[seen + left - 1]!;
  }

  /** The N-th working day before `to` (`to` itself is day 0). N = 0 gives `to`. */
  subtractWorkingDays(to: DayNumber, n: number): DayNumber {
    assertCount(n);
    if (n === 0) return to;
    let year = this.yearIndex(yearOf(to));
    if (!year) return this.countBackward(to, n);
    // Working days of the year strictly before `to`: the last of them is days[before - 1].
    let before = to === year.first ? 0 : year.upTo[to - year.first - 1]!;
    let left = n;
    while (left > before) {
      left -= before;
      year = this.yearIndex(year.year - 1);
      if (!year) return this.countBackward(to, n);
      before = year.days.length;
    }
    return year.days[before - left]!;
  }

  /** Working days in (from, to]: how many working days `to` is after `from`; negative if before. */
  workingDaysBetween(from: DayNumber, to: DayNumber): number {
    if (to < from) return -this.workingDaysBetween(to, from);
    let year = this.yearIndex(yearOf(from));
    if (!year) return this.countBetween(from, to);
    let count = -year.upTo[from - year.first]!;
    for (const last = yearOf(to); year.year < last;) {
      count += year.days.length;
      year = this.yearIndex(year.year + 1);
      if (!year) return this.countBetween(from, to);
    }
    return count + year.upTo[to - year.first]!;
  }

  /**
   * A year's working days, built the first time a count reaches the year: counting day by day
   * was most of the cost of a due date. Undefined where the holiday lookup cannot answer for
   * every day of the year (a calendar window that ends mid-year); such counts go day by day,
   * so they fail only if they reach a day the lookup does not know.
   */
  private yearIndex(year: number): YearIndex | undefined {
    if (this.years.has(year)) return this.years.get(year);
    const first = dayFromParts(year, 1, 1);
    const length = dayFromParts(year + 1, 1, 1) - first;
    const upTo = new Uint16Array(length);
    const days: DayNumber[] = [];
    let index: YearIndex | undefined;
    try {
      for (let i = 0; i < length; i += 1) {
        if (this.isWorkingDay(first + i)) days.push(first + i);
        upTo[i] = days.length;
      }
      index = { year, first, days: Int32Array.from(days), upTo };
    } catch {
      index = undefined;
    }
    this.years.set(year, index);
    return index;
  }

  private countForward(from: DayNumber, n: number): DayNumber {
    let day = from;
    for (let counted = 0; counted < n;) {
      day += 1;
      if (this.isWorkingDay(day)) counted += 1;
    }
    return day;
  }

  private countBackward(to: DayNumber, n: number): DayNumber {
    let day = to;
    for (let counted = 0; counted < n;) {
      day -= 1;
      if (this.isWorkingDay(day)) counted += 1;
    }
    return day;
  }

  private countBetween(from: DayNumber, to: DayNumber): number {
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
