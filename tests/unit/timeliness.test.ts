/**
 * The timeliness report on hand-made views. Every expected figure is worked out here by
 * other means: working days by walking the calendar one day at a time with 2026's England and
 * Wales bank holidays written out, counts by listing the cases that should be in them.
 */
import { describe, expect, it } from 'vitest';
import type { CaseView, DeadlineView, NoticeSent, TimelineEvent } from '../../src/case/types';
import type { LearningActionView } from '../../src/learning/types';
import { loadPolicies } from '../../src/policy/registry';
import { timelinessCsv, timelinessReport } from '../../src/reports/timeliness';

const calendar = loadPolicies().calendar('dudley');
const BANK_HOLIDAYS_2026 = [
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-04',
  '2026-05-25',
  '2026-08-31',
];

/** Working days after `from` up to and including `to`, counted one day at a time. */
function workingDaysWalked(from: string, to: string): number {
  let n = 0;
  for (
    let t = Date.parse(`${from}T12:00:00Z`) + 86_400_000;
    t <= Date.parse(`${to}T12:00:00Z`);
    t += 86_400_000
  ) {
    const day = new Date(t);
    const iso = day.toISOString().slice(0, 10);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && !BANK_HOLIDAYS_2026.includes(iso)) n += 1;
  }
  return n;
}

const deadline = (key: string, basisDate: string, dueDate: string, metOn?: string): DeadlineView =>
  ({
    key,
    basisDate,
    dueDate,
    state: metOn ? (metOn <= dueDate ? 'met' : 'met-late') : 'pending',
    changes: [],
    ...(metOn && { metOn }),
  }) as unknown as DeadlineView;
const event = (type: string, at: string): TimelineEvent => ({ type, at, summary: type });
const notice = (at: string, status: NoticeSent['status'] = 'delivered'): NoticeSent => ({
  id: at,
  type: 'x',
  to: [],
  at,
  status,
});

function kase(reference: string, parts: Partial<CaseView>): CaseView {
  return {
    caseId: `case-dudley-${reference}`,
    partnership: 'dudley',
    reference,
    awareAt: '2026-01-26',
    stage: 'review-decision',
    status: 'open',
    deadlines: [],
    timeline: [],
    notices: [],
    ...parts,
  };
}

// A: on time, became a local CSPR that was published. B: late, went to a national review.
// C: still open. D: due before the period. E: not notifiable (no rapid review).
const A = kase('A', {
  stage: 'local-review',
  deadlines: [
    deadline('notification', '2026-01-27', '2026-02-03', '2026-02-02'),
    deadline('rapidReview', '2026-02-02', '2026-02-23', '2026-02-20'),
    deadline('panelResponse', '2026-02-25', '2026-03-11', '2026-03-04'),
  ],
  decision: { partners: [], votesNeeded: 2, votes: [], awaiting: [], outcome: 'local-cspr', tied: false },
  timeline: [
    event('review-decided', '2026-02-25T10:00:00.000Z'),
    event('local-review-started', '2026-03-04T10:00:00.000Z'),
  ],
  localReview: {
    workflowId: 'r',
    stage: 'published',
    status: 'closed',
    deadlines: [deadline('csprPublication', '2026-02-25', '2026-08-25', '2026-06-30')],
  },
  notices: [
    notice('2026-01-27T09:00:00.000Z'),
    notice('2026-02-02T09:00:00.000Z', 'failed'),
    notice('2026-06-30T22:30:00.000Z'),
  ],
});
const B = kase('B', {
  stage: 'national-review',
  status: 'closed',
  deadlines: [
    deadline('notification', '2026-03-30', '2026-04-07', '2026-04-08'),
    deadline('rapidReview', '2026-04-08', '2026-04-29', '2026-05-06'),
    deadline('panelResponse', '2026-05-12', '2026-05-27', '2026-05-20'),
  ],
  decision: { partners: [], votesNeeded: 2, votes: [], awaiting: [], outcome: 'refer-national', tied: false },
  timeline: [
    event('review-decided', '2026-05-11T23:30:00.000Z'),
    event('national-review', '2026-05-20T10:00:00.000Z'),
  ],
  // 23:30 UTC on 30 June is 1 July in London: outside the period.
  notices: [notice('2026-06-30T23:30:00.000Z')],
});
const C = kase('C', {
  stage: 'rapid-review',
  deadlines: [
    deadline('notification', '2026-06-01', '2026-06-08', '2026-06-03'),
    deadline('rapidReview', '2026-06-03', '2026-06-24'),
  ],
});
const D = kase('D', {
  deadlines: [deadline('rapidReview', '2025-12-01', '2025-12-19', '2025-12-19')],
  notices: [notice('2025-12-01T10:00:00.000Z')],
});
const E = kase('E', {
  deadlines: [{ ...deadline('rapidReview', '2026-03-02', '2026-03-23'), state: 'not-applicable' }],
});

