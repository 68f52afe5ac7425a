/**
 * A notice reaches a real SMTP server, the GOV.UK Notify stand-in and a webhook receiver
 * exactly once each, whatever goes wrong on the way. The worker runs as its own process
 * (`src/main/worker.ts`, as deployed) on the dev server with its database on disk.
 * - Killed (SIGKILL) in the middle of sending: the SMTP server holds the message unanswered
 *   while the worker dies, and a second worker finishes.
 * - Every channel down for a while (mail server not listening, Notify answering 500, the
 *   webhook 503): the notices are retried and delivered once each when the channels return.
 * - The mail server slow to answer DATA (12 s, and longer than the heartbeat timeout): one
 *   copy of each e-mail.
 * - The delivery journal unwritable: nothing sent, attempt after attempt, then one copy each.
 * - The outbox unwritable: one copy of each e-mail; the case shows the notice pending with
 *   its attempts and each copy as it went; no temporary file left behind.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Client, WorkflowUpdateStage } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { londonDate } from '../../src/calendar/london';
import { createWorkflowServices, gatewaySettings } from '../../src/client';
import { loadConfig } from '../../src/config';
import { casePolicyFrom } from '../../src/case/casePolicy';
import { deliveriesDir, FileDeliveryJournal } from '../../src/notify/deliveryJournal';
import { NOTICE_HEARTBEAT_TIMEOUT_MS } from '../../src/notify/deliveryTimes';
import { OutboxNotifier, outboxDir } from '../../src/notify/outbox';
import { loadPolicies } from '../../src/policy/registry';
import { connectClient } from '../../src/temporal/connection';
import { dataConverterWith, payloadCodecFor } from '../../src/temporal/dataConverter';
import { type DevServer, startDevServer } from '../../src/temporal/devServer';
import { freePort } from '../../src/temporal/ports';
import { caseWorkflow } from '../../workflows/case/workflow';
import * as messages from '../../src/case/messages';
import { caseDecisions } from '../../src/case/decisions';
import { notifyStandIn, smtpCapture, webhookReceiver } from '../helpers/channelServers';
import { leftovers, unwritableDir } from '../helpers/diskFaults';
import { spawnPart } from '../helpers/processes';
import { tempDir } from '../helpers/stack';
import { caseIdFor } from '../../src/ids';

const taskQueue = 'deliveries';
const secret = 'webhook-secret';
const dataDir = tempDir('deliveries');
const policyDir = tempDir('packs');

let devServer: DevServer;
let client: Client;
let smtp: Awaited<ReturnType<typeof smtpCapture>>;
let notify: Awaited<ReturnType<typeof notifyStandIn>>;
let hook: Awaited<ReturnType<typeof webhookReceiver>>;
const workers = new Set<ChildProcess>();

/** A partnership whose notices go by every channel: the Panel by e-mail, partners by Notify, the manager by webhook. */
const testshire = {
  id: 'testshire',
  name: 'Testshire Safeguarding Children Partnership',
  partners: [
    { id: 'testshire-council', name: 'Testshire Council', kind: 'local-authority' },
    { id: 'testshire-police', name: 'Testshire Police', kind: 'police' },
    { id: 'testshire-icb', name: 'Testshire ICB', kind: 'health' },
  ],
  recipients: {
    'panel-liaison': [{ name: 'Panel liaison', email: 'liaison@testshire.example' }],
    'safeguarding-partners': [{ name: 'Partners', email: 'partners@testshire.example' }],
  },
  delivery: {
    default: 'outbox',
    roles: {
      'panel-liaison': 'smtp',
      'safeguarding-partners': 'govuk-notify',
      'business-manager': 'webhook',
    },
  },
};

beforeAll(async () => {
  fs.writeFileSync(path.join(policyDir, 'testshire.json'), JSON.stringify(testshire));
  [smtp, notify, hook] = await Promise.all([smtpCapture(), notifyStandIn(), webhookReceiver(secret)]);
  devServer = await startDevServer({
    cliPath: inject('temporalCli'),
    dataDir,
    port: await freePort(),
    uiPort: await freePort(),
    namespace: 'default',
  });
  // The worker process makes its development key under DATA_DIR; the test reads the same key.
  client = await connectClient(devServer.address, 'default', {
    dataConverter: dataConverterWith(payloadCodecFor({ payloadKeys: undefined, dataDir })),
  });
});
afterAll(async () => {
  for (const w of workers) {
    if (w.pid && w.exitCode === null && w.signalCode === null) process.kill(-w.pid, 'SIGKILL');
  }
  await client?.connection.close();
  await devServer?.stop();
  await Promise.all([smtp?.close(), notify?.close(), hook?.close()]);
});

