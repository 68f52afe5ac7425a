/**
 * The case worker of the timers benchmark, in a process of its own so that its resident
 * memory is the worker's alone. Started by bench/timers.ts with an IPC channel: it files
 * each notice in an outbox, as the default deployment does, then reports the notice's id and
 * the wall-clock time of delivery; once a second it reports its resident set size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { OutboxNotifier } from '../src/notify/outbox';
import type { DeliveredNotice, Notifier } from '../src/notify/types';
import { loadPolicies } from '../src/policy/registry';
import { dataConverterWith } from '../src/temporal/dataConverter';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../src/temporal/payloadCodec';
import { createCaseWorker } from '../src/main/caseWorker';
import { bundleWorkflowsAside } from '../src/main/workflowBundle';
import { loadConfig } from '../src/config';

export type WorkerReport =
  | { kind: 'ready' }
  | { kind: 'delivered'; id: string; atMs: number }
  | { kind: 'rss'; bytes: number; mainHeapBytes: number };

const report = (message: WorkerReport) => process.send!(message);

class ReportingNotifier implements Notifier {
  readonly channel = 'outbox';
  constructor(private readonly outbox: OutboxNotifier) {}
  async deliver(notice: Omit<DeliveredNotice, 'channel' | 'deliveredAt'>): Promise<DeliveredNotice> {
    const delivered = await this.outbox.deliver(notice);
    report({ kind: 'delivered', id: notice.id, atMs: Date.now() });
    return delivered;
  }
}

async function main(): Promise<void> {
  const env = (name: string) => process.env[name] ?? assertNever(name);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const address = env('BENCH_TEMPORAL_ADDRESS');
  const dataConverter = dataConverterWith(
    new AesGcmPayloadCodec(parsePayloadKeys(env('BENCH_PAYLOAD_KEYS'))),
  );
  const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-outbox-'));
  const connection = await NativeConnection.connect({ address });
  const client = new Client({ connection: await Connection.connect({ address }), dataConverter });
  const worker = await createCaseWorker({
    connection,
    namespace: 'default',
    taskQueue: env('BENCH_TASK_QUEUE'),
    services: {
      policies: loadPolicies(),
      notifier: new ReportingNotifier(new OutboxNotifier(outboxDir)),
      client,
    },
    dataConverter,
    // As the deployment's worker runs: the bundle built aside, the cache WORKER_MAX_CACHED_WORKFLOWS says.
    workflowBundle: { code: await bundleWorkflowsAside() },
    maxCachedWorkflows: loadConfig().worker.maxCachedWorkflows,
  });
  const sampler = setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage();
    report({ kind: 'rss', bytes: rss, mainHeapBytes: heapUsed });
  }, 1000);
  process.once('SIGTERM', () => worker.shutdown());
  report({ kind: 'ready' });
  try {
    await worker.run();
  } finally {
    clearInterval(sampler);
    await connection.close();
    fs.rmSync(outboxDir, { recursive: true, force: true });
    process.disconnect?.();
  }
}

function assertNever(name: string): never {
  throw new Error(`${name} is not set`);
}

main().catch((err) => {
  process.stderr.write(`timer worker failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
