/**
 * The dashboard's board of open cases over a small in-memory visibility store that answers the
 * two queries the board makes. The board on the dev server is exercised by the dashboard test.
 */
import { TypedSearchAttributes } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { CaseBoard } from '../../src/client/caseBoard';
import type { Listed } from '../../src/client/summaries';
import {
  CaseRef,
  CaseStage,
  CaseStatus,
  CaseUpdatedAt,
  Partnership,
} from '../../src/temporal/searchAttributes';

interface Row {
  id: string;
  partnership: string;
  stage: string;
  status: 'open' | 'closed';
  updatedAt: number;
}

function visibility() {
  const rows = new Map<string, Row>();
  const queries: string[] = [];
  let failNext = false;
  const listed = (r: Row): Listed => ({
    workflowId: r.id,
    typedSearchAttributes: new TypedSearchAttributes([
      { key: Partnership, value: r.partnership },
      { key: CaseRef, value: r.id },
      { key: CaseStage, value: r.stage },
      { key: CaseStatus, value: r.status },
      { key: CaseUpdatedAt, value: new Date(r.updatedAt) },
    ]),
  });
  return {
    rows,
    queries,
    failNextRead: () => (failNext = true),
    async list(clauses: string[]): Promise<Listed[]> {
      const query = clauses.join(' AND ');
      queries.push(query);
      if (failNext) {
        failNext = false;
        throw new Error('visibility unavailable');
      }
      const since = /^CaseUpdatedAt >= '(.+)'$/.exec(query)?.[1];
      if (query === `CaseStatus = 'open'`)
        return [...rows.values()].filter((r) => r.status === 'open').map(listed);
      if (since) return [...rows.values()].filter((r) => r.updatedAt >= Date.parse(since)).map(listed);
      throw new Error(`unexpected query ${query}`);
    },
  };
}

const T0 = Date.parse('2026-11-23T10:00:00Z');

function setUp() {
  const store = visibility();
  let now = T0;
  const put = (id: string, partnership: string, stage: string, status: Row['status'] = 'open') =>
    store.rows.set(id, { id, partnership, stage, status, updatedAt: now });
  const board = new CaseBoard((clauses) => store.list(clauses), {
    freshMs: 1_000,
    lagMs: 30_000,
    reloadMs: 300_000,
    now: () => now,
  });
  const idsOn = async (partnerships: string[]) =>
    (await board.openCases(partnerships)).map((c) => `${c.id}:${c.stage}`).sort();
  return { store, board, put, idsOn, tick: (ms: number) => (now += ms) };
}

describe('the case board', () => {
  it('reads every open case once, then only what changed within the lag window', async () => {
    const { store, put, idsOn, tick } = setUp();
    put('a', 'dudley', 'notification');
    put('b', 'durham', 'notification');
    put('old', 'dudley', 'closed', 'closed');
    expect(await idsOn(['dudley', 'durham'])).toEqual(['a:notification', 'b:notification']);
    expect(await idsOn(['durham'])).toEqual(['b:notification']);

    tick(5_000);
    put('a', 'dudley', 'rapid-review'); // moves on
    put('b', 'durham', 'closed', 'closed'); // closes
    put('c', 'dudley', 'notification'); // starts
    expect(await idsOn(['dudley', 'durham'])).toEqual(['a:rapid-review', 'c:notification']);
    // The first load, one read right after it, and the read after the changes, which looks
    // back 30 s before the read before it.
    expect(store.queries[0]).toBe(`CaseStatus = 'open'`);
    expect(store.queries.at(-1)).toBe(`CaseUpdatedAt >= '${new Date(T0 - 30_000).toISOString()}'`);
  });

  it('answers from the board without reading again within a second of the last read', async () => {
    const { store, put, idsOn, tick } = setUp();
    put('a', 'dudley', 'notification');
    await idsOn(['dudley']);
    const reads = store.queries.length;
    tick(500);
    put('a', 'dudley', 'rapid-review');
    expect(await idsOn(['dudley'])).toEqual(['a:notification']);
    expect(store.queries).toHaveLength(reads);
    tick(500);
    expect(await idsOn(['dudley'])).toEqual(['a:rapid-review']);
  });

  it('tries the first load again at the next request when it fails', async () => {
    const { store, put, idsOn } = setUp();
    put('a', 'dudley', 'notification');
    store.failNextRead();
    await expect(idsOn(['dudley'])).rejects.toThrow('visibility unavailable');
    expect(await idsOn(['dudley'])).toEqual(['a:notification']);
  });

  it('heals, at its periodic reload, a change that reached visibility too late to be read', async () => {
    const { store, put, idsOn, tick } = setUp();
    put('a', 'dudley', 'notification');
    await idsOn(['dudley']);
    // A change stamped a minute before it became visible: older than the lag window.
    store.rows.set('a', { ...store.rows.get('a')!, stage: 'rapid-review', updatedAt: T0 - 60_000 });
    tick(2_000);
    expect(await idsOn(['dudley'])).toEqual(['a:notification']);
    tick(300_000); // the reload runs in the background; the next request sees its result
    await idsOn(['dudley']);
    tick(1_000);
    await expect.poll(() => idsOn(['dudley'])).toEqual(['a:rapid-review']);
  });
});
