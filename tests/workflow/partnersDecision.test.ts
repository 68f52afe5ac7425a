/**
 * The partners' decision never leaves a case stuck, and is dated by the day it was made
 * (issue 21, points 2 and 3), on the time-skipping server. A tie opens the independent
 * chair's step with its own deadline (000 §12.19: "In the event of a deadlock, the Chair …
 * will decide whether the matter should be escalated"; §12.8: disputes under the Inter Agency
 * Agreement): an outcome with its rationale, or an escalation and where to, whose outcome is
 * then recorded. A partner may change its vote before the outcome is settled, kept as a
 * change. The outcome's date is the day the deciding vote was cast (003: "2 of the 3
 * partners in agreement"), and the local review's six months run from it.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { caseDecisions } from '../../src/case/decisions';
import { localReviewIdFor } from '../../src/ids';
import { localReviewViewQuery } from '../../src/localReview/messages';
import { caseInput, chair, expectedDue, manager, noticesFor, outbox, startCase } from '../helpers/cases';
import { type CaseSuite, useCaseSuite } from '../helpers/driver';

let env: TestWorkflowEnvironment;
let taskQueue: string;
let d: CaseSuite['driver'];
useCaseSuite((suite) => ({ env, taskQueue, driver: d } = suite));

describe('a tied vote', () => {
  it('opens the independent chair’s step; the chair’s outcome, with its rationale, moves the case on', async () => {
    const { handle, day } = await d.derbyAtDecision({ meet: true });
    await d.vote(handle, 'derby-city-council', 'local-cspr');
    await d.vote(handle, 'derbyshire-county-council', 'local-cspr');
    await d.vote(handle, 'derbyshire-constabulary', 'no-review');
    const tied = await d.vote(handle, 'derby-derbyshire-icb', 'no-review');
    expect(tied.decision).toMatchObject({ tied: true, tie: { since: day } });
    expect(d.deadline(tied, 'tieResolution')).toMatchObject({
      state: 'pending',
      basisDate: day,
      dueDate: expectedDue('derby-derbyshire', day, { kind: 'working-days-after', workingDays: 5 }).dueDate,
    });
    await expect
      .poll(() => noticesFor(tied.caseId))
      .toContainEqual(['review-tied', ['independent-chair', 'business-manager']]);

    const resolution = {
      resolution: 'outcome' as const,
      decidedOn: day,
      outcome: 'local-cspr' as const,
      rationale: 'agencies working together is in question; learning outweighs the cost',
    };
    const byManager = await d.refusal(
      handle.executeUpdate(caseDecisions.tieResolution.update, { args: [{ ...resolution, actor: manager }] }),
    );
    expect(byManager).toMatchObject({ type: 'InvalidDecision', details: [{ field: 'actor' }] });
    const resolved = await handle.executeUpdate(caseDecisions.tieResolution.update, {
      args: [{ ...resolution, actor: chair }],
    });
    expect(resolved.stage).toBe('panel-response');
    expect(resolved.decision).toMatchObject({
      outcome: 'local-cspr',
      decidedOn: day,
      tie: { resolution: { outcome: 'local-cspr', rationale: resolution.rationale, actor: chair } },
    });
    expect(d.deadline(resolved, 'tieResolution')).toMatchObject({ state: 'met', metOn: day });
    // The family is told the chair's rationale; the Panel gets the decision.
    await expect
      .poll(async () => (await outbox.list({ caseId: resolved.caseId })).map((n) => n.type))
      .toEqual(expect.arrayContaining(['decision-outcome', 'review-decision']));
    const family = (await outbox.list({ caseId: resolved.caseId })).find(
      (n) => n.type === 'decision-outcome',
    )!;
    expect(family.body).toContain(resolution.rationale);
  });

  it('among three of four partners, 1-1-1, is escalated by the chair and settled where it went (000 §12.19, §12.8)', async () => {
    const { handle, day } = await d.derbyAtDecision({ meet: true });
    await d.vote(handle, 'derby-city-council', 'local-cspr');
    await d.vote(handle, 'derbyshire-county-council', 'no-review');
    const tied = await d.vote(handle, 'derbyshire-constabulary', 'refer-national');
    // With 3 needed, no outcome can reach it whatever the fourth partner votes: tied already.
    expect(tied.decision).toMatchObject({ tied: true, awaiting: ['derby-derbyshire-icb'] });

    const escalated = await handle.executeUpdate(caseDecisions.tieResolution.update, {
      args: [
        {
          resolution: 'escalated',
          decidedOn: day,
          escalatedTo: 'the Chief Officer Group',
          rationale: 'a deadlock on a matter of significance',
          actor: chair,
        },
      ],
    });
    expect(escalated.stage).toBe('review-decision');
    expect(escalated.decision?.tie?.escalation).toMatchObject({ escalatedTo: 'the Chief Officer Group' });
    expect(d.deadline(escalated, 'tieResolution').state).toBe('met');
    expect(d.deadline(escalated, 'tieEscalation')).toMatchObject({
      state: 'pending',
      dueDate: expectedDue('derby-derbyshire', day, { kind: 'working-days-after', workingDays: 20 }).dueDate,
    });
    await expect
      .poll(() => noticesFor(escalated.caseId))
      .toContainEqual(['tie-escalated', ['independent-chair', 'business-manager', 'safeguarding-partners']]);
    const twice = await d.refusal(
      handle.executeUpdate(caseDecisions.tieResolution.update, {
        args: [{ resolution: 'escalated', decidedOn: day, escalatedTo: 'x', rationale: 'y', actor: chair }],
      }),
    );
    expect(twice.type).toBe('WrongStage');

    const settled = await handle.executeUpdate(caseDecisions.tieResolution.update, {
      args: [
        {
          resolution: 'outcome',
          decidedOn: day,
          outcome: 'refer-national',
          rationale: 'issues of national importance',
          decidedBy: 'the Chief Officer Group',
          actor: chair,
        },
      ],
    });
    expect(settled.stage).toBe('panel-response');
    expect(settled.decision).toMatchObject({
      outcome: 'refer-national',
      tie: { resolution: { decidedBy: 'the Chief Officer Group' } },
    });
    expect(d.deadline(settled, 'tieEscalation')).toMatchObject({ state: 'met', metOn: day });
    expect(settled.timeline.find((e) => e.type === 'review-decided')?.summary).toContain(
      'the Chief Officer Group',
    );
  });
});

describe('a change of vote', () => {
  it('is kept as a change, not an overwrite, and may settle a tie before the chair does', async () => {
    const { handle, day } = await d.derbyAtDecision({ meet: true });
    await d.vote(handle, 'derby-city-council', 'local-cspr');
    await d.vote(handle, 'derbyshire-county-council', 'local-cspr');
    await d.vote(handle, 'derbyshire-constabulary', 'no-review');
    await d.vote(handle, 'derby-derbyshire-icb', 'no-review');
    // The Chair consents to a review should the partners carry it (000 §12.34).
    await d.chairConsent(handle, 'local-cspr');
    const changed = await d.vote(handle, 'derbyshire-constabulary', 'local-cspr');
    expect(changed.decision).toMatchObject({ outcome: 'local-cspr', decidedOn: day, tied: false });
    expect(changed.decision?.tie).toMatchObject({ since: day, settledByVotes: true });
    const police = changed.decision!.votes.find((v) => v.partnerId === 'derbyshire-constabulary')!;
    expect(police).toMatchObject({ vote: 'local-cspr', changedFrom: [{ vote: 'no-review', votedOn: day }] });
    expect(changed.timeline.map((e) => e.type)).toContain('vote-changed');
    expect(d.deadline(changed, 'tieResolution')).toMatchObject({
      state: 'not-applicable',
      notApplicableReason: expect.stringContaining('change of vote'),
    });
    // Settled, and the case has moved on to the Panel: no vote can change it now.
    expect(changed.stage).toBe('panel-response');
    const after = await d.refusal(d.vote(handle, 'derby-derbyshire-icb', 'local-cspr'));
    expect(after.type).toBe('WrongStage');
  });
});

describe('the date of the decision', () => {
  it('is the day the deciding vote was cast, not the day it was typed; the six months run from it', async () => {
    const aware = await d.daysAgo(10);
    const handle = await startCase(env, taskQueue, caseInput({ partnership: 'durham', awareAt: aware }));
    await d.meet(handle, aware);
    await d.notify(handle, aware);
    await d.review(handle, await d.daysAgo(8));
    const before = await d.refusal(d.vote(handle, 'durham-county-council', 'local-cspr', await d.daysAgo(9)));
    expect(before).toMatchObject({
      type: 'InvalidDecision',
      message: expect.stringContaining('rapid review'),
    });
    const tomorrow = await d.refusal(
      d.vote(handle, 'durham-county-council', 'local-cspr', await d.daysAgo(-1)),
    );
    expect(tomorrow.message).toContain('in the future');

    // Both voted at the meeting a week ago; the votes are typed today.
    const votedOn = await d.daysAgo(7);
    await d.vote(handle, 'durham-county-council', 'local-cspr', votedOn);
    const decided = await d.vote(handle, 'durham-constabulary', 'local-cspr', votedOn);
    expect(decided.decision).toMatchObject({ outcome: 'local-cspr', decidedOn: votedOn });
    const vote = decided.decision!.votes[0]!;
    expect(vote.votedOn).toBe(votedOn);
    expect(vote.at.slice(0, 10)).toBe(await d.today());
    expect(decided.timeline.find((e) => e.type === 'review-decided')).toMatchObject({ decidedOn: votedOn });
    expect(d.deadline(decided, 'panelResponse').basisDate).toBe(votedOn);
    expect(d.deadline(decided, 'familyTold').basisDate).toBe(votedOn);

    // What follows the decision cannot come before it: the Panel answers a decision already made.
    const tooSoon = await d.refusal(d.panel(handle, await d.daysAgo(8), 'agrees'));
    expect(tooSoon).toMatchObject({
      type: 'InvalidDecision',
      message: expect.stringContaining("the partners' decision"),
    });

    const review = env.client.workflow.getHandle(localReviewIdFor(decided.caseId));
    await expect.poll(async () => (await review.query(localReviewViewQuery)).deadlines.length).toBe(1);
    const clock = (await review.query(localReviewViewQuery)).deadlines[0]!;
    expect(clock).toMatchObject({
      key: 'csprPublication',
      basisDate: votedOn,
      dueDate: expectedDue('durham', votedOn, { kind: 'calendar-months-after', months: 6 }).dueDate,
    });
  });
});
