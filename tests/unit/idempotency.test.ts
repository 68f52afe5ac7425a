/** Kept answers to repeated Idempotency-Keys: replayed within a day, deleted after it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IdempotencyStore } from '../../api/idempotency';

describe('the idempotency store', () => {
  it('replays within a day, and a sweep deletes what is older', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idem-'));
    let now = Date.parse('2026-11-23T10:00:00Z');
    const store = new IdempotencyStore(dir, () => now);
    let runs = 0;
    const answer = async () => ({ status: 201, body: { n: (runs += 1) }, headers: {} });
    expect((await store.once('u1 POST /x', 'k', { a: 1 }, answer)).body).toEqual({ n: 1 });
    expect((await store.once('u1 POST /x', 'k', { a: 1 }, answer)).body).toEqual({ n: 1 });
    expect((await store.once('u2 POST /x', 'k', { a: 1 }, answer)).body).toEqual({ n: 2 }); // another user
    expect(fs.readdirSync(dir)).toHaveLength(2);

    const old = Date.parse('2026-11-22T09:00:00Z') / 1000;
    for (const f of fs.readdirSync(dir)) fs.utimesSync(path.join(dir, f), old, old);
    now += 2 * 60 * 60 * 1000;
    expect(store.sweep()).toBe(2);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('a store that fails', () => {
  it('never turns something done into a failure, and replays no answer not yet final', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'idem-'));
    const dir = path.join(parent, 'answers');
    fs.writeFileSync(dir, 'a file where the directory should be: every write fails');
    const errors: string[] = [];
    const store = new IdempotencyStore(dir, Date.now, (message) => errors.push(message));
    let runs = 0;
    const created = async () => ({ status: 201, body: { n: (runs += 1) }, headers: {} });
    expect((await store.once('u POST /x', 'k', {}, created)).status).toBe(201);
    expect(errors).toContainEqual(expect.stringMatching(/could not be kept/));
    // Nothing was kept, so a retry runs again (and Temporal, not the store, recognises it).
    expect((await store.once('u POST /x', 'k', {}, created)).body).toEqual({ n: 2 });

    fs.rmSync(dir);
    const waiting = async () => ({ status: 202, body: { status: 'waiting', n: (runs += 1) }, headers: {} });
    await store.once('u POST /y', 'k', {}, waiting);
    expect((await store.once('u POST /y', 'k', {}, waiting)).body).toEqual({ status: 'waiting', n: 4 });
    // Not replayed, but the key is taken: reused for another body while the outcome is unknown, it is refused.
    await expect(store.once('u POST /y', 'k', { other: true }, waiting)).rejects.toMatchObject({
      status: 422,
      errors: [{ field: 'Idempotency-Key' }],
    });
    const taken = async () => ({ status: 200, body: { n: (runs += 1) }, headers: {} });
    expect((await store.once('u POST /y', 'k', {}, taken)).body).toEqual({ n: 5 });
    expect((await store.once('u POST /y', 'k', {}, taken)).body).toEqual({ n: 5 });
  });
});
