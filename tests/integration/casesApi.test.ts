/**
 * The API over HTTP, with a worker, on a real Temporal dev server: the walking skeleton's
 * vertical slice, and its answers to bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PARTNERSHIPS, bearer } from '../helpers/auth';
import { type TestStack, startTestStack } from '../helpers/stack';
import { caseIdFor, idPath } from '../../src/ids';

let stack: TestStack;
/** A business manager of every partnership, and of one the deployment has no pack for. */
let auth: Record<string, string>;

beforeAll(async () => {
  stack = await startTestStack();
  auth = await bearer(stack.dataDir, 'business-manager', { partnerships: [...ALL_PARTNERSHIPS, 'atlantis'] });
});
afterAll(async () => {
  await stack?.stop();
});

const slice = {
  partnership: 'durham',
  awareAt: '2026-11-02',
  abuseOrNeglectSuspected: true,
  childDied: false,
  seriouslyHarmed: true,
  reference: 'DUR-001',
};

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${stack.api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as {
    status: number;
    title: string;
    detail: string;
    errors?: { field: string }[];
  };
}

describe('cases API on the dev server', () => {
  it('starts a case and reads back its notification deadline from the workflow', async () => {
    const created = await post('/api/cases', slice);
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; stage: string };
    expect(body).toMatchObject({
      id: caseIdFor('durham', 'DUR-001'),
      stage: 'notification',
      reference: 'DUR-001',
    });
    expect(created.headers.get('location')).toBe(`/api/cases/${idPath(caseIdFor('durham', 'DUR-001'))}`);

    // Monday 2 November 2026 + 5 working days (no bank holidays between) = Monday 9 November.
    await expect
      .poll(async () => {
        const res = await fetch(`${stack.api.url}/api/cases/${body.id}`, { headers: auth });
        if (!res.ok) return [];
        return ((await res.json()) as { deadlines: { key: string }[] }).deadlines.filter(
          (d) => d.key === 'notification',
        );
      })
      .toEqual([
        expect.objectContaining({
          key: 'notification',
          basisDate: '2026-11-02',
          dueDate: '2026-11-09',
          dueAt: '2026-11-09T23:59:59.999Z',
          // The awareness date is long past, so the case is honestly late from the start.
          state: 'breached',
        }),
      ]);
  });

  it('hands out the list a page at a time, and refuses a page size or token it cannot use', async () => {
    for (const reference of ['PAGE-1', 'PAGE-2', 'PAGE-3']) {
      expect((await post('/api/cases', { ...slice, partnership: 'kirklees', reference })).status).toBe(201);
    }
    const list = async (query: string) => {
      const res = await fetch(`${stack.api.url}/api/cases?partnership=kirklees&${query}`, { headers: auth });
      return {
        status: res.status,
        link: res.headers.get('link'),
        body: (await res.json()) as Record<string, unknown>,
      };
    };
    // Visibility catches up with the starts a moment later.
    await expect.poll(async () => ((await list('pageSize=10')).body.cases as unknown[]).length).toBe(3);
    const first = await list('pageSize=2');
    expect(first.status).toBe(200);
    expect(first.body.cases).toHaveLength(2);
    expect(first.body.nextPageToken).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(first.link).toBe(
      `</api/cases?partnership=kirklees&pageSize=2&pageToken=${first.body.nextPageToken as string}>; rel="next"`,
    );
    const second = await list(`pageSize=2&pageToken=${first.body.nextPageToken as string}`);
    expect(second.body.cases).toHaveLength(1);
    expect(second.body).not.toHaveProperty('nextPageToken');
    expect(second.link).toBeNull();
    const ids = [...(first.body.cases as { id: string }[]), ...(second.body.cases as { id: string }[])];
    expect(ids.map((c) => c.id).sort()).toEqual([
      caseIdFor('kirklees', 'PAGE-1'),
      caseIdFor('kirklees', 'PAGE-2'),
      caseIdFor('kirklees', 'PAGE-3'),
    ]);

    for (const [query, field] of [
      ['pageSize=0', 'pageSize'],
      ['pageSize=1001', 'pageSize'],
      ['pageSize=ten', 'pageSize'],
      ['pageToken=bm90LWEtdG9rZW4', 'pageToken'],
      ['pageToken=a%20b', 'pageToken'],
    ]) {
      const res = await list(query!);
      expect(res.status, query).toBe(400);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual([field]);
    }
  });

  it('refuses a second case with the same partnership and reference; the same start again returns the first', async () => {
    const res = await post('/api/cases', { ...slice, reference: 'DUR-002' });
    expect(res.status).toBe(201);
    // A retry of the same request (its answer lost, say) is the same case, not a second one.
    const retried = await post('/api/cases', { ...slice, reference: 'DUR-002' });
    expect(retried.status).toBe(201);
    const idOf = async (r: Response) => ((await r.json()) as { id: string }).id;
    expect(await idOf(retried)).toBe(await idOf(res));
    const another = await post('/api/cases', { ...slice, reference: 'DUR-002', childDied: true });
    expect(another.status).toBe(409);
    expect((await problem(another)).errors?.[0]?.field).toBe('reference');
  });

  it('answers 400 problem+json naming the field for a body that fails its schema', async () => {
    const res = await post('/api/cases', { ...slice, awareAt: '2026-02-30' });
    expect(res.status).toBe(400);
    const p = await problem(res);
    expect(p.errors).toEqual([expect.objectContaining({ field: 'awareAt' })]);
    expect(p.detail).toContain('awareAt');

    const missing = await post('/api/cases', { partnership: 'durham' });
    expect(missing.status).toBe(400);
    const fields = (await problem(missing)).errors?.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['reference', 'awareAt', 'childDied']));
  });

  it('answers 422 for an unknown partnership or an incident that is not a serious case', async () => {
    const unknown = await post('/api/cases', { ...slice, reference: 'X-1', partnership: 'atlantis' });
    expect(unknown.status).toBe(422);
    expect((await problem(unknown)).errors?.[0]?.field).toBe('partnership');

    const notSerious = await post('/api/cases', {
      ...slice,
      reference: 'X-2',
      childDied: false,
      seriouslyHarmed: false,
    });
    expect(notSerious.status).toBe(422);
  });

  it('starts each kind of case the pack allows, and refuses a case that is not of its kind', async () => {
    const refused = async (body: Record<string, unknown>) => {
      const res = await post('/api/cases', { ...slice, ...body });
      const p = await problem(res);
      return [res.status, p.errors?.map((e) => e.field)];
    };
    const careLeaver = { caseType: 'care-leaver-death', childDied: true, abuseOrNeglectSuspected: false };
    expect(await refused({ ...careLeaver, reference: 'K-1', ageAtDeath: 25 })).toEqual([422, ['ageAtDeath']]);
    expect(await refused({ ...careLeaver, reference: 'K-2' })).toEqual([422, ['ageAtDeath']]);
    expect(await refused({ reference: 'K-3', ageAtDeath: 20 })).toEqual([422, ['ageAtDeath']]);
    expect(await refused({ reference: 'K-4', children: ['C1', 'C2', 'C3', 'C4', 'C5'] })).toEqual([
      422,
      ['children'],
    ]);
    expect(await refused({ reference: 'K-5', children: ['C1', 'C1'] })).toEqual([422, ['children']]);
    expect(await refused({ reference: 'K-6', caseType: 'gossip' })).toEqual([400, ['caseType']]);
    expect(
      await refused({ reference: 'K-7', caseType: 'looked-after-child-death', childDied: false }),
    ).toEqual([422, ['childDied']]);

    const started = await post('/api/cases', { ...slice, ...careLeaver, reference: 'K-8', ageAtDeath: 24 });
    expect(started.status).toBe(201);
    expect(await started.json()).toMatchObject({ caseType: 'care-leaver-death', stage: 'notification' });
    const local = await post('/api/cases', {
      ...slice,
      reference: 'K-9',
      caseType: 'local-review-only',
      abuseOrNeglectSuspected: false,
      seriouslyHarmed: false,
    });
    expect(await local.json()).toMatchObject({ caseType: 'local-review-only', stage: 'review-decision' });
    const several = await post('/api/cases', {
      ...slice,
      reference: 'K-10',
      children: ['C1', 'C2', 'C3', 'C4'],
    });
    expect(several.status).toBe(201);
    // The kind is listed, from visibility.
    await expect
      .poll(async () => {
        const res = await fetch(`${stack.api.url}/api/cases?partnership=durham&pageSize=100`, {
          headers: auth,
        });
        const { cases } = (await res.json()) as { cases: { id: string; caseType?: string }[] };
        return cases
          .filter((c) => /:K-/.test(c.id))
          .map((c) => `${c.id}:${c.caseType}`)
          .sort();
      })
      .toEqual([
        `${caseIdFor('durham', 'K-10')}:serious-incident`,
        `${caseIdFor('durham', 'K-8')}:care-leaver-death`,
        `${caseIdFor('durham', 'K-9')}:local-review-only`,
      ]);
  });

  it('answers malformed JSON and unknown routes and cases with problem+json', async () => {
    const malformed = await post('/api/cases', '{"partnership":');
    expect(malformed.status).toBe(400);
    expect((await problem(malformed)).detail).toContain('not valid JSON');

    const noCase = await fetch(`${stack.api.url}/api/cases/${idPath(caseIdFor('durham', 'NOPE'))}`, {
      headers: auth,
    });
    expect(noCase.status).toBe(404);
    await problem(noCase);

    const noRoute = await fetch(`${stack.api.url}/nowhere`);
    expect(noRoute.status).toBe(404);
    await problem(noRoute);
  });

  it('answers a repeated Idempotency-Key with the first answer, and refuses it with another body', async () => {
    const body = { ...slice, reference: 'DUR-IDEM' };
    const key = { 'idempotency-key': 'start-DUR-IDEM-1' };
    const first = await post('/api/cases', body, key);
    const again = await post('/api/cases', body, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    // Without the key, the same request is still the same case; a different one is refused.
    expect((await post('/api/cases', body)).status).toBe(201);
    expect((await post('/api/cases', { ...body, awareAt: '2026-11-03' })).status).toBe(409);

    const other = await post('/api/cases', { ...body, awareAt: '2026-11-03' }, key);
    expect(other.status).toBe(422);
    expect((await problem(other)).errors?.[0]?.field).toBe('Idempotency-Key');

    // A decision sent twice with one key is recorded once and answered twice alike.
    await post(`/api/cases/${idPath(caseIdFor('durham', 'DUR-IDEM'))}/consideration-meeting`, {
      heldOn: '2026-11-03',
      criteriaMet: true,
    });
    const decision = { outcome: 'notified', notifiedOn: '2026-11-03' };
    const decisionKey = { 'idempotency-key': 'notify-DUR-IDEM' };
    const recorded = await post(
      `/api/cases/${idPath(caseIdFor('durham', 'DUR-IDEM'))}/notification-decision`,
      decision,
      decisionKey,
    );
    const replayed = await post(
      `/api/cases/${idPath(caseIdFor('durham', 'DUR-IDEM'))}/notification-decision`,
      decision,
      decisionKey,
    );
    expect([recorded.status, replayed.status]).toEqual([200, 200]);
    const view = (await replayed.json()) as { timeline: { type: string }[] };
    expect(view.timeline.filter((e) => e.type === 'notified')).toHaveLength(1);
    expect(
      (await post(`/api/cases/${idPath(caseIdFor('durham', 'DUR-IDEM'))}/notification-decision`, decision))
        .status,
    ).toBe(409);
  });

  it('answers 405 with Allow, and 413 for a body over the limit, as problem+json', async () => {
    const wrongMethod = await fetch(`${stack.api.url}/api/cases/${idPath(caseIdFor('durham', 'DUR-001'))}`, {
      method: 'DELETE',
      headers: auth,
    });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    await problem(wrongMethod);
    const huge = await post('/api/cases', { ...slice, reference: 'BIG', padding: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
    await problem(huge);
  });

  it('is healthy while up, and ready only while Temporal answers', async () => {
    expect((await fetch(`${stack.api.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${stack.api.url}/readyz`)).status).toBe(200);

    await stack.worker.stop();
    await stack.devServer.stop();
    const down = await fetch(`${stack.api.url}/readyz`);
    expect(down.status).toBe(503);
    await problem(down);
    expect((await fetch(`${stack.api.url}/healthz`)).status).toBe(200);
  });
});
