/**
 * `npm start`: the whole product on one machine. Unless TEMPORAL_ADDRESS names a server,
 * it builds the Temporal CLI if needed and runs the dev server on SQLite under DATA_DIR,
 * then the worker and the API. Ctrl-C stops them in order: API, worker, then the server.
 */
import { ConfigError, loadConfig } from '../config';
import { createLogger, errorFields } from '../log';
import { ChannelConfigError } from '../notify/channels';
import { PolicyError, loadPolicies } from '../policy/registry';
import { PortInUseError, assertPortFree } from '../temporal/ports';
import { ensureTool } from '../temporal/toolchain';
import { startStack } from './stack';
import { payloadCodecFor } from '../temporal/dataConverter';
import { Runtime } from '@temporalio/worker';

const log = createLogger('start');

async function main(): Promise<void> {
  const config = loadConfig();
  // We stop the parts in order ourselves; the SDK's own signal handling would race us.
  Runtime.install({ shutdownSignals: [] });
  const policies = loadPolicies({ dir: config.policyDir });
  const stops: (() => Promise<void>)[] = [];
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      log.info('stopping');
      for (const stop of stops.reverse()) {
        await stop().catch((err) => log.warn('a part did not stop cleanly', errorFields(err)));
      }
      log.info('stopped');
    })());
  // A second Ctrl-C while stopping must not kill us half-way: every signal joins the one stop.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void stopAll().then(() => process.exit(0)));
  }

  try {
    // Check every port before the slow steps, so a clash is reported at once.
    await assertPortFree(config.port, config.host, 'the API');
    const startsDevServer = !config.temporal.address;
    if (startsDevServer) {
      await assertPortFree(config.temporal.devServerPort, '127.0.0.1', 'the Temporal dev server');
      await assertPortFree(config.temporal.uiPort, '127.0.0.1', 'the Temporal Web UI');
      log.info('starting the Temporal dev server', { dataDir: config.dataDir });
    }
    const stack = await startStack({
      config,
      policies,
      codec: payloadCodecFor(config),
      log: createLogger('api', config.logLevel),
      warn: (m, e) => log.warn(m, errorFields(e)),
      track: (stop) => stops.push(stop),
      ...(startsDevServer && {
        devServer: {
          cliPath: config.temporal.cliPath ?? ensureTool('temporal-cli'),
          // The browser calls it: an API bound to every interface is still reached on loopback.
          uiCodecEndpoint: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/codec`,
        },
      }),
    });
    stack.worker.done.catch((err) => {
      log.error('the worker failed', errorFields(err));
      void stopAll().then(() => process.exit(1));
    });
    const { api, devServer, address } = stack;

    const lines = [
      '',
      'Case review orchestrator is running',
      `  API:          ${api.url}   (try: curl ${api.url}/readyz)`,
      `  Temporal:     ${address}  namespace ${config.temporal.namespace}`,
      ...(devServer ? [`  Temporal UI:  ${devServer.uiUrl}   (no sign-in: this machine only)`] : []),
      ...(api.metricsUrl ? [`  Metrics:      ${api.metricsUrl}   (this machine only)`] : []),
      `  Data:         ${config.dataDir}`,
      'Press Ctrl-C to stop.',
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } catch (err) {
    await stopAll();
    throw err;
  }
}

main().catch((err) => {
  if (
    err instanceof PortInUseError ||
    err instanceof ConfigError ||
    err instanceof PolicyError ||
    err instanceof ChannelConfigError
  ) {
    process.stderr.write(`npm start: ${err.message}\n`);
  } else {
    log.error('start-up failed', errorFields(err));
  }
  process.exit(err instanceof ConfigError ? 2 : 1);
});
