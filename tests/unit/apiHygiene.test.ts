/**
 * The API's cross-cutting behaviour, on the real Express app over HTTP: request logs without
 * bodies or tokens, rate limiting as problem+json, security headers, and Prometheus metrics.
 * Nothing here reaches Temporal: the case list the metrics read is given as data.
 */
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppServices, createApp } from '../../api/app';
import { createMetrics } from '../../api/metrics';
import { metricsOnlyApp } from '../../api/endpoints/metrics';
import { HttpProblem } from '../../api/problem';
import type { CaseSummary } from '../../src/client/summaries';
import type { Principal } from '../../src/auth/principal';
import { OutboxNotifier } from '../../src/notify/outbox';
import type { NoticeType } from '../../src/notify/types';
import type { RecipientRole } from '../../src/policy/schema';
import { loadPolicies } from '../../src/policy/registry';

const policies = loadPolicies();
const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

const viewer: Principal = { userId: 'v1', role: 'panel-liaison', partnerships: ['durham'] };

async function serve(
  options: {
    rateLimitPerMinute?: number;
    openCases?: CaseSummary[];
    now?: number;
    signedIn?: Principal;
    cases?: unknown;
    outbox?: OutboxNotifier;
    log?: (message: string, err?: unknown) => void;
    metricsToken?: string;
    trustProxy?: string;
  } = {},
) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const services = {
    cases: options.cases ?? {},
    complaints: {},
    meetings: {},
    outbox: options.outbox ?? {},
    health: { temporal: async () => undefined },
    authenticate: async () => {
      if (options.signedIn) return options.signedIn;
      throw new HttpProblem(401, 'Sign-in needed', 'no valid token');
    },
    idempotency: {},
    metrics: createMetrics({
      openCases: async () => options.openCases ?? [],
      policies,
      ...(options.now !== undefined && { now: () => options.now! }),
    }),
    requestLog: pino({ level: 'info' }, sink),
    rateLimitPerMinute: options.rateLimitPerMinute ?? 1000,
    metricsToken: options.metricsToken,
    trustProxy: options.trustProxy,
    log: options.log ?? (() => undefined),
  } as unknown as AppServices;
  const server = createApp(services).listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    lines,
    metrics: services.metrics,
  };
}

describe('request logs', () => {
  it('say a request was abandoned when the client went away before the answer', async () => {
    let answered!: () => void;
    const done = new Promise<void>((r) => (answered = r));
    const slowCase = {
      partnershipOf: async () => 'durham',
      get: async () => {
        await new Promise((r) => setTimeout(r, 400));
        answered();
        return { caseId: 'case:durham:SLOW' };
      },
    };
    const { url, lines } = await serve({ signedIn: viewer, cases: slowCase });
    const gaveUp = new AbortController();
    const call = fetch(`${url}/api/cases/case:durham:SLOW`, { signal: gaveUp.signal }).catch(() => 'aborted');
    setTimeout(() => gaveUp.abort(), 100);
    expect(await call).toBe('aborted');
    await done;
    await new Promise((r) => setTimeout(r, 100));
    const line = lines.map((l) => JSON.parse(l) as { msg: string; abandoned?: boolean }).find((l) => l.msg);
    expect(line).toMatchObject({ abandoned: true, msg: expect.stringMatching(/^abandoned/) });
  });

  it('record method, route, status and time, and never the body, the query or the token', async () => {
    const { url, lines } = await serve();
    const res = await fetch(`${url}/api/cases?reference=CHILD-SURNAME`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer SECRET-TOKEN-123' },
      body: JSON.stringify({ note: 'Jane Doe, 4 Acacia Avenue' }),
    });
    expect(res.status).toBe(401);
    await expect.poll(() => lines.length).toBeGreaterThan(0);
    const entry = JSON.parse(lines.at(-1)!) as { req: unknown; res: unknown; responseTime: number };
    expect(entry.req).toEqual({ method: 'POST', path: '/api/cases' });
    expect(entry.res).toEqual({ statusCode: 401 });
    expect(entry.responseTime).toBeGreaterThanOrEqual(0);
    const all = lines.join('\n');
    for (const secret of ['Jane Doe', 'Acacia', 'SECRET-TOKEN-123', 'CHILD-SURNAME'])
      expect(all).not.toContain(secret);
  });
});

