import { Client, Connection, type ConnectionLike } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
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
