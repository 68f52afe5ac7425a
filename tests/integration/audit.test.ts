/**
 * The six-monthly rapid review audit on the dev server (the time-skipping server has neither
 * schedules nor visibility): a schedule for each partnership whose pack audits (Durham's,
 * 003 L383-385), created idempotently and paused when a pack turns it off, and an audit run
 * that finds the partnership's cases in visibility and sends the chair the report and CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from '../../src/calendar';
import { londonDate } from '../../src/calendar/london';
import { OutboxNotifier, outboxDir } from '../../src/notify/outbox';
import { loadPolicies } from '../../src/policy/registry';
import { auditScheduleId, ensureAuditSchedules, PAUSED_BY_PACK } from '../../src/temporal/auditSchedules';
import { policiesWith } from '../helpers/cases';
import { rapidReviewAuditWorkflow } from '../../workflows/rapidReviewAudit';
import { bearer } from '../helpers/auth';
import { type TestStack, startTestStack } from '../helpers/stack';
import { caseIdFor } from '../../src/ids';

let stack: TestStack;
let lead: Record<string, string>;
beforeAll(async () => {
  stack = await startTestStack();
  lead = await bearer(stack.dataDir, 'safeguarding-lead');
});
afterAll(async () => {
  await stack?.stop();
});

const policies = loadPolicies();
const daysAgo = (n: number) => formatIsoDate(parseIsoDate(londonDate(new Date())) - n);

async function post(path: string, body: unknown) {
  const res = await fetch(`${stack.api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...lead },
    body: JSON.stringify(body),
  });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return (await res.json()) as { deadlines: { key: string; dueDate: string }[] };
}

/** A Dudley case notified on its awareness day, with its rapid review done on `reviewedOn`. */
async function notifiedCase(reference: string, awareAt: string, reviewedOn?: (due: string) => string) {
  await post('/api/cases', {
    partnership: 'dudley',
    reference,
    awareAt,
    abuseOrNeglectSuspected: true,
    childDied: false,
    seriouslyHarmed: true,
  });
  const id = caseIdFor('dudley', reference);
  const notified = await post(`/api/cases/${id}/notification-decision`, {
    outcome: 'notified',
    notifiedOn: awareAt,
  });
  const due = notified.deadlines.find((d) => d.key === 'rapidReview')!.dueDate;
  if (reviewedOn)
    await post(`/api/cases/${id}/rapid-review`, { completedOn: reviewedOn(due), format: 'meeting' });
  return due;
}

