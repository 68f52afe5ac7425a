/**
 * What one partnership says is not imposed on all four (issue 22): on the time-skipping server,
 * two packs side by side behave as each says. Kirklees' sub-group comments twice before
 * sign-off and its strategy comes first (004 §12.6); Dudley's reviewer is independent and the
 * What Works Centre is told (002 L399, L401); Durham's sign-off is its Extended Safeguarding
 * Executive Group's (003 L387) and its partners reconsider to its two outcomes (003 L379);
 * Derby and Derbyshire's Chair may call a special meeting at shorter notice (000 §12.23).
 * A review keeps the rules its case started with, whatever the pack says later.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { earliestDateAfterNotice, formatIsoDate, parseIsoDate } from '../../src/calendar';
import { caseDecisions } from '../../src/case/decisions';
import * as messages from '../../src/case/messages';
import { createWorkflowServices } from '../../src/client';
import { DomainError } from '../../src/errors';
import { localReviewIdFor } from '../../src/ids';
import * as lr from '../../src/localReview/messages';
import * as mm from '../../src/meeting/messages';
import { loadPolicies } from '../../src/policy/registry';
import {
  caseInput,
  caseWorker,
  chair,
  csprInput,
  lead,
  manager,
  noticesFor,
  partnerRep,
  policies,
  policiesWith,
  startCase,
  startReview,
  track,
} from '../helpers/cases';
import { type CaseSuite, useCaseSuite } from '../helpers/driver';
import {
  comments,
  commission,
  draft,
  publicationDate,
  publish,
  type Review,
  signOff,
  strategy,
} from '../helpers/reviewDriver';

let env: TestWorkflowEnvironment;
let taskQueue: string;
let d: CaseSuite['driver'];
useCaseSuite((suite) => ({ env, taskQueue, driver: d } = suite));

const reviewOf = async (partnership: string) => {
  const day = await d.today();
  const input = csprInput({ partnership, decidedOn: day });
  return { day, input, review: await startReview(env, taskQueue, input) };
};
/** For a final report sent on `day`: the one rule, "7 working days before P" (src/calendar/rules.ts). */
const earliestPublication = (partnership: string, day: string) =>
  formatIsoDate(earliestDateAfterNotice(policies.calendar(partnership), parseIsoDate(day), 7));

/** A review taken from commissioning to its sign-off, with one first draft. */
async function toSignOff(review: Review, day: string): Promise<void> {
  await commission(review, day);
  await draft(review, day, 'first');
  await signOff(review, day);
}

