/**
 * The independent chair's audit judges against the statute (issue 21, point 7; 003
 * L383-385), on case views from workflows run on the time-skipping server: a rapid review met
 * within an approved extension but after its statutory date is late (the extension shown
 * beside it); one whose statutory date a calendar re-plan corrected (a closure day added) and
 * met on the corrected date is on time. Two workers, before and after the calendar change.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { rapidReviewAudit } from '../../src/audit/rapidReviewAudit';
import { formatIsoDate, parseIsoDate } from '../../src/calendar';
import { caseDecisions } from '../../src/case/decisions';
import * as messages from '../../src/case/messages';
import { caseInput, caseWorker, manager, policies, policiesWith, startCase } from '../helpers/cases';
import { caseDriver, useTimeSkippingServer } from '../helpers/driver';

let env: TestWorkflowEnvironment;
useTimeSkippingServer((started) => (env = started));

describe('the rapid review audit', () => {
  it('judges each rapid review against its statutory due date: a re-plan corrects it, an extension does not', async () => {
    const before = await caseWorker(env, { maxCachedWorkflows: 0 });
    const { taskQueue } = before;
    const d = caseDriver(env, taskQueue);
    const day = await d.today();
    const calendar = policies.calendar('dudley');
    const extended = await startCase(env, taskQueue, caseInput({ partnership: 'dudley', awareAt: day }));
    const replanned = await startCase(env, taskQueue, caseInput({ partnership: 'dudley', awareAt: day }));
    let statutory = '';
    await before.worker.runUntil(async () => {
      statutory = d.deadline(await d.notify(extended, day), 'rapidReview').dueDate;
      await d.notify(replanned, day);
      await extended.executeUpdate(caseDecisions.extension.update, {
        args: [
          {
            key: 'rapidReview',
            newDueDate: formatIsoDate(calendar.addWorkingDays(parseIsoDate(statutory), 3)),
            reason: 'police request',
            approvedOn: day,
            actor: manager,
          },
        ],
      });
    });

    const closure = formatIsoDate(calendar.addWorkingDays(parseIsoDate(day), 2));
    const after = await caseWorker(env, {
      policies: policiesWith('dudley', (p) => ({ ...p, closureDays: [...p.closureDays, closure] })),
      taskQueue,
    });
    await after.worker.runUntil(async () => {
      await replanned.signal(messages.replanDeadlines, { reason: `closure day ${closure}`, actor: manager });
      const corrected = formatIsoDate(calendar.addWorkingDays(parseIsoDate(statutory), 1));
      await expect
        .poll(async () => d.deadline(await replanned.query(messages.caseViewQuery), 'rapidReview').dueDate)
        .toBe(corrected);
      // Both done on the day after the first statutory date.
      await d.sleepUntil(`${corrected}T10:00:00Z`, 0);
      await d.review(extended, corrected);
      await d.review(replanned, corrected);

      const views = await Promise.all([extended, replanned].map((h) => h.query(messages.caseViewQuery)));
      const period = { from: `${day.slice(0, 7)}-01`, to: '2099-01-01' };
      const report = rapidReviewAudit('dudley', period, views, calendar, corrected);
      const row = (caseId: string) => report.rows.find((r) => r.caseId === caseId)!;
      expect(row(extended.workflowId)).toMatchObject({
        dueDate: statutory,
        completedOn: corrected,
        state: 'late',
        workingDaysLate: 1,
        withinExtension: true,
        againstStatute: 'late against the statute; within the approved extension',
      });
      expect(row(replanned.workflowId)).toMatchObject({
        dueDate: corrected,
        state: 'on-time',
        extendedTo: null,
        againstStatute: 'on time against the statute',
      });
    });
  });
});
