/**
 * The parts of the running product, each startable on its own (the worker and API entry
 * points) or together (`npm start`, the integration tests).
 */
import type http from 'node:http';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker, WorkflowBundleOption } from '@temporalio/worker';
import type { Express } from 'express';
import { createApp } from '../../api/app';
import { metricsOnlyApp } from '../../api/endpoints/metrics';
import { assembleServices } from '../../api/assemble';
import pino from 'pino';
import { createNotifier } from '../notify/channels';
import { type Config, loadConfig, temporalAddress } from '../config';
import { loadPolicies } from '../policy/registry';
import type { Notifier } from '../notify/types';
import { connectClient, connectWorkerConnection } from '../temporal/connection';
import { type DevServer, startDevServer } from '../temporal/devServer';
import { createLogger, errorFields, type Logger } from '../log';
import type { PolicyRegistry } from '../policy/registry';
import { ensureAuditSchedules } from '../temporal/auditSchedules';
import { type AesGcmPayloadCodec } from '../temporal/payloadCodec';
import { dataConverterWith, payloadCodecFor } from '../temporal/dataConverter';
import { createCaseWorker } from './caseWorker';
import { bundleWorkflowsAside } from './workflowBundle';
import { assertPortFree } from '../temporal/ports';

/**
 * What the API and the worker entry points each start from: the configuration, a logger
 * for `component`, the packs, the payload codec, and a client connected with the service's
 * credentials.
 */
export async function connectFromConfig(component: string) {
  const config = loadConfig();
  const log = createLogger(component, config.logLevel);
  const policies = loadPolicies({ dir: config.policyDir });
  const codec = payloadCodecFor(config);
  const client = await connectClient(temporalAddress(config), config.temporal.namespace, {
    dataConverter: dataConverterWith(codec),
    auth: config.temporalAuth,
    warn: (m, e) => log.warn(m, errorFields(e)),
  });
  return { config, log, policies, codec, client };
}

export interface RunningApi {
  url: string;
  /** Where /metrics is served on loopback, when no metrics token is configured. */
  metricsUrl?: string;
  close(): Promise<void>;
}

export async function startApi(options: {
  config: Pick<
    Config,
    | 'port'
    | 'host'
    | 'temporal'
    | 'dataDir'
    | 'auth'
    | 'logLevel'
    | 'rateLimitPerMinute'
    | 'metricsToken'
    | 'oidcClient'
    | 'codecCorsOrigins'
    | 'api'
  >;
  client: Client;
  /** The clients' codec, which the codec endpoint serves to the Temporal Web UI. */
  codec: AesGcmPayloadCodec;
  policies: PolicyRegistry;
  log: Logger;
}): Promise<RunningApi> {
  const { config, client, codec, policies, log } = options;
  await assertPortFree(config.port, config.host, 'the API');
  const services = await assembleServices({
    client,
    taskQueue: config.temporal.taskQueue,
    policies,
    dataDir: config.dataDir,
    auth: config.auth,
    log: (message, err) => log.error(message, errorFields(err)),
    requestLog: pino({ level: config.logLevel, base: { component: 'api' } }),
    rateLimitPerMinute: config.rateLimitPerMinute,
    metricsToken: config.metricsToken,
    oidcClient: config.oidcClient,
    codec,
    codecCorsOrigins: config.codecCorsOrigins,
    api: config.api,
  });
  const { server, port } = await listen(createApp(services), config.port, config.host);
  // Without a metrics token, the counts are served only where this machine alone reaches them.
  const metrics = config.metricsToken
    ? undefined
    : await listen(metricsOnlyApp(services.metrics), config.api.metricsPort, '127.0.0.1').catch(
        (err: unknown) => {
          log.warn('the loopback metrics port is taken: metrics are not served', errorFields(err));
          return undefined;
        },
      );
  return {
    url: `http://${config.host}:${port}`,
    ...(metrics && { metricsUrl: `http://127.0.0.1:${metrics.port}/metrics` }),
    close: async () => {
      await Promise.all([closed(server), metrics && closed(metrics.server)]);
    },
  };
}

