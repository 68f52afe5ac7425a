/**
 * A calendar change (a bank holiday refreshed from GOV.UK, a closure day added to a pack)
 * reaches running cases through the replanDeadlines signal: each pending deadline is planned
 * again by its own rule on the new calendar, and every move is recorded with its reason.
 * Two workers, before and after the change, share one task queue as a deployment would.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from '../../src/calendar';
import * as messages from '../../src/case/messages';
import { caseDecisions } from '../../src/case/decisions';
import { caseInput, caseWorker, manager, policies, policiesWith, startCase } from '../helpers/cases';
import { caseDriver, useTimeSkippingServer } from '../helpers/driver';

let env: TestWorkflowEnvironment;
useTimeSkippingServer((started) => (env = started));

/** The same packs, with `closureDay` added to Dudley's and its version moved on. */
const withDudleyClosure = (closureDay: string) =>
  policiesWith('dudley', (dudley) => ({
    ...dudley,
    version: `${dudley.version}+closure`,
    closureDays: [...dudley.closureDays, closureDay],
  }));

describe('re-planning after a calendar change', () => {
  it('re-plans pending deadlines on the new calendar, records each move, and leaves an extension alone', async () => {
    // No cache, so no sticky queue: the test server would hold the cases' next tasks for this
    // worker after it stops, where a real server hands them to the next worker.
    const before = await caseWorker(env, { maxCachedWorkflows: 0 });
    const { taskQueue } = before;
    const d = caseDriver(env, taskQueue);
    const day = await d.today();
    const calendar = policies.calendar('dudley');
    const closure = formatIsoDate(calendar.addWorkingDays(parseIsoDate(day), 2));
    const pending = await startCase(env, taskQueue, caseInput({ partnership: 'dudley', awareAt: day }));
    const extended = await startCase(env, taskQueue, caseInput({ partnership: 'dudley', awareAt: day }));
    const notificationDue = async () =>
      (await pending.query(messages.caseViewQuery)).deadlines.find((x) => x.key === 'notification')?.dueDate;

    let originalDue = '';
    let approvedDue = '';
    await before.worker.runUntil(async () => {
      await expect.poll(notificationDue).toBeDefined();
      originalDue = (await notificationDue())!;
      approvedDue = formatIsoDate(parseIsoDate(originalDue) + 14);
      await extended.executeUpdate(caseDecisions.extension.update, {
        args: [
          {
            key: 'notification',
            newDueDate: approvedDue,
            reason: 'police request',
            approvedOn: day,
            actor: manager,
          },
        ],
      });
    });

    const after = await caseWorker(env, { policies: withDudleyClosure(closure), taskQueue });
    await after.worker.runUntil(async () => {
      const replan = { reason: `closure day ${closure} added`, actor: manager };
      await pending.signal(messages.replanDeadlines, replan);
      await extended.signal(messages.replanDeadlines, replan);

      const newDue = formatIsoDate(calendar.addWorkingDays(parseIsoDate(originalDue), 1));
      await expect.poll(notificationDue).toBe(newDue);
      const view = await pending.query(messages.caseViewQuery);
      expect(d.deadline(view, 'notification')).toMatchObject({
        state: 'pending',
        policyVersion: expect.stringMatching(/\+closure$/),
        changes: [{ from: originalDue, to: newDue, reason: replan.reason, actor: manager }],
      });
      expect(view.timeline.filter((e) => e.type === 'deadline-replanned')).toHaveLength(1);
      expect(view.timeline.at(-1)).toMatchObject({ type: 'calendar-replanned', actor: manager });

      await expect
        .poll(async () => (await extended.query(messages.caseViewQuery)).timeline.map((e) => e.type))
        .toContain('calendar-replanned');
      const kept = d.deadline(await extended.query(messages.caseViewQuery), 'notification');
      expect(kept).toMatchObject({ state: 'extended', dueDate: approvedDue });
      expect(kept.changes).toHaveLength(1);
    });
  });
});
