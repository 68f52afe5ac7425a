/**
 * The product's parts on a real dev server, on free ports and a throw-away data directory:
 * what `npm start` runs, assembled in-process so a test can reach into each part.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { inject } from 'vitest';
import { createLogger } from '../../src/log';
import { OutboxNotifier, outboxDir } from '../../src/notify/outbox';
import { loadPolicies } from '../../src/policy/registry';
import { connectClient, connectWorkerConnection } from '../../src/temporal/connection';
import { type DevServer, startDevServer } from '../../src/temporal/devServer';
import { freePort } from '../../src/temporal/ports';
import { createCaseWorker } from '../../src/temporal/worker';
import { type RunningApi, type RunningWorker, runWorker, startApi } from '../../src/stack';
import { testCodec, testDataConverter, workflowBundle } from './temporal';

export interface TestStack {
  dataDir: string;
  taskQueue: string;
  devServer: DevServer;
  client: Client;
  api: RunningApi;
  worker: RunningWorker;
  stop(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export async function startTestStack(
  options: {
    /** 0: every workflow task replays the case's whole history, as after a worker restart. */
    maxCachedWorkflows?: number;
  } = {},
): Promise<TestStack> {
  const dataDir = tempDir('cases-it');
  const namespace = 'default';
  const taskQueue = 'case-review-it';
  const devServer = await startDevServer({
    cliPath: inject('temporalCli'),
    dataDir,
    port: await freePort(),
    uiPort: await freePort(),
    namespace,
  });
  const policies = loadPolicies();
  const client = await connectClient(devServer.address, namespace, { dataConverter: testDataConverter });
  const workerConnection: NativeConnection = await connectWorkerConnection(devServer.address);
  const worker = runWorker(
    await createCaseWorker({
      connection: workerConnection,
      namespace,
      taskQueue,
      services: { policies, client, notifier: new OutboxNotifier(outboxDir(dataDir)) },
      workflowBundle: await workflowBundle(),
      dataConverter: testDataConverter,
      ...(options.maxCachedWorkflows !== undefined && { maxCachedWorkflows: options.maxCachedWorkflows }),
    }),
  );
  const api = await startApi({
    config: {
      port: await freePort(),
      host: '127.0.0.1',
      dataDir,
      auth: { mode: 'development', dataDir },
      logLevel: 'warn',
      rateLimitPerMinute: 100_000,
      metricsToken: 'metrics-token',
      oidcClient: undefined,
      codecCorsOrigins: [],
      temporal: {
        address: devServer.address,
        namespace,
        taskQueue,
        devServerPort: 0,
        uiPort: 0,
        cliPath: undefined,
      },
    },
    client,
    codec: testCodec,
    policies,
    log: createLogger('api-it', 'error'),
  });
  return {
    dataDir,
    taskQueue,
    devServer,
    client,
    api,
    worker,
    async stop() {
      await api.close();
      await worker.stop();
      await workerConnection.close();
      await client.connection.close();
      await devServer.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
