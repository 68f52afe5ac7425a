/**
 * The truthful case file over HTTP (issue 21), the API and a worker on the time-skipping
 * server: an extension refused for the notification and kept beside the statutory date
 * otherwise; votes that must say when they were cast; a tie shown and resolved by the
 * independent chair alone; the family told; the awareness date corrected; a case withdrawn;
 * a local review paused and resumed; the final report's date sent. Each refusal is
 * application/problem+json naming the field.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/roles';
import { formatIsoDate, parseIsoDate } from '../../src/calendar';
import type { CaseView } from '../../src/case/types';
import { caseIdFor } from '../../src/ids';
import { bearer } from '../helpers/auth';
import { caseWorker, policies } from '../helpers/cases';
import { caseDriver, type CaseSuite } from '../helpers/driver';
import { timeSkippingEnvironment } from '../helpers/temporal';
import { serveApi } from '../helpers/timeSkippingApi';

let env: CaseSuite['env'];
let stop: () => Promise<void>;
let base: string;
const authDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-'));
const as = (userId: string, role: Role, partnerId?: string) =>
  bearer(authDir, role, { userId, ...(partnerId && { partnerId }) });
let lead: Record<string, string>;
let manager: Record<string, string>;

beforeAll(async () => {
  env = await timeSkippingEnvironment();
  const { worker, taskQueue } = await caseWorker(env);
  const running = worker.run();
  const api = await serveApi(env, { taskQueue, dataDir: authDir, log: (m, err) => console.error(m, err) });
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

type Body = Partial<CaseView> & {
  errors?: { field: string }[];
  detail?: string;
  stage?: string;
  pause?: unknown;
  reportSentOn?: string;
};
async function call(method: string, route: string, body?: unknown, headers = lead) {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: (await res.json()) as Body,
  };
}
const post = (route: string, body: unknown, headers = lead) => call('POST', route, body, headers);

async function startCase(partnership: string, reference: string, awareAt: string) {
  const started = await post('/api/cases', {
    partnership,
    reference,
    awareAt,
    abuseOrNeglectSuspected: true,
    childDied: false,
    seriouslyHarmed: true,
  });
  expect(started.status).toBe(201);
  return caseIdFor(partnership, reference);
}

describe('the truthful case file over HTTP', () => {
  it('refuses to extend the notification, keeps a rapid review extension beside its statutory date, and wants votedOn', async () => {
    const d = caseDriver(env, '');
    const day = await d.today();
    const id = await startCase('dudley', 'DUD-T1', day);
    const later = formatIsoDate(policies.calendar('dudley').addWorkingDays(parseIsoDate(day), 7));
    const refused = await post(
      `/api/cases/${id}/extensions`,
      { key: 'notification', newDueDate: later, reason: 'waiting for police', approvedOn: day },
      manager,
    );
    expect(refused).toMatchObject({ status: 422, type: expect.stringContaining('application/problem+json') });
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'key' })]);

    await post(`/api/cases/${id}/notification-decision`, { outcome: 'notified', notifiedOn: day });
    const statutory = (await call('GET', `/api/cases/${id}`)).body.deadlines!.find(
      (x) => x.key === 'rapidReview',
    )!;
    const approved = formatIsoDate(
      policies.calendar('dudley').addWorkingDays(parseIsoDate(statutory.dueDate), 5),
    );
    const extended = await post(
      `/api/cases/${id}/extensions`,
      { key: 'rapidReview', newDueDate: approved, reason: 'chronologies late', approvedOn: day },
      manager,
    );
    expect(extended.status).toBe(200);
    expect(extended.body.deadlines!.find((x) => x.key === 'rapidReview')).toMatchObject({
      dueDate: statutory.dueDate,
      extension: { dueDate: approved },
      changes: [expect.objectContaining({ kind: 'extension', decidedOn: day })],
    });

    await post(`/api/cases/${id}/rapid-review`, { completedOn: day, format: 'meeting' });
    const partner = await as('rep-1', 'partner-representative', 'dudley-mbc');
    const undated = await post(
      `/api/cases/${id}/votes`,
      { partnerId: 'dudley-mbc', vote: 'local-cspr', rationale: 'learning' },
      partner,
    );
    expect(undated.status).toBe(400);
    expect(undated.body.errors).toEqual([expect.objectContaining({ field: 'votedOn' })]);
  });

  it("shows a 2-2 tie among Derby and Derbyshire's partners, resolved by the independent chair alone", async () => {
    const d = caseDriver(env, '');
    const day = await d.today();
    const id = await startCase('derby-derbyshire', 'DD-T1', day);
    await post(`/api/cases/${id}/notification-decision`, { outcome: 'notified', notifiedOn: day });
    await post(`/api/cases/${id}/rapid-review`, { completedOn: day, format: 'meeting' });
    const votes = {
      'derby-city-council': 'local-cspr',
      'derbyshire-county-council': 'local-cspr',
      'derbyshire-constabulary': 'no-review',
      'derby-derbyshire-icb': 'no-review',
    };
    // The group meets, quorate: every statutory partner represented (000 §11.2).
    const meeting = { heldOn: day, represented: Object.keys(votes), members: 6, chairedBy: 'chair' };
    expect((await post(`/api/cases/${id}/decision-meeting`, meeting, manager)).status).toBe(200);
    let last: Body = {};
    for (const [partnerId, vote] of Object.entries(votes)) {
      const reply = await post(
        `/api/cases/${id}/votes`,
        { partnerId, vote, rationale: 'as discussed at the meeting', votedOn: day },
        await as(`rep-${partnerId}`, 'partner-representative', partnerId),
      );
      expect(reply.status).toBe(200);
      last = reply.body;
    }
    expect(last.decision).toMatchObject({ tied: true, tie: { since: day } });
    const resolution = {
      resolution: 'outcome',
      decidedOn: day,
      outcome: 'local-cspr',
      rationale: 'the learning about agencies working together outweighs the cost',
    };
    expect((await post(`/api/cases/${id}/tie-resolution`, resolution, manager)).status).toBe(403);
    const resolved = await post(
      `/api/cases/${id}/tie-resolution`,
      resolution,
      await as('ic-1', 'independent-chair'),
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      stage: 'panel-response',
      decision: { outcome: 'local-cspr', decidedOn: day },
    });
  });

  it('records the family told, corrects the awareness date, and withdraws a duplicate', async () => {
    const d = caseDriver(env, '');
    const day = await d.today();
    const id = await startCase('dudley', 'DUD-T2', await d.daysAgo(1));
    const corrected = await post(
      `/api/cases/${id}/awareness-date`,
      { awareAt: await d.daysAgo(3), reason: 'the referral arrived earlier' },
      manager,
    );
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ awareAt: await d.daysAgo(3) });
    expect(corrected.body.deadlines![0]).toMatchObject({
      basisDate: await d.daysAgo(3),
      changes: [{ kind: 'correction' }],
    });

    await post(`/api/cases/${id}/notification-decision`, {
      outcome: 'not-notifiable',
      decidedOn: day,
      rationale: 'no abuse',
    });
    for (const partnerId of ['dudley-mbc', 'west-midlands-police'])
      await post(
        `/api/cases/${id}/votes`,
        { partnerId, vote: 'no-review', rationale: 'no learning', votedOn: day },
        await as(`rep-${partnerId}`, 'partner-representative', partnerId),
      );
    const told = await post(`/api/cases/${id}/family-told`, {
      toldOn: day,
      how: 'in-writing',
      toldBy: 'police family liaison officer',
    });
    expect(told.status).toBe(200);
    expect(told.body.familyTold).toEqual([expect.objectContaining({ toldOn: day, how: 'in-writing' })]);

    const duplicate = await startCase('dudley', 'DUD-T3', day);
    const unnamed = await post(
      `/api/cases/${duplicate}/withdrawal`,
      { withdrawnOn: day, reason: 'duplicate', details: 'opened twice' },
      manager,
    );
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.errors).toEqual([expect.objectContaining({ field: 'duplicateOf' })]);
    const withdrawn = await post(
      `/api/cases/${duplicate}/withdrawal`,
      { withdrawnOn: day, reason: 'duplicate', details: 'opened twice', duplicateOf: 'DUD-T2' },
      manager,
    );
    expect([200, 202]).toContain(withdrawn.status);
    await expect
      .poll(async () => (await call('GET', `/api/cases/${duplicate}`)).body)
      .toMatchObject({ stage: 'withdrawn', status: 'closed', withdrawal: { duplicateOf: 'DUD-T2' } });
  });

  it('pauses and resumes a local review, and wants the day the final report was sent', async () => {
    const d = caseDriver(env, '');
    const day = await d.today();
    const id = await startCase('durham', 'DUR-T1', day);
    await post(`/api/cases/${id}/consideration-meeting`, { heldOn: day, criteriaMet: true });
    await post(`/api/cases/${id}/notification-decision`, { outcome: 'notified', notifiedOn: day });
    await post(`/api/cases/${id}/rapid-review`, { completedOn: day, format: 'meeting' });
    for (const partnerId of ['durham-county-council', 'durham-constabulary'])
      await post(
        `/api/cases/${id}/votes`,
        { partnerId, vote: 'local-cspr', rationale: 'learning', votedOn: day },
        await as(`rep-${partnerId}`, 'partner-representative', partnerId),
      );
    // The review runs from the decision: its reviewer can be commissioned before the Panel answers.
    await expect
      .poll(async () => (await call('GET', `/api/cases/${id}/cspr`)).body.stage)
      .toBe('commissioning');
    const cspr = (route: string, body: unknown) => post(`/api/cases/${id}/cspr/${route}`, body, manager);
    expect(
      (
        await cspr('reviewer', {
          commissionedOn: day,
          reviewer: 'IR Ltd',
          independent: true,
          termsOfReference: 'ToR',
        })
      ).status,
    ).toBe(200);

    const paused = await cspr('pause', {
      pausedOn: day,
      reason: 'criminal-proceedings',
      details: 'trial awaited',
    });
    expect(paused.status).toBe(200);
    expect(paused.body.pause).toEqual({
      pausedOn: day,
      reason: 'criminal proceedings',
      details: 'trial awaited',
    });
    const resumed = await cspr('resumption', { resumedOn: day });
    expect(resumed.status).toBe(200);
    expect(resumed.body.deadlines![0]).toMatchObject({
      state: 'extended',
      changes: [{ kind: 'pause' }, { kind: 'resume' }],
    });

    await cspr('drafts', { receivedOn: day, draft: 'first' });
    await cspr('sign-off', { signedOffOn: day });
    const strategy = await cspr('communication-strategy', { signedOffOn: day });
    const earliest = (strategy.body as { earliestPublicationDate?: string }).earliestPublicationDate!;
    const unsent = await cspr('publication-date', { publicationDate: earliest });
    expect(unsent.status).toBe(400);
    expect(unsent.body.errors).toEqual([expect.objectContaining({ field: 'sentOn' })]);
    const set = await cspr('publication-date', { publicationDate: earliest, sentOn: day });
    expect(set.body).toMatchObject({ stage: 'awaiting-publication', reportSentOn: day });
  });
});
