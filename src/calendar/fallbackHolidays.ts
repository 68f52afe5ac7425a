import Holidays from 'date-holidays';
import type { FallbackHolidays } from './bankHolidays';

const england = new Holidays('GB', 'ENG');

/** Public holidays in England from the date-holidays rules, for years GOV.UK has not listed. */
export const dateHolidaysFallback: FallbackHolidays = (year) =>
  england
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => h.date.slice(0, 10));
