/**
 * The notifier under the faults that used to repeat or hide e-mails, against a real SMTP
 * server on loopback (and the GOV.UK Notify stand-in) and real files: each `deliver` call is
 * one attempt of the notice activity, as a retry would make it.
 * - The journal cannot be written: nothing is sent, however often it is tried.
 * - A copy's attempt is journalled but not its result: sent again, with the same id.
 * - The outbox is read-only or full: the e-mail goes once, the notice is retried until it is
 *   filed, and no temporary file is left behind.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNoticeActivities } from '../../activities/notices';
import { createNotifier } from '../../src/notify/channels';
import { messageIdFor } from '../../src/notify/channels/smtp';
import { PermanentDeliveryError } from '../../src/notify/channels/types';
import { deliveriesDir, FileDeliveryJournal } from '../../src/notify/deliveryJournal';
import { OutboxNotifier, outboxDir } from '../../src/notify/outbox';
import type { DeliveredNotice } from '../../src/notify/types';
import { policiesWith } from '../helpers/cases';
import { notifyStandIn, smtpCapture } from '../helpers/channelServers';
import { diskThatFills, leftovers, unwritableDir } from '../helpers/diskFaults';

let smtp: Awaited<ReturnType<typeof smtpCapture>>;
let notify: Awaited<ReturnType<typeof notifyStandIn>>;
beforeAll(async () => {
  [smtp, notify] = await Promise.all([smtpCapture(), notifyStandIn()]);
});
afterAll(() => Promise.all([smtp.close(), notify.close()]));

/** Durham, with the panel liaison told by e-mail, the partners by Notify and the manager by the outbox. */
const durham = policiesWith('durham', (pack) => ({
  ...pack,
  recipients: {
    'panel-liaison': [{ name: 'Panel liaison', email: 'liaison@example.org' }],
    'safeguarding-partners': [{ name: 'Partners', email: 'partners@example.org' }],
  },
  delivery: {
    default: 'outbox',
    roles: { 'panel-liaison': 'smtp', 'safeguarding-partners': 'govuk-notify' },
  },
}));

function setup(
  faults: { journal?: ReturnType<typeof diskThatFills>; outbox?: ReturnType<typeof diskThatFills> } = {},
) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'notifier-'));
  const journal = new FileDeliveryJournal(deliveriesDir(dataDir), faults.journal?.write);
  const outbox = new OutboxNotifier(outboxDir(dataDir), faults.outbox?.write);
  const notifier = createNotifier({
    dataDir,
    channels: {
      smtp: { url: smtp.url, from: 'cases@example.org' },
      govukNotify: { apiKey: notify.apiKey, baseUrl: notify.url, templateId: notify.templateId },
    },
    policies: durham,
    journal,
    outbox,
  });
  return { dataDir, journal, outbox, notifier };
}

function notice(
  to: DeliveredNotice['to'] = [
    { role: 'panel-liaison', name: 'Panel liaison', email: 'liaison@example.org' },
  ],
) {
  const reference = `DUR-${randomUUID().slice(0, 8)}`;
  return {
    id: `case-durham-${reference}:notification`,
    caseId: `case-durham-${reference}`,
    partnership: 'durham',
    reference,
    type: 'incident-notified' as const,
    to,
    subject: `Case ${reference}: serious incident notified`,
    body: `The serious incident on case ${reference} was notified.`,
  };
}

const liaisonMessage = (n: { id: string }) => messageIdFor(`${n.id}:0:smtp`);

/** How the journal has a notice: its outbox copy (`filed`), then each recipient's, as [whose, channel, state, attempts]. */
async function journalled(journal: FileDeliveryJournal, n: { id: string; caseId: string }) {
  return (await journal.ofCase(n.caseId))
    .get(n.id)!
    .map((c) => [c.role ?? 'filed', c.channel, c.state, c.attempts]);
}
const attemptFailure = (work: Promise<unknown>) =>
  work.then(
    () => undefined,
    (err: unknown) => err,
  );