function startWorker(): ChildProcess {
  const child = spawnPart('src/main/worker.ts', {
    TEMPORAL_ADDRESS: devServer.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DATA_DIR: dataDir,
    POLICY_DIR: policyDir,
    SMTP_URL: smtp.url,
    SMTP_FROM: 'cases@testshire.example',
    NOTIFY_API_KEY: notify.apiKey,
    NOTIFY_BASE_URL: notify.url,
    NOTIFY_TEMPLATE_ID: notify.templateId,
    WEBHOOK_URL: hook.url,
    WEBHOOK_SECRET: secret,
  });
  workers.add(child);
  return child;
}

/** A Testshire case, aware today, whose child died: its notices go by every channel. */
function startTestshireCase(reference: string) {
  const policies = loadPolicies({ dir: policyDir });
  const caseId = caseIdFor('testshire', reference);
  return client.workflow.start(caseWorkflow, {
    taskQueue,
    workflowId: caseId,
    args: [
      {
        caseId,
        partnership: 'testshire',
        reference,
        awareAt: londonDate(new Date()),
        abuseOrNeglectSuspected: true,
        childDied: true,
        seriouslyHarmed: false,
        policy: casePolicyFrom(policies.get('testshire'), policies.versions('testshire').policyVersion),
      },
    ],
  });
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGKILL');
  });

