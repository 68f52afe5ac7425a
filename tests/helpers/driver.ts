/**
 * Drives caseWorkflow through its decisions on a time-skipping environment, so each test
 * reads as the statutory steps it takes.
 */
import { type ApplicationFailure, type WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { formatIsoDate, londonDay, parseIsoDate } from '../../src/calendar';
import type { CaseView, ReviewOutcome } from '../../src/case/types';
import type { caseWorkflow } from '../../workflows/case/workflow';
import * as messages from '../../src/case/messages';
import { caseDecisions } from '../../src/case/decisions';
import {
  caseInput,
  caseWorker,
  chair,
  lead,
  liaison,
  manager,
  partnerRep,
  startCase,
  terminateStartedCases,
} from './cases';
import { timeSkippingEnvironment } from './temporal';

export type Handle = WorkflowHandle<typeof caseWorkflow>;

/** Derby and Derbyshire's four statutory partners, each with a vote (000 §12.29). */
export const DERBY_PARTNERS = [
  'derby-city-council',
  'derbyshire-county-council',
  'derbyshire-constabulary',
  'derby-derbyshire-icb',
];

export function caseDriver(env: TestWorkflowEnvironment, taskQueue: string) {
  async function today(): Promise<string> {
    return formatIsoDate(londonDay(await env.currentTimeMs()));
  }
  async function daysAgo(n: number): Promise<string> {
    return formatIsoDate(parseIsoDate(await today()) - n);
  }
  function deadline(view: CaseView, key: string) {
    const found = view.deadlines.find((d) => d.key === key);
    if (!found) throw new Error(`no ${key} deadline in ${JSON.stringify(view.deadlines.map((d) => d.key))}`);
    return found;
  }
  async function sleepUntil(instant: string, offsetMs: number) {
    await env.sleep(Date.parse(instant) - (await env.currentTimeMs()) + offsetMs);
  }
  /**
   * The case's final view once it has completed. `handle.result()` unlocks the time-skipping
   * server's clock, which then races ahead (by years) for every later test: query instead.
   */
  async function completed(handle: Handle): Promise<CaseView> {
    await expect
      .poll(async () => (await handle.describe()).status.name, { timeout: 10_000 })
      .toBe('COMPLETED');
    return handle.query(messages.caseViewQuery);
  }

  async function refusal(promise: Promise<unknown>): Promise<ApplicationFailure> {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
  }

  const notify = (h: Handle, notifiedOn: string) =>
    h.executeUpdate(caseDecisions.notificationDecision.update, {
      args: [{ outcome: 'notified', notifiedOn, actor: lead }],
    });
  const meet = (h: Handle, heldOn: string, criteriaMet = true) =>
    h.executeUpdate(caseDecisions.considerationMeeting.update, {
      args: [{ heldOn, criteriaMet, actor: lead }],
    });
  const review = (
    h: Handle,
    completedOn: string,
    format: 'meeting' | 'virtual-panel' = 'meeting',
    virtualPanelReason?: string,
  ) =>
    h.executeUpdate(caseDecisions.rapidReview.update, {
      args: [{ completedOn, format, ...(virtualPanelReason && { virtualPanelReason }), actor: manager }],
    });
  const vote = async (h: Handle, partnerId: string, v: ReviewOutcome, votedOn?: string) =>
    h.executeUpdate(caseDecisions.vote.update, {
      args: [
        {
          partnerId,
          vote: v,
          rationale: 'as discussed',
          votedOn: votedOn ?? (await today()),
          actor: partnerRep,
        },
      ],
    });
  /** The attendance of the meeting that decides, where the pack's rule needs one (000 §11.2). */
  const decisionMeeting = async (
    h: Handle,
    represented: string[],
    heldOn?: string,
    attended: { members?: number; chairedBy?: 'chair' | 'vice-chair' | 'other' } = {},
  ) =>
    h.executeUpdate(caseDecisions.decisionMeeting.update, {
      args: [
        {
          heldOn: heldOn ?? (await today()),
          represented,
          members: attended.members ?? represented.length * 2,
          chairedBy: attended.chairedBy ?? 'chair',
          actor: manager,
        },
      ],
    });
  /** The Chair's answer to a majority that must include the Chair's consent (000 §12.34). */
  const chairConsent = async (
    h: Handle,
    outcome: ReviewOutcome,
    consent: 'given' | 'withheld' = 'given',
    decidedOn?: string,
  ) =>
    h.executeUpdate(caseDecisions.chairConsent.update, {
      args: [
        {
          outcome,
          consent,
          decidedOn: decidedOn ?? (await today()),
          rationale: 'as the group discussed',
          actor: chair,
        },
      ],
    });
  const panel = (h: Handle, receivedOn: string, response: 'agrees' | 'disagrees' | 'national-review') =>
    h.executeUpdate(caseDecisions.panelResponse.update, { args: [{ receivedOn, response, actor: liaison }] });
  /** The child and family told the decision (003), by their social worker, in person and in writing. */
  const familyTold = async (h: Handle, toldOn?: string) =>
    h.executeUpdate(caseDecisions.familyTold.update, {
      args: [
        {
          toldOn: toldOn ?? (await today()),
          how: 'in-person-and-in-writing',
          toldBy: 'allocated social worker',
          actor: lead,
        },
      ],
    });

  /** Drives a Durham case through notification and rapid review to the partners' decision. */
  async function durhamAtDecision(): Promise<{ handle: Handle; day: string }> {
    const day = await today();
    const handle = await startCase(env, taskQueue, caseInput({ partnership: 'durham', awareAt: day }));
    await meet(handle, day);
    await notify(handle, day);
    await review(handle, day);
    return { handle, day };
  }

  /** A Derby and Derbyshire case (four partners, 000 §12.29) at the partners' decision; its group met, if `meet`. */
  async function derbyAtDecision(options: { day?: string; meet?: boolean } = {}): Promise<{
    handle: Handle;
    day: string;
  }> {
    const day = options.day ?? (await today());
    const handle = await startCase(
      env,
      taskQueue,
      caseInput({ partnership: 'derby-derbyshire', awareAt: day }),
    );
    await notify(handle, day);
    await review(handle, day);
    // The Child Safeguarding Practice Review Group meets, every statutory partner represented (000 §11.2).
    if (options.meet) await decisionMeeting(handle, DERBY_PARTNERS, day);
    return { handle, day };
  }

  async function durhamAtPanel(
    outcome: ReviewOutcome = 'local-cspr',
  ): Promise<{ handle: Handle; day: string }> {
    const { handle, day } = await durhamAtDecision();
    await vote(handle, 'durham-county-council', outcome);
    const view = await vote(handle, 'durham-constabulary', outcome);
    expect(view.stage).toBe('panel-response');
    return { handle, day };
  }

  return {
    today,
    daysAgo,
    deadline,
    sleepUntil,
    completed,
    refusal,
    notify,
    meet,
    review,
    vote,
    decisionMeeting,
    chairConsent,
    panel,
    familyTold,
    durhamAtDecision,
    derbyAtDecision,
    durhamAtPanel,
  };
}

export interface CaseSuite {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  driver: ReturnType<typeof caseDriver>;
  stop(): Promise<void>;
}

/** A time-skipping server with a running case worker, for a test file's whole life. */
export async function startCaseSuite(): Promise<CaseSuite> {
  const env = await timeSkippingEnvironment();
  const { worker, taskQueue } = await caseWorker(env);
  const running = worker.run();
  return {
    env,
    taskQueue,
    driver: caseDriver(env, taskQueue),
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}

/**
 * One suite for a test file: started before its tests and stopped after them, with each
 * test's cases terminated when it ends. `ready` receives the suite once it is running.
 */
export function useCaseSuite(ready: (suite: CaseSuite) => void): void {
  let suite: CaseSuite | undefined;
  beforeAll(async () => {
    suite = await startCaseSuite();
    ready(suite);
  });
  afterEach(terminateStartedCases);
  afterAll(async () => {
    await suite?.stop();
  });
}

/**
 * A time-skipping server for a test file whose tests run their own workers (a calendar
 * change between two, a failing channel); each test's cases are terminated when it ends.
 */
export function useTimeSkippingServer(ready: (env: TestWorkflowEnvironment) => void): void {
  let env: TestWorkflowEnvironment | undefined;
  beforeAll(async () => {
    env = await timeSkippingEnvironment();
    ready(env);
  });
  afterEach(terminateStartedCases);
  afterAll(async () => {
    await env?.teardown();
  });
}
