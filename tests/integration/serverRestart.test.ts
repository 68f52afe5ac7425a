/**
 * The Temporal server stops and comes back (same database, same port): while it is down the
 * API answers 503 problem+json, and afterwards it recovers by itself, with the case, its
 * timers and its history intact and the worker taking decisions again.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { londonDate } from '../../src/calendar/london';
import { type DevServer, startDevServer } from '../../src/temporal/devServer';
import { bearer } from '../helpers/auth';
import { type TestStack, startTestStack } from '../helpers/stack';
import { caseIdFor } from '../../src/ids';

let stack: TestStack;
let restarted: DevServer | undefined;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
  await restarted?.stop();
});

describe('a Temporal server restart', () => {
  it(
    'answers 503 while the server is down, and recovers with the case intact',
    { timeout: 120_000 },
    async () => {
      const auth = await bearer(stack.dataDir, 'safeguarding-lead', { partnerships: ['dudley'] });
      const headers = { 'content-type': 'application/json', ...auth };
      const today = londonDate(new Date());
      const id = caseIdFor('dudley', 'RESTART-1');
      const created = await fetch(`${stack.api.url}/api/cases`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          partnership: 'dudley',
          reference: 'RESTART-1',
          awareAt: today,
          abuseOrNeglectSuspected: true,
          childDied: true,
          seriouslyHarmed: false,
        }),
      });
      expect(created.status).toBe(201);
      const dueBefore = async () => {
        const res = await fetch(`${stack.api.url}/api/cases/${id}`, { headers: auth });
        if (!res.ok) return undefined;
        return ((await res.json()) as { deadlines: { key: string; dueDate: string }[] }).deadlines.find(
          (d) => d.key === 'notification',
        )?.dueDate;
      };
      await expect.poll(dueBefore).toBeDefined();
      const due = await dueBefore();

      const port = Number(stack.devServer.address.split(':')[1]);
      await stack.devServer.stop();
      const down = await fetch(`${stack.api.url}/api/cases/${id}`, { headers: auth });
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toMatch(/problem\+json/);
      expect((await fetch(`${stack.api.url}/readyz`)).status).toBe(503);

      restarted = await startDevServer({
        cliPath: inject('temporalCli'),
        dataDir: stack.dataDir,
        port,
        uiPort: 0,
        namespace: 'default',
      });
      await expect
        .poll(async () => (await fetch(`${stack.api.url}/readyz`)).status, { timeout: 60_000 })
        .toBe(200);
      await expect.poll(dueBefore, { timeout: 60_000 }).toBe(due);
      const decided = await fetch(`${stack.api.url}/api/cases/${id}/notification-decision`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ outcome: 'notified', notifiedOn: today }),
      });
      expect(decided.status).toBe(200);
      expect(((await decided.json()) as { stage: string }).stage).toBe('rapid-review');
    },
  );
});
