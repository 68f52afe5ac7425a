/**
 * The API (and the dashboard) served over a time-skipping test environment, on a free port:
 * for tests that drive cases over HTTP while the test server's clock jumps ahead.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createApp } from '../../api/app';
import { assembleServices } from '../../api/assemble';
import { formatIsoDate, londonDay } from '../../src/calendar';
import { outbox, policies } from './cases';
import { testCodec } from './temporal';

export async function serveApi(
  env: TestWorkflowEnvironment,
  options: { taskQueue: string; dataDir: string; log: (message: string, err?: unknown) => void },
): Promise<{ base: string; close(): Promise<void> }> {
  const app = createApp(
    await assembleServices({
      client: env.client,
      codec: testCodec,
      taskQueue: options.taskQueue,
      policies,
      dataDir: options.dataDir,
      auth: { mode: 'development', dataDir: options.dataDir },
      log: options.log,
      outbox,
      health: { temporal: async () => undefined },
      // Decisions and starts are judged by the test server's clock, not the machine's.
      today: () => formatIsoDate(londonDay(Date.now())),
    }),
  );
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
