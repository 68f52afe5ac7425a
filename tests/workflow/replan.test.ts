/**
 * A calendar change (a bank holiday refreshed from GOV.UK, a closure day added to a pack)
 * reaches running cases through the replanDeadlines signal: each pending deadline is planned
 * again by its own rule on the new calendar, and every move is recorded with its reason.
 * A re-plan corrects the statutory date itself; an approved extension stays beside it. A
 * partnership's closure days do not stretch the national 5 working days to notify unless its
 * pack says so (src/policy/caseFileSettings.ts). Two workers, before and after the change,
 * share one task queue as a deployment would.
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
const withDudleyClosure = (closureDay: string, closureDaysCount = false) =>
  policiesWith('dudley', (dudley) => ({
    ...dudley,
    version: `${dudley.version}+closure`,
    closureDays: [...dudley.closureDays, closureDay],
    notificationCalendar: { closureDaysCount, sources: ['test: the pack says closure days count'] },
  }));

describe('re-planning after a calendar change', () => {
  it('re-plans pending deadlines on the new calendar, records each move, and keeps an extension beside the corrected statutory date', async () => {
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
    const notifying = await startCase(env, taskQueue, caseInput({ partnership: 'dudley', awareAt: day }));
    const rapid = async (h: typeof pending) =>
      (await h.query(messages.caseViewQuery)).deadlines.find((x) => x.key === 'rapidReview');

    let originalDue = '';
    let approvedDue = '';
    let notificationDue = '';
    await before.worker.runUntil(async () => {
      await d.notify(pending, day);
      await d.notify(extended, day);
      originalDue = (await rapid(pending))!.dueDate;
      approvedDue = formatIsoDate(calendar.addWorkingDays(parseIsoDate(originalDue), 3));
      await extended.executeUpdate(caseDecisions.extension.update, {
        args: [
          {
            key: 'rapidReview',
            newDueDate: approvedDue,
            reason: 'police request',
            approvedOn: day,
            actor: manager,
          },
        ],
      });
      await expect.poll(async () => (await notifying.query(messages.caseViewQuery)).deadlines.length).toBe(1);
      notificationDue = d.deadline(await notifying.query(messages.caseViewQuery), 'notification').dueDate;
    });

    const after = await caseWorker(env, { policies: withDudleyClosure(closure), taskQueue });
    await after.worker.runUntil(async () => {
      const replan = { reason: `closure day ${closure} added`, actor: manager };
      for (const h of [pending, extended, notifying]) await h.signal(messages.replanDeadlines, replan);

      const newDue = formatIsoDate(calendar.addWorkingDays(parseIsoDate(originalDue), 1));
      await expect.poll(async () => (await rapid(pending))?.dueDate).toBe(newDue);
      const view = await pending.query(messages.caseViewQuery);
      expect(d.deadline(view, 'rapidReview')).toMatchObject({
        state: 'pending',
        policyVersion: expect.stringMatching(/\+closure$/),
        changes: [{ kind: 'replan', from: originalDue, to: newDue, reason: replan.reason, actor: manager }],
      });
      expect(view.timeline.filter((e) => e.type === 'deadline-replanned')).toHaveLength(1);
      expect(view.timeline.at(-1)).toMatchObject({ type: 'calendar-replanned', actor: manager });

      // The statutory date is corrected; the approved date stays as approved, beside it.
      await expect.poll(async () => (await rapid(extended))?.dueDate).toBe(newDue);
      const kept = (await rapid(extended))!;
      expect(kept).toMatchObject({ state: 'extended', dueDate: newDue, extension: { dueDate: approvedDue } });
      expect(kept.changes.map((c) => c.kind)).toEqual(['extension', 'replan']);

      // The national clock: the partnership's closure day does not stretch the 5 working days.
      await expect
        .poll(async () => (await notifying.query(messages.caseViewQuery)).timeline.map((e) => e.type))
        .toContain('calendar-replanned');
      const notification = d.deadline(await notifying.query(messages.caseViewQuery), 'notification');
      expect(notification).toMatchObject({ dueDate: notificationDue, changes: [], calendar: 'national' });
      expect(notification.ruleText).toContain('closure days not counted');
    });
  });

  it('lets closure days stretch the notification where the pack says so, with its source', async () => {
    const before = await caseWorker(env, { maxCachedWorkflows: 0 });
    const { taskQueue } = before;
    const d = caseDriver(env, taskQueue);
    const day = await d.today();
    const calendar = policies.calendar('dudley');
    const closure = formatIsoDate(calendar.addWorkingDays(parseIsoDate(day), 2));
    const handle = await startCase(env, taskQueue, caseInput({ partnership: 'dudley', awareAt: day }));
    let due = '';
    await before.worker.runUntil(async () => {
      await expect.poll(async () => (await handle.query(messages.caseViewQuery)).deadlines.length).toBe(1);
      due = d.deadline(await handle.query(messages.caseViewQuery), 'notification').dueDate;
    });
    const after = await caseWorker(env, { policies: withDudleyClosure(closure, true), taskQueue });
    await after.worker.runUntil(async () => {
      await handle.signal(messages.replanDeadlines, {
        reason: `closure day ${closure} added`,
        actor: manager,
      });
      const moved = formatIsoDate(calendar.addWorkingDays(parseIsoDate(due), 1));
      await expect
        .poll(async () => d.deadline(await handle.query(messages.caseViewQuery), 'notification').dueDate)
        .toBe(moved);
      const notification = d.deadline(await handle.query(messages.caseViewQuery), 'notification');
      expect(notification.calendar).toBeUndefined();
    });
  });
});
