/**
 * Civil (calendar) dates as whole days since 1970-01-01. Statutory timescales are about
 * dates, not instants, so all arithmetic happens on these integers and only the final due
 * instant is turned into a point in time (see london.ts).
 */
export type DayNumber = number;

/** A date written as YYYY-MM-DD. */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidDateError extends Error {
  constructor(readonly input: string) {
    super(`"${input}" is not a real date in the form YYYY-MM-DD`);
    this.name = 'InvalidDateError';
  }
}

export function dayFromParts(year: number, month: number, day: number): DayNumber {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Parses YYYY-MM-DD, refusing dates that do not exist (2025-02-29, 2025-13-01). */
export function parseIsoDate(input: string): DayNumber {
  const match = ISO_DATE.exec(input);
  if (!match) throw new InvalidDateError(input);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const n = dayFromParts(year, month, day);
  const back = partsOf(n);
  if (back.year !== year || back.month !== month || back.day !== day) throw new InvalidDateError(input);
  return n;
}

export function isIsoDate(input: string): boolean {
  try {
    parseIsoDate(input);
    return true;
  } catch {
    return false;
  }
}

/**
 * The proleptic Gregorian date of a day number, by integer arithmetic (Howard Hinnant's
 * civil_from_days): every working day counted goes through here, and a `Date` per call was
 * most of the cost of computing a due date.
 */
export function partsOf(day: DayNumber): { year: number; month: number; day: number } {
  const z = day + 719_468; // days from 0000-03-01
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1,
  };
}

export function formatIsoDate(day: DayNumber): IsoDate {
  const p = partsOf(day);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function dayOfWeek(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: DayNumber): boolean {
  const dow = dayOfWeek(day);
  return dow === 0 || dow === 6;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The same day of the month `months` calendar months later, clamped to the last day of a
 * shorter month: 2025-08-31 + 6 months = 2026-02-28.
 */
export function addCalendarMonths(day: DayNumber, months: number): DayNumber {
  const p = partsOf(day);
  const index = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return dayFromParts(year, month, Math.min(p.day, daysInMonth(year, month)));
}

export function yearOf(day: DayNumber): number {
  return partsOf(day).year;
}
