/**
 * The timeliness report for a partnership and a period: how the rapid reviews due in it went
 * (the independent chair's six-monthly audit, 003 L383-385, is its first part), what they
 * became, how long cases spent at each stage, the notices sent and failed, and the learning
 * actions still open by agency. Pure: computed from views and a calendar, so it is tested
 * against figures the test works out itself.
 */
import { type AuditReport, rapidReviewAudit } from '../audit/rapidReviewAudit';
import { type IsoDate, parseIsoDate } from '../calendar/civilDate';
import { londonDate } from '../calendar/london';
import type { WorkingDayCalendar } from '../calendar/workingDays';
import type { CaseView, DeadlineView } from '../case/types';
import { csv } from '../csv';
import type { LearningActionView } from '../learning/types';

export const REPORT_STAGES = [
  'notification',
  'rapid-review',
  'review-decision',
  'panel-response',
  'local-review',
] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

export interface StageTime {
  stage: ReportStage;
  /** Cases of the period that have finished this stage. */
  finished: number;
  averageWorkingDays: number | null;
  longestWorkingDays: number | null;
}

export interface TimelinessReport {
  partnership: string;
  from: IsoDate;
  /** Exclusive: the period is [from, to). */
  to: IsoDate;
  /** The rapid reviews due or completed in the period, each on time, late (by working days) or open, against the statute. */
  rapidReviews: AuditReport;
  /** What the cases of those rapid reviews became. */
  outcomes: { localCspr: number; nationalReview: number; noReview: number; undecided: number };
  stages: StageTime[];
  /** Notices of the partnership's cases sent in the period, and those that could not be delivered. */
  notices: { sent: number; failed: number };
  /** Learning actions open now, by owner agency; `overdue` are past their due date. */
  openActions: { agency: string; agencyName: string; open: number; overdue: number }[];
}

export function timelinessReport(
  partnership: string,
  period: { from: IsoDate; to: IsoDate },
  cases: readonly CaseView[],
  actions: readonly LearningActionView[],
  calendar: WorkingDayCalendar,
  today: IsoDate,
): TimelinessReport {
  const rapidReviews = rapidReviewAudit(partnership, period, cases, calendar, today);
  const cohort = new Set(rapidReviews.rows.map((r) => r.caseId));
  const ofCohort = cases.filter((c) => cohort.has(c.caseId));
  const inPeriod = (instant: string) => {
    const day = londonDate(new Date(instant));
    return day >= period.from && day < period.to;
  };
  const notices = cases.flatMap((c) => c.notices).filter((n) => inPeriod(n.at));
  return {
    partnership,
    ...period,
    rapidReviews,
    outcomes: {
      localCspr: ofCohort.filter(becameLocalCspr).length,
      nationalReview: ofCohort.filter((c) => c.timeline.some((e) => e.type === 'national-review')).length,
      noReview: ofCohort.filter((c) => c.decision?.outcome === 'no-review' && !becameLocalCspr(c)).length,
      undecided: ofCohort.filter((c) => !c.decision?.outcome).length,
    },
    stages: REPORT_STAGES.map((stage) => stageTime(stage, ofCohort, calendar)),
    // A notice still being sent is not counted until it is settled (sent, or sent and failed).
    notices: {
      sent: notices.filter((n) => n.status !== 'pending').length,
      failed: notices.filter((n) => n.status === 'failed').length,
    },
    openActions: openActionsByAgency(actions, today),
  };
}

const becameLocalCspr = (c: CaseView) =>
  c.stage === 'cspr-commissioned' || c.timeline.some((e) => e.type === 'local-review-started');

/** Working days each finished case spent at the stage: from its start to the day it ended. */
function stageTime(stage: ReportStage, cases: readonly CaseView[], calendar: WorkingDayCalendar): StageTime {
  const days: number[] = [];
  for (const c of cases) {
    const span = stageSpan(stage, c);
    if (span) days.push(calendar.workingDaysBetween(parseIsoDate(span.from), parseIsoDate(span.to)));
  }
  return {
    stage,
    finished: days.length,
    averageWorkingDays: days.length
      ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10
      : null,
    longestWorkingDays: days.length ? Math.max(...days) : null,
  };
}