describe('a journal that cannot be written', () => {
  it('sends nothing, attempt after attempt; once it can, each copy goes once', async () => {
    const disk = diskThatFills();
    const { notifier, outbox } = setup({ journal: disk });
    const n = notice();
    disk.state.full = true;
    for (let attempt = 0; attempt < 3; attempt++) {
      const err = await attemptFailure(notifier.deliver(n));
      expect(err).toMatchObject({ code: 'ENOSPC' });
      expect(err).not.toBeInstanceOf(PermanentDeliveryError); // retried, not given up
    }
    expect(smtp.copies(liaisonMessage(n))).toBe(0);
    expect(await outbox.list({ caseId: n.caseId })).toEqual([]);

    disk.state.full = false;
    await notifier.deliver(n);
    await notifier.deliver(n); // a retry after success changes nothing
    expect(smtp.copies(liaisonMessage(n))).toBe(1);
  });

  it('sends nothing when its directory cannot be written, even as root', async () => {
    const { notifier, dataDir } = setup();
    const n = notice();
    const unwritable = unwritableDir(deliveriesDir(dataDir));
    try {
      await expect(notifier.deliver(n)).rejects.toThrow();
      expect(smtp.copies(liaisonMessage(n))).toBe(0);
    } finally {
      unwritable.restore();
    }
    await notifier.deliver(n);
    expect(smtp.copies(liaisonMessage(n))).toBe(1);
  });
});

describe('a copy journalled as attempted but not as sent', () => {
  it('is sent again with the same id (an e-mail keeps its Message-ID); a copy journalled as sent is not', async () => {
    const disk = diskThatFills();
    const { notifier, journal } = setup({ journal: disk });
    const n = notice([
      { role: 'panel-liaison', name: 'Panel liaison', email: 'liaison@example.org' },
      { role: 'safeguarding-partners', name: 'Partners', email: 'partners@example.org' },
    ]);
    const warned: string[] = [];
    smtp.state.hold = true;
    const first = notifier.deliver(n, { log: { warn: (m) => warned.push(m) } });
    // The message is on the mail server; its result cannot be journalled, as if the worker died now.
    await expect.poll(() => smtp.copies(liaisonMessage(n))).toBe(1);
    await expect.poll(() => notify.sent.filter((s) => s.reference.startsWith(n.id)).length).toBe(1);
    disk.state.full = true;
    smtp.state.hold = false;
    smtp.release();
    await first; // what went is not undone by a journal that could not say so
    expect(warned).toContain('the delivery journal could not record how a copy went');
    disk.state.full = false;
    expect(await journalled(journal, n)).toEqual([
      ['filed', 'outbox', 'pending', 1],
      ['panel-liaison', 'smtp', 'pending', 1],
      ['safeguarding-partners', 'govuk-notify', 'delivered', 1], // Notify answered before the journal filled
    ]);

    await notifier.deliver(n); // the next attempt
    expect(smtp.received.filter((m) => m.raw.includes(n.reference)).map((m) => m.messageId)).toEqual([
      liaisonMessage(n),
      liaisonMessage(n),
    ]);
    expect(notify.sent.filter((s) => s.reference === `${n.id}:1:govuk-notify`)).toHaveLength(1);
    expect(await journalled(journal, n)).toEqual([
      ['filed', 'outbox', 'delivered', 2],
      ['panel-liaison', 'smtp', 'delivered', 2],
      ['safeguarding-partners', 'govuk-notify', 'delivered', 1],
    ]);
  });
});

describe('an outbox that cannot be written', () => {
  it.each([
    ['read-only', 'unwritable'],
    ['full', 'fills'],
  ] as const)(
    'when %s: the e-mail goes once, the notice is pending with its attempts, nothing is left behind',
    async (_, fault) => {
      const disk = diskThatFills();
      const { notifier, outbox, journal, dataDir } = setup({ outbox: disk });
      const n = notice([
        { role: 'panel-liaison', name: 'Panel liaison', email: 'liaison@example.org' },
        { role: 'business-manager', name: 'Business manager' },
      ]);
      const unwritable = fault === 'unwritable' ? unwritableDir(outboxDir(dataDir)) : undefined;
      disk.state.full = fault === 'fills';
      try {
        for (let attempt = 0; attempt < 2; attempt++) {
          const err = await attemptFailure(notifier.deliver(n));
          expect(err).toBeInstanceOf(Error);
          expect(err).not.toBeInstanceOf(PermanentDeliveryError);
        }
        expect(leftovers(dataDir)).toEqual([]);
        if (fault === 'fills') expect(disk.state.failures).toBe(2);
        expect(smtp.copies(liaisonMessage(n))).toBe(1);
        expect(await journalled(journal, n)).toEqual([
          ['filed', 'outbox', 'pending', 2],
          ['panel-liaison', 'smtp', 'delivered', 1],
          ['business-manager', 'outbox', 'pending', 2],
        ]);
        const [filing] = (await journal.ofCase(n.caseId)).get(n.id)!;
        expect(filing!.error).toMatch(
          fault === 'fills' ? /^not filed yet \(ENOSPC\)/ : /^not filed yet \(E[A-Z]+\)/,
        );
      } finally {
        unwritable?.restore();
        disk.state.full = false;
      }
      await notifier.deliver(n);
      expect((await outbox.list({ caseId: n.caseId })).map((f) => f.deliveries)).toEqual([
        [
          { role: 'panel-liaison', channel: 'smtp' },
          { role: 'business-manager', channel: 'outbox' },
        ],
      ]);
      expect(smtp.copies(liaisonMessage(n))).toBe(1);
      expect(leftovers(dataDir)).toEqual([]);
    },
  );

  it('fails the activity so that it is retried, not given up', async () => {
    const disk = diskThatFills();
    const { notifier } = setup({ outbox: disk });
    const { sendNotice } = createNoticeActivities(durham, notifier);
    disk.state.full = true;
    const err = await attemptFailure(
      // Its failure is what is tested: not logged as a warning.
      new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') }).run(sendNotice, {
        id: `case-durham-A1:${randomUUID()}`,
        caseId: 'case-durham-A1',
        partnership: 'durham',
        reference: 'A1',
        type: 'case-started' as const,
        to: ['business-manager' as const],
        facts: {},
      }),
    );
    expect(err).toMatchObject({ code: 'ENOSPC' });
    expect(err).not.toBeInstanceOf(ApplicationFailure); // the retry policy applies
  });
});

