/**
 * Registers the case search attributes on a namespace that lacks them: a dev server whose
 * SQLite file predates one of them, or the time-skipping test server, which starts with none.
 */
import type { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { allSearchAttributes } from './searchAttributes';

const GRPC_UNIMPLEMENTED = 12;

const indexedValueType: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.KEYWORD]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.DATETIME]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  [SearchAttributeType.BOOL]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
};

/** Adds whichever case search attributes the namespace lacks; returns their names. */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const known = await registeredNames(connection, namespace);
  const missing = allSearchAttributes.filter((k) => !known.has(k.name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((k) => [k.name, indexedValueType[k.type]!])),
  });
  return missing.map((k) => k.name);
}

/** The names registered on the namespace; none for a server that cannot list them. */
async function registeredNames(connection: Connection, namespace: string): Promise<Set<string>> {
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    return new Set([
      ...Object.keys(existing.customAttributes ?? {}),
      ...Object.keys(existing.systemAttributes ?? {}),
    ]);
  } catch (err) {
    // The time-skipping test server can add search attributes but cannot list them.
    if ((err as { code?: number }).code === GRPC_UNIMPLEMENTED) return new Set();
    throw err;
  }
}
