/**
 * The dashboard's pages over fake services, as the hmpps template tests its routes: no
 * Temporal, no browser. What a page offers each role, and how a posted form is checked
 * (session, CSRF, role, partnership, schema, whom the user acts for) before the service is
 * asked. The same pages run in Chromium against a real stack in tests/integration/dashboard.
 */
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dashboardRouter, type DashboardDeps } from '../../api/dashboard';
import { CalendarFeeds } from '../../api/dashboard/calendarFeed';
import { FormTokens } from '../../api/dashboard/session';
import { RevokedSessions } from '../../src/auth/revocations';
import { errorHandler } from '../../api/problem';
import type { Principal } from '../../src/auth/principal';
import type { CaseView } from '../../src/case/types';
import type { CaseSummary } from '../../src/client/summaries';
import type { AnyDecision } from '../../src/decisions/catalogue';
import { notFound } from '../../src/errors';
import type { DeliveredNotice } from '../../src/notify/types';
import { loadPolicies } from '../../src/policy/registry';

const policies = loadPolicies();

/** Each session cookie's value stands for one user. */
const users: Record<string, Principal> = {
  lead: { userId: 'lead-1', role: 'safeguarding-lead', partnerships: ['durham'] },
  manager: { userId: 'bm-1', role: 'business-manager', partnerships: ['durham'] },
  viewer: { userId: 'v-1', role: 'viewer', partnerships: ['durham'] },
  police: {
    userId: 'pr-1',
    role: 'partner-representative',
    partnerships: ['durham'],
    partnerId: 'durham-constabulary',
  },
  liaison: { userId: 'pl-1', role: 'panel-liaison', partnerships: ['durham'] },
  elsewhere: { userId: 'bm-2', role: 'business-manager', partnerships: ['dudley'] },
  unserved: { userId: 'bm-4', role: 'business-manager', partnerships: ['nowhere', 'durham'] },
  strayed: { userId: 'bm-5', role: 'business-manager', partnerships: ['nowhere'] },
};
/** Shaped like a session token (the revocations read its expiry); the test's verifier knows it as a user. */
const jwtLike = (sub: string) =>
  ['{"alg":"HS256"}', JSON.stringify({ sub, exp: 2_000_000_000 }), 'sig']
    .map((part, i) => (i < 2 ? Buffer.from(part).toString('base64url') : part))
    .join('.');
const signedIn = jwtLike('bm-3');
users[signedIn] = { userId: 'bm-3', role: 'business-manager', partnerships: ['durham'] };

const caseAt = (stage: CaseView['stage']): CaseView => ({
  caseId: 'case-durham-D1',
  partnership: 'durham',
  reference: 'D1',
  caseType: 'serious-incident',
  awareAt: '2026-11-02',
  stage,
  status: 'open',
  deadlines: [],
  timeline: [],
  notices: [],
  returns: [],
  ...(stage === 'review-decision' && {
    decision: {
      partners: policies.get('durham').partners.map((p) => ({ id: p.id, name: p.name })),
      votesNeeded: 2,
      votes: [],
      awaiting: [],
      tied: false,
    },
  }),
});

