/** Entry point: the case worker alone, against TEMPORAL_ADDRESS (or the local dev server). */
import { temporalAddress } from '../config';
import { createLogger, errorFields } from '../log';
import { connectWorkerConnection } from '../temporal/connection';
import { connectFromConfig, startCaseWorker } from './stack';
import { serveWorkerHealth } from '../temporal/workerHealth';

async function main(): Promise<void> {
  const { config, log, policies, codec, client } = await connectFromConfig('worker');
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
