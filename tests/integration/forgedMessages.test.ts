/**
 * Messages sent around the API, straight to Temporal with the `temporal` CLI as anyone who
 * reaches the dev server could: an Update, Signals and a start with plain JSON input (and one
 * dressed up as a search attribute's value). The worker refuses each (payloads it cannot
 * decrypt are never decoded into a decision) and the case carries on: no workflow task fails,
 * a real decision through the API still works, and its clocks are still set. The worker keeps
 * no case in memory, so every workflow task replays the whole history, forged signals and all,
 * as after a restart.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { londonDate } from '../../src/calendar/london';
import { bearer } from '../helpers/auth';
import { type TestStack, startTestStack } from '../helpers/stack';
import { caseIdFor } from '../../src/ids';
import { Client } from '@temporalio/client';
import { caseDecisions } from '../../src/case/decisions';
import { caseViewQuery } from '../../src/case/messages';
import { WorkflowGateway } from '../../src/client/workflowGateway';
import { dataConverterWith } from '../../src/temporal/dataConverter';
import { AesGcmPayloadCodec, newPayloadKeySpec, parsePayloadKeys } from '../../src/temporal/payloadCodec';
import { testPayloadKeys } from '../helpers/temporal';

const run = promisify(execFile);
let stack: TestStack;
let asLead: Record<string, string>;

beforeAll(async () => {
  stack = await startTestStack({ maxCachedWorkflows: 0 });
  asLead = await bearer(stack.dataDir, 'safeguarding-lead', { partnerships: ['dudley'], userId: 'lead-1' });
});
afterAll(async () => {
  await stack?.stop();
});

/** The `temporal` CLI against the stack's dev server; resolves with its exit code and output. */
async function temporal(...args: string[]): Promise<{ code: number; out: string }> {
  const cli = inject('temporalCli');
  try {
    const { stdout, stderr } = await run(cli, [...args, '--address', stack.devServer.address], {
      timeout: 60_000,
    });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

interface HistoryEvent {
  eventType: string;
}
async function history(workflowId: string): Promise<string[]> {
  const { code, out } = await temporal('workflow', 'show', '--workflow-id', workflowId, '--output', 'json');
  expect(code, out).toBe(0);
  return ((JSON.parse(out) as { events: HistoryEvent[] }).events ?? []).map((e) => e.eventType);
}

interface CaseView {
  stage: string;
  deadlines: { key: string; dueDate: string; state: string; changes: unknown[] }[];
  timeline: { type: string; actor?: { userId?: string } }[];
}
async function view(id: string): Promise<CaseView> {
  const res = await fetch(`${stack.api.url}/api/cases/${id}`, { headers: asLead });
  expect(res.status).toBe(200);
  return (await res.json()) as CaseView;
}
async function post(path: string, body: unknown) {
  return fetch(`${stack.api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...asLead },
    body: JSON.stringify(body),
  });
}

describe('a message sent around the API', () => {
  it('is refused without breaking the case: a real decision still works and its clocks still run', async () => {
    const today = londonDate(new Date());
    const id = caseIdFor('dudley', 'FORGE-1');
    const started = await post('/api/cases', {
      partnership: 'dudley',
      reference: 'FORGE-1',
      awareAt: today,
      abuseOrNeglectSuspected: true,
      childDied: false,
      seriouslyHarmed: true,
    });
    expect(started.status, await started.clone().text()).toBe(201);
    await expect.poll(async () => (await view(id)).deadlines.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const before = await view(id);
    const mallory = { userId: 'mallory', role: 'business-manager' };

    // An Update with plain JSON input: rejected before it is accepted, naming why.
    const update = await temporal(
      'workflow',
      'update',
      'execute',
      '--workflow-id',
      id,
      '--name',
      'recordNotificationDecision',
      '--input',
      JSON.stringify({ outcome: 'notified', notifiedOn: today, actor: mallory }),
    );
    expect(update.code, update.out).not.toBe(0);
    expect(update.out).toMatch(/refused: payload is not encrypted/);

    // Signals: plain JSON, none at all, and plain JSON labelled as a search attribute's value.
    const signals: string[][] = [
      ['--input', JSON.stringify({ reason: 'forged', actor: mallory })],
      [],
      ['--input', '"forged"', '--input-meta', 'type=Keyword'],
    ];
    for (const input of signals) {
      const signal = await temporal(
        'workflow',
        'signal',
        '--workflow-id',
        id,
        '--name',
        'replanDeadlines',
        ...input,
      );
      expect(signal.code, signal.out).toBe(0); // the server takes it; the worker ignores it
    }
    // Each signal's workflow task, replaying the whole history, completed.
    await expect
      .poll(async () => (await history(id)).at(-1), { timeout: 30_000 })
      .toMatch(/WORKFLOW_TASK_COMPLETED$/);

    const afterForgery = await view(id);
    expect(afterForgery.stage).toBe(before.stage);
    expect(afterForgery.deadlines).toEqual(before.deadlines);
    expect(afterForgery.timeline).toEqual(before.timeline);
    expect(JSON.stringify(afterForgery)).not.toContain('mallory');

    // A real decision, through the API, on the same history.
    const decided = await post(`/api/cases/${id}/notification-decision`, {
      outcome: 'notified',
      notifiedOn: today,
    });
    expect(decided.status, await decided.clone().text()).toBe(200);
    const after = await view(id);
    expect(after.stage).toBe('rapid-review');
    expect(after.deadlines.find((d) => d.key === 'rapidReview')).toMatchObject({ state: 'pending' });

    const events = await history(id);
    expect(events.filter((t) => t.endsWith('WORKFLOW_EXECUTION_SIGNALED'))).toHaveLength(3);
    expect(events.filter((t) => t.endsWith('WORKFLOW_EXECUTION_UPDATE_ACCEPTED'))).toHaveLength(1); // the real one
    expect(events.some((t) => t.endsWith('WORKFLOW_TASK_FAILED'))).toBe(false);
    // Its clocks: the rapid review's timer is set after the forged signals, and is still to fire.
    const lastSignal =
      events.length - 1 - [...events].reverse().findIndex((t) => t.endsWith('EXECUTION_SIGNALED'));
    expect(events.slice(lastSignal).some((t) => t.endsWith('TIMER_STARTED'))).toBe(true);
    const described = await temporal('workflow', 'describe', '--workflow-id', id, '--output', 'json');
    const execution = JSON.parse(described.out) as {
      workflowExecutionInfo: { status: string };
      pendingWorkflowTask?: { attempt?: number };
    };
    expect(execution.workflowExecutionInfo.status).toMatch(/RUNNING/);
    expect(execution.pendingWorkflowTask?.attempt ?? 1).toBe(1);
  });

  it('cannot start a case: a start with plain JSON input fails at once, its notices unsent', async () => {
    const id = 'case-dudley-FORGE-2';
    const start = await temporal(
      'workflow',
      'start',
      '--type',
      'caseWorkflow',
      '--task-queue',
      stack.taskQueue,
      '--workflow-id',
      id,
      '--input',
      JSON.stringify({ caseId: id, partnership: 'dudley', reference: 'FORGE-2' }),
    );
    expect(start.code, start.out).toBe(0);
    await expect
      .poll(
        async () => {
          const described = await temporal('workflow', 'describe', '--workflow-id', id, '--output', 'json');
          return (JSON.parse(described.out) as { workflowExecutionInfo: { status: string } })
            .workflowExecutionInfo.status;
        },
        { timeout: 30_000 },
      )
      .toMatch(/FAILED/);
    const result = await temporal('workflow', 'result', '--workflow-id', id);
    expect(result.out).toMatch(/workflow start refused: payload is not encrypted/);
    const events = await history(id);
    expect(events.some((t) => t.endsWith('ACTIVITY_TASK_SCHEDULED'))).toBe(false);
    expect(events.some((t) => t.endsWith('WORKFLOW_TASK_FAILED'))).toBe(false);
  });
});

describe('a decision sealed with a key the worker does not hold yet', () => {
  it('is answered as unavailable, not refused and not taken: a rotation out of step loses nothing', async () => {
    const today = londonDate(new Date());
    const id = caseIdFor('dudley', 'ROTATE-1');
    expect((await post('/api/cases', { ...incidentBody('ROTATE-1'), awareAt: today })).status).toBe(201);
    await expect.poll(async () => (await view(id)).deadlines.length, { timeout: 30_000 }).toBeGreaterThan(0);
    // An API a rotation's second step reached before the worker: the new key first, the old after.
    const ahead = new Client({
      connection: stack.client.connection,
      dataConverter: dataConverterWith(
        new AesGcmPayloadCodec(parsePayloadKeys(`${newPayloadKeySpec('next')},${testPayloadKeys}`)),
      ),
    });
    const gateway = new WorkflowGateway(ahead, stack.taskQueue, {
      callTimeoutMs: 10_000,
      decisionWaitMs: 10_000,
      pageTokenKey: 'test',
    });
    const decision = caseDecisions.notificationDecision;
    const arg = await decision.argument({ outcome: 'notified', notifiedOn: today }, lead, {
      pack: () => Promise.reject(new Error('not needed')),
    });
    await expect(
      gateway.send(id, decision.update, arg, `no case ${id}`, caseViewQuery),
    ).rejects.toMatchObject({ kind: 'unavailable', detail: expect.stringMatching(/different payload keys/) });
    expect((await view(id)).stage).toBe('notification');
    // The same decision through the API, whose keys the worker holds, is taken.
    const decided = await post(`/api/cases/${id}/notification-decision`, {
      outcome: 'notified',
      notifiedOn: today,
    });
    expect(decided.status).toBe(200);
  });
});

const lead = { userId: 'lead-1', role: 'safeguarding-lead' as const };
const incidentBody = (reference: string) => ({
  partnership: 'dudley',
  reference,
  abuseOrNeglectSuspected: true,
  childDied: false,
  seriouslyHarmed: true,
});
