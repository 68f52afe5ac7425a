/**
 * What a client of the API gets while a part behind it has failed, on real processes as
 * deployed: the dev server on its SQLite file, the worker (`src/main/worker.ts`) and the API
 * (`src/main/server.ts`) each a process of its own, killed with SIGKILL as a crash would.
 * Each answer comes within the API's deadline, with the status that says what happened, and
 * nothing done is ever answered as a failure.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { londonDate } from '../../src/calendar/london';
import { caseIdFor } from '../../src/ids';
import { type DevServer, startDevServer } from '../../src/temporal/devServer';
import { freePort } from '../../src/temporal/ports';
import { bearer } from '../helpers/auth';
import { unwritableDir } from '../helpers/diskFaults';
import { spawnPart, killPart } from '../helpers/processes';
import { tempDir } from '../helpers/stack';

const dataDir = tempDir('api-faults');
const taskQueue = 'api-faults';
let devPort: number;
let devServer: DevServer;
let worker: ChildProcess | undefined;
let api: ChildProcess | undefined;
let url: string;
let lead: Record<string, string>;
const today = londonDate(new Date());

const apiLog = path.join(dataDir, 'api.log');
const part = (script: string, env: Record<string, string>, logFile?: string): ChildProcess =>
  spawnPart(
    script,
    { TEMPORAL_ADDRESS: devServer.address, TEMPORAL_TASK_QUEUE: taskQueue, DATA_DIR: dataDir, ...env },
    logFile,
  );

const kill = killPart;

const startDev = async () =>
  (devServer = await startDevServer({
    cliPath: inject('temporalCli'),
    dataDir,
    port: devPort,
    uiPort: await freePort(),
    namespace: 'default',
  }));

const startWorker = () => (worker = part('src/main/worker.ts', {}));

async function call(
  method: 'GET' | 'POST',
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const started = performance.now();
  const res = await fetch(`${url}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...lead, ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    seconds: (performance.now() - started) / 1000,
    type: res.headers.get('content-type') ?? '',
    retryAfter: res.headers.get('retry-after'),
    location: res.headers.get('location'),
    body: (text ? JSON.parse(text) : {}) as Record<string, unknown> & { timeline?: { type: string }[] },
  };
}

const incident = (reference: string) => ({
  partnership: 'durham',
  reference,
  awareAt: today,
  abuseOrNeglectSuspected: true,
  childDied: false,
  seriouslyHarmed: true,
});

/** Waits until the API answers its readiness probe with `status` (a plain loop: it runs in hooks too). */
async function readyz(status: number, timeout = 120_000) {
  const until = Date.now() + timeout;
  let last: number | undefined;
  while (Date.now() < until) {
    last = (await fetch(`${url}/readyz`).catch(() => undefined))?.status;
    if (last === status) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`/readyz answered ${last}, not ${status}, for ${timeout / 1000}s`);
}

beforeAll(async () => {
  devPort = await freePort();
  await startDev();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  api = part(
    'src/main/server.ts',
    {
      PORT: String(port),
      RATE_LIMIT_PER_MINUTE: '100000',
      METRICS_PORT: '0',
      LOG_LEVEL: 'info',
    },
    apiLog,
  );
  lead = await bearer(dataDir, 'business-manager', { partnerships: ['durham'] });
  // No worker yet: the API is up, but not ready to take decisions.
  await readyz(503);
  expect((await call('GET', '/readyz')).body).toMatchObject({
    detail: 'no worker is polling the task queue',
  });
  startWorker();
  await readyz(200);
});

