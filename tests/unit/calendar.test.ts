/**
 * Working days as SPEC "Working days" defines them: Monday to Friday, not an England and
 * Wales bank holiday, not a partnership closure day; the basis date is day 0.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarMonths,
  BankHolidays,
  computeDueDate,
  dayFromParts,
  endOfLondonDayIso,
  endOfLondonDayMs,
  formatIsoDate,
  isIsoDate,
  londonDay,
  parseIsoDate,
  partsOf,
  shippedSnapshot,
  WorkingDayCalendar,
} from '../../src/calendar';
import { dateHolidaysFallback } from '../../src/calendar/fallbackHolidays';

const holidays = new BankHolidays(shippedSnapshot(), dateHolidaysFallback);
const calendar = new WorkingDayCalendar(holidays);
const d = parseIsoDate;
const iso = formatIsoDate;

describe('civil dates', () => {
  it('parses real dates and refuses impossible ones', () => {
    expect(iso(d('2024-02-29'))).toBe('2024-02-29');
    for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-1-01', '25-01-01', '2025-01-32', '']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });

  it('adds six calendar months, clamping to the end of a shorter month (SPEC example)', () => {
    expect(iso(addCalendarMonths(d('2025-08-31'), 6))).toBe('2026-02-28');
    expect(iso(addCalendarMonths(d('2023-08-31'), 6))).toBe('2024-02-29');
    expect(iso(addCalendarMonths(d('2025-03-31'), 6))).toBe('2025-09-30');
    expect(iso(addCalendarMonths(d('2025-11-15'), 6))).toBe('2026-05-15');
  });
});

describe('bank holidays of England and Wales', () => {
  // GOV.UK's list, year by year, including the one-off days.
  const expected: Record<number, string[]> = {
    2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
    2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
    2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
    2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
    2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
    2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
  };

  for (const [year, days] of Object.entries(expected)) {
    it(`knows every bank holiday of ${year} and no other weekday`, () => {
      const found: string[] = [];
      for (let day = dayFromParts(Number(year), 1, 1); day <= dayFromParts(Number(year), 12, 31); day += 1) {
        if (holidays.isHoliday(day)) found.push(iso(day).slice(5));
      }
      expect(found).toEqual(days);
      for (const md of days) expect(calendar.isWorkingDay(d(`${year}-${md}`))).toBe(false);
    });
  }

  it('agrees with the date-holidays rules on every weekday of every year GOV.UK lists', () => {
    const snapshot = shippedSnapshot();
    for (let year = snapshot.firstYear; year <= snapshot.lastYear; year += 1) {
      const computed = new Set(dateHolidaysFallback(year));
      for (let day = dayFromParts(year, 1, 1); day <= dayFromParts(year, 12, 31); day += 1) {
        const weekday = ![0, 6].includes((((day + 4) % 7) + 7) % 7);
        if (weekday) expect(holidays.isHoliday(day), iso(day)).toBe(computed.has(iso(day)));
      }
    }
  });

  it('falls back to the date-holidays rules beyond the snapshot, and says so', () => {
    const lastYear = shippedSnapshot().lastYear;
    const later = lastYear + 3;
    expect(holidays.sourceFor(later)).toBe('date-holidays');
    expect(holidays.isHoliday(d(`${later}-12-25`)) || holidays.isHoliday(d(`${later}-12-27`))).toBe(true);
    const due = computeDueDate(calendar, `${later}-06-01`, { kind: 'working-days-after', workingDays: 5 });
    expect(due.source).toBe('date-holidays');
    expect(
      computeDueDate(calendar, `${lastYear}-06-01`, { kind: 'working-days-after', workingDays: 5 }).source,
    ).toBe('gov.uk');
  });

  it('refuses to guess without a fallback', () => {
    const strict = new BankHolidays(shippedSnapshot());
    expect(() => strict.isHoliday(d('2099-01-01'))).toThrow(/no bank holiday data for 2099/);
  });
});

describe('working days', () => {
  const after = (from: string, n: number) => iso(calendar.addWorkingDays(d(from), n));
  const before = (to: string, n: number) => iso(calendar.subtractWorkingDays(d(to), n));

  it('counts the SPEC example across Christmas: aware Friday 2025-12-19, 5th working day Tuesday 2025-12-30', () => {
    expect(after('2025-12-19', 5)).toBe('2025-12-30');
  });

  it('never counts the basis day, even when it is a weekend or a holiday', () => {
    expect(after('2025-11-01', 1)).toBe('2025-11-03'); // Saturday → Monday
    expect(after('2025-12-25', 1)).toBe('2025-12-29'); // Christmas Day (Thu) → Monday, past Boxing Day
    expect(after('2025-11-03', 1)).toBe('2025-11-04');
    expect(after('2025-11-03', 0)).toBe('2025-11-03');
  });

  it('gives 15 working days of a rapid review over Easter 2026', () => {
    // Thu 26 March 2026: Good Friday 3 April and Easter Monday 6 April do not count.
    expect(after('2026-03-26', 15)).toBe('2026-04-20');
  });

  it('crosses the 2022 one-off holidays', () => {
    expect(after('2022-06-01', 1)).toBe('2022-06-06'); // 2 and 3 June 2022
    expect(after('2022-09-16', 1)).toBe('2022-09-20'); // the State Funeral, 19 September 2022
    expect(after('2023-05-05', 1)).toBe('2023-05-09'); // the Coronation, 8 May 2023
  });

  it('counts back N working days before a date (the date itself is day 0)', () => {
    expect(before('2026-03-10', 7)).toBe('2026-02-27');
    expect(before('2025-12-29', 1)).toBe('2025-12-24');
    expect(before('2026-04-07', 1)).toBe('2026-04-02'); // Tuesday after Easter → Thursday before
  });

  it('counts working days between two dates as (from, to]', () => {
    expect(calendar.workingDaysBetween(d('2025-12-19'), d('2025-12-30'))).toBe(5);
    expect(calendar.workingDaysBetween(d('2025-12-30'), d('2025-12-19'))).toBe(-5);
    expect(calendar.workingDaysBetween(d('2025-12-25'), d('2025-12-26'))).toBe(0);
  });

  it('takes away partnership closure days, one-off and annual', () => {
    const closed = new WorkingDayCalendar(holidays, ['12-24', '2025-12-31']);
    expect(iso(closed.addWorkingDays(d('2025-12-19'), 5))).toBe('2026-01-02'); // 22, 23, 29, 30, 2 Jan
    expect(closed.isWorkingDay(d('2026-12-24'))).toBe(false);
    expect(calendar.isWorkingDay(d('2026-12-24'))).toBe(true);
  });

  it('rejects a negative or fractional count', () => {
    expect(() => calendar.addWorkingDays(d('2025-01-01'), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(d('2025-01-01'), 1.5)).toThrow(RangeError);
  });
});

describe('civil dates', () => {
  it('are the same dates the platform gives, from 1900 to 9999 (partsOf is computed, not a Date)', () => {
    fc.assert(
      fc.property(fc.integer({ min: d('1900-01-01'), max: d('9999-12-31') }), (day) => {
        const date = new Date(day * 86_400_000);
        expect(partsOf(day)).toEqual({
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
        });
      }),
      { numRuns: 5000 },
    );
    for (const [iso, parts] of [
      ['1970-01-01', { year: 1970, month: 1, day: 1 }],
      ['2000-02-29', { year: 2000, month: 2, day: 29 }],
      ['2100-03-01', { year: 2100, month: 3, day: 1 }],
      ['1969-12-31', { year: 1969, month: 12, day: 31 }],
    ] as const)
      expect(partsOf(d(iso))).toEqual(parts);
  });
});

describe('working-day properties', () => {
  const anyDay = fc.integer({ min: d('2018-01-01'), max: d('2030-12-31') });
  const anyCount = fc.integer({ min: 0, max: 80 });

  it('always lands on a working day (for N ≥ 1), strictly after the basis', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 80 }), (day, n) => {
        const due = calendar.addWorkingDays(day, n);
        return calendar.isWorkingDay(due) && due > day && calendar.workingDaysBetween(day, due) === n;
      }),
    );
  });

  it('after and before are inverse on working days', () => {
    fc.assert(
      fc.property(anyDay, anyCount, (day, n) => {
        fc.pre(calendar.isWorkingDay(day));
        return (
          calendar.subtractWorkingDays(calendar.addWorkingDays(day, n), n) === day &&
          calendar.addWorkingDays(calendar.subtractWorkingDays(day, n), n) === day
        );
      }),
    );
  });

  it('is monotonic in N and in the start date', () => {
    fc.assert(
      fc.property(anyDay, anyDay, anyCount, anyCount, (a, b, m, n) => {
        const [d1, d2] = a <= b ? [a, b] : [b, a];
        const [n1, n2] = m <= n ? [m, n] : [n, m];
        return (
          calendar.addWorkingDays(d1, n1) <= calendar.addWorkingDays(d1, n2) &&
          calendar.addWorkingDays(d1, n1) <= calendar.addWorkingDays(d2, n1)
        );
      }),
    );
  });

  it('"N before" is the latest working day with N working days in [it, the date)', () => {
    const workingDaysFrom = (first: number, endExclusive: number) =>
      calendar.workingDaysBetween(first - 1, endExclusive - 1);
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 40 }), (to, n) => {
        const latest = calendar.subtractWorkingDays(to, n);
        const nextWorkingDay = calendar.addWorkingDays(latest, 1);
        return (
          calendar.isWorkingDay(latest) &&
          workingDaysFrom(latest, to) === n &&
          // any later working day has fewer than N working days before the date
          (nextWorkingDay >= to || workingDaysFrom(nextWorkingDay, to) === n - 1)
        );
      }),
    );
  });
});

describe('the year index behind the counts', () => {
  // The definition, one day at a time, against which the indexed counts are checked.
  const byHand = {
    add(from: number, n: number) {
      let day = from;
      for (let counted = 0; counted < n;) if (calendar.isWorkingDay(++day)) counted += 1;
      return day;
    },
    subtract(to: number, n: number) {
      let day = to;
      for (let counted = 0; counted < n;) if (calendar.isWorkingDay(--day)) counted += 1;
      return day;
    },
    between(from: number, to: number) {
      let count = 0;
      for (let day = Math.min(from, to) + 1; day <= Math.max(from, to); day += 1)
        if (calendar.isWorkingDay(day)) count += 1;
      return to < from ? -count : count;
    },
  };
  const anyDay = fc.integer({ min: d('2016-01-01'), max: d('2032-12-31') });
  // Up to three years of working days, so counts cross one or more New Years.
  const anyCount = fc.integer({ min: 0, max: 760 });

  it('gives the same days as counting one day at a time, across year ends', () => {
    fc.assert(
      fc.property(anyDay, anyCount, (day, n) => {
        expect(calendar.addWorkingDays(day, n)).toBe(byHand.add(day, n));
        expect(calendar.subtractWorkingDays(day, n)).toBe(byHand.subtract(day, n));
      }),
      { numRuns: 2000 },
    );
    for (const [from, n] of [
      ['2025-12-31', 1],
      ['2026-01-01', 1],
      ['2025-12-24', 3],
    ] as const) {
      expect(calendar.addWorkingDays(d(from), n)).toBe(byHand.add(d(from), n));
      expect(calendar.subtractWorkingDays(d(from), n)).toBe(byHand.subtract(d(from), n));
    }
  });

  it('counts the same working days between two dates as counting one day at a time', () => {
    fc.assert(
      fc.property(anyDay, anyDay, (a, b) => calendar.workingDaysBetween(a, b) === byHand.between(a, b)),
      { numRuns: 2000 },
    );
  });

  it('counts inside a calendar window that ends mid-year, and refuses a count that leaves it', () => {
    const windowed = new WorkingDayCalendar({
      isHoliday(day) {
        if (day < d('2026-03-01') || day > d('2026-08-31')) throw new RangeError('outside the window');
        return holidays.isHoliday(day);
      },
      sourceFor: () => 'gov.uk',
    });
    expect(windowed.addWorkingDays(d('2026-03-27'), 15)).toBe(calendar.addWorkingDays(d('2026-03-27'), 15));
    expect(windowed.subtractWorkingDays(d('2026-06-01'), 10)).toBe(
      calendar.subtractWorkingDays(d('2026-06-01'), 10),
    );
    expect(windowed.workingDaysBetween(d('2026-03-02'), d('2026-08-28'))).toBe(
      calendar.workingDaysBetween(d('2026-03-02'), d('2026-08-28')),
    );
    expect(() => windowed.addWorkingDays(d('2026-08-20'), 15)).toThrow('outside the window');
    expect(() => windowed.subtractWorkingDays(d('2026-03-05'), 10)).toThrow('outside the window');
  });
});

describe('due instants in Europe/London', () => {
  const londonParts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });

  it('is 23:59:59.999 London time on the due day, across both daylight-saving changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: d('2018-01-01'), max: d('2035-12-31') }), (day) => {
        const ms = endOfLondonDayMs(day);
        const p = Object.fromEntries(londonParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
        const nextMs = ms + 1;
        const next = Object.fromEntries(
          londonParts.formatToParts(new Date(nextMs)).map((x) => [x.type, x.value]),
        );
        return (
          `${p.year}-${p.month}-${p.day}` === iso(day) &&
          `${p.hour}:${p.minute}:${p.second}` === '23:59:59' &&
          `${next.hour}:${next.minute}:${next.second}` === '00:00:00'
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('writes the due instant as Date.toISOString would, from 1900 to 9999', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: d('1900-01-01'), max: d('9999-12-31') }),
        (day) => endOfLondonDayIso(day, iso(day)) === new Date(endOfLondonDayMs(day)).toISOString(),
      ),
      { numRuns: 5000 },
    );
    for (const day of ['2026-03-28', '2026-03-29', '2026-10-24', '2026-10-25'])
      expect(endOfLondonDayIso(d(day), day)).toBe(new Date(endOfLondonDayMs(d(day))).toISOString());
  });

  it('knows the days on which the clocks change', () => {
    expect(new Date(endOfLondonDayMs(d('2026-03-28'))).toISOString()).toBe('2026-03-28T23:59:59.999Z');
    expect(new Date(endOfLondonDayMs(d('2026-03-29'))).toISOString()).toBe('2026-03-29T22:59:59.999Z');
    expect(new Date(endOfLondonDayMs(d('2026-10-24'))).toISOString()).toBe('2026-10-24T22:59:59.999Z');
    expect(new Date(endOfLondonDayMs(d('2026-10-25'))).toISOString()).toBe('2026-10-25T23:59:59.999Z');
  });

  it('gives the London calendar day of an instant', () => {
    expect(iso(londonDay(Date.parse('2026-06-30T23:30:00Z')))).toBe('2026-07-01');
    expect(iso(londonDay(Date.parse('2026-12-31T23:30:00Z')))).toBe('2026-12-31');
  });
});

describe('computeDueDate', () => {
  it('records the basis, the rule and the end-of-day instant', () => {
    expect(computeDueDate(calendar, '2026-06-01', { kind: 'working-days-after', workingDays: 5 })).toEqual({
      basisDate: '2026-06-01',
      rule: { kind: 'working-days-after', workingDays: 5 },
      dueDate: '2026-06-08',
      dueAt: '2026-06-08T22:59:59.999Z',
      source: 'gov.uk',
    });
    expect(computeDueDate(calendar, '2025-08-31', { kind: 'calendar-months-after', months: 6 }).dueDate).toBe(
      '2026-02-28',
    );
  });
});