const action = (agency: string, agencyName: string, dueDate: string, status: 'open' | 'closed' = 'open') =>
  ({ owner: { agency, agencyName }, dueDate, status }) as LearningActionView;

describe('the timeliness report', () => {
  const today = '2026-07-15';
  const report = timelinessReport(
    'dudley',
    { from: '2026-01-01', to: '2026-07-01' },
    [A, B, C, D, E],
    [
      action('west-midlands-police', 'West Midlands Police', '2026-07-01'),
      action('west-midlands-police', 'West Midlands Police', '2026-09-01'),
      action('dudley-ccg', 'Dudley CCG', '2026-08-01'),
      action('dudley-ccg', 'Dudley CCG', '2026-05-01', 'closed'),
    ],
    calendar,
    today,
  );

  it('counts the rapid reviews due in the period, on time, late by working days, and open', () => {
    expect(report.rapidReviews).toMatchObject({ count: 3, onTime: 1, late: 1, open: 1 });
    const late = (ref: string) => report.rapidReviews.rows.find((r) => r.reference === ref)!.workingDaysLate;
    expect(late('B')).toBe(workingDaysWalked('2026-04-29', '2026-05-06'));
    expect(late('C')).toBe(workingDaysWalked('2026-06-24', today));
  });

  it('says what they became', () => {
    expect(report.outcomes).toEqual({ localCspr: 1, nationalReview: 1, noReview: 0, undecided: 1 });
  });

  it('gives the average and longest working days at each stage, over the cases that finished it', () => {
    const stage = (name: string) => report.stages.find((s) => s.stage === name)!;
    const notification = [
      workingDaysWalked('2026-01-27', '2026-02-02'),
      workingDaysWalked('2026-03-30', '2026-04-08'),
      workingDaysWalked('2026-06-01', '2026-06-03'),
    ];
    expect(stage('notification')).toEqual({
      stage: 'notification',
      finished: 3,
      averageWorkingDays: Math.round((notification.reduce((a, b) => a + b) / 3) * 10) / 10,
      longestWorkingDays: Math.max(...notification),
    });
    const rapid = [
      workingDaysWalked('2026-02-02', '2026-02-20'),
      workingDaysWalked('2026-04-08', '2026-05-06'),
    ];
    expect(stage('rapid-review')).toMatchObject({ finished: 2, longestWorkingDays: Math.max(...rapid) });
    // B's decision was recorded at 23:30 UTC on 11 May: 12 May in London.
    const decision = [
      workingDaysWalked('2026-02-20', '2026-02-25'),
      workingDaysWalked('2026-05-06', '2026-05-12'),
    ];
    expect(stage('review-decision')).toMatchObject({
      finished: 2,
      longestWorkingDays: Math.max(...decision),
    });
    expect(stage('local-review')).toEqual({
      stage: 'local-review',
      finished: 1,
      averageWorkingDays: workingDaysWalked('2026-02-25', '2026-06-30'),
      longestWorkingDays: workingDaysWalked('2026-02-25', '2026-06-30'),
    });
  });

  it('counts the notices sent and failed in the period, by London day', () => {
    expect(report.notices).toEqual({ sent: 3, failed: 1 });
  });

  it('lists open learning actions by agency, with those past due', () => {
    expect(report.openActions).toEqual([
      { agency: 'west-midlands-police', agencyName: 'West Midlands Police', open: 2, overdue: 1 },
      { agency: 'dudley-ccg', agencyName: 'Dudley CCG', open: 1, overdue: 0 },
    ]);
  });

  it('writes every figure to CSV, a line each', () => {
    const lines = timelinessCsv(report).trim().split('\r\n');
    expect(lines[0]).toBe('section,item,value');
    expect(lines).toContain('rapid reviews,completed late,1');
    expect(lines).toContain(
      `working days late (late; late against the statute),B,${workingDaysWalked('2026-04-29', '2026-05-06')}`,
    );
    expect(lines).toContain('rapid reviews,late against the statute; within the approved extension,0');
    expect(lines).toContain('open actions: West Midlands Police,overdue,1');
    expect(lines).toContain('stage panel-response,cases finished,2');
  });
});
