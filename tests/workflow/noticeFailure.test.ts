/**
 * A notice no channel can deliver is not lost silently: after the retry policy (or at once,
 * when nothing can mend it) it is marked failed on the case and the business manager is told
 * through the outbox, which does not depend on the failed channel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowUpdateStage } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { createNotifier } from '../../src/notify/channels';
import { OutboxNotifier, outboxDir } from '../../src/notify/outbox';
import * as messages from '../../src/case/messages';
import { caseDecisions } from '../../src/case/decisions';
import { caseInput, caseWorker, lead, policiesWith, startCase } from '../helpers/cases';
import { caseDriver, useTimeSkippingServer } from '../helpers/driver';

let env: TestWorkflowEnvironment;
useTimeSkippingServer((started) => (env = started));

/** Dudley's panel liaison notices go by e-mail, to a server that is not there. */
function deadMail(recipients: 'named' | 'unnamed') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'failing-'));
  const policies = policiesWith('dudley', (pack) => ({
    ...pack,
    recipients:
      recipients === 'named' ? { 'panel-liaison': [{ name: 'Panel liaison', email: 'pl@example.org' }] } : {},
    delivery: { default: 'outbox', roles: { 'panel-liaison': 'smtp' } },
  }));
  const notifier = createNotifier({
    dataDir,
    channels: { smtp: { url: 'smtp://127.0.0.1:1', from: 'cases@example.org' } },
    policies,
  });
  return { policies, notifier, outbox: new OutboxNotifier(outboxDir(dataDir)) };
}

async function notifiedCase(setup: ReturnType<typeof deadMail>, run: (caseId: string) => Promise<void>) {
  const { worker, taskQueue } = await caseWorker(env, { policies: setup.policies, notifier: setup.notifier });
  const d = caseDriver(env, taskQueue);
  await worker.runUntil(async () => {
    const day = await d.today();
    const input = caseInput({ partnership: 'dudley', awareAt: day });
    const handle = await startCase(env, taskQueue, input);
    // Accepted, not awaited: the decision's reaction includes the notice being retried.
    await handle.startUpdate(caseDecisions.notificationDecision.update, {
      args: [{ outcome: 'notified', notifiedOn: day, actor: lead }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    await run(input.caseId);
  });
}

describe('a notice that cannot be delivered', () => {
  it('is marked failed on the case at once when nothing can mend it, and escalated by the outbox', async () => {
    const setup = deadMail('unnamed');
    await notifiedCase(setup, async (caseId) => {
      const handle = env.client.workflow.getHandle(caseId);
      await expect
        .poll(async () =>
          (await handle.query(messages.caseViewQuery)).notices.find((n) => n.type === 'incident-notified'),
        )
        .toMatchObject({
          status: 'failed',
          error: expect.stringContaining('no e-mail address for panel-liaison'),
        });
      const view = await handle.query(messages.caseViewQuery);
      expect(view.timeline.some((e) => e.type === 'notice-failed')).toBe(true);
      const filed = await setup.outbox.list({ caseId });
      expect(filed.map((n) => [n.type, n.to.map((r) => r.role)])).toContainEqual([
        'notice-failed',
        ['business-manager'],
      ]);
      // The partners' copy went all the same; the record says whose did not.
      expect(filed.find((n) => n.type === 'incident-notified')?.deliveries).toEqual([
        { role: 'panel-liaison', channel: 'smtp', failed: 'no e-mail address for panel-liaison' },
        { role: 'safeguarding-partners', channel: 'outbox' },
      ]);
    });
  });

  it('is retried with backoff while the mail server is down, then marked failed and escalated', async () => {
    const setup = deadMail('named');
    await notifiedCase(setup, async (caseId) => {
      const handle = env.client.workflow.getHandle(caseId);
      const incident = async () =>
        (await handle.query(messages.caseViewQuery)).notices.find((n) => n.type === 'incident-notified');
      // On the case from the moment it was due, pending while it is retried.
      await expect
        .poll(incident)
        .toMatchObject({ status: 'pending', to: ['panel-liaison', 'safeguarding-partners'] });
      await env.sleep('3 hours');
      await expect.poll(incident, { timeout: 20_000 }).toMatchObject({ status: 'failed' });
      const { events } = await handle.fetchHistory();
      const failed = events?.find(
        (e) => e.activityTaskFailedEventAttributes,
      )?.activityTaskFailedEventAttributes;
      // The retry policy ran out (not a refusal that skipped the retries).
      expect(failed?.retryState).toBe(temporal.api.enums.v1.RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED);
      expect((await setup.outbox.list({ caseId })).map((n) => n.type)).toContain('notice-failed');
    });
  });
});
