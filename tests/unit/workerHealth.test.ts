/** The worker's /healthz: 200 while it polls, 503 once it is stopping or stopped. */
import type { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../src/temporal/ports';
import { serveWorkerHealth } from '../../src/temporal/workerHealth';

describe('the worker health endpoint', () => {
  it('reports the worker state', async () => {
    let state = 'RUNNING';
    const port = await freePort();
    const server = await serveWorkerHealth({ getState: () => state } as unknown as Worker, port, '127.0.0.1');
    try {
      const url = `http://127.0.0.1:${port}`;
      const up = await fetch(`${url}/healthz`);
      expect(up.status).toBe(200);
      expect(await up.json()).toEqual({ state: 'RUNNING' });
      state = 'STOPPING';
      expect((await fetch(`${url}/healthz`)).status).toBe(503);
      expect((await fetch(`${url}/other`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
