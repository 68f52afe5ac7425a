/**
 * A case whose local review cannot start (its id taken by something started around the API,
 * straight through Temporal) is never left looking open and on track with no clock running:
 * it stays open on the review's six-month clock, says why on its timeline, tells the business
 * manager and the independent chair, and breaches when the six months pass (003 L390).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import * as messages from '../../src/case/messages';
import { localReviewIdFor } from '../../src/ids';
import { complaintWorkflow } from '../../workflows/complaint/workflow';
import { caseDecisions } from '../../src/case/decisions';
import { complaintInput, expectedDue, manager, noticesFor, startTracked } from '../helpers/cases';
import { type CaseSuite, useCaseSuite } from '../helpers/driver';

let env: TestWorkflowEnvironment;
let taskQueue: string;
let d: CaseSuite['driver'];
useCaseSuite((suite) => ({ env, taskQueue, driver: d } = suite));

describe('a local review that cannot start', () => {
  it("leaves the case open on the review's clock, escalated, and breached when it is due", async () => {
    const { handle, day } = await d.durhamAtDecision();
    const caseId = handle.workflowId;
    // Something else already runs under the id the case's review needs, before the partners decide.
    const squatter = complaintInput();
    await startTracked(env, taskQueue, complaintWorkflow, localReviewIdFor(caseId), squatter);
    await d.vote(handle, 'durham-county-council', 'local-cspr');
    const decided = await d.vote(handle, 'durham-constabulary', 'local-cspr');
    // The review starts at the decision when it can; this one cannot yet, and is tried again after the Panel.
    expect(decided.timeline.map((e) => e.type)).toContain('local-review-not-started');

    const view = await d.panel(handle, day, 'agrees');
    expect(view).toMatchObject({ stage: 'cspr-commissioned', status: 'open' });
    expect(view.localReview).toBeUndefined();
    expect(view.timeline.map((e) => e.type)).toContain('local-review-not-started');
    const clock = d.deadline(view, 'csprPublication');
    expect(clock).toMatchObject({
      state: 'pending',
      basisDate: day,
      dueDate: expectedDue('durham', day, { kind: 'calendar-months-after', months: 6 }).dueDate,
    });
    await expect
      .poll(() => noticesFor(caseId))
      .toContainEqual(['local-review-not-started', ['business-manager', 'independent-chair']]);

    await d.sleepUntil(clock.dueAt, 60_000);
    const late = await handle.query(messages.caseViewQuery);
    expect(d.deadline(late, 'csprPublication').state).toBe('breached');
    expect(late.status).toBe('open');
    await expect
      .poll(() => noticesFor(caseId))
      .toContainEqual(['deadline-breached', ['business-manager', 'independent-chair']]);
  });

  it('is tried again by the business manager once what stopped it is put right, and then keeps its own clock', async () => {
    const { handle, day } = await d.durhamAtDecision();
    const caseId = handle.workflowId;
    const squatter = await startTracked(
      env,
      taskQueue,
      complaintWorkflow,
      localReviewIdFor(caseId),
      complaintInput(),
    );
    await d.vote(handle, 'durham-county-council', 'local-cspr');
    await d.vote(handle, 'durham-constabulary', 'local-cspr');
    const held = await d.panel(handle, day, 'agrees');
    expect(held.localReviewHeld?.reason).toMatch(/already/i);
    const retry = (details: string) =>
      handle.executeUpdate(caseDecisions.handOverRetry.update, { args: [{ details, actor: manager }] });

    // Tried again with the id still taken: still held, and it says so again.
    const still = await retry('asked the operator to look');
    expect(still).toMatchObject({ stage: 'cspr-commissioned', status: 'open' });
    expect(still.localReviewHeld).toBeDefined();
    expect(still.timeline.filter((e) => e.type === 'local-review-not-started')).toHaveLength(3);

    await squatter.terminate('started around the API');
    const started = await retry('the workflow started around the API under its id was terminated');
    expect(started).toMatchObject({ stage: 'local-review', status: 'open' });
    expect(started.localReviewHeld).toBeUndefined();
    expect(d.deadline(started, 'csprPublication').state).toBe('not-applicable');
    expect(started.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['local-review-retried', 'local-review-started']),
    );
    await expect
      .poll(async () => (await handle.query(messages.caseViewQuery)).localReview?.stage)
      .toBeDefined();
    // Nothing is held now, so there is nothing to try again.
    await expect(retry('again')).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/not waiting to be started again/) },
    });
  });
});