describe('the rapid review audit (003)', () => {
  it("has a schedule for Durham's audit alone, created again without harm, every six months, to the pack's recipients", async () => {
    const first = await ensureAuditSchedules(stack.client, policies, stack.taskQueue);
    const again = await ensureAuditSchedules(stack.client, policies, stack.taskQueue);
    expect(again).toEqual(first);
    expect(first).toEqual([auditScheduleId('durham')]);
    const schedule = await stack.client.schedule.getHandle(auditScheduleId('durham')).describe();
    expect(schedule.spec.timezone).toBe('Europe/London');
    expect(schedule.spec.calendars?.[0]?.month).toEqual([
      { start: 'JANUARY', end: 'JANUARY', step: 1 },
      { start: 'JULY', end: 'JULY', step: 1 },
    ]);
    expect(schedule.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'rapidReviewAuditWorkflow',
      args: [
        {
          partnership: 'durham',
          recipients: ['independent-chair', 'business-manager', 'body:extended-safeguarding-executive-group'],
        },
      ],
    });
    await expect(stack.client.schedule.getHandle(auditScheduleId('kirklees')).describe()).rejects.toThrow();
  });

  it('pauses the schedule of a pack that turns the audit off, and resumes it when the pack turns it on', async () => {
    await ensureAuditSchedules(stack.client, policies, stack.taskQueue);
    const off = policiesWith('durham', (p) => ({ ...p, audit: { ...p.audit, enabled: false } }));
    expect(await ensureAuditSchedules(stack.client, off, stack.taskQueue)).toEqual([]);
    const handle = stack.client.schedule.getHandle(auditScheduleId('durham'));
    expect((await handle.describe()).state).toMatchObject({ paused: true, note: PAUSED_BY_PACK });
    await ensureAuditSchedules(stack.client, policies, stack.taskQueue);
    expect((await handle.describe()).state.paused).toBe(false);
  });

  it('reports on time, late by working days, and open, and sends the chair the CSV', async () => {
    await notifiedCase('AUD-ON-TIME', daysAgo(60), (due) => due);
    const lateDue = await notifiedCase('AUD-LATE', daysAgo(50), () => daysAgo(0));
    await notifiedCase('AUD-OPEN', daysAgo(45));
    await expect
      .poll(async () => {
        const res = await fetch(`${stack.api.url}/api/cases?partnership=dudley`, { headers: lead });
        return ((await res.json()) as { cases: unknown[] }).cases.length;
      })
      .toBe(3);

    const period = { from: daysAgo(120), to: daysAgo(-1) };
    const report = await stack.client.workflow.execute(rapidReviewAuditWorkflow, {
      taskQueue: stack.taskQueue,
      workflowId: 'audit-by-hand',
      args: [{ partnership: 'dudley', everyMonths: 6, period }],
    });
    expect(report).toMatchObject({ count: 3, onTime: 1, late: 1, open: 1 });
    const late = report.rows.find((r) => r.reference === 'AUD-LATE')!;
    expect(late.workingDaysLate).toBe(
      policies.calendar('dudley').workingDaysBetween(parseIsoDate(lateDue), parseIsoDate(daysAgo(0))),
    );

    // The timeliness report's first part is the same audit, read over the API (and as CSV).
    const reportUrl = `${stack.api.url}/api/reports/timeliness?partnership=dudley&from=${period.from}&to=${period.to}`;
    const timeliness = (await (await fetch(reportUrl, { headers: lead })).json()) as {
      rapidReviews: typeof report;
      stages: { stage: string; finished: number }[];
      notices: { sent: number; failed: number };
    };
    expect(timeliness.rapidReviews).toEqual(report);
    expect(timeliness.stages.find((s) => s.stage === 'rapid-review')?.finished).toBe(2);
    expect(timeliness.notices.sent).toBeGreaterThanOrEqual(6); // each case: started, notified
    const csvReport = await fetch(`${reportUrl}&format=csv`, { headers: lead });
    expect(csvReport.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csvReport.text()).split('\r\n')).toContain('rapid reviews,completed late,1');
    const refusedPeriod = await fetch(
      `${stack.api.url}/api/reports/timeliness?partnership=dudley&from=${period.to}&to=${period.from}`,
      { headers: lead },
    );
    expect([
      refusedPeriod.status,
      ((await refusedPeriod.json()) as { errors: { field: string }[] }).errors,
    ]).toEqual([422, [expect.objectContaining({ field: 'to' })]]);
    const halfPeriod = await fetch(
      `${stack.api.url}/api/reports/timeliness?partnership=dudley&from=${period.from}`,
      {
        headers: lead,
      },
    );
    expect(halfPeriod.status).toBe(400);
    const otherPartnership = await fetch(`${stack.api.url}/api/reports/timeliness?partnership=atlantis`, {
      headers: lead,
    });
    expect(otherPartnership.status).toBe(403);

    const outbox = new OutboxNotifier(outboxDir(stack.dataDir));
    const [notice] = (await outbox.list()).filter((n) => n.type === 'rapid-review-audit');
    expect(notice?.to.map((r) => r.role)).toEqual(['independent-chair', 'business-manager']);
    expect(notice?.body).toContain('On time: 1. Late: 1');
    // The whole timeliness report for the period goes with it.
    expect(notice?.attachments?.[1]?.filename).toMatch(/^timeliness-audit-dudley-/);
    expect(notice?.attachments?.[1]?.content.split('\r\n')).toContain('rapid reviews,completed late,1');
    const csv = notice?.attachments?.[0]?.content.trim().split('\r\n') ?? [];
    expect(csv).toHaveLength(4);
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(
      expect.arrayContaining(['AUD-ON-TIME', 'AUD-LATE', 'AUD-OPEN']),
    );
  });

  it("runs from its schedule, to the pack's recipients", async () => {
    await ensureAuditSchedules(stack.client, policies, stack.taskQueue);
    await stack.client.schedule.getHandle(auditScheduleId('durham')).trigger();
    await expect
      .poll(
        async () => {
          const runs = stack.client.workflow.list({
            query: `WorkflowType = 'rapidReviewAuditWorkflow' AND ExecutionStatus = 'Completed' AND WorkflowId STARTS_WITH 'rapid-review-audit-durham'`,
          });
          let n = 0;
          for await (const _ of runs) n += 1;
          return n;
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    // Durham's audit assures its Extended Safeguarding Executive Group too (003 L383-385).
    const outbox = new OutboxNotifier(outboxDir(stack.dataDir));
    const run = (await outbox.list()).find(
      (n) => n.type === 'rapid-review-audit' && n.partnership === 'durham',
    );
    expect(run?.to.map((r) => [r.role, r.name])).toEqual([
      ['independent-chair', 'independent-chair'],
      ['business-manager', 'business-manager'],
      ['body:extended-safeguarding-executive-group', 'Extended Safeguarding Executive Group'],
    ]);
  });
});