describe('rate limiting and headers', () => {
  it('answers 429 problem+json past the limit, with RateLimit headers', async () => {
    const { url } = await serve({ rateLimitPerMinute: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${url}/healthz`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await fetch(`${url}/healthz`);
    expect(limited.headers.get('content-type')).toMatch(/problem\+json/);
    expect(limited.headers.get('ratelimit-policy')).toContain('3');
  });

  it('counts a client by its own address, whatever X-Forwarded-For says, unless a proxy is trusted', async () => {
    const statuses = async (url: string) => {
      const got = [];
      for (let i = 0; i < 3; i++)
        got.push(
          (await fetch(`${url}/healthz`, { headers: { 'x-forwarded-for': `203.0.113.${i}` } })).status,
        );
      return got;
    };
    expect(await statuses((await serve({ rateLimitPerMinute: 2 })).url)).toEqual([200, 200, 429]);
    // Behind a proxy the deployment names (here, loopback), each forwarded client has its own count.
    expect(await statuses((await serve({ rateLimitPerMinute: 2, trustProxy: 'loopback' })).url)).toEqual([
      200, 200, 200,
    ]);
  });

  it('sends the security headers helmet sets', async () => {
    const { url } = await serve();
    const res = await fetch(`${url}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('/metrics', () => {
  it('counts requests by route pattern, and open, due-soon and breached cases from visibility', async () => {
    const now = Date.parse('2026-11-23T10:00:00Z'); // a Monday
    const open = (
      id: string,
      stage: CaseSummary['stage'],
      next: string | null,
      breached = false,
    ): CaseSummary => ({
      id,
      partnership: 'durham',
      reference: id,
      stage,
      status: 'open',
      nextDeadlineAt: next,
      breached,
    });
    const { url } = await serve({
      now,
      metricsToken: 'scrape-me',
      openCases: [
        open('a', 'notification', '2026-11-27T23:59:59.999Z'), // Friday: within 5 working days
        open('b', 'notification', '2026-12-01T23:59:59.999Z'), // Tuesday after: the 6th working day
        open('c', 'rapid-review', '2026-11-20T23:59:59.999Z', true),
      ],
    });
    await fetch(`${url}/healthz`);
    const text = await (
      await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer scrape-me' } })
    ).text();
    expect(text).toContain('case_review_http_requests_total{method="GET",route="/healthz",status="200"} 1');
    expect(text).toContain('case_review_open_cases{partnership="durham",stage="notification"} 2');
    expect(text).toContain('case_review_open_cases{partnership="durham",stage="rapid-review"} 1');
    expect(text).toContain('case_review_deadlines_due_soon{partnership="durham"} 1');
    expect(text).toContain('case_review_breached_cases{partnership="durham"} 1');
  });
});

describe('/metrics access', () => {
  it('without a metrics token, answers nobody on the API port, and only /metrics on the loopback one', async () => {
    const { url, metrics } = await serve();
    expect((await fetch(`${url}/metrics`)).status).toBe(403);
    // What a request says of where it came from changes nothing.
    expect((await fetch(`${url}/metrics`, { headers: { 'x-forwarded-for': '127.0.0.1' } })).status).toBe(403);
    const local = metricsOnlyApp(metrics).listen(0, '127.0.0.1');
    servers.push(local);
    await new Promise((r) => local.once('listening', r));
    const localUrl = `http://127.0.0.1:${(local.address() as AddressInfo).port}`;
    const scraped = await fetch(`${localUrl}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('case_review_open_cases');
    expect((await fetch(`${localUrl}/api/cases`)).status).toBe(404);
  });

  it('asks for the metrics token when one is configured', async () => {
    const { url } = await serve({ metricsToken: 'scrape-me' });
    expect((await fetch(`${url}/metrics`)).status).toBe(403);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(403);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer scrape-me' } })).status).toBe(
      200,
    );
  });
});

describe('an unexpected failure', () => {
  it('answers 500 problem+json without the internals, and logs them', async () => {
    const logged: unknown[] = [];
    const { url } = await serve({
      signedIn: viewer,
      cases: {
        listPage: async () => {
          throw new Error('visibility store password=hunter2 refused');
        },
      },
      log: (_message, err) => logged.push(err),
    });
    const res = await fetch(`${url}/api/cases?partnership=durham`);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    const text = await res.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toMatchObject({ status: 500, title: 'Internal server error' });
    expect(String(logged[0])).toContain('hunter2');
  });
});

describe('GET /api/notices', () => {
  it('filters by case, type and recipient role within the user’s partnerships, and pages with Link', async () => {
    const outbox = new OutboxNotifier(fs.mkdtempSync(path.join(os.tmpdir(), 'feed-')));
    const notice = (id: string, partnership: string, type: NoticeType, role: RecipientRole) =>
      outbox.deliver({
        id,
        caseId: `case-${partnership}-1`,
        partnership,
        reference: '1',
        type,
        to: [{ role, name: role }],
        subject: 's',
        body: 'b',
      });
    await notice('a', 'durham', 'incident-notified', 'panel-liaison');
    await notice('b', 'durham', 'rapid-review-complete', 'panel-liaison');
    await notice('c', 'durham', 'case-started', 'business-manager');
    await notice('d', 'dudley', 'incident-notified', 'panel-liaison');
    const { url } = await serve({ signedIn: viewer, outbox });

    const ids = async (query: string) => {
      const res = await fetch(`${url}/api/notices?${query}`);
      return { res, ids: ((await res.json()) as { notices: { id: string }[] }).notices.map((n) => n.id) };
    };
    expect((await ids('')).ids.sort()).toEqual(['a', 'b', 'c']); // not Dudley's
    expect((await ids('role=panel-liaison')).ids.sort()).toEqual(['a', 'b']);
    expect((await ids('type=case-started')).ids).toEqual(['c']);
    expect((await fetch(`${url}/api/notices?partnership=dudley`)).status).toBe(403);
    const page = await ids('role=panel-liaison&limit=1');
    expect(page.ids).toHaveLength(1);
    expect(page.res.headers.get('x-total-count')).toBe('2');
    expect(page.res.headers.get('link')).toMatch(/offset=1.*rel="next"/);
    expect((await fetch(`${url}/api/notices?limit=0`)).status).toBe(400);
  });
});
