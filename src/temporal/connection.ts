import fs from 'node:fs';
import {
  Client,
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  type ConnectionLike,
} from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { NativeConnection } from '@temporalio/worker';
import type { TemporalAuth } from '../config';
import { ensureSearchAttributes } from './searchAttributesAdmin';

/**
 * The bearer token to present to Temporal, or undefined where the server asks for none (the
 * dev server). A token file is read again when it changes (looked at every few seconds), so
 * a token replaced before it expires is used from then on without a restart.
 */
export function apiKeySource(
  auth: Partial<TemporalAuth> = {},
  recheckMs = 5_000,
): (() => string) | undefined {
  const { apiKey, apiKeyFile } = auth;
  if (apiKey) return () => apiKey;
  if (!apiKeyFile) return undefined;
  let seen: { checkedAt: number; mtimeMs: number; key: string } | undefined;
  return () => {
    const now = Date.now();
    if (seen && now - seen.checkedAt < recheckMs) return seen.key;
    const { mtimeMs } = fs.statSync(apiKeyFile);
    seen =
      seen && seen.mtimeMs === mtimeMs
        ? { ...seen, checkedAt: now }
        : { checkedAt: now, mtimeMs, key: fs.readFileSync(apiKeyFile, 'utf8').trim() };
    return seen.key;
  };
}

/** TLS only when asked for: the SDK would otherwise turn it on for any connection with a key. */
const tlsFor = (auth: Partial<TemporalAuth>) => (auth.tls ? {} : false);

/**
 * A server that refuses connections is given up on within about a second: the SDK's default
 * (ten attempts) keeps retrying it for the whole of a call's deadline, so every request to
 * an API whose Temporal is down would wait the deadline out before its 503.
 */
const RETRY_BRIEFLY = [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 4 }))];

/** Retries until the server answers or `timeoutMs` passes: the server may still be starting. */
export async function waitForConnection(
  address: string,
  timeoutMs = 60_000,
  auth: Partial<TemporalAuth> = {},
): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  const apiKey = apiKeySource(auth);
  for (;;) {
    try {
      const connection = await Connection.connect({
        address,
        connectTimeout: 2_000,
        interceptors: RETRY_BRIEFLY,
        tls: tlsFor(auth),
        ...(apiKey && { apiKey }),
      });
      await connection.workflowService.getSystemInfo({});
      return connection;
    } catch (err) {
      if (Date.now() > deadline)
        throw new Error(`Temporal at ${address} did not answer within ${timeoutMs / 1000}s`, { cause: err });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/**
 * A client for the API. It also registers any case search attribute the namespace lacks:
 * a server named by TEMPORAL_ADDRESS was not started by us with them. Where the operator
 * API is not allowed (a managed namespace, or a token without admin rights), the attributes
 * must be registered by an admin.
 */
export async function connectClient(
  address: string,
  namespace: string,
  options: {
    /** Every payload goes through it: without the deployment's codec, payloads are unreadable. */
    dataConverter: DataConverter;
    /** The service's credentials, where the server checks them. */
    auth?: Partial<TemporalAuth>;
    warn?: (message: string, err: unknown) => void;
    timeoutMs?: number;
  },
): Promise<Client> {
  const { dataConverter, warn = () => undefined, timeoutMs, auth } = options;
  const connection = await waitForConnection(address, timeoutMs, auth);
  await ensureSearchAttributes(connection, namespace).catch((err) =>
    warn(
      'could not register the case search attributes; register them with `temporal operator search-attribute create`',
      err,
    ),
  );
  return new Client({ connection, namespace, dataConverter });
}

/** The worker's connection; a token from a file is passed on to it when the file changes. */
export async function connectWorkerConnection(
  address: string,
  auth: Partial<TemporalAuth> = {},
): Promise<NativeConnection> {
  await (await waitForConnection(address, undefined, auth)).close();
  const apiKey = apiKeySource(auth);
  const connection = await NativeConnection.connect({
    address,
    tls: tlsFor(auth),
    ...(apiKey && { apiKey: apiKey() }),
  });
  if (apiKey && auth.apiKeyFile) {
    let current = apiKey();
    const timer = setInterval(() => {
      const next = apiKey();
      if (next !== current)
        connection.setApiKey(next).then(
          () => (current = next),
          () => undefined,
        );
    }, 5_000);
    timer.unref();
    const close = connection.close.bind(connection);
    connection.close = () => {
      clearInterval(timer);
      return close();
    };
  }
  return connection;
}

/** A readiness probe: resolves only if the server answers within `timeoutMs`. */
export function temporalProbe(connection: ConnectionLike, timeoutMs = 2_000): () => Promise<void> {
  return async () => {
    await connection.withDeadline(Date.now() + timeoutMs, () => connection.workflowService.getSystemInfo({}));
  };
}

/**
 * A readiness probe for the workers: resolves only if a worker has polled the task queue for
 * workflow tasks lately. A long poll lasts about a minute, so an idle worker polls within that.
 */
export function workerProbe(
  client: Client,
  taskQueue: string,
  options: { timeoutMs?: number; pollAgeMs?: number; now?: () => number } = {},
): () => Promise<void> {
  const { timeoutMs = 2_000, pollAgeMs = 90_000, now = Date.now } = options;
  return async () => {
    const answer = await client.connection.withDeadline(now() + timeoutMs, () =>
      client.workflowService.describeTaskQueue({
        namespace: client.options.namespace,
        taskQueue: { name: taskQueue },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      }),
    );
    const polled = (answer.pollers ?? []).map((p) => Number(p.lastAccessTime?.seconds ?? 0) * 1000);
    if (!polled.some((at) => now() - at <= pollAgeMs))
      throw new Error(`no worker has polled ${taskQueue} lately`);
  };
}
