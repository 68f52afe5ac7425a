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
import { createWorkflowServices } from '../src/client';
import { caseIdFor } from '../src/ids';
import { CaseRef, Partnership } from '../src/temporal/searchAttributes';
import type { Row, Section } from './report';
import type { BenchStack } from './stack';
import { ms, summarise, timedConcurrently } from './stats';

const SAMPLES = 20;
/**
 * Cases started through the API and run by the worker. Beyond them, rows are added that copy
 * a real case's search attributes: filling SQLite visibility case by case through the worker
 * took twelve minutes for 10,000 here (and over a minute for 1,000), and the lists read nothing but visibility.
 */
const THROUGH_THE_API = 200;
/** A task queue no worker polls: the copied rows stay as the worker left their originals. */
const ROWS_QUEUE = 'bench-list-rows';
/** The real cases repeat their partnership and day of awareness with this period. */
const PATTERN = 20;

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
    const apiTo = Math.min(size, THROUGH_THE_API);
    // Through the API, as a lead starts a case: it sets the search attributes the lists read.
    if (from < apiTo)
      await timedConcurrently(apiTo - from, 32, async (i) => {
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
        if (res.status !== 201)
          throw new Error(`starting a case answered ${res.status}: ${await res.text()}`);
        if ((n + 1) % 1000 === 0) progress(`list: ${n + 1} cases started`);
      });
    if (size > apiTo) {
      await settled(stack, apiTo, progress); // the originals the rows copy
      await startRows(stack, partnerships, Math.max(from, apiTo), size, progress);
    }
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
    const onBoard = await createWorkflowServices(stack.client, stack.taskQueue, policies, {
      settings: { callTimeoutMs: 120_000, decisionWaitMs: 15_000, pageTokenKey: 'bench' },
    })
      .cases.board()
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
      `On the bench's dev server (SQLite visibility), the first ${THROUGH_THE_API.toLocaleString('en-GB')} cases ` +
      'started through the API (32 at a time) and run by the worker, spread over the four partnerships and over ' +
      'the last ten days of awareness, so about a fifth have breached their notification deadline; the worker ' +
      `left to settle before measuring. Beyond ${THROUGH_THE_API.toLocaleString('en-GB')}, each further case is ` +
      'a row started on a task queue no worker polls, with the search attributes the worker gave the real case ' +
      'of the same partnership and day of awareness (filling visibility through the worker took 12 minutes for ' +
      `10,000 here; the lists read only visibility). Each request ${SAMPLES} times in a row ` +
      'after 3 warm-up requests, as a business manager in every partnership (bearer token for the API, the ' +
      'session cookie for the dashboard). The API hands lists out a page at a time (100 by default); the ' +
      "dashboard's cases page reads from the API process's board of open cases, which reads every open case " +
      'once (timed separately, on a board of its own) and then, at each request at least a second after the ' +
      'last, only the cases whose CaseUpdatedAt is within the last 30 s of changes. The target applies at ' +
      '10,000 cases.',
    rows,
  };
}

/**
 * Cases `from` to `size` as rows in visibility: each copies the search attributes the worker
 * gave the real case with the same partnership and day of awareness, under its own reference.
 */
async function startRows(
  stack: BenchStack,
  partnerships: readonly string[],
  from: number,
  size: number,
  progress: (line: string) => void,
) {
  const originals = await Promise.all(
    Array.from({ length: PATTERN }, async (_, n) => {
      const described = await stack.client.workflow
        .getHandle(caseIdFor(partnerships[n % partnerships.length]!, `L${n}`))
        .describe();
      return described.typedSearchAttributes;
    }),
  );
  await timedConcurrently(size - from, 32, async (i) => {
    const n = from + i;
    const original = originals[n % PATTERN]!;
    await stack.client.workflow.start('caseWorkflow', {
      taskQueue: ROWS_QUEUE,
      workflowId: caseIdFor(original.get(Partnership)!, `L${n}`),
      typedSearchAttributes: [
        ...original.getAll().filter((pair) => pair.key.name !== CaseRef.name),
        { key: CaseRef, value: `L${n}` },
      ],
    });
    if ((n + 1) % 1000 === 0) progress(`list: ${n + 1} case rows started`);
  });
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
