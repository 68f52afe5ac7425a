/**
 * `npm start`: the whole product on one machine. Unless TEMPORAL_ADDRESS names a server,
 * it builds the Temporal CLI if needed and runs the dev server on SQLite under DATA_DIR,
 * then the worker and the API. Ctrl-C stops them in order: API, worker, then the server.
 */
import { ConfigError, loadConfig, temporalAddress } from './config';
import { createLogger, errorFields } from './log';
import { ChannelConfigError } from './notify/channels';
import { PolicyError, loadPolicies } from './policy/registry';
import { connectClient, connectWorkerConnection } from './temporal/connection';
import { type DevServer, startDevServer } from './temporal/devServer';
import { PortInUseError, assertPortFree } from './temporal/ports';
import { ensureTool } from './temporal/toolchain';
import { startApi, startCaseWorker } from './stack';
import { dataConverterWith, payloadCodecFor } from './temporal/dataConverter';
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
    let devServer: DevServer | undefined;
    if (!config.temporal.address) {
      await assertPortFree(config.temporal.devServerPort, '127.0.0.1', 'the Temporal dev server');
      await assertPortFree(config.temporal.uiPort, '127.0.0.1', 'the Temporal Web UI');
      const cliPath = config.temporal.cliPath ?? ensureTool('temporal-cli');
      log.info('starting the Temporal dev server', { dataDir: config.dataDir });
      devServer = await startDevServer({
        cliPath,
        dataDir: config.dataDir,
        port: config.temporal.devServerPort,
        uiPort: config.temporal.uiPort,
        namespace: config.temporal.namespace,
        // The browser calls it: an API bound to every interface is still reached on loopback.
        uiCodecEndpoint: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/codec`,
      });
      stops.push(devServer.stop);
    }
    const address = temporalAddress(config);

    const codec = payloadCodecFor(config);
    const client = await connectClient(address, config.temporal.namespace, {
      dataConverter: dataConverterWith(codec),
      auth: config.temporalAuth,
      warn: (m, e) => log.warn(m, errorFields(e)),
    });
    stops.push(() => client.connection.close());
    const workerConnection = await connectWorkerConnection(address, config.temporalAuth);
    stops.push(() => workerConnection.close());
    const worker = await startCaseWorker({ connection: workerConnection, client, codec, config, policies });
    stops.push(worker.stop);
    worker.done.catch((err) => {
      log.error('the worker failed', errorFields(err));
      void stopAll().then(() => process.exit(1));
    });

    // The dev Web UI reads payloads through our codec endpoint, so it may call it from the browser.
    const codecCorsOrigins = devServer
      ? [...config.codecCorsOrigins, devServer.uiUrl, devServer.uiUrl.replace('127.0.0.1', 'localhost')]
      : config.codecCorsOrigins;
    const api = await startApi({
      config: { ...config, codecCorsOrigins },
      client,
      codec,
      policies,
      log: createLogger('api', config.logLevel),
    });
    stops.push(api.close);

    const lines = [
      '',
      'Case review orchestrator is running',
      `  API:          ${api.url}   (try: curl ${api.url}/readyz)`,
      `  Temporal:     ${address}  namespace ${config.temporal.namespace}`,
      ...(devServer ? [`  Temporal UI:  ${devServer.uiUrl}`] : []),
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
