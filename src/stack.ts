/**
 * The parts of the running product, each startable on its own (the worker and API entry
 * points) or together (`npm start`, the integration tests).
 */
import type http from 'node:http';
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { createApp } from '../api/app';
import { createWorkflowServices } from '../api/services';
import { OutboxNotifier, outboxDir } from './notify/outbox';
import type { Config } from './config';
import { errorFields, type Logger } from './log';
import type { PolicyRegistry } from './policy/registry';
import { temporalProbe } from './temporal/connection';
import { assertPortFree } from './temporal/ports';

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

export async function startApi(options: {
  config: Pick<Config, 'port' | 'host' | 'temporal' | 'dataDir'>;
  client: Client;
  policies: PolicyRegistry;
  log: Logger;
}): Promise<RunningApi> {
  const { config, client, policies, log } = options;
  await assertPortFree(config.port, config.host, 'the API');
  const app = createApp({
    ...createWorkflowServices(client, config.temporal.taskQueue, policies),
    outbox: new OutboxNotifier(outboxDir(config.dataDir)),
    health: { temporal: temporalProbe(client.connection) },
    log: (message, err) => log.error(message, errorFields(err)),
  });
  const server = await new Promise<http.Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://${config.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface RunningWorker {
  worker: Worker;
  /** Settles when the worker has stopped; rejects if it failed. */
  done: Promise<void>;
  stop(): Promise<void>;
}

export function runWorker(worker: Worker): RunningWorker {
  const done = worker.run();
  return {
    worker,
    done,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
