/**
 * The product's parts on a real dev server, on free ports and a throw-away data directory:
 * what `npm start` runs (the same `startStack`), assembled in-process so a test can reach
 * into each part, with the tests' payload key and workflow bundle and notices to the outbox.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { type RunningApi, type RunningWorker, startStack } from '../../src/main/stack';
import { OutboxNotifier, outboxDir } from '../../src/notify/outbox';
import { loadPolicies } from '../../src/policy/registry';
import type { DevServer } from '../../src/temporal/devServer';
import { freePort } from '../../src/temporal/ports';
import { testCodec, workflowBundle } from './temporal';

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
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    TEMPORAL_TASK_QUEUE: 'case-review-it',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000',
    METRICS_TOKEN: 'metrics-token',
    METRICS_PORT: '0',
    ...(options.maxCachedWorkflows !== undefined && {
      WORKER_MAX_CACHED_WORKFLOWS: String(options.maxCachedWorkflows),
    }),
  });
  const stack = await startStack({
    config,
    policies: loadPolicies(),
    codec: testCodec,
    log: createLogger('api-it', 'error'),
    devServer: { cliPath: inject('temporalCli') },
    worker: {
      notifier: new OutboxNotifier(outboxDir(dataDir)),
      workflowBundle: await workflowBundle(),
      auditSchedules: false,
    },
  });
  return {
    dataDir,
    taskQueue: config.temporal.taskQueue,
    devServer: stack.devServer!,
    client: stack.client,
    api: stack.api,
    worker: stack.worker,
    async stop() {
      await stack.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