describe('delivery across a worker killed mid-send', () => {
  it('delivers each copy exactly once by e-mail, Notify and webhook', { timeout: 240_000 }, async () => {
    const outbox = new OutboxNotifier(outboxDir(dataDir));
    const today = londonDate(new Date());
    const caseId = caseIdFor('testshire', 'TST-1');
    const first = startWorker();
    const handle = await startTestshireCase('TST-1');
    // The case-started notice reaches the business manager's webhook: the worker is up.
    await expect.poll(() => hook.accepted.size, { timeout: 60_000 }).toBe(1);

    smtp.state.hold = true;
    await handle.startUpdate(caseDecisions.notificationDecision.update, {
      args: [
        { outcome: 'notified', notifiedOn: today, actor: { userId: 'lead-1', role: 'safeguarding-lead' } },
      ],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    // The e-mail has been sent in full and the server has not yet answered: kill the worker now.
    await expect.poll(() => smtp.received.length, { timeout: 30_000 }).toBe(1);
    await killed(first);
    smtp.state.hold = false;
    smtp.release();

    startWorker();
    await expect
      .poll(async () => (await outbox.list({ caseId })).map((n) => n.type), {
        timeout: 120_000,
        interval: 1000,
      })
      .toContain('incident-notified');

    const toPanel = smtp.received.filter((m) => m.to === 'liaison@testshire.example');
    expect(toPanel.length).toBeGreaterThanOrEqual(1);
    expect(new Set(toPanel.map((m) => m.messageId)).size).toBe(1); // one message, however often offered
    expect(notify.sent.map((n) => n.email_address)).toEqual(['partners@testshire.example']);
    expect([...hook.accepted.values()].map((n) => n.type)).toEqual(['case-started']);
    const filed = (await outbox.list({ caseId })).map((n) => n.type);
    expect(filed.filter((t) => t === 'incident-notified')).toHaveLength(1);
    const incident = (await handle.query(messages.caseViewQuery)).notices.find(
      (n) => n.type === 'incident-notified',
    );
    expect(incident?.status).toBe('delivered');
  });
});

describe('delivery across a channel outage', () => {
  it(
    'retries while the channels are down and delivers once each when they return',
    { timeout: 240_000 },
    async () => {
      const today = londonDate(new Date());
      const caseId = caseIdFor('testshire', 'TST-2');
      const forCase = (raw: string) => raw.includes('TST-2');
      if (![...workers].some((w) => w.exitCode === null && w.signalCode === null)) startWorker();

      await smtp.down();
      notify.state.down = true;
      hook.state.answer = 503;
      const refusedBefore = notify.state.refused;
      const postsBefore = hook.state.posts;

      const handle = await startTestshireCase('TST-2');
      await handle.startUpdate(caseDecisions.notificationDecision.update, {
        args: [
          { outcome: 'notified', notifiedOn: today, actor: { userId: 'lead-1', role: 'safeguarding-lead' } },
        ],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });

      // Each channel is tried, refused and tried again while it is down. The Panel's notice is
      // tried while the manager's case-started notice is still being retried: one channel's
      // outage holds up no other notice.
      await expect
        .poll(() => hook.state.posts - postsBefore, { timeout: 60_000, interval: 500 })
        .toBeGreaterThanOrEqual(2);
      await expect
        .poll(() => notify.state.refused - refusedBefore, { timeout: 60_000, interval: 500 })
        .toBeGreaterThanOrEqual(2);
      const view = await handle.query(messages.caseViewQuery);
      expect(view.notices.filter((n) => n.status === 'delivered')).toEqual([]);
      expect(smtp.received.filter((m) => forCase(m.raw))).toEqual([]);

      await smtp.up();
      notify.state.down = false;
      hook.state.answer = 200;

      await expect
        .poll(
          async () =>
            (await handle.query(messages.caseViewQuery)).notices.map((n) => `${n.type}:${n.status}`).sort(),
          {
            timeout: 120_000,
            interval: 1000,
          },
        )
        .toEqual(['case-started:delivered', 'incident-notified:delivered']);

      const toPanel = smtp.received.filter((m) => forCase(m.raw));
      expect(toPanel.map((m) => m.to)).toEqual(['liaison@testshire.example']);
      expect(notify.sent.filter((n) => forCase(JSON.stringify(n))).map((n) => n.email_address)).toEqual([
        'partners@testshire.example',
      ]);
      const hooked = [...hook.accepted.values()].filter((n) => n.caseId === caseId).map((n) => n.type);
      expect(hooked).toEqual(['case-started']);
      // Nothing was given up on: no escalation of a failed notice.
      const filed = (await new OutboxNotifier(outboxDir(dataDir)).list({ caseId })).map((n) => n.type);
      expect(filed).not.toContain('notice-failed');
    },
  );
});

/** A worker: the one still running from the tests before, or a new one. */
function aWorker(): void {
  if (![...workers].some((w) => w.exitCode === null && w.signalCode === null)) startWorker();
}

/** A Testshire case whose incident has been notified: its notices go by e-mail, Notify and webhook. */
async function notifiedCase(reference: string) {
  const handle = await startTestshireCase(reference);
  await handle.startUpdate(caseDecisions.notificationDecision.update, {
    args: [
      {
        outcome: 'notified',
        notifiedOn: londonDate(new Date()),
        actor: { userId: 'lead-1', role: 'safeguarding-lead' },
      },
    ],
    waitForStage: WorkflowUpdateStage.ACCEPTED,
  });
  return handle;
}

type Handle = Awaited<ReturnType<typeof notifiedCase>>;

/** The case's notices as `type:status`, once both are settled. */
const settledNotices = (handle: Handle) =>
  expect
    .poll(
      async () =>
        (await handle.query(messages.caseViewQuery)).notices.map((n) => `${n.type}:${n.status}`).sort(),
      { timeout: 120_000, interval: 1000 },
    )
    .toEqual(['case-started:delivered', 'incident-notified:delivered']);

/** What each channel received for the case: e-mails by Message-ID, Notify and webhook by address and type. */
function receivedFor(reference: string) {
  const caseId = caseIdFor('testshire', reference);
  const mails = smtp.received.filter((m) => m.raw.includes(`Case ${reference}:`));
  return {
    mailTo: mails.map((m) => m.to),
    messageIds: mails.map((m) => m.messageId),
    notify: notify.sent.filter((n) => n.reference.startsWith(`${caseId}:`)).map((n) => n.email_address),
    webhook: [...hook.accepted.values()].filter((n) => n.caseId === caseId).map((n) => n.type),
  };
}

/** Each channel reached once for the case: one e-mail (one Message-ID), one Notify e-mail, one webhook. */
function expectOnceEach(reference: string) {
  const got = receivedFor(reference);
  expect(got.mailTo).toEqual(['liaison@testshire.example']);
  expect(new Set(got.messageIds).size).toBe(1);
  expect(got.notify).toEqual(['partners@testshire.example']);
  expect(got.webhook).toEqual(['case-started']);
}

/** The attempt the case's furthest-retried notice is on (the next, while it waits to be retried), from Temporal. */
async function noticeAttempts(handle: Handle): Promise<number> {
  const { raw } = await handle.describe();
  return Math.max(
    0,
    ...(raw.pendingActivities ?? [])
      .filter((a) => a.activityType?.name === 'sendNotice')
      .map((a) => a.attempt ?? 0),
  );
}

describe('delivery to a mail server slow to answer DATA', () => {
  it(
    'sends one copy of each e-mail, when the server takes 12 s and when it takes longer than the heartbeat timeout',
    { timeout: 300_000 },
    async () => {
      aWorker();
      try {
        for (const [reference, delayMs] of [
          ['TST-SLOW', 12_000],
          ['TST-SLOWER', NOTICE_HEARTBEAT_TIMEOUT_MS + 10_000],
        ] as const) {
          smtp.state.dataDelayMs = delayMs;
          const started = Date.now();
          await settledNotices(await notifiedCase(reference));
          expect(Date.now() - started).toBeGreaterThanOrEqual(delayMs);
          expectOnceEach(reference);
        }
      } finally {
        smtp.state.dataDelayMs = 0;
      }
    },
  );
});

describe('delivery while the delivery journal cannot be written', () => {
  it(
    'sends nothing, attempt after attempt, and each copy once when it can be written',
    { timeout: 240_000 },
    async () => {
      aWorker();
      const reference = 'TST-JOURNAL';
      const unwritable = unwritableDir(deliveriesDir(dataDir));
      let handle: Handle;
      try {
        handle = await notifiedCase(reference);
        // Three attempts (at 0, 5 and 15 s) have failed, each before anything was sent, once
        // the fourth is the one Temporal has pending.
        await expect
          .poll(() => noticeAttempts(handle), { timeout: 60_000, interval: 1000 })
          .toBeGreaterThanOrEqual(4);
        expect(receivedFor(reference)).toEqual({ mailTo: [], messageIds: [], notify: [], webhook: [] });
      } finally {
        unwritable.restore();
      }
      await settledNotices(handle);
      expectOnceEach(reference);
    },
  );
});

describe('delivery while the outbox cannot be written', () => {
  it(
    'sends each copy once, shows the notice pending with its attempts, and leaves nothing behind',
    { timeout: 240_000 },
    async () => {
      aWorker();
      const reference = 'TST-OUTBOX';
      const caseId = caseIdFor('testshire', reference);
      const { cases } = createWorkflowServices(client, taskQueue, loadPolicies({ dir: policyDir }), {
        settings: gatewaySettings(loadConfig({ DATA_DIR: dataDir }).api, dataDir),
        deliveries: new FileDeliveryJournal(deliveriesDir(dataDir)),
      });
      const incident = async () =>
        (await cases.get(caseId)).notices.find((n) => n.type === 'incident-notified');
      const unwritable = unwritableDir(outboxDir(dataDir));
      let handle: Handle;
      try {
        handle = await notifiedCase(reference);
        await expect
          .poll(async () => ((await incident())?.status === 'pending' ? (await incident())!.attempts : 0), {
            timeout: 60_000,
            interval: 1000,
          })
          .toBeGreaterThanOrEqual(2);
        expect(await incident()).toMatchObject({
          status: 'pending',
          to: ['panel-liaison', 'safeguarding-partners'],
          error: expect.stringMatching(/^not filed yet/),
          copies: [
            { role: 'panel-liaison', channel: 'smtp', state: 'delivered', attempts: 1 },
            { role: 'safeguarding-partners', channel: 'govuk-notify', state: 'delivered', attempts: 1 },
          ],
        });
        expectOnceEach(reference);
        expect(leftovers(dataDir)).toEqual([]);
      } finally {
        unwritable.restore();
      }
      await settledNotices(handle);
      expect(await incident()).toMatchObject({
        status: 'delivered',
        copies: [{ state: 'delivered' }, { state: 'delivered' }],
      });
      expectOnceEach(reference);
      const filed = (await new OutboxNotifier(outboxDir(dataDir)).list({ caseId })).map((n) => n.type).sort();
      expect(filed).toEqual(['case-started', 'incident-notified']);
      expect(leftovers(dataDir)).toEqual([]);
    },
  );
});
