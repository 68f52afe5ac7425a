/**
 * csprWorkflow on the time-skipping server (SPEC steps 5 and 6): an independent reviewer
 * (002 L399), a first draft and one further opportunity (004 §12.6), sign-off by the
 * executive group (003), six months to completion and publication (003 L390) with delays
 * approved and reported, the final report to the Panel and the Secretary of State at least
 * 7 working days ahead, the What Works Centre after publication (002 L401), a year online
 * and then down (003 L392), or not publishing in full with the justification (003).
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from '../../src/calendar';
import type { LocalReviewView } from '../../src/localReview/types';
import type { localReviewWorkflow } from '../../workflows/localReview/workflow';
import * as m from '../../src/localReview/messages';
import { localReviewDecisions } from '../../src/localReview/decisions';
import {
  chair,
  csprInput,
  expectedDue,
  lead,
  manager,
  noticesFor,
  policies,
  reviewPolicyFromBefore,
  startReview,
} from '../helpers/cases';
import { type CaseSuite, useCaseSuite } from '../helpers/driver';

const MINUTE = 60_000;
let env: TestWorkflowEnvironment;
let taskQueue: string;
let d: CaseSuite['driver'];
useCaseSuite((suite) => ({ env, taskQueue, driver: d } = suite));

type Review = WorkflowHandle<typeof localReviewWorkflow>;

const deadline = (view: LocalReviewView, key: string) => {
  const found = view.deadlines.find((x) => x.key === key);
  if (!found) throw new Error(`no ${key} deadline in ${view.deadlines.map((x) => x.key).join(', ')}`);
  return found;
};

/** A review commissioned today, through to the executive group's sign-off. */
async function signedOff(review: Review, day: string): Promise<LocalReviewView> {
  await review.executeUpdate(localReviewDecisions.reviewer.update, {
    args: [
      {
        commissionedOn: day,
        reviewer: 'Independent Reviews Ltd',
        independent: true,
        termsOfReference: 'multi-agency response in the year before the incident',
        actor: manager,
      },
    ],
  });
  await review.executeUpdate(localReviewDecisions.draft.update, {
    args: [{ receivedOn: day, draft: 'first', actor: manager }],
  });
  return review.executeUpdate(localReviewDecisions.signOff.update, {
    args: [{ signedOffOn: day, actor: manager }],
  });
}

const strategy = (review: Review, day: string) =>
  review.executeUpdate(localReviewDecisions.communicationStrategy.update, {
    args: [{ signedOffOn: day, actor: manager }],
  });

