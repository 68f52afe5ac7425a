/** Entry point: the API alone, against TEMPORAL_ADDRESS (or the local dev server). */
import { loadConfig, temporalAddress } from '../config';
import { createLogger, errorFields } from '../log';
import { loadPolicies } from '../policy/registry';
import { connectClient } from '../temporal/connection';
import { startApi } from './stack';
import { dataConverterWith, payloadCodecFor } from '../temporal/dataConverter';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('api', config.logLevel);
  const policies = loadPolicies({ dir: config.policyDir });
  const codec = payloadCodecFor(config);
  const client = await connectClient(temporalAddress(config), config.temporal.namespace, {
    dataConverter: dataConverterWith(codec),
    auth: config.temporalAuth,
    warn: (m, e) => log.warn(m, errorFields(e)),
  });
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
