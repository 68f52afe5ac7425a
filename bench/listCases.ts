/**
 * What a business manager waits for: `GET /api/cases` with and without filters, and the
 * dashboard's cases page, once the dev server holds 1,000 and then 10,000 open cases (or
 * the `--cases` size). Cases are spread over the four partnerships and over the last ten
 * days, so that some have breached and some have not. They are started through the API,
 * which gives each the search attributes the lists read.
 */
import { formatIsoDate, londonDay } from '../src/calendar';
import type { PolicyRegistry } from '../src/policy/registry';
import { SESSION_COOKIE } from '../api/dashboard/session';
import { CaseService } from '../api/services/caseService';
import type { Row, Section } from './report';
import type { BenchStack } from './stack';
import { ms, summarise, timedConcurrently } from './stats';

const SAMPLES = 20;

/** The requests measured, each as a business manager in every partnership would make it. */
const REQUESTS: { name: string; path: string; dashboard?: boolean }[] = [
  { name: 'GET /api/cases (first page, 100 cases)', path: '/api/cases' },
  {
    name: 'GET /api/cases?partnership=dudley&status=open',
    path: '/api/cases?partnership=dudley&status=open',
  },
  {
    name: 'GET /api/cases?stage=notification&breached=true',
    path: '/api/cases?stage=notification&breached=true',
  },
  { name: 'dashboard /cases (first page)', path: '/cases', dashboard: true },
  {
    name: 'dashboard /cases?rag=red&partnership=durham',
    path: '/cases?rag=red&partnership=durham',
    dashboard: true,
  },
];

export async function listCasesBenchmark(
  stack: BenchStack,
  policies: PolicyRegistry,
  sizes: readonly number[],
  progress: (line: string) => void,
): Promise<Section> {
  const token = await stack.token('business-manager');
  const leadToken = await stack.token('safeguarding-lead');
  const rows: Row[] = [];
  const partnerships = policies.ids;
  const today = londonDay(Date.now());
  let started = 0;
  for (const size of sizes) {
    progress(`list: starting cases ${started + 1} to ${size}`);
    const from = started;
    // Through the API, as a lead starts a case: it sets the search attributes the lists read.
    await timedConcurrently(size - from, 32, async (i) => {
      const n = from + i;
      const res = await fetch(`${stack.api.url}/api/cases`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${leadToken}`,
          'idempotency-key': `bench-list-${n}`,
        },
        body: JSON.stringify({
          partnership: partnerships[n % partnerships.length]!,
          reference: `L${n}`,
          awareAt: formatIsoDate(today - (n % 10)),
          abuseOrNeglectSuspected: true,
          childDied: false,
          seriouslyHarmed: true,
        }),
      });
      if (res.status !== 201) throw new Error(`starting a case answered ${res.status}: ${await res.text()}`);
      if ((n + 1) % 1000 === 0) progress(`list: ${n + 1} cases started`);
    });
    started = size;
    await settled(stack, size, progress);

    // The pages are whole: following nextPageToken lists every case started, once.
    progress(`list: every page of GET /api/cases at ${size.toLocaleString('en-GB')} cases`);
    const t0 = performance.now();
    const pages = await everyPage(stack, token);
    rows.push({
      benchmark: `Lists at ${size.toLocaleString('en-GB')} open cases`,
      measure: `GET /api/cases?pageSize=1000, every page (${pages.pages}): total time`,
      value: ms(performance.now() - t0),
    });
    if (pages.ids.size !== size || pages.listed !== size)
      throw new Error(
        `the pages of GET /api/cases listed ${pages.listed} cases (${pages.ids.size} distinct), not ${size}`,
      );

    // What the API process pays once, at its first dashboard request: reading every open case.
    progress(`list: the dashboard board's first read at ${size.toLocaleString('en-GB')} cases`);
    const t1 = performance.now();
    const onBoard = await new CaseService(stack.client, stack.taskQueue, policies)
      .board()
      .openCases(partnerships);
    rows.push({
      benchmark: `Lists at ${size.toLocaleString('en-GB')} open cases`,
      measure: "dashboard board's first read of every open case (once per API process)",
      value: ms(performance.now() - t1),
    });
    if (onBoard.length !== size) throw new Error(`the board holds ${onBoard.length} cases, not ${size}`);

    for (const request of REQUESTS) {
      progress(`list: ${request.name} at ${size.toLocaleString('en-GB')} cases`);
      const get = async () => {
        const res = await fetch(`${stack.api.url}${request.path}`, {
          headers: request.dashboard
            ? { cookie: `${SESSION_COOKIE}=${token}` }
            : { authorization: `Bearer ${token}` },
          redirect: 'manual',
        });
        if (res.status !== 200)
          throw new Error(`${request.path} answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      };
      await timedConcurrently(3, 1, get);
      const { latencies, wallMs } = await timedConcurrently(SAMPLES, 1, get);
      const s = summarise(latencies, wallMs);
      const atTarget = size >= 10_000;
      rows.push({
        benchmark: `Lists at ${size.toLocaleString('en-GB')} open cases`,
        measure: `${request.name}: p50 / p95`,
        value: `${ms(s.p50)} / ${ms(s.p95)}`,
        ...(atTarget && { target: 'p95 < 300 ms', met: s.p95 < 300 }),
      });
    }
  }
  return {
    title: 'Lists and the dashboard',
    method:
      `On the bench's dev server (SQLite visibility), cases started through the API (32 at a time), spread ` +
      'over the four partnerships and over the last ten days of awareness, so about a fifth have breached their ' +
      `notification deadline; the worker left to settle before measuring. Each request ${SAMPLES} times in a row ` +
      'after 3 warm-up requests, as a business manager in every partnership (bearer token for the API, the ' +
      'session cookie for the dashboard). The API hands lists out a page at a time (100 by default); the ' +
      "dashboard's cases page reads from the API process's board of open cases, which reads every open case " +
      'once (timed separately, on a board of its own) and then, at each request at least a second after the ' +
      'last, only the cases whose CaseUpdatedAt is within the last 30 s of changes. The target applies at ' +
      '10,000 cases.',
    rows,
  };
}

/** Every case, a page of 1,000 at a time, following nextPageToken. */
async function everyPage(stack: BenchStack, token: string) {
  const ids = new Set<string>();
  let listed = 0;
  let pages = 0;
  let pageToken: string | undefined;
  do {
    const query = `pageSize=1000${pageToken ? `&pageToken=${pageToken}` : ''}`;
    const res = await fetch(`${stack.api.url}/api/cases?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200) throw new Error(`GET /api/cases?${query} answered ${res.status}`);
    const page = (await res.json()) as { cases: { id: string }[]; nextPageToken?: string };
    for (const c of page.cases) ids.add(c.id);
    listed += page.cases.length;
    pages += 1;
    pageToken = page.nextPageToken;
  } while (pageToken);
  return { ids, listed, pages };
}

/** Waits until visibility lists every case and the worker has stopped changing them. */
async function settled(stack: BenchStack, size: number, progress: (line: string) => void): Promise<void> {
  const count = async (query: string) => Number((await stack.client.workflow.count(query)).count);
  let previous = -1;
  for (;;) {
    const listed = await count(`WorkflowType = 'caseWorkflow'`);
    const breached = await count(`WorkflowType = 'caseWorkflow' AND Breached = true`);
    if (listed >= size && breached === previous) return;
    progress(`list: waiting for the worker: ${listed} cases listed, ${breached} breached`);
    previous = listed >= size ? breached : -1;
    await new Promise((r) => setTimeout(r, 3000));
  }
}
