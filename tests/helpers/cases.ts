/** Building blocks for case tests: inputs, a worker on a test environment, expected dates. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { TestContext } from 'vitest';
import { computeDueDate, type DeadlineRule, type DueDate } from '../../src/calendar';
import { casePolicyFrom } from '../../src/case/casePolicy';
import type { Actor, CaseInput } from '../../src/case/types';
import { localReviewPolicyFrom } from '../../src/localReview/localReviewPolicy';
import type { LocalReviewInput } from '../../src/localReview/types';
import { OutboxNotifier } from '../../src/notify/outbox';
import type { Notifier } from '../../src/notify/types';
import { loadPolicies, PolicyRegistry } from '../../src/policy/registry';
import type { PolicyPack } from '../../src/policy/schema';
import { createCaseWorker } from '../../src/main/caseWorker';
import { caseWorkflow } from '../../workflows/case/workflow';
import type { localReviewWorkflow } from '../../workflows/localReview/workflow';
import { WorkflowTypes } from '../../src/temporal/workflowTypes';
import { complaintPolicyFrom } from '../../src/complaint/complaintPolicy';
import type { ComplaintInput } from '../../src/complaint/types';
import { meetingPolicyFrom } from '../../src/meeting/meetingPolicy';
import type { MeetingInput } from '../../src/meeting/types';
import { recordingHistories, saveHistories } from './histories';
import { testDataConverter, workflowBundle } from './temporal';
import { caseIdFor, localReviewIdFor } from '../../src/ids';
import { complaintIdFor } from '../../src/client/complaintService';
import { meetingIdFor } from '../../src/client/meetingService';

export const policies = loadPolicies();

/** The same packs, with one partnership's changed: a calendar change, another delivery route. */
export function policiesWith(id: string, change: (pack: PolicyPack) => PolicyPack): PolicyRegistry {
  const packs = new Map<string, PolicyPack>(policies.ids.map((p) => [p, policies.get(p)]));
  packs.set(id, change(policies.get(id)));
  return new PolicyRegistry(packs, policies.holidays);
}

/** The outbox every test worker delivers to: real files, read back by the tests. */
export const outbox = new OutboxNotifier(fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-')));

export const lead: Actor = { userId: 'lead-1', role: 'safeguarding-lead' };

export function caseInput(overrides: Partial<Omit<CaseInput, 'policy'>> = {}): CaseInput {
  const reference = overrides.reference ?? `T-${randomUUID().slice(0, 8)}`;
  const partnership = overrides.partnership ?? 'durham';
  return {
    caseId: caseIdFor(partnership, reference),
    partnership,
    policy: casePolicyFrom(
      policies.get(partnership),
      policies.versions(partnership).policyVersion,
      overrides.caseType,
      (overrides.abuseOrNeglectSuspected ?? true) &&
        ((overrides.childDied ?? false) || (overrides.seriouslyHarmed ?? true)),
    ),
    reference,
    awareAt: '2026-11-02',
    abuseOrNeglectSuspected: true,
    childDied: false,
    seriouslyHarmed: true,
    ...overrides,
  };
}

/** A case worker on its own task queue, or on `taskQueue` to take over from another worker. */
export async function caseWorker(
  env: TestWorkflowEnvironment,
  options: {
    policies?: PolicyRegistry;
    taskQueue?: string;
    maxCachedWorkflows?: number;
    /** Delivery by real channels; by default the shared outbox alone. */
    notifier?: Notifier;
  } = {},
): Promise<{ worker: Worker; taskQueue: string }> {
  const taskQueue = options.taskQueue ?? `cases-${randomUUID()}`;
  const worker = await createCaseWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    services: {
      policies: options.policies ?? policies,
      notifier: options.notifier ?? outbox,
      client: env.client,
    },
    ...(options.maxCachedWorkflows !== undefined && { maxCachedWorkflows: options.maxCachedWorkflows }),
    workflowBundle: await workflowBundle(),
    dataConverter: testDataConverter,
  });
  return { worker, taskQueue };
}

/** What the calendar says a deadline should be, for comparison with what the workflow holds. */
export function expectedDue(partnership: string, basisDate: string, rule: DeadlineRule): DueDate {
  return computeDueDate(policies.calendar(partnership), basisDate, rule);
}

const started: WorkflowHandle[] = [];

/** Remembers a workflow started some other way (by a service), to clean up and record it like the rest. */
export function track<H extends WorkflowHandle>(handle: H): H {
  started.push(handle);
  return handle;
}