describe('sending the copies', () => {
  it('sends every copy at once, so an attempt lasts as long as its slowest copy', async () => {
    const { notifier } = setup();
    const people = ['a', 'b', 'c'].map((p) => ({
      role: 'panel-liaison' as const,
      name: p,
      email: `${p}@example.org`,
    }));
    const n = notice(people);
    smtp.state.hold = true;
    const sending = notifier.deliver(n);
    // All three are on the server before it has answered the first.
    await expect.poll(() => smtp.received.filter((m) => m.raw.includes(n.reference)).length).toBe(3);
    smtp.state.hold = false;
    smtp.release();
    await sending;
  });

  it('journals a refusal as failed and an outage as pending, each with its code', async () => {
    const { notifier, journal } = setup();
    for (const [code, state] of [
      [451, 'pending'],
      [550, 'failed'],
    ] as const) {
      const n = notice();
      smtp.state.refuse = code;
      const err = await attemptFailure(notifier.deliver(n));
      smtp.state.refuse = undefined;
      expect(err instanceof PermanentDeliveryError).toBe(code >= 500);
      expect((await journal.ofCase(n.caseId)).get(n.id)!.filter((c) => c.role)).toEqual([
        expect.objectContaining({ state, attempts: 1, error: expect.stringContaining(String(code)) }),
      ]);
    }
  });
});

describe('the notice activity', () => {
  it('heartbeats while a slow mail server holds the message, and a cancelled send stops', async () => {
    const { notifier } = setup();
    const { sendNotice } = createNoticeActivities(durham, notifier);
    const request = (key: string) => ({
      id: `case-durham-H1:${key}`,
      caseId: 'case-durham-H1',
      partnership: 'durham',
      reference: 'H1',
      type: 'incident-notified' as const,
      to: ['panel-liaison' as const],
      facts: { notifiedOn: '2026-03-02' },
    });
    const env = new MockActivityEnvironment({ heartbeatTimeoutMs: 400 });
    let beats = 0;
    env.on('heartbeat', () => (beats += 1));
    smtp.state.dataDelayMs = 1500;
    try {
      await env.run(sendNotice, request('slow'));
    } finally {
      smtp.state.dataDelayMs = 0;
    }
    expect(beats).toBeGreaterThanOrEqual(4); // about every 100 ms for 1.5 s
    expect(smtp.copies(messageIdFor('case-durham-H1:slow:0:smtp'))).toBe(1);

    // Cancelled (the activity timed out, or the workflow went away): the mail server is left.
    const cancelled = new MockActivityEnvironment(
      { heartbeatTimeoutMs: 400 },
      { logger: new DefaultLogger('ERROR') },
    );
    smtp.state.hold = true;
    const sending = attemptFailure(cancelled.run(sendNotice, request('cancelled')));
    await expect.poll(() => smtp.copies(messageIdFor('case-durham-H1:cancelled:0:smtp'))).toBe(1);
    cancelled.cancel();
    expect(await sending).toBeInstanceOf(Error);
    smtp.state.hold = false;
    smtp.release();
  });
});
