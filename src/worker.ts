/** Entry point: the case worker alone, against TEMPORAL_ADDRESS (or the local dev server). */
import { OutboxNotifier, outboxDir } from './notify/outbox';
import { loadConfig, temporalAddress } from './config';
import { createLogger, errorFields } from './log';
import { loadPolicies } from './policy/registry';
import { connectWorkerConnection } from './temporal/connection';
import { createCaseWorker } from './temporal/worker';
import { runWorker } from './stack';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('worker', config.logLevel);
  const policies = loadPolicies({ dir: config.policyDir });
  const connection = await connectWorkerConnection(temporalAddress(config));
  const running = runWorker(
    await createCaseWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      services: { policies, notifier: new OutboxNotifier(outboxDir(config.dataDir)) },
      maxCachedWorkflows: config.worker.maxCachedWorkflows,
    }),
  );
  log.info('worker running', { taskQueue: config.temporal.taskQueue, address: temporalAddress(config) });
  await running.done; // the SDK shuts the worker down on SIGINT/SIGTERM
  await connection.close();
  log.info('worker stopped');
}

main().catch((err) => {
  createLogger('worker').error('worker failed', errorFields(err));
  process.exit(1);
});