describe('a local review by its own pack', () => {
  it("gives Kirklees' sub-group two rounds of comments before sign-off (004 §12.6) and Durham's partners no limit; neither limits drafts", async () => {
    for (const partnership of ['kirklees', 'durham']) {
      const { day, review } = await reviewOf(partnership);
      await commission(review, day);
      await draft(review, day, 'first');
      const first = await comments(review, day);
      expect(first.comments).toEqual([{ sentOn: day, onDraft: 1 }]);
      const again = await d.refusal(comments(review, day));
      expect(again.message).toContain('a further round is on a further draft');
      await draft(review, day, 'further');
      await comments(review, day);
      // A third draft was refused for every partnership before: no seed limits drafts.
      const third = await draft(review, day, 'further');
      expect(third.drafts).toHaveLength(3);
      const round3 = comments(review, day);
      if (partnership === 'kirklees') {
        const refused = await d.refusal(round3);
        expect(refused).toMatchObject({ type: 'WrongStage' });
        expect(refused.message).toContain('the CSPR sub-group has 2 rounds of comments before sign-off');
      } else {
        expect((await round3).comments).toHaveLength(3);
        expect((await round3).rules?.commentsBy).toBe('the safeguarding partners');
      }
    }
  });

  it('asks Kirklees for a signed-off communication strategy before publication (004 §12.6), and Durham not', async () => {
    const kirklees = await reviewOf('kirklees');
    await toSignOff(kirklees.review, kirklees.day);
    const refused = await d.refusal(
      publicationDate(kirklees.review, earliestPublication('kirklees', kirklees.day), kirklees.day),
    );
    expect(refused).toMatchObject({
      type: 'WrongStage',
      message: expect.stringContaining('communication strategy'),
    });
    const byLead = await d.refusal(strategy(kirklees.review, kirklees.day, lead));
    expect(byLead.message).toContain('is approved by the Executive Group');
    const signed = await strategy(kirklees.review, kirklees.day, chair);
    expect(signed.timeline.at(-1)?.summary).toContain('signed off by the Executive Group');
    expect(
      (await publicationDate(kirklees.review, earliestPublication('kirklees', kirklees.day), kirklees.day))
        .stage,
    ).toBe('awaiting-publication');

    const durham = await reviewOf('durham');
    await toSignOff(durham.review, durham.day);
    const scheduled = await publicationDate(
      durham.review,
      earliestPublication('durham', durham.day),
      durham.day,
    );
    expect(scheduled).toMatchObject({ stage: 'awaiting-publication' });
    expect(scheduled.communicationStrategySignedOffOn).toBeUndefined();
  });

  it('asks Dudley for an independent reviewer (002 L399) and tells its What Works Centre of publication (002 L401); Durham neither', async () => {
    const told: Record<string, string[]> = {};
    for (const partnership of ['dudley', 'durham']) {
      const { day, input, review } = await reviewOf(partnership);
      const notIndependent = commission(review, day, false);
      if (partnership === 'dudley') {
        const refused = await d.refusal(notIndependent);
        expect(refused).toMatchObject({ type: 'InvalidDecision', details: [{ field: 'independent' }] });
        await commission(review, day, true);
      } else {
        const commissioned = await notIndependent;
        expect(commissioned.reviewer).toMatchObject({ independent: false });
        expect(commissioned.timeline.find((e) => e.type === 'reviewer-commissioned')?.summary).toMatch(
          /^reviewer Council learning officer commissioned/,
        );
      }
      await draft(review, day, 'first');
      await signOff(review, day);
      const date = earliestPublication(partnership, day);
      await publicationDate(review, date, day);
      await d.sleepUntil(`${date}T12:00:00Z`, 0);
      await publish(review, date);
      told[partnership] = (await noticesFor(input.caseId)).find(([type]) => type === 'report-published')![1];
    }
    expect(told).toEqual({
      dudley: ['what-works-centre', 'business-manager'],
      durham: ['business-manager'],
    });
  });

  it("records Durham's sign-off as its Extended Safeguarding Executive Group's (003 L387), Dudley's as the partners'", async () => {
    const signedBy: Record<string, string | undefined> = {};
    for (const partnership of ['durham', 'dudley']) {
      const { day, review } = await reviewOf(partnership);
      await commission(review, day);
      await draft(review, day, 'first');
      const byLead = await d.refusal(signOff(review, day, lead));
      expect(byLead).toMatchObject({ type: 'InvalidDecision', details: [{ field: 'actor' }] });
      signedBy[partnership] = (await signOff(review, day, manager)).timeline.at(-1)?.summary;
    }
    expect(signedBy.durham).toMatch(/^report signed off by the Extended Safeguarding Executive Group on /);
    expect(signedBy.dudley).toMatch(/^report signed off by the safeguarding partners on /);
  });
});

