/**
 * The National Panel publishes no response time, so the case chases after the pack's
 * interval (SPEC lifecycle step 4). In a file of its own: it sleeps the server's clock
 * through two weeks.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as messages from '../../workflows/messages';
import { caseWorker, noticesFor, terminateStartedCases } from '../helpers/cases';
import { caseDriver } from '../helpers/driver';
import { timeSkippingEnvironment } from '../helpers/temporal';

const MINUTE = 60_000;
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let d: ReturnType<typeof caseDriver>;

beforeAll(async () => {
  env = await timeSkippingEnvironment();
  const created = await caseWorker(env);
  worker = created.worker;
  d = caseDriver(env, created.taskQueue);
  running = worker.run();
});
afterEach(terminateStartedCases);
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

describe("the National Panel's response", () => {
  it("is chased when it has not arrived within the pack's interval", async () => {
    const { handle } = await d.durhamAtPanel('local-cspr');
    const chase = d.deadline(await handle.query(messages.caseViewQuery), 'panelResponse');
    expect(chase.reminders).toEqual([]);
    await d.sleepUntil(chase.dueAt, MINUTE);
    const notices = await noticesFor((await handle.query(messages.caseViewQuery)).caseId);
    expect(notices.at(-1)).toEqual(['panel-chase', ['business-manager']]);
    const received = await d.panel(handle, await d.today(), 'agrees');
    expect(d.deadline(received, 'panelResponse').state).toBe('met-late');
  });
});
