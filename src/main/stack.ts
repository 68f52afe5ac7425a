/**
 * The parts of the running product, each startable on its own (the worker and API entry
 * points) or together (`npm start`, the integration tests).
 */
import type http from 'node:http';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import { assembleServices } from '../../api/assemble';
import pino from 'pino';
import { createNotifier } from '../notify/channels';
import type { Config } from '../config';
import { errorFields, type Logger } from '../log';
import type { PolicyRegistry } from '../policy/registry';
import { ensureAuditSchedules } from '../temporal/auditSchedules';
import { type AesGcmPayloadCodec } from '../temporal/payloadCodec';
import { dataConverterWith } from '../temporal/dataConverter';
import { createCaseWorker } from './caseWorker';
import { bundleWorkflowsAside } from './workflowBundle';
import { assertPortFree } from '../temporal/ports';

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

export async function startApi(options: {
  config: Pick<
    Config,
    | 'port'
    | 'host'
    | 'temporal'
    | 'dataDir'
    | 'auth'
    | 'logLevel'
    | 'rateLimitPerMinute'
    | 'metricsToken'
    | 'oidcClient'
    | 'codecCorsOrigins'
  >;
  client: Client;
  /** The clients' codec, which the codec endpoint serves to the Temporal Web UI. */
  codec: AesGcmPayloadCodec;
  policies: PolicyRegistry;
  log: Logger;
}): Promise<RunningApi> {
  const { config, client, codec, policies, log } = options;
  await assertPortFree(config.port, config.host, 'the API');
  const app = createApp(
    await assembleServices({
      client,
      taskQueue: config.temporal.taskQueue,
      policies,
      dataDir: config.dataDir,
      auth: config.auth,
      log: (message, err) => log.error(message, errorFields(err)),
      requestLog: pino({ level: config.logLevel, base: { component: 'api' } }),
      rateLimitPerMinute: config.rateLimitPerMinute,
      metricsToken: config.metricsToken,
      oidcClient: config.oidcClient,
      codec,
      codecCorsOrigins: config.codecCorsOrigins,
    }),
  );
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

/**
 * The case worker as deployed: its audit schedules brought in line with the packs (one per
 * partnership, 003), then the worker polling. Used by `npm start` and the worker entry point.
 */
export async function startCaseWorker(options: {
  connection: NativeConnection;
  client: Client;
  codec: AesGcmPayloadCodec;
  config: Pick<Config, 'temporal' | 'dataDir' | 'worker' | 'channels'>;
  policies: PolicyRegistry;
}): Promise<RunningWorker> {
  const { connection, client, codec, config, policies } = options;
  await ensureAuditSchedules(client, policies, config.temporal.taskQueue);
  return runWorker(
    await createCaseWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      services: {
        policies,
        client,
        notifier: createNotifier({ dataDir: config.dataDir, channels: config.channels, policies }),
      },
      maxCachedWorkflows: config.worker.maxCachedWorkflows,
      dataConverter: dataConverterWith(codec),
      workflowBundle: { code: await bundleWorkflowsAside() },
    }),
  );
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