let view: CaseView;
const decided: { route: string; id: string; body: unknown; actor: unknown; updateId?: string }[] = [];
/** How the next decision's answer stands: taken, or accepted with the workflow still acting on it, or held. */
let answering: 'done' | 'acting' | 'waiting' = 'done';
const notices: Partial<DeliveredNotice>[] = [
  {
    id: 'n1',
    partnership: 'durham',
    reference: 'D1',
    subject: 'Case D1: notified',
    to: [],
    deliveredAt: '2026-11-03T09:00:00Z',
  },
  {
    id: 'n2',
    partnership: 'dudley',
    reference: 'X9',
    subject: 'Case X9: notified',
    to: [],
    deliveredAt: '2026-11-03T09:00:00Z',
  },
];
const openCases: CaseSummary[] = [
  {
    id: 'case-durham-LATE',
    partnership: 'durham',
    reference: 'LATE',
    stage: 'notification',
    status: 'open',
    nextDeadlineAt: '2026-11-01T23:59:59.999Z',
    breached: true,
  },
  {
    id: 'case-durham-SOON',
    partnership: 'durham',
    reference: 'SOON',
    stage: 'rapid-review',
    status: 'open',
    nextDeadlineAt: '2099-01-01T23:59:59.999Z',
    breached: false,
  },
  {
    id: 'case-durham-EXTENDED',
    partnership: 'durham',
    reference: 'EXTENDED',
    stage: 'rapid-review',
    status: 'open',
    nextDeadlineAt: '2026-11-10T23:59:59.999Z',
    breached: true,
    lateWithinExtension: true,
  },
  {
    id: 'case-dudley-OTHER',
    partnership: 'dudley',
    reference: 'OTHER',
    stage: 'notification',
    status: 'open',
    nextDeadlineAt: '2026-10-01T23:59:59.999Z',
    breached: true,
  },
];

const cases = {
  get: async (id: string) => {
    const listed = openCases.find((c) => c.id === id);
    if (listed) return { ...caseAt(listed.stage), caseId: id, reference: listed.reference };
    if (id !== view.caseId) throw notFound(`no case ${id}`);
    return view;
  },
  partnershipOf: async (id: string) => {
    if (id !== view.caseId) throw notFound(`no case ${id}`);
    return view.partnership;
  },
  decide: async (
    decision: AnyDecision<CaseView>,
    id: string,
    body: unknown,
    actor: unknown,
    updateId?: string,
  ) => {
    decided.push({ route: decision.route, id, body, actor, ...(updateId && { updateId }) });
    return answering === 'waiting'
      ? { outcome: answering, updateId: updateId ?? 'u' }
      : { outcome: answering, view };
  },
};

const forms = new FormTokens('test form key');
const revokedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'revoked-'));
const deps = {
  cases,
  board: { openCases: async (ps: readonly string[]) => openCases.filter((c) => ps.includes(c.partnership)) },
  outbox: { list: async () => notices },
  policies,
  verify: async (token: string) => {
    const user = users[token];
    if (!user) throw new Error('not a session');
    return user;
  },
  auth: { mode: 'development', dataDir: '/nowhere' },
  secureCookies: false,
  feeds: new CalendarFeeds('test', fs.mkdtempSync(path.join(os.tmpdir(), 'feeds-')), 90),
  sessions: new RevokedSessions(revokedDir),
  forms,
  now: () => Date.parse('2026-11-04T12:00:00Z'),
} as unknown as DashboardDeps;

