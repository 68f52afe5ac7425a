/**
 * A local review's dates tell the truth (issue 21, points 5 and 6), on the time-skipping
 * server. A pause with no known end (003 L390: "ongoing criminal or coronial proceedings")
 * sends its reasons to the Panel and the Secretary of State, is recalled at the pack's
 * interval, and on resumption moves the due date on by the time paused, beside the statutory
 * date. The final report's deadline and the earliest publication date are one rule ("N
 * working days before P"), so a date accepted is never met late; the report's notice says
 * when it was sent and claims no attachment. Not publishing in full: the justification goes
 * when the decision is taken, the improvements' publication is a step of its own, and where
 * the pack says exceptions are agreed with the Panel (Dudley, 002 L401) the agreement is
 * required.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { dayOfWeek, earliestDateAfterNotice, formatIsoDate, parseIsoDate } from '../../src/calendar';
import { localReviewDecisions } from '../../src/localReview/decisions';
import * as m from '../../src/localReview/messages';
import type { LocalReviewView } from '../../src/localReview/types';
import type { localReviewWorkflow } from '../../workflows/localReview/workflow';
import { chair, csprInput, manager, outbox, policies, startReview } from '../helpers/cases';
import { type CaseSuite, useCaseSuite } from '../helpers/driver';

let env: TestWorkflowEnvironment;
let taskQueue: string;
let d: CaseSuite['driver'];
useCaseSuite((suite) => ({ env, taskQueue, driver: d } = suite));

type Review = WorkflowHandle<typeof localReviewWorkflow>;
const deadline = (view: LocalReviewView, key: string) => view.deadlines.find((x) => x.key === key)!;
const sent = async (caseId: string, type: string) =>
  (await outbox.list({ caseId })).filter((n) => n.type === type);

/** A review through to the sign-off of the report and of its communication strategy, all on `on`. */
async function readyToPublish(review: Review, on: string): Promise<LocalReviewView> {
  await review.executeUpdate(localReviewDecisions.reviewer.update, {
    args: [
      {
        commissionedOn: on,
        reviewer: 'Independent Reviews Ltd',
        independent: true,
        termsOfReference: 'ToR',
        actor: manager,
      },
    ],
  });
  await review.executeUpdate(localReviewDecisions.draft.update, {
    args: [{ receivedOn: on, draft: 'first', actor: manager }],
  });
  await review.executeUpdate(localReviewDecisions.signOff.update, {
    args: [{ signedOffOn: on, actor: manager }],
  });
  return review.executeUpdate(localReviewDecisions.communicationStrategy.update, {
    args: [{ signedOffOn: on, actor: manager }],
  });
}

describe('a pause of the local review', () => {
  it('stops its clock with no known end, is recalled while it lasts, and moves the due date on by the time paused', async () => {
    const day = await d.today();
    const input = csprInput({ decidedOn: day });
    const review = await startReview(env, taskQueue, input);
    await expect.poll(async () => (await review.query(m.localReviewViewQuery)).deadlines.length).toBe(1);
    const statutory = deadline(await review.query(m.localReviewViewQuery), 'csprPublication');

    const paused = await review.executeUpdate(localReviewDecisions.pause.update, {
      args: [
        { pausedOn: day, reason: 'coronial-proceedings', details: 'inquest not yet listed', actor: chair },
      ],
    });
    expect(paused.pause).toEqual({
      pausedOn: day,
      reason: 'coronial proceedings',
      details: 'inquest not yet listed',
    });
    expect(deadline(paused, 'csprPublication')).toMatchObject({ state: 'paused', pausedOn: day });
    const [toPanel] = await sent(input.caseId, 'cspr-paused');
    expect(toPanel!.to.map((r) => r.role)).toEqual(['panel-liaison', 'secretary-of-state']);
    expect(toPanel!.body).toContain('inquest not yet listed');
    const twice = await d.refusal(
      review.executeUpdate(localReviewDecisions.delay.update, {
        args: [
          { approvedOn: day, reason: 'other', details: 'x', newDueDate: statutory.dueDate, actor: chair },
        ],
      }),
    );
    expect(twice.type).toBe('WrongStage');

    // Past the six months while paused: no breach; reminders every 20 working days meanwhile.
    await d.sleepUntil(statutory.dueAt, 10 * 86_400_000);
    const still = await review.query(m.localReviewViewQuery);
    expect(deadline(still, 'csprPublication').state).toBe('paused');
    const reminders = await sent(input.caseId, 'cspr-pause-reminder');
    expect(reminders.length).toBeGreaterThanOrEqual(6);
    expect(reminders[0]!.to.map((r) => r.role)).toEqual(['business-manager', 'independent-chair']);
    expect(await sent(input.caseId, 'deadline-breached')).toEqual([]);

    const resumedOn = await d.today();
    const resumed = await review.executeUpdate(localReviewDecisions.resumption.update, {
      args: [{ resumedOn, details: 'inquest concluded', actor: chair }],
    });
    const days = parseIsoDate(resumedOn) - parseIsoDate(day);
    const moved = formatIsoDate(parseIsoDate(statutory.dueDate) + days);
    expect(deadline(resumed, 'csprPublication')).toMatchObject({
      state: 'extended',
      dueDate: statutory.dueDate,
      extension: { dueDate: moved },
      lateAgainstStatute: true,
      withinExtension: true,
    });
    expect(deadline(resumed, 'csprPublication').changes.map((c) => c.kind)).toEqual(['pause', 'resume']);
    await expect.poll(async () => (await sent(input.caseId, 'cspr-resumed')).length).toBe(1);
    const count = (await sent(input.caseId, 'cspr-pause-reminder')).length;
    await env.sleep('30 days');
    expect((await sent(input.caseId, 'cspr-pause-reminder')).length).toBe(count);
  });

  it('and a delay to a known date keeps to the pack’s limit and to working days', async () => {
    const day = await d.today();
    const review = await startReview(env, taskQueue, csprInput({ decidedOn: day }));
    await expect.poll(async () => (await review.query(m.localReviewViewQuery)).deadlines.length).toBe(1);
    const statutory = deadline(await review.query(m.localReviewViewQuery), 'csprPublication');
    const calendar = policies.calendar('durham');
    // 12 months beyond the six, at most (the national default).
    const tooFar = formatIsoDate(calendar.addWorkingDays(parseIsoDate(statutory.dueDate), 280));
    const refused = await d.refusal(
      review.executeUpdate(localReviewDecisions.delay.update, {
        args: [
          {
            approvedOn: day,
            reason: 'criminal-proceedings',
            details: 'trial',
            newDueDate: tooFar,
            actor: chair,
          },
        ],
      }),
    );
    expect(refused.message).toContain('at most 12 months beyond its statutory due date');
  });
});

