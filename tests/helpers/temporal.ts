/** Real Temporal servers for tests: the time-skipping test server and the dev server. */
import { createHash } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { inject } from 'vitest';
import { ensureSearchAttributes } from '../../src/temporal/searchAttributesAdmin';
import { allSearchAttributes } from '../../src/temporal/searchAttributes';
import { workflowInterceptorModules, workflowsPath } from '../../src/main/caseWorker';
import { dataConverterWith } from '../../src/temporal/dataConverter';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../../src/temporal/payloadCodec';

/**
 * Tests encrypt payloads as production does. The key is fixed so that saved histories stay
 * replayable; it protects nothing (the data are made up).
 */
export const testPayloadKeys = `test-1:${createHash('sha256').update('case-review tests, key 1').digest('base64')}`;
export const testCodec = new AesGcmPayloadCodec(parsePayloadKeys(testPayloadKeys));
export const testDataConverter = dataConverterWith(testCodec);

export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('testServer') } },
    client: { dataConverter: testDataConverter },
  });
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

export async function devServerEnvironment(
  options: { dbFilename?: string } = {},
): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    client: { dataConverter: testDataConverter },
    server: {
      executable: { type: 'existing-path', path: inject('temporalCli') },
      ip: '127.0.0.1',
      searchAttributes: [...allSearchAttributes],
      ...(options.dbFilename && { dbFilename: options.dbFilename }),
    },
  });
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** The workflow bundle, built once per test file instead of once per worker. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath, workflowInterceptorModules, logger: quietLogger });
  return bundle;
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
