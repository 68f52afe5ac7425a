/**
 * A partnership's calendar over a span of dates, as plain data. A workflow cannot read the
 * holiday data directly (a later refresh would change its replay), but an Update's validator
 * must count working days the moment a decision arrives. So a planning activity lists the
 * non-working weekdays of the span once, the list is recorded in the history, and the
 * workflow counts on that list. Pure and deterministic: safe to import into workflow code.
 */
import type { HolidaySource } from './bankHolidays';
import { formatIsoDate, type IsoDate, isWeekend, parseIsoDate } from './civilDate';
import { WorkingDayCalendar } from './workingDays';

export interface CalendarWindow {
  from: IsoDate;
  through: IsoDate;
  /** Bank holidays and closure days in the span that fall on weekdays. */
  nonWorkingDays: IsoDate[];
  source: HolidaySource;
  calendarVersion: string;
  policyVersion: string;
}

/** Lists the non-working weekdays of a span from a full calendar (in an activity). */
export function windowFrom(
  calendar: WorkingDayCalendar,
  from: IsoDate,
  through: IsoDate,
  versions: { calendarVersion: string; policyVersion: string },
): CalendarWindow {
  const first = parseIsoDate(from);
  const last = parseIsoDate(through);
  const nonWorkingDays: IsoDate[] = [];
  for (let day = first; day <= last; day += 1) {
    if (!isWeekend(day) && !calendar.isWorkingDay(day)) nonWorkingDays.push(formatIsoDate(day));
  }
  return { from, through, nonWorkingDays, source: calendar.sourceFor(first, last), ...versions };
}

/** A working-day calendar that knows only the window's days; outside it, it refuses to guess. */
export function calendarOf(window: CalendarWindow): WorkingDayCalendar {
  const listed = new Set(window.nonWorkingDays.map(parseIsoDate));
  const first = parseIsoDate(window.from);
  const last = parseIsoDate(window.through);
  return new WorkingDayCalendar({
    isHoliday(day) {
      if (day < first || day > last) {
        throw new RangeError(`the planned calendar covers ${window.from} to ${window.through} only`);
      }
      return listed.has(day);
    },
    sourceFor: () => window.source,
  });
}
