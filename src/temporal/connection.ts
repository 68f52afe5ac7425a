import { Client, Connection, type ConnectionLike } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { NativeConnection } from '@temporalio/worker';
import { ensureSearchAttributes } from './searchAttributesAdmin';

/** Retries until the server answers or `timeoutMs` passes: the server may still be starting. */
export async function waitForConnection(address: string, timeoutMs = 60_000): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
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
 * API is not allowed (a managed namespace), the attributes must be registered by an admin.
 */
export async function connectClient(
  address: string,
  namespace: string,
  options: {
    /** Every payload goes through it: without the deployment's codec, payloads are unreadable. */
    dataConverter: DataConverter;
    warn?: (message: string, err: unknown) => void;
    timeoutMs?: number;
  },
): Promise<Client> {
  const { dataConverter, warn = () => undefined, timeoutMs } = options;
  const connection = await waitForConnection(address, timeoutMs);
  await ensureSearchAttributes(connection, namespace).catch((err) =>
    warn(
      'could not register the case search attributes; register them with `temporal operator search-attribute create`',
      err,
    ),
  );
  return new Client({ connection, namespace, dataConverter });
}

export async function connectWorkerConnection(address: string): Promise<NativeConnection> {
  await (await waitForConnection(address)).close();
  return NativeConnection.connect({ address });
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
