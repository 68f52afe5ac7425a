/**
 * The production topology, run without Docker (scripts/production-local.ts): PostgreSQL, the
 * full Temporal server on it, the worker and the API as their own processes. A case is driven
 * through the API; the Temporal server is stopped (503 problem+json) and started again, and
 * the case carries on. What PostgreSQL stores of its history is ciphertext. The Temporal server
 * checks every caller: a raw gRPC call without a token the issuer signed (or with a user's
 * token for the API) is refused, one with the worker's token accepted, and its internal
 * ports take only the internode certificate.
 *
 * Opt-in (it builds the Temporal server on a new machine): `npm run test:production`, which
 * CI runs.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProductionStack, startProductionStack } from '../../scripts/production-local';
import { londonDate } from '../../src/calendar/london';
import { bearer } from '../helpers/auth';
import { caseIdFor } from '../../src/ids';

const SENTINEL = 'Kayden Sentinel-Jones';
let stack: ProductionStack;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'production-'));
  stack = await startProductionStack({ dir, log: () => undefined });
});
afterAll(async () => {
  await stack?.stop();
});

describe('the production topology without Docker', () => {
  it('runs a case on PostgreSQL and survives a Temporal server restart', async () => {
    const lead = await bearer(stack.dataDir, 'safeguarding-lead', { partnerships: ['dudley'] });
    const manager = await bearer(stack.dataDir, 'business-manager', { partnerships: ['dudley'] });
    const post = (url: string, body: unknown, auth: Record<string, string>) =>
      fetch(`${stack.apiUrl}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify(body),
      });
    const today = londonDate(new Date());
    const id = caseIdFor('dudley', 'PROD-1');
    const created = await post(
      '/api/cases',
      {
        partnership: 'dudley',
        reference: 'PROD-1',
        awareAt: today,
        abuseOrNeglectSuspected: true,
        childDied: true,
        seriouslyHarmed: false,
      },
      lead,
    );
    expect(created.status, await created.clone().text()).toBe(201);
    const notified = await post(
      `/api/cases/${id}/notification-decision`,
      { outcome: 'notified', notifiedOn: today },
      lead,
    );
    expect(notified.status).toBe(200);
    const rapid = (
      (await notified.json()) as { deadlines: { key: string; dueDate: string }[] }
    ).deadlines.find((d) => d.key === 'rapidReview')!;
    const extended = await post(
      `/api/cases/${id}/extensions`,
      {
        key: 'rapidReview',
        newDueDate: rapid.dueDate,
        reason: `${SENTINEL}'s records are with another authority`,
        approvedOn: today,
      },
      manager,
    );
    expect(extended.status).toBeLessThan(500);

    // Lists come from PostgreSQL visibility.
    await expect
      .poll(
        async () => {
          const res = await fetch(`${stack.apiUrl}/api/cases?partnership=dudley`, { headers: lead });
          return ((await res.json()) as { cases: { id: string; stage: string }[] }).cases;
        },
        { timeout: 30_000 },
      )
      .toEqual([expect.objectContaining({ id, stage: 'rapid-review' })]);

    await stack.stopTemporal();
    const down = await fetch(`${stack.apiUrl}/api/cases/${id}`, { headers: lead });
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await fetch(`${stack.apiUrl}/readyz`)).status).toBe(503);

    await stack.startTemporal();
    await expect
      .poll(async () => (await fetch(`${stack.apiUrl}/readyz`)).status, { timeout: 60_000 })
      .toBe(200);
    const after = await fetch(`${stack.apiUrl}/api/cases/${id}`, { headers: lead });
    expect(after.status).toBe(200);
    const view = (await after.json()) as { stage: string; deadlines: { key: string; dueDate: string }[] };
    expect(view.stage).toBe('rapid-review');
    expect(view.deadlines.find((d) => d.key === 'rapidReview')?.dueDate).toBe(rapid.dueDate);
    // The worker reconnected by itself, says so, and takes the next decision.
    expect((await fetch(stack.workerHealthUrl)).status).toBe(200);
    const reviewed = await post(
      `/api/cases/${id}/rapid-review`,
      { completedOn: today, format: 'meeting' },
      lead,
    );
    expect(reviewed.status, await reviewed.clone().text()).toBe(200);
    expect(((await reviewed.json()) as { stage: string }).stage).toBe('review-decision');

    // What the database holds of the case's history: no free text, no decision in the clear.
    const psql = (sql: string) =>
      execFileSync(
        stack.postgres.psql,
        [
          '-h',
          '127.0.0.1',
          '-p',
          String(stack.postgres.port),
          '-U',
          'postgres',
          '-d',
          'temporal',
          '-qtAc',
          sql,
        ],
        {
          env: { ...process.env, PGPASSWORD: stack.postgres.password },
          encoding: 'utf8',
          maxBuffer: 256 * 1024 * 1024,
        },
      );
    const nodes = Number(psql('SELECT count(*) FROM history_node').trim());
    expect(nodes).toBeGreaterThan(5);
    const stored = psql("SELECT encode(data, 'escape') FROM history_node");
    expect(stored).toContain('binary/encrypted');
    for (const marker of ['Sentinel', 'another authority', 'meeting'])
      expect(stored, marker).not.toContain(marker);
  });
});

const PERMISSION_DENIED = 7;
const UNIMPLEMENTED = 12;

describe('the Temporal server, inside the trust boundary', () => {
  it("refuses a raw gRPC call without a token the issuer signed, and takes the service's", async () => {
    const address = stack.temporalAddress;
    const lead = await bearer(stack.dataDir, 'safeguarding-lead', { partnerships: ['dudley'] });
    const workerToken = fs.readFileSync(stack.tokenFile('worker'), 'utf8').trim();
    const anonymous = await Connection.connect({ address });
    const asWorker = await Connection.connect({ address, apiKey: workerToken, tls: false });
    const workflowId = `trust-probe-${randomUUID()}`;
    const execution = { workflowId };
    const calls = {
      start: (c: Connection) =>
        c.workflowService.startWorkflowExecution({
          namespace: 'default',
          workflowId,
          workflowType: { name: 'caseWorkflow' },
          taskQueue: { name: 'trust-probe' }, // no worker: the probe runs nothing
          requestId: randomUUID(),
        }),
      signal: (c: Connection) =>
        c.workflowService.signalWorkflowExecution({
          namespace: 'default',
          workflowExecution: execution,
          signalName: 'replanDeadlines',
          requestId: randomUUID(),
        }),
      update: (c: Connection) =>
        c.workflowService.updateWorkflowExecution({
          namespace: 'default',
          workflowExecution: execution,
          request: { meta: { updateId: randomUUID() }, input: { name: 'recordVote' } },
        }),
      terminate: (c: Connection) =>
        c.workflowService.terminateWorkflowExecution({ namespace: 'default', workflowExecution: execution }),
      read: (c: Connection) =>
        c.workflowService.listWorkflowExecutions({ namespace: 'default', query: 'CaseRef IS NOT NULL' }),
    };
    try {
      for (const [name, call] of Object.entries(calls)) {
        await expect(call(anonymous), `${name} without a token`).rejects.toMatchObject({
          code: PERMISSION_DENIED,
        });
        // A user's token for the API is the issuer's too, but for another audience and with no permissions.
        const asUser = anonymous.withMetadata({ authorization: lead.authorization! }, () => call(anonymous));
        await expect(asUser, `${name} with a user's token`).rejects.toMatchObject({
          code: PERMISSION_DENIED,
        });
      }

      // The worker's own token: accepted, for what a worker does and no more.
      expect((await calls.start(asWorker)).runId).toBeTruthy();
      await calls.signal(asWorker);
      await calls.terminate(asWorker);
      expect(await calls.read(asWorker)).toBeDefined();
      await expect(
        asWorker.operatorService.addSearchAttributes({
          namespace: 'default',
          searchAttributes: { Forged: 1 },
        }),
      ).rejects.toMatchObject({ code: PERMISSION_DENIED });
    } finally {
      await Promise.all([anonymous, asWorker].map((c) => c.close()));
    }
  });

  it('takes no one on its internal ports without the internode certificate', async () => {
    const [internalFrontend] = stack.internalAddresses;
    const tls = {
      serverNameOverride: 'internode',
      serverRootCACertificate: fs.readFileSync(stack.internodeCa),
    };
    const connect = (address: string, options: Partial<Parameters<typeof Connection.connect>[0]> = {}) =>
      Connection.connect({ address, connectTimeout: 3_000, ...options }).then(async (c) => {
        // A plaintext port would answer: the internal frontend with its system info, history
        // and matching with UNIMPLEMENTED (they serve no WorkflowService).
        await c.workflowService.getSystemInfo({}).catch((err: { code?: number }) => {
          if (err.code !== UNIMPLEMENTED) throw err;
        });
        await c.close();
      });
    for (const address of stack.internalAddresses) {
      await expect(connect(address), `${address} in plaintext`).rejects.toThrow();
      await expect(connect(address, { tls }), `${address} without a client certificate`).rejects.toThrow();
    }
    // The system worker's way in, with the certificate: it does answer (the test is not vacuous).
    const key = stack.internodeCa.replace(/ca\.pem$/, 'internode.key');
    const crt = stack.internodeCa.replace(/ca\.pem$/, 'internode.pem');
    await connect(internalFrontend!, {
      tls: { ...tls, clientCertPair: { crt: fs.readFileSync(crt), key: fs.readFileSync(key) } },
    });
  });
});