describe('a local CSPR', () => {
  it('runs from commissioning to publication, and the report comes down a year later (a review started before the packs said otherwise)', async () => {
    const day = await d.today();
    const input = csprInput({ decidedOn: day, policy: reviewPolicyFromBefore('durham') });
    const review = await startReview(env, taskQueue, input);

    const notIndependent = await d.refusal(
      review.executeUpdate(localReviewDecisions.reviewer.update, {
        args: [
          {
            commissionedOn: day,
            reviewer: 'Council officer',
            independent: false,
            termsOfReference: 'x',
            actor: manager,
          },
        ],
      }),
    );
    expect(notIndependent).toMatchObject({
      type: 'InvalidDecision',
      message: expect.stringContaining('independent'),
    });

    await review.executeUpdate(localReviewDecisions.reviewer.update, {
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
    await review.executeUpdate(localReviewDecisions.draft.update, {
      args: [{ receivedOn: day, draft: 'first', actor: manager }],
    });
    await review.executeUpdate(localReviewDecisions.draft.update, {
      args: [{ receivedOn: day, draft: 'further', actor: manager }],
    });
    const third = await d.refusal(
      review.executeUpdate(localReviewDecisions.draft.update, {
        args: [{ receivedOn: day, draft: 'further', actor: manager }],
      }),
    );
    expect(third).toMatchObject({
      type: 'WrongStage',
      message: expect.stringContaining('one further draft'),
    });
    const byLead = await d.refusal(
      review.executeUpdate(localReviewDecisions.signOff.update, {
        args: [{ signedOffOn: day, actor: lead }],
      }),
    );
    expect(byLead.type).toBe('InvalidDecision');
    const signed = await review.executeUpdate(localReviewDecisions.signOff.update, {
      args: [{ signedOffOn: day, actor: chair }],
    });
    expect(signed.stage).toBe('publication');

    const calendar = policies.calendar('durham');
    const earliest = formatIsoDate(calendar.addWorkingDays(parseIsoDate(day), 7));
    const noStrategy = await d.refusal(
      review.executeUpdate(localReviewDecisions.publicationDate.update, {
        args: [{ publicationDate: earliest, sentOn: day, actor: manager }],
      }),
    );
    expect(noStrategy).toMatchObject({
      type: 'WrongStage',
      message: expect.stringContaining('communication strategy'),
    });
    expect((await strategy(review, day)).earliestPublicationDate).toBe(earliest);

    const tooEarly = await d.refusal(
      review.executeUpdate(localReviewDecisions.publicationDate.update, {
        args: [
          {
            publicationDate: formatIsoDate(calendar.addWorkingDays(parseIsoDate(day), 6)),
            sentOn: day,
            actor: manager,
          },
        ],
      }),
    );
    expect(tooEarly).toMatchObject({
      type: 'InvalidDecision',
      message: expect.stringContaining(`the earliest publication date is ${earliest}`),
    });

    const scheduled = await review.executeUpdate(localReviewDecisions.publicationDate.update, {
      args: [{ publicationDate: earliest, sentOn: day, actor: manager }],
    });
    expect(scheduled.stage).toBe('awaiting-publication');
    expect(deadline(scheduled, 'finalReportToPanel')).toMatchObject({ state: 'met', metOn: day });
    expect((await noticesFor(input.caseId)).at(-1)).toEqual([
      'final-report',
      ['panel-liaison', 'secretary-of-state'],
    ]);

    await d.sleepUntil(`${earliest}T12:00:00Z`, 0);
    const published = await review.executeUpdate(localReviewDecisions.publication.update, {
      args: [{ publishedOn: earliest, actor: manager }],
    });
    expect(published.stage).toBe('published');
    expect(deadline(published, 'csprPublication')).toMatchObject({ state: 'met', metOn: earliest });
    const takedown = deadline(published, 'takedown');
    expect(takedown.dueDate).toBe(
      expectedDue('durham', earliest, { kind: 'calendar-months-after', months: 12 }).dueDate,
    );
    expect((await noticesFor(input.caseId)).at(-1)).toEqual([
      'report-published',
      ['what-works-centre', 'business-manager'],
    ]);

    const early = await d.refusal(
      review.executeUpdate(localReviewDecisions.takedown.update, {
        args: [{ removedOn: await d.today(), actor: manager }],
      }),
    );
    expect(early).toMatchObject({
      type: 'InvalidDecision',
      message: expect.stringContaining(takedown.dueDate),
    });

    await d.sleepUntil(takedown.dueAt, MINUTE);
    expect((await noticesFor(input.caseId)).slice(-3)).toEqual([
      ['deadline-reminder', ['safeguarding-lead', 'business-manager']],
      ['deadline-reminder', ['safeguarding-lead', 'business-manager']],
      ['takedown-reminder', ['business-manager']],
    ]);
    await review.executeUpdate(localReviewDecisions.takedown.update, {
      args: [{ removedOn: await d.today(), actor: manager }],
    });
    const closed = await completedReview(review);
    expect(closed).toMatchObject({ stage: 'closed', status: 'closed' });
    expect(deadline(closed, 'takedown').state).toBe('met-late');
    expect(closed.timeline.at(-1)?.summary).toContain('available on request');
  });

  it('is delayed by the executive group with reasons told to the Panel and the Secretary of State (003)', async () => {
    const day = await d.today();
    const input = csprInput({ decidedOn: day });
    const review = await startReview(env, taskQueue, input);
    await expect.poll(async () => (await review.query(m.localReviewViewQuery)).deadlines.length).toBe(1);
    const original = deadline(await review.query(m.localReviewViewQuery), 'csprPublication');
    expect(original.dueDate).toBe(
      expectedDue('durham', day, { kind: 'calendar-months-after', months: 6 }).dueDate,
    );
    // A working day, 60 of them beyond the six months (within the pack's 12 months).
    const newDueDate = formatIsoDate(
      policies.calendar('durham').addWorkingDays(parseIsoDate(original.dueDate), 60),
    );
    const delay = {
      approvedOn: day,
      reason: 'criminal-proceedings' as const,
      details: 'trial listed for spring',
      newDueDate,
    };

    expect(
      (
        await d.refusal(
          review.executeUpdate(localReviewDecisions.delay.update, { args: [{ ...delay, actor: lead }] }),
        )
      ).type,
    ).toBe('InvalidDecision');
    const delayed = await review.executeUpdate(localReviewDecisions.delay.update, {
      args: [{ ...delay, actor: chair }],
    });
    // Beside the statutory date, never in place of it.
    expect(deadline(delayed, 'csprPublication')).toMatchObject({
      state: 'extended',
      dueDate: original.dueDate,
      extension: { dueDate: newDueDate },
      changes: [
        expect.objectContaining({
          kind: 'extension',
          reason: 'criminal proceedings: trial listed for spring',
          actor: chair,
        }),
      ],
    });
    expect((await noticesFor(input.caseId)).at(-1)).toEqual([
      'cspr-delayed',
      ['panel-liaison', 'secretary-of-state'],
    ]);

    await d.sleepUntil(original.dueAt, MINUTE);
    expect(deadline(await review.query(m.localReviewViewQuery), 'csprPublication')).toMatchObject({
      state: 'extended',
      lateAgainstStatute: true,
      withinExtension: true,
    });
    await d.sleepUntil(deadline(delayed, 'csprPublication').extension!.dueAt, MINUTE);
    expect(deadline(await review.query(m.localReviewViewQuery), 'csprPublication').state).toBe('breached');
    expect((await noticesFor(input.caseId)).filter(([type]) => type === 'deadline-breached')).toEqual([
      ['deadline-breached', ['business-manager', 'independent-chair']],
    ]);
  });

  it('does not publish in full: improvements published, the justification to the Panel and the Secretary of State (a review started before the packs said otherwise)', async () => {
    const day = await d.today();
    const input = csprInput({ decidedOn: day, policy: reviewPolicyFromBefore('durham') });
    const review = await startReview(env, taskQueue, input);
    await signedOff(review, day);
    const decision = {
      decidedOn: day,
      improvementsPublishedOn: day,
      panelException: 'agreed with the Panel on a call',
    };
    const early = await d.refusal(
      review.executeUpdate(localReviewDecisions.notPublishing.update, {
        args: [{ ...decision, justification: 'x', actor: manager }],
      }),
    );
    expect(early.message).toContain('communication strategy');
    await strategy(review, day);
    const unjustified = await d.refusal(
      review.executeUpdate(localReviewDecisions.notPublishing.update, {
        args: [{ ...decision, justification: ' ', actor: manager }],
      }),
    );
    expect(unjustified).toMatchObject({ type: 'InvalidDecision', details: [{ field: 'justification' }] });
    await review.executeUpdate(localReviewDecisions.notPublishing.update, {
      args: [{ ...decision, justification: 'publication would identify the siblings', actor: manager }],
    });
    const closed = await completedReview(review);
    expect(closed).toMatchObject({
      stage: 'closed',
      notPublishing: { panelException: decision.panelException },
    });
    expect(deadline(closed, 'csprPublication')).toMatchObject({ state: 'met', metOn: day });
    expect((await noticesFor(input.caseId)).at(-1)).toEqual([
      'not-publishing',
      ['panel-liaison', 'secretary-of-state'],
    ]);
  });

  it("asks agencies for the review's information on clocks of its own, filed apart from the case's", async () => {
    const day = await d.today();
    const input = csprInput({ decidedOn: day });
    const review = await startReview(env, taskQueue, input);
    const request = {
      agency: 'durham-constabulary',
      agencyName: 'Durham Constabulary',
      contact: { name: 'Review liaison', email: 'liaison@police.example' },
      requestedOn: day,
      workingDays: 10,
      escalateAfterWorkingDays: 2,
      required: true,
      actor: manager,
    };
    const asked = await review.executeUpdate(localReviewDecisions.requestReturn.update, { args: [request] });
    const clock = deadline(asked, 'cspr-agency-return:durham-constabulary');
    expect(clock.dueDate).toBe(
      expectedDue(input.partnership, day, { kind: 'working-days-after', workingDays: 10 }).dueDate,
    );
    expect(asked.returns).toEqual([
      expect.objectContaining({ agency: 'durham-constabulary', state: 'requested' }),
    ]);
    await d.sleepUntil(clock.dueAt, MINUTE);
    // Filed under the case, with keys of the review's own.
    expect((await noticesFor(input.caseId)).at(-1)).toEqual([
      'return-chase',
      ['agency-contact', 'business-manager'],
    ]);
    const received = await review.executeUpdate(localReviewDecisions.recordReturn.update, {
      args: [{ agency: 'durham-constabulary', receivedOn: await d.today(), actor: manager }],
    });
    expect(received.returns![0]).toMatchObject({ state: 'received', late: true });
    // Once the report is being published, it is too late to ask for more.
    await signedOff(review, day);
    await strategy(review, day);
    const late = await d.refusal(
      review.executeUpdate(localReviewDecisions.requestReturn.update, {
        args: [{ ...request, agency: 'durham-county-council' }],
      }),
    );
    expect(late.type).toBe('WrongStage');
  });

  it('counts the six months from the commissioning where the pack says "initiation"', async () => {
    const day = await d.today();
    const decidedOn = await d.daysAgo(20);
    const input = csprInput({ decidedOn });
    input.policy = { ...input.policy, basis: 'initiation' };
    const review = await startReview(env, taskQueue, input);
    await expect
      .poll(
        async () =>
          (await review.query(m.localReviewViewQuery)).notices.filter((n) => n.status === 'delivered').length,
      )
      .toBe(1);
    expect((await review.query(m.localReviewViewQuery)).deadlines).toEqual([]);
    const view = await review.executeUpdate(localReviewDecisions.reviewer.update, {
      args: [
        {
          commissionedOn: day,
          reviewer: 'IR Ltd',
          independent: true,
          termsOfReference: 'ToR',
          actor: manager,
        },
      ],
    });
    expect(deadline(view, 'csprPublication')).toMatchObject({
      basisDate: day,
      dueDate: expectedDue('durham', day, { kind: 'calendar-months-after', months: 6 }).dueDate,
    });
  });
});

async function completedReview(review: Review): Promise<LocalReviewView> {
  await expect.poll(async () => (await review.describe()).status.name, { timeout: 10_000 }).toBe('COMPLETED');
  return review.query(m.localReviewViewQuery);
}