describe('publication', () => {
  it('judges the final report by one rule, "N working days before P": sent on a Saturday, the forward count is refused', async () => {
    let saturday = parseIsoDate(await d.today());
    while (dayOfWeek(saturday) !== 6) saturday -= 1;
    const sentOn = formatIsoDate(saturday);
    const before = formatIsoDate(saturday - 10);
    const input = csprInput({ decidedOn: formatIsoDate(saturday - 30) });
    const review = await startReview(env, taskQueue, input);
    const ready = await readyToPublish(review, before);
    const calendar = policies.calendar('durham');
    const today = parseIsoDate(await d.today());
    expect(ready.earliestPublicationDate).toBe(formatIsoDate(earliestDateAfterNotice(calendar, today, 7)));

    const earliest = formatIsoDate(earliestDateAfterNotice(calendar, saturday, 7));
    // Counting 7 working days forward from the Saturday gives a day too early.
    const forward = formatIsoDate(calendar.addWorkingDays(saturday, 7));
    expect(forward < earliest).toBe(true);
    const refused = await d.refusal(
      review.executeUpdate(localReviewDecisions.publicationDate.update, {
        args: [{ publicationDate: forward, sentOn, actor: manager }],
      }),
    );
    expect(refused.message).toContain(`the earliest publication date is ${earliest}`);
    const set = await review.executeUpdate(localReviewDecisions.publicationDate.update, {
      args: [{ publicationDate: earliest, sentOn, actor: manager }],
    });
    expect(set).toMatchObject({ stage: 'awaiting-publication', reportSentOn: sentOn });
    expect(deadline(set, 'finalReportToPanel')).toMatchObject({ state: 'met', metOn: sentOn });
    const [notice] = await sent(input.caseId, 'final-report');
    expect(notice!.body).toContain(`was sent to the National Panel and the Secretary of State on ${sentOn}`);
    expect(notice!.body).not.toContain('attached');
    expect(notice!.body).toContain('The report itself is not part of this notice');
  });

  it('not in full: the justification goes when decided, and the improvements are published as a step of their own', async () => {
    const day = await d.today();
    const input = csprInput({ decidedOn: day });
    const review = await startReview(env, taskQueue, input);
    await readyToPublish(review, day);
    const decided = await review.executeUpdate(localReviewDecisions.notPublishing.update, {
      args: [{ decidedOn: day, justification: 'publication would identify the siblings', actor: chair }],
    });
    expect(decided.stage).toBe('improvements');
    expect(deadline(decided, 'csprPublication').state).toBe('pending');
    const [justification] = await sent(input.caseId, 'not-publishing');
    expect(justification!.to.map((r) => r.role)).toEqual(['panel-liaison', 'secretary-of-state']);
    expect(justification!.body).toContain('will be published instead');
    expect(justification!.body).toContain('publication would identify the siblings');

    const published = await review.executeUpdate(localReviewDecisions.improvementsPublication.update, {
      args: [{ publishedOn: day, actor: manager }],
    });
    expect(published).toMatchObject({ stage: 'closed', improvementsPublishedOn: day });
    expect(deadline(published, 'csprPublication')).toMatchObject({ state: 'met', metOn: day });
  });

  it('not in full in Dudley needs the exception agreed with the Panel (002 L401)', async () => {
    const day = await d.today();
    const input = csprInput({ partnership: 'dudley', decidedOn: day });
    expect(input.policy.exceptionsAgreedWithPanel).toBe(true);
    const review = await startReview(env, taskQueue, input);
    await readyToPublish(review, day);
    const decision = {
      decidedOn: day,
      justification: 'risk to a sibling',
      improvementsPublishedOn: day,
      actor: chair,
    };
    const none = await d.refusal(
      review.executeUpdate(localReviewDecisions.notPublishing.update, { args: [decision] }),
    );
    expect(none).toMatchObject({ type: 'InvalidDecision', details: [{ field: 'panelException' }] });
    const undated = await d.refusal(
      review.executeUpdate(localReviewDecisions.notPublishing.update, {
        args: [{ ...decision, panelException: 'agreed by the Panel secretariat' }],
      }),
    );
    expect(undated).toMatchObject({ details: [{ field: 'panelAgreedOn' }] });
    const agreed = await review.executeUpdate(localReviewDecisions.notPublishing.update, {
      args: [{ ...decision, panelException: 'agreed by the Panel secretariat', panelAgreedOn: day }],
    });
    expect(agreed.stage).toBe('closed');
    await expect
      .poll(async () => (await sent(input.caseId, 'not-publishing'))[0]?.body)
      .toContain('The exception was agreed with the National Panel: agreed by the Panel secretariat');
  });
});