/** Starts any workflow and remembers it, so `terminateStartedCases` can clean up after a test. */
export async function startTracked<I, W extends (input: I) => Promise<unknown>>(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  /** The workflow, or its type name where it is registered under another name than its function's. */
  workflow: W | string,
  workflowId: string,
  input: I,
): Promise<WorkflowHandle<W>> {
  const handle = await env.client.workflow.start<(input: I) => Promise<unknown>>(
    workflow as string | ((input: I) => Promise<unknown>),
    { taskQueue, workflowId, args: [input] },
  );
  started.push(handle);
  return handle as WorkflowHandle<W>;
}

export const startCase = (env: TestWorkflowEnvironment, taskQueue: string, input: CaseInput) =>
  startTracked(env, taskQueue, caseWorkflow, input.caseId, input);

export function csprInput(overrides: Partial<LocalReviewInput> = {}): LocalReviewInput {
  const reference = overrides.reference ?? `R-${randomUUID().slice(0, 8)}`;
  const partnership = overrides.partnership ?? 'durham';
  const caseId = caseIdFor(partnership, reference);
  return {
    reviewId: localReviewIdFor(caseId),
    caseId,
    partnership,
    reference,
    decidedOn: '2026-11-02',
    policy: localReviewPolicyFrom(policies.get(partnership), policies.versions(partnership).policyVersion),
    ...overrides,
  };
}

/**
 * A review's settings as reviews started before the pack's local rules were kept had them:
 * they run by what the product then did for every partnership (an independent reviewer, one
 * further draft, a communication strategy first, the What Works Centre told).
 */
export function reviewPolicyFromBefore(partnership: string): LocalReviewInput['policy'] {
  const { policyVersion, completionMonths, basis, publicationNoticeWorkingDays, onlineMonths } =
    localReviewPolicyFrom(policies.get(partnership), policies.versions(partnership).policyVersion);
  return { policyVersion, completionMonths, basis, publicationNoticeWorkingDays, onlineMonths };
}

/** Starts a local review on its own, without a case: the review's paths, tested directly. */
export const startReview = (env: TestWorkflowEnvironment, taskQueue: string, input: LocalReviewInput) =>
  startTracked<LocalReviewInput, typeof localReviewWorkflow>(
    env,
    taskQueue,
    WorkflowTypes.localReview,
    input.reviewId,
    input,
  );

export function complaintInput(overrides: Partial<ComplaintInput> = {}): ComplaintInput {
  const reference = overrides.reference ?? `C-${randomUUID().slice(0, 8)}`;
  const partnership = overrides.partnership ?? 'derby-derbyshire';
  return {
    complaintId: complaintIdFor(partnership, reference),
    partnership,
    reference,
    receivedOn: '2026-11-02',
    policy: complaintPolicyFrom(policies.get(partnership), policies.versions(partnership).policyVersion),
    ...overrides,
  };
}

export function meetingInput(overrides: Partial<MeetingInput> = {}): MeetingInput {
  const reference = overrides.reference ?? `M-${randomUUID().slice(0, 8)}`;
  const partnership = overrides.partnership ?? 'derby-derbyshire';
  return {
    meetingId: meetingIdFor(partnership, reference),
    partnership,
    reference,
    kind: 'executive',
    title: 'Executive Board',
    meetingDate: '2027-01-12',
    policy: meetingPolicyFrom(policies.get(partnership), policies.versions(partnership).policyVersion),
    ...overrides,
  };
}

/**
 * A case left running without a worker holds back the time-skipping server's clock for
 * every later test, so each test's cases end with it, passed or failed. Used as `afterEach`,
 * it first saves their histories when recording fixtures for the replay test.
 */
export async function terminateStartedCases(context?: TestContext): Promise<void> {
  const handles = started.splice(0);
  if (context && recordingHistories() && context.task.result?.state !== 'fail') {
    await saveHistories(handles, { file: context.task.file.filepath, name: context.task.fullTestName });
  }
  await Promise.all(handles.map((h) => h.terminate('test finished').catch(() => undefined)));
}

export const manager: Actor = { userId: 'bm-1', role: 'business-manager' };
export const liaison: Actor = { userId: 'pl-1', role: 'panel-liaison' };
export const partnerRep: Actor = { userId: 'pr-1', role: 'partner-representative' };
export const chair: Actor = { userId: 'ic-1', role: 'independent-chair' };

/** The notices delivered for a case, as `type → roles`, read back from the outbox files. */
export async function noticesFor(caseId: string): Promise<[string, string[]][]> {
  const delivered = await outbox.list({ caseId });
  return delivered.map((n) => [n.type, n.to.map((r) => r.role)]);
}