afterAll(async () => {
  await Promise.all([kill(worker), kill(api)]);
  await devServer?.stop();
  // What the API logged as its own errors, so a failure here can be read from CI's output.
  const errors = fs.existsSync(apiLog)
    ? fs
        .readFileSync(apiLog, 'utf8')
        .split('\n')
        .filter((line) => /"level":("error"|50|60)/.test(line))
    : [];
  if (errors.length > 0) console.error(`the API logged ${errors.length} error(s):\n${errors.join('\n')}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('with the worker killed', () => {
  // A test that failed with the worker down leaves it down: the next one starts as the others do.
  afterEach(async () => {
    if (worker?.exitCode === null && worker.signalCode === null) return;
    startWorker();
    await readyz(200);
  });

  it('reads answer 503 with Retry-After in seconds, and a decision 202 that a retry learns the outcome of', async () => {
    const id = caseIdFor('durham', 'FAULT-1');
    expect((await call('POST', '/api/cases', incident('FAULT-1'))).status).toBe(201);
    await expect
      .poll(async () => (await call('GET', `/api/cases/${id}`)).status, { timeout: 20_000 })
      .toBe(200);
    await kill(worker);

    const read = await call('GET', `/api/cases/${id}`);
    expect(read.status).toBe(503);
    expect(read.type).toMatch(/problem\+json/);
    expect(Number(read.retryAfter)).toBeGreaterThan(0);
    expect(read.seconds).toBeLessThan(10);

    // A client that gives up waiting is logged as having gone, not as answered.
    const gaveUp = new AbortController();
    setTimeout(() => gaveUp.abort(), 500);
    await fetch(`${url}/api/cases/${id}`, { headers: lead, signal: gaveUp.signal }).catch(() => undefined);
    await expect
      .poll(() => fs.readFileSync(apiLog, 'utf8'), { timeout: 15_000 })
      .toMatch(/"abandoned":true.*abandoned: the client went away/);

    const key = { 'Idempotency-Key': 'meeting-FAULT-1' };
    const meeting = { heldOn: today, criteriaMet: true };
    const held = await call('POST', `/api/cases/${id}/consideration-meeting`, meeting, key);
    expect([202, 503]).toContain(held.status);
    expect(held.seconds).toBeLessThan(25);
    if (held.status === 202) {
      expect(held.body).toMatchObject({ status: 'waiting', updateId: expect.any(String) });
      expect(held.location).toBe(`/api/cases/${id}`);
    }

    startWorker();
    // The same request again learns the first one's outcome: the meeting recorded once.
    await expect
      .poll(async () => (await call('POST', `/api/cases/${id}/consideration-meeting`, meeting, key)).status, {
        timeout: 90_000,
        interval: 1_000,
      })
      .toBe(200);
    const after = await call('GET', `/api/cases/${id}`);
    expect(after.body.timeline?.filter((e) => e.type === 'consideration-meeting')).toHaveLength(1);
  });

  it('a decision taken before the worker died is answered again, from Temporal, with its first outcome', async () => {
    const id = caseIdFor('durham', 'FAULT-2');
    expect((await call('POST', '/api/cases', incident('FAULT-2'))).status).toBe(201);
    const key = { 'Idempotency-Key': 'meeting-FAULT-2' };
    const meeting = { heldOn: today, criteriaMet: true };
    await expect
      .poll(async () => (await call('POST', `/api/cases/${id}/consideration-meeting`, meeting, key)).status, {
        timeout: 30_000,
      })
      .toBe(200);
    await kill(worker);
    // The API's own store of answers is gone too: only Temporal remembers.
    fs.rmSync(path.join(dataDir, 'idempotency'), { recursive: true, force: true });
    const again = await call('POST', `/api/cases/${id}/consideration-meeting`, meeting, key);
    expect(again.status).toBe(200);
    expect(again.body.timeline?.filter((e) => e.type === 'consideration-meeting')).toHaveLength(1);
  });
});

describe('with the idempotency store unwritable', () => {
  it('a case started is answered as started, and the same request later returns the first', async () => {
    const store = unwritableDir(path.join(dataDir, 'idempotency'));
    const key = { 'Idempotency-Key': 'start-FAULT-3' };
    try {
      const first = await call('POST', '/api/cases', incident('FAULT-3'), key);
      expect(first.status).toBe(201);
    } finally {
      store.restore();
    }
    const again = await call('POST', '/api/cases', incident('FAULT-3'), key);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(caseIdFor('durham', 'FAULT-3'));
    // A different request for the same reference is still a conflict.
    const other = await call('POST', '/api/cases', { ...incident('FAULT-3'), childDied: true });
    expect(other.status).toBe(409);
  });
});

describe('with Temporal killed', () => {
  it('lists answer 503 within 6 s, and a start retried once it is back returns the case', async () => {
    await devServer.kill();
    const list = await call('GET', '/api/cases?partnership=durham');
    expect(list.status).toBe(503);
    expect(list.seconds).toBeLessThan(6);
    const start = await call('POST', '/api/cases', incident('FAULT-4'));
    expect(start.status).toBe(503);
    expect(start.seconds).toBeLessThan(10);

    await startDev();
    // A worker that gave up on the server while it was gone is started again, as an orchestrator would.
    if (worker?.exitCode !== null || worker?.signalCode !== null) startWorker();
    await readyz(200);
    const again = await call('POST', '/api/cases', incident('FAULT-4'));
    expect(again.status).toBe(201);
    const twice = await call('POST', '/api/cases', incident('FAULT-4'));
    expect(twice.status).toBe(201);
    expect(twice.body.id).toBe(again.body.id);
  });
});
