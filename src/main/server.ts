/** Entry point: the API alone, against TEMPORAL_ADDRESS (or the local dev server). */
import { createLogger, errorFields } from '../log';
import { connectFromConfig, startApi } from './stack';

async function main(): Promise<void> {
  const { config, log, policies, codec, client } = await connectFromConfig('api');
  const api = await startApi({ config, client, codec, policies, log });
  log.info('API listening', { url: api.url, ...(api.metricsUrl && { metrics: api.metricsUrl }) });
  const stop = async () => {
    await api.close();
    await client.connection.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  createLogger('api').error('API failed to start', errorFields(err));
  process.exit(1);
});
