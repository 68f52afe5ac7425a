/**
 * England and Wales bank holidays: GOV.UK's list for the years it publishes, and a computed
 * fallback for years beyond it. Which one a calculation relied on is reported with its result,
 * because a date from the fallback has not been confirmed by GOV.UK.
 */
import { z } from 'zod';
import { type DayNumber, dayFromParts, isIsoDate, parseIsoDate, yearOf } from './civilDate';
import snapshotJson from './data/england-and-wales.json';

export type HolidaySource = 'gov.uk' | 'date-holidays';

export const holidaySnapshotSchema = z.object({
  division: z.literal('england-and-wales'),
  source: z.literal('gov.uk'),
  version: z.string().min(1),
  note: z.string().optional(),
  firstYear: z.number().int(),
  lastYear: z.number().int(),
  events: z
    .array(
      z.object({ date: z.string().refine(isIsoDate, 'must be a real YYYY-MM-DD date'), title: z.string() }),
    )
    .min(1),
});
export type HolidaySnapshot = z.infer<typeof holidaySnapshotSchema>;

/** Holidays for a year outside the snapshot, as YYYY-MM-DD dates. */
export type FallbackHolidays = (year: number) => readonly string[];

export class BankHolidays {
  private readonly snapshotDays: Set<DayNumber>;
  private readonly fallbackDays = new Map<number, Set<DayNumber>>();
  /** The snapshot's years as day numbers: the common case is a range check, not a year lookup. */
  private readonly firstCovered: DayNumber;
  private readonly lastCovered: DayNumber;

  constructor(
    readonly snapshot: HolidaySnapshot,
    private readonly fallback?: FallbackHolidays,
  ) {
    this.snapshotDays = new Set(snapshot.events.map((e) => parseIsoDate(e.date)));
    this.firstCovered = dayFromParts(snapshot.firstYear, 1, 1);
    this.lastCovered = dayFromParts(snapshot.lastYear, 12, 31);
  }

  get version(): string {
    return `${this.snapshot.source}:${this.snapshot.version}`;
  }

  covers(year: number): boolean {
    return year >= this.snapshot.firstYear && year <= this.snapshot.lastYear;
  }

  sourceFor(year: number): HolidaySource {
    return this.covers(year) ? 'gov.uk' : 'date-holidays';
  }

  isHoliday(day: DayNumber): boolean {
    if (day >= this.firstCovered && day <= this.lastCovered) return this.snapshotDays.has(day);
    return this.fallbackYear(yearOf(day)).has(day);
  }

  private fallbackYear(year: number): Set<DayNumber> {
    let days = this.fallbackDays.get(year);
    if (!days) {
      if (!this.fallback) {
        throw new Error(
          `no bank holiday data for ${year}: outside the GOV.UK snapshot and no fallback configured`,
        );
      }
      days = new Set(this.fallback(year).map(parseIsoDate));
      this.fallbackDays.set(year, days);
    }
    return days;
  }
}

export function shippedSnapshot(): HolidaySnapshot {
  return holidaySnapshotSchema.parse(snapshotJson);
}
