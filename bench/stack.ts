/**
 * The product on a dev server of its own, for the benchmarks that need Temporal: the server
 * on a throw-away SQLite file, the case worker and the API in this process, as `npm start`
 * assembles them, plus a development token to call the API with.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { issueDevToken } from '../src/auth/tokens';
import { createLogger } from '../src/log';
import type { PolicyRegistry } from '../src/policy/registry';
import { type RunningApi, type RunningWorker, startApi, startCaseWorker } from '../src/main/stack';
import { connectClient, connectWorkerConnection } from '../src/temporal/connection';
import { dataConverterWith, payloadCodecFor } from '../src/temporal/dataConverter';
import { AesGcmPayloadCodec, newPayloadKeySpec, parsePayloadKeys } from '../src/temporal/payloadCodec';
import { ensureSearchAttributes } from '../src/temporal/searchAttributesAdmin';
import { startDevServer } from '../src/temporal/devServer';
import { freePort } from '../src/temporal/ports';
import { loadConfig } from '../src/config';

export interface BenchStack {
  client: Client;
  api: RunningApi;
  worker: RunningWorker;
  taskQueue: string;
  dataDir: string;
  token(role: 'safeguarding-lead' | 'business-manager'): Promise<string>;
  stop(): Promise<void>;
}

/** A tool's path, installed by the project's toolchain script the first time it is asked for. */
export function tool(name: 'temporal-cli' | 'test-server'): string {
  return execFileSync('bash', [path.resolve(__dirname, '..', 'scripts', 'toolchain.sh'), name], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

export async function startBenchStack(policies: PolicyRegistry): Promise<BenchStack> {
  const cliPath = tool('temporal-cli');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const config = {
    ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000' }),
    port: await freePort(),
  };
  const devServer = await startDevServer({
    cliPath,
    dataDir,
    port: await freePort(),
    uiPort: await freePort(),
    namespace: config.temporal.namespace,
  });
  const codec = payloadCodecFor(config);
  const client = await connectClient(devServer.address, config.temporal.namespace, {
    dataConverter: dataConverterWith(codec),
  });
  const connection = await connectWorkerConnection(devServer.address);
  const worker = await startCaseWorker({
    connection,
    client,
    codec,
    config: { ...config, temporal: { ...config.temporal, address: devServer.address } },
    policies,
  });
  const api = await startApi({ config, client, codec, policies, log: createLogger('bench-api', 'error') });
  return {
    client,
    api,
    worker,
    taskQueue: config.temporal.taskQueue,
    dataDir,
    token: (role) => issueDevToken(dataDir, { userId: `bench-${role}`, role, partnerships: policies.ids }),
    async stop() {
      await api.close();
      await worker.stop();
      await connection.close();
      await client.connection.close();
      await devServer.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A time-skipping test server of the bench's own, its client encrypting with a fresh key
 * (`payloadKeys`, for a worker in another process) and the case search attributes in place.
 */
export async function startBenchTimeSkipping(): Promise<{
  env: TestWorkflowEnvironment;
  payloadKeys: string;
  dataConverter: DataConverter;
}> {
  const payloadKeys = newPayloadKeySpec('bench');
  const dataConverter = dataConverterWith(new AesGcmPayloadCodec(parsePayloadKeys(payloadKeys)));
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: tool('test-server') } },
    client: { dataConverter },
  });
  try {
    await ensureSearchAttributes(env.connection, 'default');
  } catch (err) {
    await env.teardown();
    throw err;
  }
  return { env, payloadKeys, dataConverter };
}