async function listen(
  app: Express,
  port: number,
  host: string,
): Promise<{ server: http.Server; port: number }> {
  const server = await new Promise<http.Server>((resolve, reject) => {
    const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : port };
}

const closed = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

export interface RunningWorker {
  worker: Worker;
  /** Settles when the worker has stopped; rejects if it failed. */
  done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The case worker as deployed: its audit schedules brought in line with the packs (one per
 * partnership, 003), then the worker polling. Used by `npm start` and the worker entry point.
 */
export async function startCaseWorker(options: {
  connection: NativeConnection;
  client: Client;
  codec: AesGcmPayloadCodec;
  config: Pick<Config, 'temporal' | 'dataDir' | 'worker' | 'channels'>;
  policies: PolicyRegistry;
  /** Where notices go; by default the channels the config and the packs name. */
  notifier?: Notifier;
  /** Prebuilt workflows; by default bundled aside in a child process. */
  workflowBundle?: WorkflowBundleOption;
  /** Whether to bring the audit schedules in line with the packs (default true). */
  auditSchedules?: boolean;
}): Promise<RunningWorker> {
  const { connection, client, codec, config, policies } = options;
  if (options.auditSchedules !== false)
    await ensureAuditSchedules(client, policies, config.temporal.taskQueue);
  return runWorker(
    await createCaseWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      services: {
        policies,
        client,
        notifier:
          options.notifier ??
          createNotifier({ dataDir: config.dataDir, channels: config.channels, policies }),
      },
      maxCachedWorkflows: config.worker.maxCachedWorkflows,
      dataConverter: dataConverterWith(codec),
      workflowBundle: options.workflowBundle ?? { code: await bundleWorkflowsAside() },
    }),
  );
}

export interface RunningStack {
  /** The dev server this stack started; absent when `config.temporal.address` named a server. */
  devServer?: DevServer;
  address: string;
  client: Client;
  worker: RunningWorker;
  api: RunningApi;
  /** Stops the API, then the worker, then the server: what is still running is never left half. */
  stop(): Promise<void>;
}

export interface StackOptions {
  config: Config;
  policies: PolicyRegistry;
  codec: AesGcmPayloadCodec;
  log: Logger;
  /** How to run the dev server when the config names no Temporal address. */
  devServer?: { cliPath: string; uiCodecEndpoint?: string };
  /** What the worker delivers notices through, and its prebuilt workflows (tests set both). */
  worker?: { notifier?: Notifier; workflowBundle?: WorkflowBundleOption; auditSchedules?: boolean };
  warn?: (message: string, err?: unknown) => void;
  /**
   * Told of each part's stop as the part starts, for a caller that stops the parts itself
   * (on a signal while the rest are still starting); the caller then owns stopping them.
   */
  track?: (stop: () => Promise<void>) => void;
}

/**
 * The whole product, as `npm start`, the integration tests and the benchmarks run it: the
 * dev server (unless the config names one), the worker, then the API. A part that fails to
 * start stops the parts already running.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { config, policies, codec, log } = options;
  const stops: (() => Promise<void>)[] = [];
  const started = (stop: () => Promise<void>) => {
    stops.push(stop);
    options.track?.(stop);
  };
  const stopAll = async () => {
    for (const stop of stops.reverse())
      await stop().catch((err) => options.warn?.('a part did not stop cleanly', err));
  };
  try {
    let devServer: DevServer | undefined;
    if (!config.temporal.address) {
      if (!options.devServer) throw new Error('no Temporal address, and no dev server to start');
      devServer = await startDevServer({
        cliPath: options.devServer.cliPath,
        dataDir: config.dataDir,
        port: config.temporal.devServerPort,
        uiPort: config.temporal.uiPort,
        namespace: config.temporal.namespace,
        ...(options.devServer.uiCodecEndpoint && { uiCodecEndpoint: options.devServer.uiCodecEndpoint }),
      });
      started(devServer.stop);
    }
    const address = devServer?.address ?? temporalAddress(config);
    const client = await connectClient(address, config.temporal.namespace, {
      dataConverter: dataConverterWith(codec),
      auth: config.temporalAuth,
      ...(options.warn && { warn: options.warn }),
    });
    started(() => client.connection.close());
    const connection = await connectWorkerConnection(address, config.temporalAuth);
    started(() => connection.close());
    const worker = await startCaseWorker({ connection, client, codec, config, policies, ...options.worker });
    started(worker.stop);
    const codecCorsOrigins = devServer
      ? [...config.codecCorsOrigins, devServer.uiUrl, devServer.uiUrl.replace('127.0.0.1', 'localhost')]
      : config.codecCorsOrigins;
    const api = await startApi({ config: { ...config, codecCorsOrigins }, client, codec, policies, log });
    started(api.close);
    return { ...(devServer && { devServer }), address, client, worker, api, stop: stopAll };
  } catch (err) {
    if (!options.track) await stopAll();
    throw err;
  }
}

export function runWorker(worker: Worker): RunningWorker {
  const done = worker.run();
  return {
    worker,
    done,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
