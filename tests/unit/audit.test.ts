/** The six-monthly rapid review audit's arithmetic (003 L383-385), on hand-made case views. */
import { describe, expect, it } from 'vitest';
import { auditCsv, auditPeriod, rapidReviewAudit } from '../../src/audit/rapidReviewAudit';
import type { CaseView, DeadlineView } from '../../src/case/types';
import { loadPolicies } from '../../src/policy/registry';

const calendar = loadPolicies().calendar('dudley');

function caseWith(reference: string, rapid: Partial<DeadlineView> | undefined): CaseView {
  return {
    caseId: `case-dudley-${reference}`,
    partnership: 'dudley',
    reference,
    awareAt: '2025-12-01',
    stage: 'closed',
    status: 'closed',
    timeline: [],
    notices: [],
    deadlines: rapid
      ? [{ key: 'rapidReview', basisDate: '2025-12-01', state: 'met', changes: [], ...rapid } as DeadlineView]
      : [],
  };
}

describe('the audit period', () => {
  it('is the six whole months before the month the audit runs in', () => {
    expect(auditPeriod('2026-07-01', 6)).toEqual({ from: '2026-01-01', to: '2026-07-01' });
    expect(auditPeriod('2027-01-01', 6)).toEqual({ from: '2026-07-01', to: '2027-01-01' });
    expect(auditPeriod('2026-01-15', 6)).toEqual({ from: '2025-07-01', to: '2026-01-01' });
    expect(auditPeriod('2026-03-01', 3)).toEqual({ from: '2025-12-01', to: '2026-03-01' });
  });
});

describe('the rapid review audit', () => {
  const period = { from: '2025-12-01', to: '2026-06-01' };
  const report = rapidReviewAudit(
    'dudley',
    period,
    [
      caseWith('ON-TIME', { dueDate: '2025-12-22', state: 'met', metOn: '2025-12-19' }),
      // Due Monday 22 December 2025; done Friday 2 January 2026: 25, 26 December and
      // 1 January are bank holidays, so it is 6 working days late, not 9.
      caseWith('LATE', { dueDate: '2025-12-22', state: 'met-late', metOn: '2026-01-02' }),
      // Due Friday 1 May 2026, still open on Friday 8 May: 4 May is a bank holiday, so 4 days.
      caseWith('OPEN', { dueDate: '2026-05-01', state: 'breached' }),
      // Extended by the business manager to 9 January, done then: still late against the 15 days.
      caseWith('EXTENDED', {
        dueDate: '2026-01-09',
        state: 'met',
        metOn: '2026-01-09',
        changes: [{ at: '2025-12-20T10:00:00Z', from: '2025-12-22', to: '2026-01-09', reason: 'police' }],
      }),
      // Done on its due date but recorded later, after the breach notice: on time all the same.
      caseWith('RECORDED-LATE', { dueDate: '2026-02-02', state: 'met-late', metOn: '2026-02-02' }),
      caseWith('BEFORE', { dueDate: '2025-11-28', state: 'met', metOn: '2025-11-28' }),
      // Today's views keep the extension beside the statutory date: met within it, still late.
      caseWith('BESIDE', {
        dueDate: '2026-03-02',
        state: 'met-late',
        metOn: '2026-03-04',
        extension: { dueDate: '2026-03-06', dueAt: '2026-03-06T23:59:59.999Z' },
        lateAgainstStatute: true,
        withinExtension: true,
        changes: [
          {
            at: '2026-02-20T10:00:00Z',
            from: '2026-03-02',
            to: '2026-03-06',
            reason: 'x',
            kind: 'extension',
          },
        ],
      }),
      // A calendar re-plan corrected the statutory date itself (a closure day added): met on the corrected date, on time.
      caseWith('REPLANNED', {
        dueDate: '2026-03-10',
        state: 'met',
        metOn: '2026-03-10',
        lateAgainstStatute: false,
        changes: [
          {
            at: '2026-02-20T10:00:00Z',
            from: '2026-03-09',
            to: '2026-03-10',
            reason: 'closure day',
            kind: 'replan',
          },
        ],
      }),
      // Due before the period, completed in it: audited with it, late.
      caseWith('DONE-IN', {
        dueDate: '2025-11-27',
        state: 'met-late',
        metOn: '2025-12-02',
        lateAgainstStatute: true,
      }),
      caseWith('AFTER', { dueDate: '2026-06-01', state: 'pending' }),
      caseWith('NOT-NOTIFIED', { dueDate: '2026-01-05', state: 'not-applicable' }),
      caseWith('NO-REVIEW-YET', undefined),
    ],
    calendar,
    '2026-05-08',
  );

  it('counts the reviews due or completed in the period, judged against the statute, as on time, late or open', () => {
    expect(report).toMatchObject({ partnership: 'dudley', ...period, count: 8, onTime: 3, late: 4, open: 1 });
    expect(report.rows.map((r) => [r.reference, r.state, r.workingDaysLate])).toEqual([
      ['DONE-IN', 'late', 3],
      ['EXTENDED', 'late', 11],
      ['LATE', 'late', 6],
      ['ON-TIME', 'on-time', 0],
      ['RECORDED-LATE', 'on-time', 0],
      ['BESIDE', 'late', 2],
      ['REPLANNED', 'on-time', 0],
      ['OPEN', 'open', 4],
    ]);
  });

  it('shows an approved extension beside the statutory date, never instead of it', () => {
    const row = (reference: string) => report.rows.find((r) => r.reference === reference)!;
    expect(row('BESIDE')).toMatchObject({
      dueDate: '2026-03-02',
      extendedTo: '2026-03-06',
      withinExtension: true,
      againstStatute: 'late against the statute; within the approved extension',
    });
    // A view from before: its due date was the extended one; the statutory date is where the extension moved it from.
    expect(row('EXTENDED')).toMatchObject({
      dueDate: '2025-12-22',
      extendedTo: '2026-01-09',
      withinExtension: true,
    });
    expect(row('LATE')).toMatchObject({ extendedTo: null, againstStatute: 'late against the statute' });
    expect(row('REPLANNED')).toMatchObject({
      dueDate: '2026-03-10',
      againstStatute: 'on time against the statute',
    });
  });

  it('writes one CSV line per review, quoting what needs quoting', () => {
    const csv = auditCsv({ ...report, rows: [{ ...report.rows[0]!, reference: 'A,"B"' }] });
    expect(csv.split('\r\n')).toEqual([
      'reference,caseId,basisDate,dueDate,completedOn,state,workingDaysLate,extendedTo,againstStatute',
      '"A,""B""",case-dudley-DONE-IN,2025-12-01,2025-11-27,2025-12-02,late,3,,late against the statute',
      '',
    ]);
  });
});
