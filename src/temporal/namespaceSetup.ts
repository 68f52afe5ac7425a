/**
 * The one-time setup of a Temporal server for the cases, as an operator: the namespace and
 * the case search attributes, then a probe that they are in force. It needs an admin's token
 * where the server checks callers (`temporal-system:admin`, or `<namespace>:admin`): the
 * worker's and the API's own tokens may not administer. Run by scripts/production-local.ts
 * and, in docker-compose.yml, as the one-shot `temporal-setup` service:
 *
 * usage: TEMPORAL_ADDRESS=host:port TEMPORAL_API_KEY_FILE=admin.jwt npx tsx src/temporal/namespaceSetup.ts
 */
import { randomBytes } from 'node:crypto';
import { Client, type Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { ConfigError, type TemporalAuth, loadConfig, temporalAddress } from '../config';
import { waitForConnection } from './connection';
import { allSearchAttributes } from './searchAttributes';
import { ensureSearchAttributes } from './searchAttributesAdmin';

export async function setUpNamespace(
  address: string,
  auth: Partial<TemporalAuth>,
  namespace = 'default',
): Promise<void> {
  await createNamespace(address, auth, namespace);
  await searchAttributesInForce(address, auth, namespace);
}

/**
 * The full server, unlike the dev server, starts with no namespace. Cases are kept a year
 * after they close: the audit and the annual report read them. Retried while the server's
 * services are still joining.
 */
const GRPC_ALREADY_EXISTS = 6;

async function createNamespace(
  address: string,
  auth: Partial<TemporalAuth>,
  namespace: string,
): Promise<void> {
  const connection: Connection = await waitForConnection(address, 60_000, auth);
  try {
    await waitFor(
      () =>
        connection.workflowService
          .registerNamespace({
            namespace,
            workflowExecutionRetentionPeriod: msToTs('365 days'),
          })
          .then(
            () => true,
            (err: { code?: number }) => {
              if (err.code === GRPC_ALREADY_EXISTS) return true;
              throw err;
            },
          ),
      60_000,
      'the namespace to be created',
    );
  } finally {
    await connection.close();
  }
}

/**
 * Registers the case search attributes and waits until the server accepts them: the full
 * server validates against a namespace cache refreshed every few seconds, so for a while after
 * first boot a case start would be refused. A probe start (terminated at once) tells us.
 */
async function searchAttributesInForce(
  address: string,
  auth: Partial<TemporalAuth>,
  namespace: string,
): Promise<void> {
  const connection = await waitForConnection(address, 60_000, auth);
  try {
    await ensureSearchAttributes(connection, namespace);
    const client = new Client({ connection, namespace });
    await waitFor(
      async () => {
        const probe = await client.workflow.start('searchAttributesProbe', {
          taskQueue: 'search-attributes-probe',
          workflowId: `search-attributes-probe-${randomBytes(4).toString('hex')}`,
          typedSearchAttributes: allSearchAttributes.map((key) => ({
            key,
            value: probeValue(key.type),
          })) as never,
        });
        await probe.terminate('a probe');
        return true;
      },
      60_000,
      'the case search attributes to be in force',
    );
  } finally {
    await connection.close();
  }
}

function probeValue(type: string): unknown {
  return type === 'DATETIME' ? new Date() : type === 'BOOL' ? false : 'probe';
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

if (require.main === module) {
  (async () => {
    const config = loadConfig();
    if (!config.temporal.address) throw new ConfigError(['TEMPORAL_ADDRESS: required: the server to set up']);
    await setUpNamespace(temporalAddress(config), config.temporalAuth, config.temporal.namespace);
    process.stdout.write(`namespace ${config.temporal.namespace} is ready for cases\n`);
  })().catch((err: unknown) => {
    process.stderr.write(`temporal-setup: ${(err as Error).message}\n`);
    process.exit(err instanceof ConfigError ? 2 : 1);
  });
}
