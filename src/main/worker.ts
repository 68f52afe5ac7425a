/** Entry point: the case worker alone, against TEMPORAL_ADDRESS (or the local dev server). */
import { loadConfig, temporalAddress } from '../config';
import { createLogger, errorFields } from '../log';
import { loadPolicies } from '../policy/registry';
import { connectClient, connectWorkerConnection } from '../temporal/connection';
import { startCaseWorker } from './stack';
import { serveWorkerHealth } from '../temporal/workerHealth';
import { dataConverterWith, payloadCodecFor } from '../temporal/dataConverter';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('worker', config.logLevel);
  const policies = loadPolicies({ dir: config.policyDir });
  const codec = payloadCodecFor(config);
  const client = await connectClient(temporalAddress(config), config.temporal.namespace, {
    dataConverter: dataConverterWith(codec),
    auth: config.temporalAuth,
    warn: (m, e) => log.warn(m, errorFields(e)),
  });
  const connection = await connectWorkerConnection(temporalAddress(config), config.temporalAuth);
  const running = await startCaseWorker({ connection, client, codec, config, policies });
  log.info('worker running', { taskQueue: config.temporal.taskQueue, address: temporalAddress(config) });
  const probe = config.worker.healthPort
    ? await serveWorkerHealth(running.worker, config.worker.healthPort, config.host)
    : undefined;
  await running.done; // the SDK shuts the worker down on SIGINT/SIGTERM
  probe?.close();
  await connection.close();
  await client.connection.close();
  log.info('worker stopped');
}

main().catch((err) => {
  createLogger('worker').error('worker failed', errorFields(err));
  process.exit(1);
});
