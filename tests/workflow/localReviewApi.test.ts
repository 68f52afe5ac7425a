/**
 * A notified case driven over HTTP from awareness to publication and, a year later, the
 * report's removal: the API and a worker on the time-skipping server, so the year passes in
 * seconds. Visibility (the case list) is not used: the test server has none.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/roles';
import { bearer } from '../helpers/auth';
import { caseWorker } from '../helpers/cases';
import type { CaseSuite } from '../helpers/driver';
import { caseDriver } from '../helpers/driver';
import { timeSkippingEnvironment } from '../helpers/temporal';
import { serveApi } from '../helpers/timeSkippingApi';
import { caseIdFor } from '../../src/ids';

let env: CaseSuite['env'];
let stop: () => Promise<void>;
let base: string;

beforeAll(async () => {
  env = await timeSkippingEnvironment();
  const { worker, taskQueue } = await caseWorker(env);
  const running = worker.run();
  const api = await serveApi(env, {
    taskQueue,
    dataDir: authDir,
    log: (message, err) => console.error(message, err),
  });
  base = api.base;
  lead = await as('lead-1', 'safeguarding-lead');
  manager = await as('bm-1', 'business-manager');
  stop = async () => {
    await api.close();
    worker.shutdown();
    await running;
    await env.teardown();
  };
});
afterAll(async () => {
  await stop?.();
});

const authDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-'));
const as = (userId: string, role: Role, partnerId?: string) =>
  bearer(authDir, role, { userId, ...(partnerId && { partnerId }) });
let lead: Record<string, string>;
let manager: Record<string, string>;

interface Reply {
  status: number;
  body: {
    stage?: string;
    status?: string;
    earliestPublicationDate?: string;
    deadlines?: { key: string; dueAt: string; state: string }[];
    localReview?: { stage: string };
    errors?: { field: string }[];
    detail?: string;
  };
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<Reply> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(headers ?? lead) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Reply['body'] };
}
const post = (path: string, body: unknown, headers?: Record<string, string>) =>
  call('POST', path, body, headers);

describe('a local review over HTTP', () => {
  it('drives a Dudley case from awareness to publication and takedown', async () => {
    const d = caseDriver(env, '');
    const day = await d.today();
    const id = caseIdFor('dudley', 'DUD-900');
    expect(
      (
        await post('/api/cases', {
          partnership: 'dudley',
          reference: 'DUD-900',
          awareAt: day,
          abuseOrNeglectSuspected: true,
          childDied: false,
          seriouslyHarmed: true,
        })
      ).status,
    ).toBe(201);
    await post(`/api/cases/${id}/notification-decision`, { outcome: 'notified', notifiedOn: day });
    await post(`/api/cases/${id}/rapid-review`, { completedOn: day, format: 'meeting' });
    for (const partnerId of ['dudley-mbc', 'west-midlands-police']) {
      const partner = await as('rep-1', 'partner-representative', partnerId);
      await post(
        `/api/cases/${id}/votes`,
        { partnerId, vote: 'local-cspr', rationale: 'learning', votedOn: day },
        partner,
      );
    }
    // The family is told the decision and its rationale, recorded with when, how and by whom (003).
    const told = await post(`/api/cases/${id}/family-told`, {
      toldOn: day,
      how: 'in-person-and-in-writing',
      toldBy: 'allocated social worker',
    });
    expect(told.status).toBe(200);
    const agreed = await post(
      `/api/cases/${id}/panel-response`,
      { receivedOn: day, response: 'agrees' },
      await as('pl-1', 'panel-liaison'),
    );
    expect(agreed.body.stage).toBe('local-review');

    await expect
      .poll(async () => (await call('GET', `/api/cases/${id}/cspr`)).body.stage)
      .toBe('commissioning');
    const cspr = (route: string, body: unknown) => post(`/api/cases/${id}/cspr/${route}`, body, manager);
    expect(
      (
        await cspr('reviewer', {
          commissionedOn: day,
          reviewer: 'Independent Reviews Ltd',
          independent: true,
          termsOfReference: 'the year before the incident',
        })
      ).body.stage,
    ).toBe('drafting');
    // The review asks an agency for its information, with the pack's terms filled in.
    const asked = (await cspr('agency-returns', {
      agency: 'dudley-ccg',
      requestedOn: day,
      contact: { name: 'Designated nurse', email: 'nurse@ccg.example' },
    })) as unknown as { status: number; body: { returns: { agency: string; state: string }[] } };
    expect([asked.status, asked.body.returns]).toEqual([
      200,
      [expect.objectContaining({ agency: 'dudley-ccg', state: 'requested' })],
    ]);
    const got = (await cspr('agency-return-receipts', {
      agency: 'dudley-ccg',
      receivedOn: day,
    })) as unknown as {
      body: { returns: { state: string }[] };
    };
    expect(got.body.returns[0]!.state).toBe('received');
    await cspr('drafts', { receivedOn: day, draft: 'first' });
    await cspr('sign-off', { signedOffOn: day });
    const strategy = await cspr('communication-strategy', { signedOffOn: day });
    const earliest = strategy.body.earliestPublicationDate!;

    const tooEarly = await cspr('publication-date', { publicationDate: day, sentOn: day });
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.errors).toEqual([expect.objectContaining({ field: 'publicationDate' })]);
    expect(tooEarly.body.detail).toContain(earliest);
    expect((await cspr('publication-date', { publicationDate: earliest, sentOn: day })).body.stage).toBe(
      'awaiting-publication',
    );

    await d.sleepUntil(`${earliest}T12:00:00Z`, 0);
    const published = await cspr('publication', { publishedOn: earliest });
    expect(published.body.stage).toBe('published');
    const takedown = published.body.deadlines!.find((x) => x.key === 'takedown')!;
    expect((await cspr('takedown', { removedOn: earliest })).status).toBe(422);

    await d.sleepUntil(takedown.dueAt, 60_000);
    expect((await cspr('takedown', { removedOn: await d.today() })).body.stage).toBe('closed');
    await expect
      .poll(async () => (await call('GET', `/api/cases/${id}`)).body)
      .toMatchObject({ stage: 'closed', status: 'closed', localReview: { stage: 'closed' } });

    const notices = (await (
      await fetch(`${base}/api/notices?caseId=${id}`, { headers: manager })
    ).json()) as {
      notices: { type: string }[];
    };
    const types = notices.notices.map((n) => n.type);
    for (const type of ['review-commissioned', 'final-report', 'report-published', 'takedown-reminder']) {
      expect(types).toContain(type);
    }
  });
});
