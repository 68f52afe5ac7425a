/**
 * The delivery channels against real servers on loopback: an SMTP server (smtp-server), a
 * stand-in that speaks the GOV.UK Notify API (JWT auth, send, look up by reference), and a
 * webhook receiver that checks the HMAC signature. Each notice reaches each once, also when
 * the delivery journal is lost after a send (a crash between sending and recording), thanks
 * to the channel's own idempotency key.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifier } from '../../src/notify/channels';
import { messageIdFor, SmtpChannel } from '../../src/notify/channels/smtp';
import { type Delivery, PermanentDeliveryError } from '../../src/notify/channels/types';
import {
  NOTICE_ATTEMPT_TIMEOUT_MS,
  NOTICE_HEARTBEAT_TIMEOUT_MS,
  SMTP_DEFAULT_TIMEOUTS,
  type SmtpTimeouts,
} from '../../src/notify/deliveryTimes';
import type { DeliveredNotice } from '../../src/notify/types';
import { policiesWith } from '../helpers/cases';
import { notifyStandIn, silentServer, smtpCapture, webhookReceiver } from '../helpers/channelServers';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'channels-'));
/** Durham's pack, sending the panel liaison's notices by `channel` to a named address. */
const routedTo = (channel: 'smtp' | 'govuk-notify' | 'webhook', email?: string) =>
  policiesWith('durham', (pack) => ({
    ...pack,
    recipients: { 'panel-liaison': [{ name: 'Panel liaison', email: email ?? 'liaison@example.org' }] },
    delivery: { default: 'outbox', roles: { 'panel-liaison': channel } },
  }));

function notice(id = `case-durham-X:${randomUUID()}`): Omit<DeliveredNotice, 'channel' | 'deliveredAt'> {
  return {
    id,
    caseId: 'case-durham-X',
    partnership: 'durham',
    reference: 'DUR-X',
    type: 'incident-notified',
    to: [
      { role: 'panel-liaison', name: 'Panel liaison', email: 'liaison@example.org' },
      { role: 'safeguarding-partners', name: 'safeguarding-partners' },
    ],
    subject: 'Case DUR-X: serious incident notified',
    body: 'The serious incident on case DUR-X was notified.',
  };
}

/** Loses the journal of deliveries, as a crash after sending and before recording would. */
const forgetDeliveries = (dataDir: string) =>
  fs.rmSync(path.join(dataDir, 'deliveries'), { recursive: true, force: true });

