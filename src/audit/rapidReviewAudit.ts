/**
 * The independent chair's six-monthly audit of rapid reviews (003 L383-385): for a period,
 * each rapid review that fell due or was completed in it, judged against its statutory due
 * date: on time, how many working days late, or still open. A calendar re-plan or a
 * corrected awareness date corrects that date; an approved extension does not, and is shown
 * beside it. Pure: computed from case views and a calendar, so it is tested alone.
 */
import { formatIsoDate, type IsoDate, parseIsoDate } from '../calendar/civilDate';
import type { WorkingDayCalendar } from '../calendar/workingDays';
import { statuteWords } from '../case/statuteWords';
import type { CaseView, DeadlineView } from '../case/types';
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
  /** An approved extension, beside the statutory due date; null where none was approved. */
  extendedTo: IsoDate | null;
  /** Late: whether within the approved extension; null where on time or none was approved. */
  withinExtension: boolean | null;
  /** How it stands against the statute, in words ("late against the statute; within the approved extension"). */
  againstStatute: string;
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
  const within = (day: IsoDate | null) => day !== null && day >= period.from && day < period.to;
  for (const c of cases) {
    const rapid = c.deadlines.find((d) => d.key === 'rapidReview');
    if (!rapid || rapid.state === 'not-applicable') continue;
    const statutoryDue = statutoryDueOf(rapid);
    const done = rapid.metOn ?? null;
    if (!within(statutoryDue) && !within(done)) continue;
    const due = parseIsoDate(statutoryDue);
    const lateBy = (until: IsoDate) => Math.max(0, calendar.workingDaysBetween(due, parseIsoDate(until)));
    // Judged by the dates recorded, not the deadline's state: a review done on time but
    // recorded after its due date (so flagged as breached meanwhile) was still on time.
    const state = done === null ? 'open' : done <= statutoryDue ? 'on-time' : 'late';
    const late = state === 'late' || (state === 'open' && today > statutoryDue);
    const extendedTo = rapid.extension?.dueDate ?? legacyExtension(rapid);
    const withinExtension = late && extendedTo ? (done ?? today) <= extendedTo : null;
    rows.push({
      caseId: c.caseId,
      reference: c.reference,
      basisDate: rapid.basisDate,
      dueDate: statutoryDue,
      completedOn: done,
      state,
      workingDaysLate: lateBy(done ?? today),
      extendedTo,
      withinExtension,
      againstStatute: statuteWords({ late, withinExtension }),
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

/**
 * The statutory due date: the view's own where it keeps the extension beside it; in a view
 * from before, the date the first extension moved it from.
 */
function statutoryDueOf(d: DeadlineView): IsoDate {
  if (d.lateAgainstStatute !== undefined) return d.dueDate;
  return d.changes[0]?.from ?? d.dueDate;
}

/** A view from before extensions were kept beside the statute: the extended date was its due date. */
function legacyExtension(d: DeadlineView): IsoDate | null {
  return d.lateAgainstStatute === undefined && d.changes.length > 0 ? d.dueDate : null;
}

const COLUMNS: (keyof AuditRow)[] = [
  'reference',
  'caseId',
  'basisDate',
  'dueDate',
  'completedOn',
  'state',
  'workingDaysLate',
  'extendedTo',
  'againstStatute',
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