describe('a case by its own pack', () => {
  it("reconsiders to Durham's two outcomes (003 L379): 'no review after all' is not one of them", async () => {
    const { handle, day } = await d.durhamAtPanel('local-cspr');
    const view = await d.panel(handle, day, 'disagrees');
    expect(view.rules?.reconsiderationOutcomes).toEqual(['adhere', 'commission-cspr']);
    const refused = await d.refusal(
      handle.executeUpdate(caseDecisions.reconsideration.update, {
        args: [{ decidedOn: day, outcome: 'no-review', justification: 'the Panel is right', actor: manager }],
      }),
    );
    expect(refused).toMatchObject({ type: 'InvalidDecision', details: [{ field: 'outcome' }] });
    expect(refused.message).toContain('adhere, commission-cspr');
    const adhered = await handle.executeUpdate(caseDecisions.reconsideration.update, {
      args: [{ decidedOn: day, outcome: 'adhere', justification: 'learning for the area', actor: manager }],
    });
    expect(adhered.timeline.find((e) => e.type === 'reconsideration')?.summary).toMatch(
      /^the DSCP Executive Group, with advice from the Independent Chair reconsidered on /,
    );
  });

  it('shows the pack version and Working Together edition it started under', async () => {
    const handle = await startCase(
      env,
      taskQueue,
      caseInput({ partnership: 'dudley', awareAt: await d.today() }),
    );
    const view = await handle.query(messages.caseViewQuery);
    expect(view.rules).toEqual({
      policyVersion: policies.versions('dudley').policyVersion,
      workingTogetherEdition: '2023',
      reconsiderationOutcomes: ['adhere', 'commission-cspr'],
    });
  });

  it('hands its review the rules the case started with, not the pack as it is when the review starts', async () => {
    // The pack changes after the case started: Durham now asks for a strategy, under a new version.
    const changed = policiesWith('durham', (p) => ({
      ...p,
      version: 'changed',
      communicationStrategy: { required: true, sources: ['a later pack'] },
    }));
    const later = await caseWorker(env, { policies: changed });
    const running = later.worker.run();
    try {
      const day = await d.today();
      const started = caseInput({ partnership: 'durham', awareAt: day });
      // A case from before reviews' settings were kept in the case reads the pack as it now is.
      const older = caseInput({ partnership: 'durham', awareAt: day });
      delete older.policy.localReview;
      const versions: Record<string, string | undefined> = {};
      for (const input of [started, older]) {
        const handle = await startCase(env, later.taskQueue, input);
        await d.meet(handle, day);
        await d.notify(handle, day);
        await d.review(handle, day);
        for (const partnerId of ['durham-county-council', 'durham-constabulary'])
          await handle.executeUpdate(caseDecisions.vote.update, {
            args: [{ partnerId, vote: 'local-cspr', rationale: 'learning', votedOn: day, actor: partnerRep }],
          });
        await d.panel(handle, day, 'agrees');
        const review = env.client.workflow.getHandle(localReviewIdFor(input.caseId));
        await expect.poll(async () => (await review.describe()).status.name).toBe('RUNNING');
        const view = await review.query(lr.localReviewViewQuery);
        versions[input === started ? 'kept' : 'older'] = view.rules?.policyVersion;
        if (input === started) {
          // The case's own rules: no strategy before publication, though the pack now asks for one.
          await toSignOff(review as Review, day);
          expect(
            (await publicationDate(review as Review, earliestPublication('durham', day), day)).stage,
          ).toBe('awaiting-publication');
        }
      }
      expect(versions).toEqual({ kept: policies.versions('durham').policyVersion, older: 'durham@changed' });
    } finally {
      later.worker.shutdown();
      await running;
    }
  });
});

describe('a special meeting (000 §12.23)', () => {
  const withWessex = loadPolicies({ dir: `${__dirname}/../fixtures/policies` });
  const meetings = () =>
    createWorkflowServices(env.client, taskQueue, withWessex, {
      settings: { callTimeoutMs: 30_000, decisionWaitMs: 20_000, pageTokenKey: 'pack rules tests' },
      today: () => todayNow,
    }).meetings;
  let todayNow = '';
  const special = (partnership: string, reference: string, meetingDate: string, urgentReason?: string) => ({
    partnership,
    reference,
    kind: 'special' as const,
    title: 'Executive Board',
    meetingDate,
    ...(urgentReason && { urgentReason }),
  });

  it("may be called at shorter notice by Derby and Derbyshire's Chair as urgent, with the reason kept; never in a pack that forbids it", async () => {
    todayNow = await d.today();
    const inThree = formatIsoDate(parseIsoDate(todayNow) + 3);
    const refusedWithout = await meetings()
      .start(special('derby-derbyshire', 'URG-0', inThree), chair)
      .catch((e: unknown) => e);
    expect(refusedWithout).toBeInstanceOf(DomainError);
    expect((refusedWithout as DomainError).message).toContain('the Chair may determine a shorter period');
    const byManager = await meetings()
      .start(special('derby-derbyshire', 'URG-1', inThree, 'a child at risk'), manager)
      .catch((e: unknown) => e);
    expect((byManager as DomainError).fields).toEqual([
      { field: 'urgentReason', message: 'only the independent chair may give it' },
    ]);

    const started = await meetings().start(
      special('derby-derbyshire', 'URG-2', inThree, 'the decision affects a placement next week'),
      chair,
    );
    const handle = track(env.client.workflow.getHandle(started.id));
    await expect.poll(async () => (await handle.query(mm.meetingViewQuery)).notices.length).toBe(1);
    const view = await handle.query(mm.meetingViewQuery);
    expect(view.deadlines[0]).toMatchObject({
      key: 'specialMeetingNotice',
      rule: { kind: 'calendar-days-before', days: 3 },
      state: 'met',
    });
    expect(view.timeline.find((e) => e.type === 'urgent-notice')).toMatchObject({
      summary:
        "the Chair determined 3 days' notice instead of 7, as urgent: the decision affects a placement next week",
      actor: chair,
    });

    const wessex = await meetings()
      .start(special('wessex', 'URG-3', formatIsoDate(parseIsoDate(todayNow) + 9), 'urgent'), chair)
      .catch((e: unknown) => e);
    expect((wessex as DomainError).message).toContain("gives every special meeting 10 days' notice");
  });
});