describe('SMTP', () => {
  let smtp: Awaited<ReturnType<typeof smtpCapture>>;
  beforeAll(async () => {
    smtp = await smtpCapture();
  });
  afterAll(() => smtp.close());

  it('sends once per notice and recipient, with a Message-ID that a repeat after a crash keeps', async () => {
    const dataDir = tempDir();
    const notifier = createNotifier({
      dataDir,
      channels: { smtp: { url: smtp.url, from: 'cases@example.org' } },
      policies: routedTo('smtp'),
    });
    const n = notice();
    const first = await notifier.deliver(n);
    await notifier.deliver(n); // a retried activity: the journal says it went
    expect(smtp.received.map((m) => m.to)).toEqual(['liaison@example.org']);
    expect(smtp.received[0]!.raw).toContain('Subject: Case DUR-X: serious incident notified');
    expect(first.deliveries).toEqual([
      { role: 'panel-liaison', channel: 'smtp' },
      { role: 'safeguarding-partners', channel: 'outbox' },
    ]);

    forgetDeliveries(dataDir);
    await notifier.deliver(n);
    expect(smtp.received).toHaveLength(2);
    expect(new Set(smtp.received.map((m) => m.messageId))).toEqual(new Set([messageIdFor(`${n.id}:0:smtp`)]));
  });

  it('fails for good when the recipient has no address, and may retry when the server is down', async () => {
    const noAddress = createNotifier({
      dataDir: tempDir(),
      channels: { smtp: { url: smtp.url, from: 'cases@example.org' } },
      policies: policiesWith('durham', (pack) => ({
        ...pack,
        recipients: {},
        delivery: { default: 'outbox', roles: { 'panel-liaison': 'smtp' } },
      })),
    });
    const unnamed = notice();
    unnamed.to = [{ role: 'panel-liaison', name: 'panel-liaison' }]; // the pack names no one
    await expect(noAddress.deliver(unnamed)).rejects.toBeInstanceOf(PermanentDeliveryError);

    const down = createNotifier({
      dataDir: tempDir(),
      channels: { smtp: { url: 'smtp://127.0.0.1:1', from: 'cases@example.org' } },
      policies: routedTo('smtp'),
    });
    const err = await down.deliver(notice()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
  });
});

describe('SMTP timeouts (RFC 5321 §4.5.3.2)', () => {
  let smtp: Awaited<ReturnType<typeof smtpCapture>>;
  beforeAll(async () => {
    smtp = await smtpCapture();
  });
  afterAll(() => smtp.close());

  const delivery = (): Delivery => ({
    id: `case-durham-T:${randomUUID()}:0:smtp`,
    noticeId: 'case-durham-T:x',
    type: 'incident-notified',
    caseId: 'case-durham-T',
    partnership: 'durham',
    reference: 'DUR-T',
    to: { role: 'panel-liaison', name: 'Panel liaison', email: 'liaison@example.org' },
    subject: 'Case DUR-T',
    body: 'A notice.',
  });
  const channel = (url: string, timeouts?: Partial<SmtpTimeouts>) =>
    new SmtpChannel({ url, from: 'cases@example.org', timeouts: { ...SMTP_DEFAULT_TIMEOUTS, ...timeouts } });
  /** How the send ended and after how long. */
  async function timed(send: Promise<void>): Promise<{ ms: number; err: unknown }> {
    const started = Date.now();
    const err = await send.then(
      () => undefined,
      (e: unknown) => e,
    );
    return { ms: Date.now() - started, err };
  }

  it('are the RFC’s by default, inside the notice activity’s timeout', () => {
    expect(SMTP_DEFAULT_TIMEOUTS).toEqual({
      connectMs: 120_000,
      greetingMs: 300_000, // the initial 220 message
      socketMs: 600_000, // DATA termination, the longest of MAIL, RCPT, DATA initiation, data block
      sendMs: 1_920_000, // connecting, then every stage at its limit
    });
    expect(NOTICE_ATTEMPT_TIMEOUT_MS).toBeGreaterThan(SMTP_DEFAULT_TIMEOUTS.sendMs);
    expect(NOTICE_HEARTBEAT_TIMEOUT_MS).toBeLessThan(SMTP_DEFAULT_TIMEOUTS.socketMs);
  });

  it('wait for a server that takes 12 s to answer DATA, and send one copy', { timeout: 30_000 }, async () => {
    const d = delivery();
    smtp.state.dataDelayMs = 12_000;
    try {
      const { ms, err } = await timed(channel(smtp.url).send(d));
      expect(err).toBeUndefined();
      expect(ms).toBeGreaterThanOrEqual(12_000);
    } finally {
      smtp.state.dataDelayMs = 0;
    }
    expect(smtp.copies(messageIdFor(d.id))).toBe(1);
  });

  it('give up as configured; a server that then takes the message has it all the same', async () => {
    const d = delivery();
    smtp.state.dataDelayMs = 1500;
    try {
      const { err } = await timed(channel(smtp.url, { socketMs: 500 }).send(d));
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(PermanentDeliveryError); // retried: this is how copies multiplied
    } finally {
      smtp.state.dataDelayMs = 0;
    }
    expect(smtp.copies(messageIdFor(d.id))).toBe(1);
  });

  it('wait for the greeting its own time, beyond the time to connect', async () => {
    const silent = await silentServer();
    try {
      const { ms, err } = await timed(
        channel(silent.url, { connectMs: 200, greetingMs: 1000 }).send(delivery()),
      );
      expect(err).toBeInstanceOf(Error);
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(5000);
    } finally {
      await silent.close();
    }
  });

  it('bound the whole message by the send timeout, however patient each stage is', async () => {
    smtp.state.dataDelayMs = 3000;
    try {
      const { ms, err } = await timed(channel(smtp.url, { sendMs: 800 }).send(delivery()));
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(PermanentDeliveryError);
      expect(ms).toBeLessThan(2500);
    } finally {
      smtp.state.dataDelayMs = 0;
    }
  });
});

describe('GOV.UK Notify', () => {
  let notify: Awaited<ReturnType<typeof notifyStandIn>>;
  beforeAll(async () => {
    notify = await notifyStandIn();
  });
  afterAll(() => notify.close());

  it('sends once, with the delivery id as reference, even when the journal is lost', async () => {
    const dataDir = tempDir();
    const notifier = createNotifier({
      dataDir,
      channels: {
        govukNotify: { apiKey: notify.apiKey, baseUrl: notify.url, templateId: notify.templateId },
      },
      policies: routedTo('govuk-notify'),
    });
    const n = notice();
    await notifier.deliver(n);
    forgetDeliveries(dataDir);
    await notifier.deliver(n);
    expect(notify.sent).toEqual([
      expect.objectContaining({
        email_address: 'liaison@example.org',
        template_id: notify.templateId,
        reference: `${n.id}:0:govuk-notify`,
        personalisation: { subject: n.subject, body: n.body },
      }),
    ]);
  });

  it('fails for good when Notify refuses the request', async () => {
    const notifier = createNotifier({
      dataDir: tempDir(),
      channels: { govukNotify: { apiKey: notify.apiKey, baseUrl: notify.url, templateId: randomUUID() } },
      policies: routedTo('govuk-notify'),
    });
    await expect(notifier.deliver(notice())).rejects.toBeInstanceOf(PermanentDeliveryError);
  });
});

describe('webhook', () => {
  const secret = 'a-shared-secret';
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  let url = '';
  beforeAll(async () => {
    hook = await webhookReceiver(secret);
    url = hook.url;
  });
  afterAll(() => hook.close());

  it('posts signed JSON once; a repeat after a lost journal carries the same Idempotency-Key', async () => {
    const dataDir = tempDir();
    const notifier = createNotifier({
      dataDir,
      channels: { webhook: { url, secret } },
      policies: routedTo('webhook'),
    });
    const n = notice();
    await notifier.deliver(n);
    await notifier.deliver(n);
    expect(hook.state.posts).toBe(1);
    forgetDeliveries(dataDir);
    await notifier.deliver(n);
    expect(hook.state.posts).toBe(2);
    expect([...hook.accepted.keys()]).toEqual([`${n.id}:0:webhook`]);
    expect(hook.accepted.get(`${n.id}:0:webhook`)).toMatchObject({
      type: 'incident-notified',
      reference: 'DUR-X',
      subject: n.subject,
    });
  });

  it('refuses a wrong secret, and tells a refusal (4xx) from an outage (5xx)', async () => {
    const wrong = createNotifier({
      dataDir: tempDir(),
      channels: { webhook: { url, secret: 'guess' } },
      policies: routedTo('webhook'),
    });
    await expect(wrong.deliver(notice())).rejects.toBeInstanceOf(PermanentDeliveryError);
    hook.state.answer = 503;
    const right = createNotifier({
      dataDir: tempDir(),
      channels: { webhook: { url, secret } },
      policies: routedTo('webhook'),
    });
    const err = await right.deliver(notice()).catch((e: unknown) => e);
    hook.state.answer = 200;
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
  });
});

describe('routing', () => {
  it('refuses at start a pack that routes to a channel the deployment lacks', () => {
    expect(() => createNotifier({ dataDir: tempDir(), channels: {}, policies: routedTo('webhook') })).toThrow(
      /durham pack sends notices by webhook, which is not configured/,
    );
  });
});