let server: http.Server;
let base: string;
beforeAll(async () => {
  const app = express();
  app.use(dashboardRouter(deps));
  app.use(errorHandler(() => undefined));
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());
beforeEach(() => {
  decided.length = 0;
  answering = 'done';
  view = caseAt('notification');
});

const get = (path: string, user?: string) =>
  fetch(`${base}${path}`, {
    headers: { accept: 'text/html', ...(user && { cookie: `case_review_session=${user}` }) },
    redirect: 'manual',
  });

const post = (path: string, user: string, fields: Record<string, string>, csrf = forms.tokenFor(user)) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      accept: 'text/html',
      cookie: `case_review_session=${user}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ ...fields, csrf }),
    redirect: 'manual',
  });

/** The ids of the decision forms a page offers. */
const formsOn = (html: string) => [...html.matchAll(/id="form-([a-z-]+)"/g)].map((m) => m[1]);

describe('the case page', () => {
  it('sends a browser with no session to sign in', async () => {
    const res = await get('/cases/case-durham-D1');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in');
  });

  it("offers each role the forms the decision catalogue gives it at the case's stage", async () => {
    expect(formsOn(await (await get('/cases/case-durham-D1', 'lead')).text())).toEqual([
      'consideration-meeting',
      'notification-decision',
    ]);
    expect(formsOn(await (await get('/cases/case-durham-D1', 'manager')).text())).toEqual([
      'consideration-meeting',
      'notification-decision',
      'awareness-date',
      'withdrawal',
      'extensions',
      'agency-returns',
    ]);
    expect(formsOn(await (await get('/cases/case-durham-D1', 'viewer')).text())).toEqual([]);
    view = caseAt('review-decision');
    expect(formsOn(await (await get('/cases/case-durham-D1', 'police')).text())).toEqual(['votes']);
    expect(formsOn(await (await get('/cases/case-durham-D1', 'lead')).text())).toEqual([]);
  });

  it('is, to a user of another partnership, a case that does not exist, as the API answers', async () => {
    const res = await get('/cases/case-durham-D1', 'elsewhere');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('no case case-durham-D1');
    expect((await get('/cases/case-durham-NOPE', 'manager')).status).toBe(404);
  });
});

describe('a decision posted from the case page', () => {
  const meeting = { heldOn: '2026-11-03', criteriaMet: 'yes' };

  it('is sent as the catalogue body with the user as its actor, then back to the case', async () => {
    const res = await post('/cases/case-durham-D1/decisions/consideration-meeting', 'lead', meeting);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/cases/case-durham-D1');
    expect(decided).toEqual([
      {
        route: 'consideration-meeting',
        id: 'case-durham-D1',
        body: { heldOn: '2026-11-03', criteriaMet: true },
        actor: { userId: 'lead-1', role: 'safeguarding-lead' },
      },
    ]);
  });

  it('sent twice from one page is one decision: the same Update id, which a page shown again changes', async () => {
    const page = await (await get('/cases/case-durham-D1', 'lead')).text();
    const submission = page.match(/name="submission" value="([0-9a-f-]{36})"/)![1]!;
    const again = await (await get('/cases/case-durham-D1', 'lead')).text();
    expect(again).not.toContain(submission);
    for (let i = 0; i < 2; i += 1)
      await post('/cases/case-durham-D1/decisions/consideration-meeting', 'lead', { ...meeting, submission });
    await post('/cases/case-durham-D1/decisions/consideration-meeting', 'lead', {
      ...meeting,
      submission: again.match(/name="submission" value="([0-9a-f-]{36})"/)![1]!,
    });
    const [first, second, third] = decided.map((d) => d.updateId);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toBe(first);
    expect(third).not.toBe(first);
  });

  it('not yet settled returns to the record saying how it stands', async () => {
    for (const [outcome, banner] of [
      ['acting', 'Decision taken'],
      ['waiting', 'Decision received'],
    ] as const) {
      answering = outcome;
      const res = await post('/cases/case-durham-D1/decisions/consideration-meeting', 'lead', meeting);
      expect(res.headers.get('location')).toBe(`/cases/case-durham-D1?decision=${outcome}`);
      const page = await (await get(res.headers.get('location')!, 'lead')).text();
      expect(page).toContain(banner);
    }
    expect(await (await get('/cases/case-durham-D1', 'lead')).text()).not.toContain('Decision received');
  });

  it('is refused without the form token of the session', async () => {
    const res = await post(
      '/cases/case-durham-D1/decisions/consideration-meeting',
      'lead',
      meeting,
      'forged',
    );
    expect(res.status).toBe(403);
    expect(decided).toEqual([]);
  });

  it('is refused to a role the catalogue does not give it, and not found outside the partnership', async () => {
    expect(
      (await post('/cases/case-durham-D1/decisions/consideration-meeting', 'viewer', meeting)).status,
    ).toBe(403);
    expect(
      (await post('/cases/case-durham-D1/decisions/consideration-meeting', 'elsewhere', meeting)).status,
    ).toBe(404);
    expect(decided).toEqual([]);
  });

  it('shows the schema refusal on the form, naming the field, and asks nothing of the service', async () => {
    const res = await post('/cases/case-durham-D1/decisions/consideration-meeting', 'lead', {
      heldOn: '3 November',
      criteriaMet: 'yes',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('href="#consideration-meeting-heldOn"');
    expect(decided).toEqual([]);
  });

  it("takes a partner representative's vote for their own partner only", async () => {
    view = caseAt('review-decision');
    const vote = {
      vote: 'no-review',
      rationale: 'no learning beyond the rapid review',
      votedOn: '2026-11-02',
    };
    const other = await post('/cases/case-durham-D1/decisions/votes', 'police', {
      ...vote,
      partnerId: 'durham-county-council',
    });
    expect(other.status).toBe(403);
    expect(decided).toEqual([]);
    const own = await post('/cases/case-durham-D1/decisions/votes', 'police', {
      ...vote,
      partnerId: 'durham-constabulary',
    });
    expect(own.status).toBe(303);
    expect(decided.map((d) => d.body)).toEqual([{ ...vote, partnerId: 'durham-constabulary' }]);
  });

  it('asks for the attendance of the meeting that decides with a box per agency, and sends those ticked', async () => {
    const atDecision = caseAt('review-decision');
    view = {
      ...atDecision,
      decision: {
        ...atDecision.decision!,
        rule: {
          decidedBy: 'the group',
          voters: 'statutory-partners',
          chairConsentRequired: true,
          chair: 'the Chair',
          proxiesAllowed: true,
          meetingRequired: true,
        },
      },
    };
    const page = await (await get('/cases/case-durham-D1', 'manager')).text();
    expect(formsOn(page)).toEqual(expect.arrayContaining(['decision-meeting']));
    // Votes wait for the meeting: its form is not offered before.
    expect(formsOn(page)).not.toContain('votes');
    for (const partner of policies.get('durham').partners)
      expect(page).toContain(`name="represented" type="checkbox" value="${partner.id}"`);
    const body = new URLSearchParams({ heldOn: '2026-11-03', members: '6', chairedBy: 'chair' });
    body.append('represented', 'durham-county-council');
    body.append('represented', 'durham-constabulary');
    body.append('csrf', forms.tokenFor('manager'));
    const res = await fetch(`${base}/cases/case-durham-D1/decisions/decision-meeting`, {
      method: 'POST',
      headers: {
        accept: 'text/html',
        cookie: 'case_review_session=manager',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(decided.map((d) => d.body)).toEqual([
      {
        heldOn: '2026-11-03',
        members: 6,
        chairedBy: 'chair',
        represented: ['durham-county-council', 'durham-constabulary'],
      },
    ]);
  });

  it('is 404 for a decision the catalogue does not have', async () => {
    expect((await post('/cases/case-durham-D1/decisions/nothing', 'manager', {})).status).toBe(404);
  });
});

describe('the notices page', () => {
  it('is for the roles the API lets read notices, within their partnerships', async () => {
    const liaison = await get('/notices', 'liaison');
    expect(liaison.status).toBe(200);
    const html = await liaison.text();
    expect(html).toContain('Case D1: notified');
    expect(html).not.toContain('Case X9');
    expect((await get('/notices', 'lead')).status).toBe(403);
    expect((await get('/notices', 'police')).status).toBe(403);
  });
});

describe('the cases page', () => {
  it("lists the user's open cases, overdue first, with their RAG status", async () => {
    const html = await (await get('/cases', 'manager')).text();
    const late = html.indexOf('LATE');
    const soon = html.indexOf('SOON');
    expect(late).toBeGreaterThan(-1);
    expect(soon).toBeGreaterThan(late);
    expect(html).not.toContain('OTHER');
    expect(html).toContain('Overdue');
    expect(html).toContain('On track');
  });
});

describe('a deadline extended beside its statutory date', () => {
  it('shows both on the case page: late against the statute; within the approved extension', async () => {
    view = {
      ...caseAt('rapid-review'),
      deadlines: [
        {
          key: 'rapidReview',
          basisDate: '2026-10-01',
          rule: { kind: 'working-days-after', workingDays: 15 },
          ruleText: '15 working days after',
          dueDate: '2026-10-22',
          dueAt: '2026-10-22T22:59:59.999Z',
          reminders: [],
          holidaySource: 'gov.uk',
          calendarVersion: 'v',
          policyVersion: 'durham@v',
          state: 'extended',
          changes: [
            {
              at: '2026-10-20T10:00:00Z',
              from: '2026-10-22',
              to: '2026-11-10',
              reason: 'police',
              kind: 'extension',
            },
          ],
          remindersSent: [],
          extension: { dueDate: '2026-11-10', dueAt: '2026-11-10T23:59:59.999Z' },
          lateAgainstStatute: true,
          withinExtension: true,
        },
      ],
    };
    const html = await (await get('/cases/case-durham-D1', 'manager')).text();
    const row = html.slice(html.indexOf('data-deadline="rapidReview"'));
    expect(row).toContain('2026-10-22');
    expect(row).toContain('extended to 2026-11-10, beside the statutory date');
    expect(row).toContain('late against the statute; within the approved extension');
    expect(row).toContain('extension: 2026-10-22 to 2026-11-10');
  });

  it('says so on the cases list and in its CSV', async () => {
    const html = await (await get('/cases', 'manager')).text();
    const row = html.slice(html.indexOf('EXTENDED'), html.indexOf('EXTENDED') + 2000);
    expect(row).toContain('Late against the statute; within the approved extension');
    const csv = await (await get('/cases.csv', 'manager')).text();
    const [header, ...lines] = csv.split('\r\n');
    expect(header).toContain('againstStatute');
    expect(lines.find((l) => l.startsWith('EXTENDED,'))).toContain(
      'late against the statute; within the approved extension',
    );
    expect(lines.find((l) => l.startsWith('LATE,'))).toMatch(/,late against the statute$/);
  });
});

describe('the new learning action page', () => {
  it('offers only a partnership this deployment serves, whatever else a token names', async () => {
    const page = await get('/actions/new?partnership=nowhere', 'unserved');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/actions/new?partnership=durham');
    expect((await get('/actions/new', 'strayed')).status).toBe(403);
  });
});

describe('signing out', () => {
  it('remembers only a session that verified: a made-up token signed out leaves nothing behind', async () => {
    const forged = jwtLike('nobody');
    expect((await post('/sign-out', forged, {})).status).toBe(303);
    expect(fs.readdirSync(revokedDir)).toEqual([]);
    expect((await get('/cases', signedIn)).status).toBe(200);
    expect((await post('/sign-out', signedIn, {})).status).toBe(303);
    expect(fs.readdirSync(revokedDir)).toHaveLength(1);
    expect((await get('/cases', signedIn)).headers.get('location')).toBe('/sign-in');
  });

  it("takes only the form token of its own session, made with the deployment's key", async () => {
    const other = new FormTokens('another deployment');
    expect((await post('/sign-out', 'manager', {}, other.tokenFor('manager'))).status).toBe(403);
    expect((await post('/sign-out', 'manager', {}, forms.tokenFor('lead'))).status).toBe(403);
  });
});

describe('the calendar feed address', () => {
  it('is shown with the day it expires, and stops at once when its user stops their addresses', async () => {
    const page = await (await get('/upcoming', 'manager')).text();
    expect(page).toMatch(/works until \d{4}-\d{2}-\d{2}/);
    const feed = page.match(/calendar\.ics\?feed=([A-Za-z0-9_.-]+)/)![1]!;
    const ics = () => fetch(`${base}/calendar.ics?feed=${feed}`);
    expect((await ics()).status).toBe(200);
    const stopped = await post('/calendar-feeds/revocation', 'manager', {});
    expect(stopped.status).toBe(303);
    expect((await ics()).status).toBe(403);
  });
});
