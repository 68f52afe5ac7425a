/**
 * Europe/London wall-clock rules, computed rather than looked up so that workflow code can
 * use them deterministically. UK summer time runs from 01:00 UTC on the last Sunday of
 * March to 01:00 UTC on the last Sunday of October (Summer Time Order 2002).
 */
import {
  type DayNumber,
  dayFromParts,
  dayOfWeek,
  daysInMonth,
  formatIsoDate,
  type IsoDate,
  parseIsoDate,
  partsOf,
} from './civilDate';

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

function lastSunday(year: number, month: number): DayNumber {
  const last = dayFromParts(year, month, daysInMonth(year, month));
  return last - dayOfWeek(last);
}

/** The UTC instants at which summer time starts and ends in `year`. */
function summerTime(year: number): { startsMs: number; endsMs: number } {
  let found = summerTimes.get(year);
  if (!found) {
    found = {
      startsMs: lastSunday(year, 3) * MS_PER_DAY + MS_PER_HOUR,
      endsMs: lastSunday(year, 10) * MS_PER_DAY + MS_PER_HOUR,
    };
    summerTimes.set(year, found);
  }
  return found;
}
/** Per year, computed once: every due instant asks. */
const summerTimes = new Map<number, { startsMs: number; endsMs: number }>();

/** London's offset from UTC, in ms, at a UTC instant. */
export function londonOffsetMs(instantMs: number): number {
  const { startsMs, endsMs } = summerTime(new Date(instantMs).getUTCFullYear());
  return instantMs >= startsMs && instantMs < endsMs ? MS_PER_HOUR : 0;
}

/** The calendar day in London at a UTC instant. */
export function londonDay(instantMs: number): DayNumber {
  return Math.floor((instantMs + londonOffsetMs(instantMs)) / MS_PER_DAY);
}

export function londonDate(instant: Date): IsoDate {
  return formatIsoDate(londonDay(instant.getTime()));
}

/**
 * The last instant of a day in London (23:59:59.999 local). Clocks change at 01:00 UTC, so
 * the offset in force at the end of a day is the one that applies after that day's change.
 */
export function endOfLondonDayMs(day: DayNumber): number {
  return (day + 1) * MS_PER_DAY - 1 - (endsInSummerTime(day) ? MS_PER_HOUR : 0);
}

/**
 * The same instant as `endOfLondonDayMs`, written as `Date.toISOString` would write it for
 * years 0 to 9999. Every due date carries it, and building it from the date's own text costs
 * a fraction of a `Date` round trip. `date` is `day` as YYYY-MM-DD, which the caller holds.
 */
export function endOfLondonDayIso(day: DayNumber, date: IsoDate): string {
  return `${date}T${endsInSummerTime(day) ? '22' : '23'}:59:59.999Z`;
}

/** Whether London is on summer time (UTC+1) at the end of `day`: the same UTC date either way. */
function endsInSummerTime(day: DayNumber): boolean {
  const { startsMs, endsMs } = summerTime(partsOf(day).year);
  const dayStartMs = day * MS_PER_DAY;
  return dayStartMs >= startsMs - MS_PER_HOUR && dayStartMs < endsMs - MS_PER_HOUR;
}

export function endOfLondonDay(date: IsoDate): Date {
  return new Date(endOfLondonDayMs(parseIsoDate(date)));
}

/** A whole hour of London wall-clock time on a day (no clock change happens after 01:00 UTC). */
export function londonHourMs(day: DayNumber, hour: number): number {
  return endOfLondonDayMs(day) + 1 - (24 - hour) * MS_PER_HOUR;
}
