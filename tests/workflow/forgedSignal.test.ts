/**
 * A signal sent around the API with plain JSON input (by a client without the deployment's
 * codec, as the `temporal` CLI would send it; tests/integration/forgedMessages.test.ts sends
 * it with the CLI itself) is ignored, and the case's clocks carry on: its deadline is still
 * breached and escalated on time, with the whole history replayed on every workflow task.
 */
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import * as messages from '../../src/case/messages';
import { caseInput, caseWorker, expectedDue, noticesFor, startCase } from '../helpers/cases';
import { caseDriver, useTimeSkippingServer } from '../helpers/driver';

let env: TestWorkflowEnvironment;
useTimeSkippingServer((started) => (env = started));

describe('a forged signal', () => {
  it('changes nothing, and the deadline is still breached and escalated on time', async () => {
    const { worker, taskQueue } = await caseWorker(env, { maxCachedWorkflows: 0 });
    const d = caseDriver(env, taskQueue);
    await worker.runUntil(async () => {
      const input = caseInput({ partnership: 'dudley', awareAt: await d.today() });
      const due = expectedDue('dudley', input.awareAt, { kind: 'working-days-after', workingDays: 5 });
      const handle = await startCase(env, taskQueue, input);
      await expect.poll(async () => (await handle.query(messages.caseViewQuery)).deadlines.length).toBe(1);
      const before = await handle.query(messages.caseViewQuery);

      const plain = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
      const forged = { reason: 'forged', actor: { userId: 'mallory', role: 'business-manager' } };
      await plain.workflow.getHandle(input.caseId).signal(messages.replanDeadlines, forged as never);
      const after = await handle.query(messages.caseViewQuery);
      expect(after.timeline).toEqual(before.timeline);
      expect(after.deadlines).toEqual(before.deadlines);

      await d.sleepUntil(due.dueAt, 60_000);
      const breached = await handle.query(messages.caseViewQuery);
      expect(d.deadline(breached, 'notification').state).toBe('breached');
      expect((await noticesFor(input.caseId)).map(([type]) => type)).toContain('deadline-breached');
      expect(JSON.stringify(breached)).not.toContain('mallory');
    });
  });
});
