/**
 * The notification clock of caseWorkflow on the time-skipping server: 5 working days from
 * awareness (SPEC "Working days"; 003 "Serious Child Safeguarding Cases").
 */
import type { ApplicationFailure } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDate, londonDay, parseIsoDate } from '../../src/calendar';
import type { CaseView } from '../../src/case/types';
import { Breached, CaseStage } from '../../src/temporal/searchAttributes';
import { caseViewQuery, recordNotificationDecision } from '../../workflows/messages';
import { caseInput, caseWorker, expectedDue, lead, startCase, terminateStartedCases } from '../helpers/cases';
import { timeSkippingEnvironment } from '../helpers/temporal';

const MINUTE = 60_000;
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await timeSkippingEnvironment();
});
afterEach(terminateStartedCases);
afterAll(async () => {
  await env?.teardown();
});

async function today(): Promise<string> {
  return formatIsoDate(londonDay(await env.currentTimeMs()));
}

function deadline(view: CaseView, key: string) {
  const found = view.deadlines.find((d) => d.key === key);
  if (!found) throw new Error(`no ${key} deadline in ${JSON.stringify(view.deadlines)}`);
  return found;
}

describe('caseWorkflow: notification deadline', () => {
  it('stays pending until its due instant and is breached once it passes with no decision', async () => {
    const { worker, taskQueue } = await caseWorker(env);
    const input = caseInput({ awareAt: await today() });
    const due = expectedDue('durham', input.awareAt, { kind: 'working-days-after', workingDays: 5 });

    await worker.runUntil(async () => {
      const handle = await startCase(env, taskQueue, input);

      await env.sleep(Date.parse(due.dueAt) - (await env.currentTimeMs()) - MINUTE);
      const before = deadline(await handle.query(caseViewQuery), 'notification');
      expect(before).toMatchObject({
        state: 'pending',
        dueDate: due.dueDate,
        dueAt: due.dueAt,
        basisDate: input.awareAt,
      });

      await env.sleep(2 * MINUTE);
      const view = await handle.query(caseViewQuery);
      const after = deadline(view, 'notification');
      expect(after.state).toBe('breached');
      expect(Date.parse(after.breachedAt!)).toBeGreaterThanOrEqual(Date.parse(due.dueAt));
      expect(view.stage).toBe('notification');
      expect(view.timeline.map((e) => e.type)).toEqual([
        'case-started',
        'deadline-planned',
        'deadline-breached',
      ]);

      const attributes = (await handle.describe()).typedSearchAttributes;
      expect(attributes.get(Breached)).toBe(true);
      expect(attributes.get(CaseStage)).toBe('notification');
    });
  });

  it('is met when the Panel is notified in time, and the rapid review clock starts from the notification', async () => {
    const { worker, taskQueue } = await caseWorker(env);
    const input = caseInput({ awareAt: await today() });
    const notificationDue = expectedDue('durham', input.awareAt, {
      kind: 'working-days-after',
      workingDays: 5,
    });

    await worker.runUntil(async () => {
      const handle = await startCase(env, taskQueue, input);
      await env.sleep('2 days');
      const notifiedOn = await today();
      const afterUpdate = await handle.executeUpdate(recordNotificationDecision, {
        args: [{ outcome: 'notified', notifiedOn, actor: lead }],
      });
      expect(deadline(afterUpdate, 'notification')).toMatchObject({ state: 'met', metOn: notifiedOn });
      expect(afterUpdate.stage).toBe('rapid-review');

      // Durham counts the rapid review from the notification (003 "Rapid Reviews").
      const rapidDue = expectedDue('durham', notifiedOn, { kind: 'working-days-after', workingDays: 15 });
      expect(deadline(afterUpdate, 'rapidReview')).toMatchObject({
        state: 'pending',
        basisDate: notifiedOn,
        dueDate: rapidDue.dueDate,
      });

      // Passing the old due instant does not turn a met deadline into a breach.
      await env.sleep(Date.parse(notificationDue.dueAt) - (await env.currentTimeMs()) + MINUTE);
      const view = await handle.query(caseViewQuery);
      expect(deadline(view, 'notification').state).toBe('met');
      expect(view.timeline.find((e) => e.type === 'notified')?.actor).toEqual(lead);
    });
  });

  it('is breached at once for a case started after its deadline, and met late when recorded', async () => {
    const { worker, taskQueue } = await caseWorker(env);
    const todayDay = parseIsoDate(await today());
    const input = caseInput({ awareAt: formatIsoDate(todayDay - 30) });

    await worker.runUntil(async () => {
      const handle = await startCase(env, taskQueue, input);
      await env.sleep(MINUTE);
      expect(deadline(await handle.query(caseViewQuery), 'notification').state).toBe('breached');

      const notifiedOn = formatIsoDate(todayDay - 1);
      const view = await handle.executeUpdate(recordNotificationDecision, {
        args: [{ outcome: 'notified', notifiedOn, actor: lead }],
      });
      expect(deadline(view, 'notification')).toMatchObject({ state: 'met-late', metOn: notifiedOn });
    });
  });

  it('closes the case when the incident is not notifiable', async () => {
    const { worker, taskQueue } = await caseWorker(env);
    const input = caseInput({ awareAt: await today() });

    await worker.runUntil(async () => {
      const handle = await startCase(env, taskQueue, input);
      await handle.executeUpdate(recordNotificationDecision, {
        args: [
          { outcome: 'not-notifiable', decidedOn: input.awareAt, rationale: 'criteria not met', actor: lead },
        ],
      });
      const result = await handle.result();
      expect(result).toMatchObject({ stage: 'closed', status: 'closed' });
      expect(result.deadlines.map((d) => [d.key, d.state])).toEqual([['notification', 'met']]);
    });
  });

  it('rejects decisions dated before awareness or in the future, and a second decision', async () => {
    const { worker, taskQueue } = await caseWorker(env);
    const input = caseInput({ awareAt: formatIsoDate(parseIsoDate(await today()) - 2) });

    await worker.runUntil(async () => {
      const handle = await startCase(env, taskQueue, input);
      const refusal = async (notifiedOn: string) => {
        const err = await handle
          .executeUpdate(recordNotificationDecision, {
            args: [{ outcome: 'notified', notifiedOn, actor: lead }],
          })
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
        return (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
      };

      const early = await refusal(formatIsoDate(parseIsoDate(input.awareAt) - 1));
      expect(early.type).toBe('InvalidDecision');
      expect(early.message).toContain('before the case');

      const future = await refusal(formatIsoDate(parseIsoDate(await today()) + 1));
      expect(future.type).toBe('InvalidDecision');
      expect(future.message).toContain('in the future');

      await handle.executeUpdate(recordNotificationDecision, {
        args: [{ outcome: 'notified', notifiedOn: input.awareAt, actor: lead }],
      });
      const again = await refusal(input.awareAt);
      expect(again.type).toBe('WrongStage');

      // Refused decisions leave no trace in the case file.
      const view = await handle.query(caseViewQuery);
      expect(view.timeline.filter((e) => e.type === 'notified')).toHaveLength(1);
    });
  });

  it('plans due dates with the bank holiday calendar in an activity, recorded in the history', async () => {
    const { worker, taskQueue } = await caseWorker(env);
    // SPEC example: aware Friday 2025-12-19; 25 and 26 December are bank holidays.
    const input = caseInput({ awareAt: '2025-12-19' });

    await worker.runUntil(async () => {
      const handle = await startCase(env, taskQueue, input);
      await env.sleep(MINUTE);
      expect(deadline(await handle.query(caseViewQuery), 'notification')).toMatchObject({
        dueDate: '2025-12-30',
        dueAt: '2025-12-30T23:59:59.999Z',
        ruleText: '5 working days after',
        holidaySource: 'gov.uk',
        calendarVersion: expect.stringMatching(/^gov\.uk:/),
        policyVersion: expect.stringMatching(/^durham@/),
        state: 'breached',
      });

      const history = await handle.fetchHistory();
      const scheduled = (history.events ?? []).flatMap((e) =>
        e.activityTaskScheduledEventAttributes
          ? [e.activityTaskScheduledEventAttributes.activityType?.name]
          : [],
      );
      expect(scheduled).toEqual(['loadCasePolicy', 'planDeadline']);
    });
  });
});
