/**
 * The delivery journal on a real disk: each copy's attempts and result, read back per notice
 * for the case view, replaced whole or not at all when the disk fails; and the case view's
 * notices made from the workflow's record and the journal's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NoticeSent } from '../../src/case/types';
import { type Copy, FileDeliveryJournal } from '../../src/notify/deliveryJournal';
import { withCopies } from '../../src/notify/noticeCopies';
import { diskThatFills, leftovers, unwritableDir } from '../helpers/diskFaults';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));

function copy(noticeId: string, recipient: number, overrides: Partial<Copy> = {}): Copy {
  return {
    id: `${noticeId}:${recipient}:smtp`,
    noticeId,
    caseId: 'case-durham-J1',
    type: 'incident-notified',
    recipient,
    role: 'panel-liaison',
    channel: 'smtp',
    ...overrides,
  };
}

/** A clock that moves a minute at each reading. */
function minutes() {
  let at = Date.parse('2026-03-02T09:00:00Z');
  return () => new Date((at += 60_000));
}

describe('the delivery journal', () => {
  it('keeps each copy’s attempts and result, and reads them back per notice in recipient order', async () => {
    const journal = new FileDeliveryJournal(tempDir(), undefined, minutes());
    const notice = 'case-durham-J1:notification';
    const liaison = copy(notice, 0);
    const partners = copy(notice, 1, {
      id: `${notice}:1:outbox`,
      role: 'safeguarding-partners',
      channel: 'outbox',
    });
    expect(await journal.find(liaison)).toBeUndefined();

    const first = await journal.begin(liaison);
    expect(first).toMatchObject({
      state: 'pending',
      attempts: 1,
      firstAttemptAt: '2026-03-02T09:01:00.000Z',
    });
    await journal.settle(first, { state: 'pending', error: 'not accepted yet (ECONNECTION)' });
    const second = await journal.begin(liaison);
    // Still pending, the last attempt's reason kept while the next is under way.
    expect(second).toMatchObject({ attempts: 2, error: 'not accepted yet (ECONNECTION)' });
    await journal.begin(partners);
    await journal.settle(second, { state: 'delivered' });

    expect(await journal.find(liaison)).toEqual({
      ...liaison,
      state: 'delivered',
      attempts: 2,
      firstAttemptAt: '2026-03-02T09:01:00.000Z',
      lastAttemptAt: '2026-03-02T09:02:00.000Z',
      deliveredAt: '2026-03-02T09:04:00.000Z',
    });
    const ofCase = await journal.ofCase('case-durham-J1');
    expect([...ofCase.keys()]).toEqual([notice]);
    expect(ofCase.get(notice)!.map((c) => [c.role, c.state, c.attempts])).toEqual([
      ['panel-liaison', 'delivered', 2],
      ['safeguarding-partners', 'pending', 1],
    ]);
    expect(await journal.ofCase('case-durham-OTHER')).toEqual(new Map());
  });

  it('keeps ids apart that differ only in characters a file name cannot hold', async () => {
    const journal = new FileDeliveryJournal(tempDir());
    const colon = copy('case-durham-J1:a:b', 0);
    const underscore = copy('case-durham-J1:a_b', 0);
    await journal.settle(await journal.begin(colon), { state: 'delivered' });
    expect(await journal.find(underscore)).toBeUndefined();
  });

  it('honours the journal kept before records: an empty file per copy delivered', async () => {
    const dir = tempDir();
    const old = copy('case-durham-J1:notification', 0);
    fs.writeFileSync(path.join(dir, 'case-durham-J1_notification_0_smtp'), '');
    expect(await new FileDeliveryJournal(dir).find(old)).toMatchObject({ state: 'delivered' });
  });

  it('fails to begin an attempt it cannot record, leaving nothing behind', async () => {
    const dir = tempDir();
    const disk = diskThatFills();
    const journal = new FileDeliveryJournal(dir, disk.write);
    const c = copy('case-durham-J1:notification', 0);
    const first = await journal.begin(c);

    disk.state.full = true;
    await expect(journal.begin(c)).rejects.toMatchObject({ code: 'ENOSPC' });
    await expect(journal.settle(first, { state: 'delivered' })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(disk.state.failures).toBe(2);
    expect(leftovers(dir)).toEqual([]);
    // Replaced whole or not at all: the first attempt's record is still there, intact.
    expect(await journal.find(c)).toEqual(first);

    const unwritable = unwritableDir(dir);
    try {
      await expect(journal.begin(c)).rejects.toThrow();
    } finally {
      unwritable.restore();
    }
  });
});

describe("the case view's notices", () => {
  const at = '2026-03-02T09:00:00.000Z';
  const record = (
    noticeId: string,
    recipient: number,
    state: 'pending' | 'delivered' | 'failed',
    attempts: number,
  ) => ({
    ...copy(noticeId, recipient, { role: recipient === 0 ? 'panel-liaison' : 'safeguarding-partners' }),
    state,
    attempts,
    firstAttemptAt: at,
    lastAttemptAt: at,
    ...(state !== 'delivered' && { error: 'not accepted yet (ECONNECTION); tried again later' }),
  });

  it('shows the notices still being sent as pending, with each copy and the attempts so far', () => {
    const workflow: NoticeSent[] = [
      { id: 'n1', type: 'case-started', to: ['business-manager'], at, status: 'delivered' },
    ];
    // Both copies went at the first attempt; the outbox could not take the notice, four times.
    const filing = {
      ...copy('n2', 0),
      id: 'n2#outbox',
      recipient: undefined,
      role: undefined,
      channel: 'outbox' as const,
      state: 'pending' as const,
      attempts: 4,
      firstAttemptAt: at,
      lastAttemptAt: at,
      error: 'not filed yet (ENOSPC); tried again later',
    };
    const journal = new Map([
      ['n2', [filing, record('n2', 0, 'delivered', 1), record('n2', 1, 'delivered', 1)]],
    ]);
    expect(withCopies(workflow, journal)).toEqual([
      workflow[0],
      {
        id: 'n2',
        type: 'incident-notified',
        to: ['panel-liaison', 'safeguarding-partners'],
        at,
        status: 'pending',
        error: 'not filed yet (ENOSPC); tried again later',
        attempts: 4,
        copies: [
          { role: 'panel-liaison', channel: 'smtp', state: 'delivered', attempts: 1, lastAttemptAt: at },
          {
            role: 'safeguarding-partners',
            channel: 'smtp',
            state: 'delivered',
            attempts: 1,
            lastAttemptAt: at,
          },
        ],
      },
    ]);
    // Without the outbox's copy (its attempt could not be journalled), the most any copy had.
    const copiesOnly = new Map([['n3', [record('n3', 0, 'delivered', 1), record('n3', 1, 'pending', 3)]]]);
    expect(withCopies([], copiesOnly)).toMatchObject([
      {
        status: 'pending',
        attempts: 3,
        copies: [
          { state: 'delivered', attempts: 1 },
          { state: 'pending', attempts: 3, error: 'not accepted yet (ECONNECTION); tried again later' },
        ],
      },
    ]);
    // Every copy settled before the workflow heard: the notice stands as its copies do.
    const settled = (state: 'delivered' | 'failed') =>
      new Map([['n4', [record('n4', 0, 'delivered', 1), record('n4', 1, state, 2)]]]);
    expect(withCopies([], settled('delivered'))).toMatchObject([{ id: 'n4', status: 'delivered' }]);
    expect(withCopies([], settled('failed'))).toMatchObject([{ id: 'n4', status: 'failed' }]);
  });

  it('takes the workflow’s word for a notice it has settled, for copies whose result was not journalled', () => {
    const workflow: NoticeSent[] = [
      { id: 'sent', type: 'incident-notified', to: ['panel-liaison'], at, status: 'delivered' },
      { id: 'given-up', type: 'incident-notified', to: ['panel-liaison'], at, status: 'failed', error: 'x' },
    ];
    const journal = new Map([
      ['sent', [record('sent', 0, 'pending', 1)]],
      ['given-up', [record('given-up', 0, 'pending', 14)]],
    ]);
    const [sent, givenUp] = withCopies(workflow, journal);
    expect(sent).toMatchObject({ status: 'delivered', attempts: 1, copies: [{ state: 'delivered' }] });
    expect(sent!.copies![0]).not.toHaveProperty('error');
    expect(givenUp).toMatchObject({ status: 'failed', attempts: 14, copies: [{ state: 'failed' }] });
  });
});