function stageSpan(stage: ReportStage, c: CaseView): { from: IsoDate; to: IsoDate } | undefined {
  const met = (d: DeadlineView | undefined) => (d?.metOn ? { from: d.basisDate, to: d.metOn } : undefined);
  const deadline = (key: string) => c.deadlines.find((d) => d.key === key);
  switch (stage) {
    case 'notification':
      return met(deadline('notification'));
    case 'rapid-review':
      return met(deadline('rapidReview'));
    case 'review-decision': {
      const reviewed = deadline('rapidReview')?.metOn;
      // The day decided, not the day it was typed (cases from before kept only the latter).
      const event = c.timeline.find((e) => e.type === 'review-decided');
      const decided = c.decision?.decidedOn ?? (event && londonDate(new Date(event.at)));
      return reviewed && decided ? { from: reviewed, to: decided } : undefined;
    }
    case 'panel-response':
      return met(deadline('panelResponse'));
    case 'local-review':
      return met(c.localReview?.deadlines.find((d) => d.key === 'csprPublication'));
  }
}

function openActionsByAgency(actions: readonly LearningActionView[], today: IsoDate) {
  const byAgency = new Map<string, { agency: string; agencyName: string; open: number; overdue: number }>();
  for (const a of actions) {
    if (a.status !== 'open') continue;
    const row = byAgency.get(a.owner.agency) ?? { ...ownerOf(a), open: 0, overdue: 0 };
    row.open += 1;
    if (a.dueDate < today) row.overdue += 1;
    byAgency.set(a.owner.agency, row);
  }
  return [...byAgency.values()].sort((x, y) => y.open - x.open || x.agencyName.localeCompare(y.agencyName));
}

const ownerOf = (a: LearningActionView) => ({ agency: a.owner.agency, agencyName: a.owner.agencyName });

/** What the report's CSV is called when downloaded. */
export const timelinessFileName = (r: Pick<TimelinessReport, 'partnership' | 'from' | 'to'>) =>
  `timeliness-${r.partnership}-${r.from}-${r.to}.csv`;

/** The report as one CSV: a line per figure, `section,item,value`. */
export function timelinessCsv(r: TimelinessReport): string {
  const rows: (string | number | null)[][] = [
    ['period', 'from', r.from],
    ['period', 'to (exclusive)', r.to],
    ['rapid reviews', 'due in the period', r.rapidReviews.count],
    ['rapid reviews', 'completed on time', r.rapidReviews.onTime],
    ['rapid reviews', 'completed late', r.rapidReviews.late],
    ['rapid reviews', 'still open', r.rapidReviews.open],
    [
      'rapid reviews',
      'late against the statute; within the approved extension',
      r.rapidReviews.rows.filter((row) => row.withinExtension === true).length,
    ],
    ...r.rapidReviews.rows
      .filter((row) => row.state !== 'on-time')
      .map((row) => [
        `working days late (${row.state}; ${row.againstStatute}${row.extendedTo ? `, extended to ${row.extendedTo}` : ''})`,
        row.reference,
        row.workingDaysLate,
      ]),
    ['outcomes', 'local CSPR', r.outcomes.localCspr],
    ['outcomes', 'national review', r.outcomes.nationalReview],
    ['outcomes', 'no review', r.outcomes.noReview],
    ['outcomes', 'not yet decided', r.outcomes.undecided],
    ...r.stages.flatMap((s) => [
      [`stage ${s.stage}`, 'cases finished', s.finished],
      [`stage ${s.stage}`, 'average working days', s.averageWorkingDays],
      [`stage ${s.stage}`, 'longest working days', s.longestWorkingDays],
    ]),
    ['notices', 'sent', r.notices.sent],
    ['notices', 'failed', r.notices.failed],
    ...r.openActions.flatMap((a) => [
      [`open actions: ${a.agencyName}`, 'open', a.open],
      [`open actions: ${a.agencyName}`, 'overdue', a.overdue],
    ]),
  ];
  return csv(['section', 'item', 'value'], rows);
}
