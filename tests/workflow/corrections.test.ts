/**
 * Corrections a business manager needs (issue 21, point 6), each audited with who and why,
 * on the time-skipping server: the awareness date corrected (its deadlines planned again
 * from the right basis, and judged again by the dates recorded); a case withdrawn as opened
 * in error or a duplicate (closed with its reason, never deleted); and the reviewer of a
 * local review commissioned while the Panel's response is awaited (the review starts at the
 * partners' decision), stopped if the Panel reviews nationally.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { caseDecisions } from '../../src/case/decisions';
import * as messages from '../../src/case/messages';
import { localReviewIdFor } from '../../src/ids';
import { localReviewDecisions } from '../../src/localReview/decisions';
import { localReviewViewQuery } from '../../src/localReview/messages';
import { caseInput, expectedDue, lead, manager, noticesFor, startCase, track } from '../helpers/cases';
import { type CaseSuite, type Handle, useCaseSuite } from '../helpers/driver';

const MINUTE = 60_000;
let env: TestWorkflowEnvironment;
let taskQueue: string;
let d: CaseSuite['driver'];
useCaseSuite((suite) => ({ env, taskQueue, driver: d } = suite));

const correct = (h: Handle, awareAt: string, actor = manager) =>
  h.executeUpdate(caseDecisions.awarenessCorrection.update, {
    args: [{ awareAt, reason: 'the police referral was received earlier than recorded', actor }],
  });
const fiveDays = { kind: 'working-days-after', workingDays: 5 } as const;

describe('correcting the awareness date', () => {
  it('earlier: the deadlines are planned again from it, and a notification met on time becomes late', async () => {
    const recorded = await d.daysAgo(2);
    const input = caseInput({ partnership: 'dudley', awareAt: recorded });
    const handle = await startCase(env, taskQueue, input);
    const notified = await d.notify(handle, await d.today());
    expect(d.deadline(notified, 'notification').state).toBe('met');

    const byLead = await d.refusal(correct(handle, await d.daysAgo(20), lead));
    expect(byLead).toMatchObject({ type: 'InvalidDecision', details: [{ field: 'actor' }] });
    const afterNotifying = await d.refusal(correct(handle, await d.daysAgo(-1)));
    expect(afterNotifying.type).toBe('InvalidDecision');

    const actual = await d.daysAgo(20);
    const corrected = await correct(handle, actual);
    expect(corrected.awareAt).toBe(actual);
    expect(corrected.awarenessCorrections).toEqual([
      expect.objectContaining({
        from: recorded,
        to: actual,
        actor: manager,
        reason: expect.stringContaining('police'),
      }),
    ]);
    const notification = d.deadline(corrected, 'notification');
    expect(notification).toMatchObject({
      basisDate: actual,
      dueDate: expectedDue('dudley', actual, fiveDays).dueDate,
      state: 'met-late',
      lateAgainstStatute: true,
    });
    expect(notification.changes).toEqual([
      expect.objectContaining({
        kind: 'correction',
        from: expectedDue('dudley', recorded, fiveDays).dueDate,
        actor: manager,
      }),
    ]);
    expect(corrected.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['awareness-corrected', 'deadline-corrected']),
    );
  });

  it('later: a breach the right date would not have seen is withdrawn, and the clock runs to the corrected date', async () => {
    const input = caseInput({ partnership: 'dudley', awareAt: await d.daysAgo(20) });
    const handle = await startCase(env, taskQueue, input);
    await env.sleep(MINUTE);
    expect(d.deadline(await handle.query(messages.caseViewQuery), 'notification').state).toBe('breached');

    const actual = await d.daysAgo(1);
    const corrected = d.deadline(await correct(handle, actual), 'notification');
    expect(corrected).toMatchObject({ state: 'pending', basisDate: actual, lateAgainstStatute: false });
    expect(corrected.breachedAt).toBeUndefined();

    // The corrected clock breaches in its own time, and says so again.
    await d.sleepUntil(corrected.dueAt, MINUTE);
    expect(d.deadline(await handle.query(messages.caseViewQuery), 'notification').state).toBe('breached');
    expect((await noticesFor(input.caseId)).filter(([type]) => type === 'deadline-breached')).toHaveLength(2);
  });
});

describe('withdrawing a case', () => {
  it('closes a duplicate with its reason, every clock lapsed, the record kept', async () => {
    const day = await d.today();
    const input = caseInput({ partnership: 'durham', awareAt: day });
    const handle = await startCase(env, taskQueue, input);
    const withdrawal = {
      withdrawnOn: day,
      reason: 'duplicate' as const,
      details: 'opened twice by two partners',
    };
    const unnamed = await d.refusal(
      handle.executeUpdate(caseDecisions.withdrawal.update, { args: [{ ...withdrawal, actor: manager }] }),
    );
    expect(unnamed).toMatchObject({ type: 'InvalidDecision', details: [{ field: 'duplicateOf' }] });

    await handle.executeUpdate(caseDecisions.withdrawal.update, {
      args: [{ ...withdrawal, duplicateOf: 'DUR-001', actor: manager }],
    });
    const closed = await d.completed(handle);
    expect(closed).toMatchObject({
      stage: 'withdrawn',
      status: 'closed',
      withdrawal: { reason: 'duplicate', duplicateOf: 'DUR-001', actor: manager },
    });
    expect(closed.deadlines.map((x) => [x.key, x.state])).toEqual([
      ['notification', 'not-applicable'],
      ['considerationMeeting', 'not-applicable'],
    ]);
    expect(d.deadline(closed, 'notification').notApplicableReason).toContain('withdrawn (duplicate)');
    expect(closed.timeline.find((e) => e.type === 'case-withdrawn')).toMatchObject({
      actor: manager,
      decidedOn: day,
    });
    expect(await noticesFor(input.caseId)).toContainEqual([
      'case-withdrawn',
      ['safeguarding-lead', 'business-manager'],
    ]);
  });
});

describe('a local review decided by the partners', () => {
  it("starts at the decision, so its reviewer is commissioned while the Panel's response is awaited", async () => {
    const { handle, day } = await d.durhamAtPanel('local-cspr');
    const waiting = await handle.query(messages.caseViewQuery);
    expect(waiting.stage).toBe('panel-response');
    const review = env.client.workflow.getHandle(localReviewIdFor(waiting.caseId));
    track(review);
    await expect.poll(async () => (await review.query(localReviewViewQuery)).stage).toBe('commissioning');
    const commissioned = await review.executeUpdate(localReviewDecisions.reviewer.update, {
      args: [
        {
          commissionedOn: day,
          reviewer: 'Independent Reviews Ltd',
          independent: true,
          termsOfReference: 'ToR',
          actor: manager,
        },
      ],
    });
    expect(commissioned.stage).toBe('drafting');
    expect(commissioned.deadlines[0]).toMatchObject({ key: 'csprPublication', basisDate: day });

    const agreed = await d.panel(handle, day, 'agrees');
    expect(agreed.stage).toBe('local-review');
    await expect
      .poll(async () => (await handle.query(messages.caseViewQuery)).localReview?.stage)
      .toBe('drafting');
  });

  it('is stopped when the Panel undertakes a national review instead', async () => {
    const { handle, day } = await d.durhamAtPanel('local-cspr');
    const review = env.client.workflow.getHandle(localReviewIdFor(handle.workflowId));
    track(review);
    await expect.poll(async () => (await review.query(localReviewViewQuery)).stage).toBe('commissioning');
    await d.panel(handle, day, 'national-review');
    await d.familyTold(handle, day);
    expect((await d.completed(handle)).stage).toBe('national-review');
    await expect
      .poll(async () => (await review.describe()).status.name, { timeout: 10_000 })
      .toBe('COMPLETED');
    const stopped = await review.query(localReviewViewQuery);
    expect(stopped).toMatchObject({ stage: 'closed', status: 'closed' });
    expect(stopped.deadlines[0]).toMatchObject({
      key: 'csprPublication',
      state: 'not-applicable',
      notApplicableReason: 'the National Panel will undertake a national review',
    });
  });
});
