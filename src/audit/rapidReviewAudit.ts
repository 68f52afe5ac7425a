/**
 * The independent chair's six-monthly audit of rapid reviews (003 L383-385): for a period,
 * each rapid review that fell due in it, whether it was on time, how many working days late,
 * or still open. Pure: computed from case views and a calendar, so it is tested alone.
 */
import { formatIsoDate, type IsoDate, parseIsoDate } from '../calendar/civilDate';
import type { WorkingDayCalendar } from '../calendar/workingDays';
import type { CaseView } from '../case/types';
import { csv } from '../csv';
import type { RecipientRole } from '../policy/schema';

/** What the audit schedule starts each run with. */
export interface AuditInput {
  partnership: string;
  everyMonths: number;
  /** Who receives the report; absent in runs from before the pack said (the chair and the business manager). */
  recipients?: RecipientRole[];
  /** An explicit period [from, to), e.g. to audit again by hand. */
  period?: { from: string; to: string };
}

export interface AuditRow {
  caseId: string;
  reference: string;
  basisDate: IsoDate;
  dueDate: IsoDate;
  completedOn: IsoDate | null;
  state: 'on-time' | 'late' | 'open';
  /** Working days after the due date it was completed, or (open) that have passed so far. */
  workingDaysLate: number;
}

export interface AuditReport {
  partnership: string;
  from: IsoDate;
  /** Exclusive: the period is [from, to). */
  to: IsoDate;
  count: number;
  onTime: number;
  late: number;
  open: number;
  rows: AuditRow[];
}

/** `to` and `everyMonths` earlier: the period an audit run on `to` looks back over. */
export function auditPeriod(runOn: IsoDate, everyMonths: number): { from: IsoDate; to: IsoDate } {
  const to = `${runOn.slice(0, 7)}-01`;
  const [year, month] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  const index = year * 12 + (month - 1) - everyMonths;
  const from = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
  return { from, to };
}

export function rapidReviewAudit(
  partnership: string,
  period: { from: IsoDate; to: IsoDate },
  cases: readonly CaseView[],
  calendar: WorkingDayCalendar,
  today: IsoDate,
): AuditReport {
  const rows: AuditRow[] = [];
  for (const c of cases) {
    const rapid = c.deadlines.find((d) => d.key === 'rapidReview');
    if (!rapid || rapid.state === 'not-applicable') continue;
    // Judged against the 15 working days as first planned: an extension does not make a late review timely.
    const statutoryDue = rapid.changes[0]?.from ?? rapid.dueDate;
    if (statutoryDue < period.from || statutoryDue >= period.to) continue;
    const due = parseIsoDate(statutoryDue);
    const done = rapid.metOn ?? null;
    const lateBy = (until: IsoDate) => Math.max(0, calendar.workingDaysBetween(due, parseIsoDate(until)));
    rows.push({
      caseId: c.caseId,
      reference: c.reference,
      basisDate: rapid.basisDate,
      dueDate: statutoryDue,
      completedOn: done,
      // Judged by the dates recorded, not the deadline's state: a review done on time but
      // recorded after its due date (so flagged as breached meanwhile) was still on time.
      state: done === null ? 'open' : done <= statutoryDue ? 'on-time' : 'late',
      workingDaysLate: lateBy(done ?? today),
    });
  }
  rows.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.reference.localeCompare(b.reference));
  return {
    partnership,
    ...period,
    count: rows.length,
    onTime: rows.filter((r) => r.state === 'on-time').length,
    late: rows.filter((r) => r.state === 'late').length,
    open: rows.filter((r) => r.state === 'open').length,
    rows,
  };
}

const COLUMNS: (keyof AuditRow)[] = [
  'reference',
  'caseId',
  'basisDate',
  'dueDate',
  'completedOn',
  'state',
  'workingDaysLate',
];

/** RFC 4180 CSV of the rows, one per rapid review. */
export function auditCsv(report: AuditReport): string {
  return csv(
    COLUMNS,
    report.rows.map((r) => COLUMNS.map((k) => r[k])),
  );
}

/** The last day of the period, for people: [from, to) reads as "from … to the day before to". */
export function lastDayOf(period: { to: IsoDate }): IsoDate {
  return formatIsoDate(parseIsoDate(period.to) - 1);
}
