/**
 * The delivery channels against real servers on loopback: an SMTP server (smtp-server), a
 * stand-in that speaks the GOV.UK Notify API (JWT auth, send, look up by reference), and a
 * webhook receiver that checks the HMAC signature. Each notice reaches each once, also when
 * the delivery journal is lost after a send (a crash between sending and recording), thanks
 * to the channel's own idempotency key.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { jwtVerify } from 'jose';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifier } from '../../src/notify/channels';
import { messageIdFor } from '../../src/notify/channels/smtp';
import { PermanentDeliveryError } from '../../src/notify/channels/types';
import { verifySignature } from '../../src/notify/channels/webhook';
import type { DeliveredNotice } from '../../src/notify/types';
import { policiesWith } from '../helpers/cases';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'channels-'));
const listen = async (server: http.Server | SMTPServer) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return ((server as http.Server).address?.() ?? (server as SMTPServer).server.address()) as AddressInfo;
};

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
  const received: { messageId: string; to: string; raw: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c));
      stream.on('end', () => {
        received.push({
          messageId: raw.match(/^Message-ID:\s*(\S+)/im)?.[1] ?? '',
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          raw,
        });
        done();
      });
    },
  });
  let port = 0;
  beforeAll(async () => {
    port = (await listen(smtp)).port;
  });
  afterAll(() => new Promise<void>((r) => smtp.close(() => r())));

  it('sends once per notice and recipient, with a Message-ID that a repeat after a crash keeps', async () => {
    const dataDir = tempDir();
    const notifier = createNotifier({
      dataDir,
      channels: { smtp: { url: `smtp://127.0.0.1:${port}`, from: 'cases@example.org' } },
      policies: routedTo('smtp'),
    });
    const n = notice();
    const first = await notifier.deliver(n);
    await notifier.deliver(n); // a retried activity: the journal says it went
    expect(received.map((m) => m.to)).toEqual(['liaison@example.org']);
    expect(received[0]!.raw).toContain('Subject: Case DUR-X: serious incident notified');
    expect(first.deliveries).toEqual([
      { role: 'panel-liaison', channel: 'smtp' },
      { role: 'safeguarding-partners', channel: 'outbox' },
    ]);

    forgetDeliveries(dataDir);
    await notifier.deliver(n);
    expect(received).toHaveLength(2);
    expect(new Set(received.map((m) => m.messageId))).toEqual(new Set([messageIdFor(`${n.id}:0:smtp`)]));
  });

  it('fails for good when the recipient has no address, and may retry when the server is down', async () => {
    const noAddress = createNotifier({
      dataDir: tempDir(),
      channels: { smtp: { url: `smtp://127.0.0.1:${port}`, from: 'cases@example.org' } },
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

describe('GOV.UK Notify', () => {
  const serviceId = randomUUID();
  const secret = randomUUID();
  const apiKey = `test_key-${serviceId}-${secret}`;
  const templateId = randomUUID();
  const sent: {
    email_address: string;
    template_id: string;
    reference: string;
    personalisation: Record<string, string>;
  }[] = [];
  /** Speaks the Notify API: HS256 JWT with the service id as issuer, send and look up by reference. */
  const stand_in = http.createServer(async (req, res) => {
    const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(secret));
      if (payload.iss !== serviceId)
        return reply(403, { errors: [{ error: 'AuthError', message: 'Invalid token: service not found' }] });
    } catch {
      return reply(403, { errors: [{ error: 'AuthError', message: 'Invalid token: signature' }] });
    }
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/v2/notifications') {
      const reference = url.searchParams.get('reference');
      return reply(200, { notifications: sent.filter((n) => n.reference === reference), links: {} });
    }
    if (req.method === 'POST' && url.pathname === '/v2/notifications/email') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const body = JSON.parse(raw) as (typeof sent)[number];
      if (body.template_id !== templateId)
        return reply(400, { errors: [{ error: 'BadRequestError', message: 'Template not found' }] });
      sent.push(body);
      return reply(201, {
        id: randomUUID(),
        reference: body.reference,
        content: {
          subject: body.personalisation.subject,
          body: body.personalisation.body,
          from_email: 'x@notify',
        },
        uri: '',
        template: { id: templateId, version: 1, uri: '' },
      });
    }
    reply(404, { errors: [{ error: 'NotFound' }] });
  });
  let baseUrl = '';
  beforeAll(async () => {
    baseUrl = `http://127.0.0.1:${(await listen(stand_in)).port}`;
  });
  afterAll(() => new Promise<void>((r) => stand_in.close(() => r())));

  it('sends once, with the delivery id as reference, even when the journal is lost', async () => {
    const dataDir = tempDir();
    const notifier = createNotifier({
      dataDir,
      channels: { govukNotify: { apiKey, baseUrl, templateId } },
      policies: routedTo('govuk-notify'),
    });
    const n = notice();
    await notifier.deliver(n);
    forgetDeliveries(dataDir);
    await notifier.deliver(n);
    expect(sent).toEqual([
      expect.objectContaining({
        email_address: 'liaison@example.org',
        template_id: templateId,
        reference: `${n.id}:0:govuk-notify`,
        personalisation: { subject: n.subject, body: n.body },
      }),
    ]);
  });

  it('fails for good when Notify refuses the request', async () => {
    const notifier = createNotifier({
      dataDir: tempDir(),
      channels: { govukNotify: { apiKey, baseUrl, templateId: randomUUID() } },
      policies: routedTo('govuk-notify'),
    });
    await expect(notifier.deliver(notice())).rejects.toBeInstanceOf(PermanentDeliveryError);
  });
});

describe('webhook', () => {
  const secret = 'a-shared-secret';
  const accepted = new Map<string, unknown>();
  let posts = 0;
  let answer = 200;
  const receiver = http.createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    posts += 1;
    if (!verifySignature(secret, req.headers['x-signature'] as string | undefined, raw)) {
      res.writeHead(401).end();
      return;
    }
    const key = req.headers['idempotency-key'] as string;
    if (!accepted.has(key)) accepted.set(key, JSON.parse(raw));
    res.writeHead(answer).end();
  });
  let url = '';
  beforeAll(async () => {
    url = `http://127.0.0.1:${(await listen(receiver)).port}/notices`;
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

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
    expect(posts).toBe(1);
    forgetDeliveries(dataDir);
    await notifier.deliver(n);
    expect(posts).toBe(2);
    expect([...accepted.keys()]).toEqual([`${n.id}:0:webhook`]);
    expect(accepted.get(`${n.id}:0:webhook`)).toMatchObject({
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
    answer = 503;
    const right = createNotifier({
      dataDir: tempDir(),
      channels: { webhook: { url, secret } },
      policies: routedTo('webhook'),
    });
    const err = await right.deliver(notice()).catch((e: unknown) => e);
    answer = 200;
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
