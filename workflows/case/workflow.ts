/**
 * caseWorkflow: one serious child safeguarding incident, steps 1 to 5 of the statutory
 * process. The workflow's history is the case file: every decision arrives as an Update
 * carrying who made it, every due date was planned by an activity and recorded, and every
 * notice was sent once, by an activity.
 *
 *   1. notification to the National Panel, 5 working days from awareness (Durham first holds
 *      a notification consideration meeting: 003 "Notification of incidents")
 *   2. rapid review, 15 working days from notification or awareness, per pack (003)
 *   3. the partners' decision whether to review: a majority, 2 of 3 in Durham (003)
 *   4. the National Panel's response; if it disagrees, the partners reconsider (003)
 *   5. a local review, as the case's child workflow, when the outcome is one
 */
import { ChildWorkflowFailure, condition, patched, setHandler, startChild } from '@temporalio/workflow';
import { caseDecisions } from '../../src/case/decisions';
import { caseViewQuery, replanDeadlines } from '../../src/case/messages';
import type { CaseInput, CaseView } from '../../src/case/types';
import {
  type CaseStage,
  CaseStages,
  NotificationOutcomes,
  PanelResponses,
  ReconsiderationOutcomes,
  REVIEW_OUTCOME_WORDS,
  ReviewFormats,
  ReviewOutcomes,
} from '../../src/case/values';
import { londonDate } from '../../src/calendar/london';
import { localReviewIdFor } from '../../src/ids';
import { localReviewProgress } from '../../src/localReview/messages';
import type { LocalReviewInput } from '../../src/localReview/types';
import type { RecipientRole } from '../../src/policy/schema';
import { CaseRef, Partnership } from '../../src/temporal/searchAttributes';
import { WorkflowTypes } from '../../src/temporal/workflowTypes';
import { acts } from '../activityProxies';
import { allDecisionsAnswered, registerDecisions } from '../decisions';
import { CaseRecord } from './caseRecord';
import { CaseDecisionHandlers } from './decisions';
import { LOCAL_REVIEW_CHILD, legacyAlsoTold, REVIEW_POLICY_FROM_CASE } from './legacy';

export async function caseWorkflow(input: CaseInput): Promise<CaseView> {
  const c = new CaseRecord(input);
  const { file, policy, obligations } = c;

  setHandler(caseViewQuery, () => c.view());
  registerDecisions(caseDecisions, new CaseDecisionHandlers(c));
  setHandler(replanDeadlines, ({ reason, actor }) => file.replanOpen(reason, actor));
  setHandler(localReviewProgress, (summary) => {
    c.localReview = summary;
    c.publish();
  });

  /** Closes the case at `at`: what it still waited for lapses, recorded, and the last notices go. */
  async function finish(at: CaseStage): Promise<CaseView> {
    c.status = 'closed';
    c.moveTo(at);
    c.returns.closeOutstanding('the case closed');
    file.record('case-closed', `case closed at stage ${c.stage}`);
    c.reacting = false;
    await file.settled();
    await allDecisionsAnswered();
    return c.view();
  }

  file.record('case-started', `case ${input.reference} started; aware on ${input.awareAt}`, input.startedBy);
  if (!obligations.notification) {
    // Reviewed locally though not a serious case (003): no national clocks; the partners decide.
    await file.notify('case-started', 'case-started', ['safeguarding-lead', 'business-manager'], {
      awareAt: input.awareAt,
    });
  } else {
    // ---- 1. Notification ----
    const fiveDays = { kind: 'working-days-after', workingDays: policy.notificationWorkingDays } as const;
    const notificationDeadline = await file.plan({
      key: 'notification',
      basisDate: input.awareAt,
      rule: fiveDays,
    });
    if (policy.considerationMeeting) {
      await file.plan({ key: 'considerationMeeting', basisDate: input.awareAt, rule: fiveDays });
    }
    await file.notify('case-started', 'case-started', ['safeguarding-lead', 'business-manager'], {
      awareAt: input.awareAt,
      dueDate: notificationDeadline.dueDate,
    });
    await condition(() => c.notification !== undefined);
    const notification = c.notification!;
    const told: RecipientRole[] = [
      'panel-liaison',
      'safeguarding-partners',
      ...obligations.alsoNotify,
      ...legacyAlsoTold(input),
    ];
    if (!obligations.rapidReview) {
      // A care leaver's death: notified, and nothing more is owed nationally (WT 2023).
      if (notification.outcome === NotificationOutcomes.notified) {
        await file.notify('incident-notified', 'incident-notified', told, {
          notifiedOn: notification.notifiedOn,
        });
      }
      return finish(CaseStages.closed);
    }
    const rapidReviewDays = {
      kind: 'working-days-after',
      workingDays: policy.rapidReviewWorkingDays,
    } as const;
    if (notification.outcome === NotificationOutcomes.notified) {
      const { notifiedOn } = notification;
      const basisDate = policy.rapidReviewBasis === 'notification' ? notifiedOn : input.awareAt;
      const rapid = await file.plan({ key: 'rapidReview', basisDate, rule: rapidReviewDays });
      c.moveTo(CaseStages.rapidReview);
      await file.notify('incident-notified', 'incident-notified', told, {
        notifiedOn,
        rapidReviewDue: rapid.dueDate,
      });
      c.reacting = false;

      // ---- 2. Rapid review ----
      await condition(() => c.rapidReview !== undefined);
    } else {
      // Not notifiable: no national clocks run, but the partners may still choose a local review (003).
      const rapid = await file.plan({
        key: 'rapidReview',
        basisDate: notification.decidedOn,
        rule: rapidReviewDays,
      });
      rapid.markNotApplicable('the incident was not notifiable');
    }
    c.moveTo(CaseStages.partnersDecision);
    c.reacting = false;
  }
  if (!obligations.partnersDecision) return finish(CaseStages.closed);

  // ---- 3. The partners' decision ----
  await condition(() => c.outcome !== undefined);
  const outcome = c.outcome!;
  await file.notify('decision-outcome', 'decision-outcome', ['safeguarding-lead'], {
    outcome: REVIEW_OUTCOME_WORDS[outcome],
  });

  let finalOutcome: CaseStage =
    outcome === ReviewOutcomes.localCspr ? CaseStages.csprCommissioned : CaseStages.closed;
  if (c.notification?.outcome === NotificationOutcomes.notified) {
    const rapidReview = c.rapidReview!;
    await file.notify('rapid-review-complete', 'rapid-review-complete', ['panel-liaison'], {
      completedOn: rapidReview.completedOn,
      meetingType: rapidReview.format === ReviewFormats.virtualPanel ? 'Virtual Panel' : 'meeting',
      outcome: REVIEW_OUTCOME_WORDS[outcome],
    });

    // ---- 4. The National Panel's response: no national timescale, so chase after the pack's interval ----
    await file.plan(
      {
        key: 'panelResponse',
        basisDate: londonDate(new Date()),
        rule: { kind: 'working-days-after', workingDays: policy.panelChaseWorkingDays },
      },
      { reminders: false, onBreach: { type: 'panel-chase', to: ['business-manager'] } },
    );
    c.moveTo(CaseStages.panelResponse);
    c.reacting = false;
    await condition(() => c.panel !== undefined);
    const panel = c.panel!;

    if (panel.response === PanelResponses.disagrees) {
      c.moveTo(CaseStages.reconsideration);
      await file.notify('panel-disagrees', 'panel-disagrees', ['business-manager', 'executive-group'], {
        receivedOn: panel.receivedOn,
      });
      c.reacting = false;
      await condition(() => c.reconsideration !== undefined);
      const reconsideration = c.reconsideration!;
      await file.notify('reconsideration-outcome', 'reconsideration-outcome', ['panel-liaison'], {
        decidedOn: reconsideration.decidedOn,
        outcome: reconsideration.outcome,
      });
      if (reconsideration.outcome === ReconsiderationOutcomes.commissionCspr)
        finalOutcome = CaseStages.csprCommissioned;
      // Where the pack allows it, the partners may conclude that no review is needed after all.
      if (reconsideration.outcome === ReconsiderationOutcomes.noReview) finalOutcome = CaseStages.closed;
    } else if (panel.response === PanelResponses.nationalReview || outcome === ReviewOutcomes.referNational) {
      finalOutcome = CaseStages.nationalReview;
      await file.notify('national-review', 'national-review', ['business-manager', 'safeguarding-partners'], {
        receivedOn: panel.receivedOn,
      });
      file.record(
        'national-review',
        'the National Panel will review nationally; the partnership cooperates and closes the case locally',
      );
    }
  }

  // ---- 5. A local review runs as the case's child until its report is published and taken down ----
  // Cases that reached this point before the review workflow existed ended here.
  if (finalOutcome === CaseStages.csprCommissioned && patched(LOCAL_REVIEW_CHILD)) {
    await runLocalReview(c);
    return finish(CaseStages.closed);
  }
  return finish(finalOutcome);
}

/**
 * Patch marker: a local review that cannot start (its id taken by hand through Temporal, say)
 * leaves the case open on the review's clock, and says so, instead of failing the case.
 */
const HAND_OVER_HELD = 'hand-over-held';

/**
 * The review's settings: those the case started with, so a pack changed meanwhile does not
 * change the rules of a review already decided. Cases from before read the pack as it now is.
 */
async function reviewPolicyOf(c: CaseRecord): Promise<LocalReviewInput['policy']> {
  const kept = c.input.policy.localReview;
  if (kept && patched(REVIEW_POLICY_FROM_CASE)) return kept;
  return acts.csprPolicy({ partnership: c.input.partnership });
}

/** Hands the case over to its local review, and waits for the review to close. */
async function runLocalReview(c: CaseRecord): Promise<void> {
  const { input, file } = c;
  // The review was decided when the partners voted for it, unless they commissioned it on reconsideration.
  const decidedOn =
    c.reconsideration?.outcome === ReconsiderationOutcomes.commissionCspr
      ? c.reconsideration.decidedOn
      : c.outcomeDecidedOn!;
  const reviewId = localReviewIdFor(input.caseId);
  const reviewInput: LocalReviewInput = {
    reviewId,
    caseId: input.caseId,
    partnership: input.partnership,
    reference: input.reference,
    decidedOn,
    policy: await reviewPolicyOf(c),
  };
  let review;
  try {
    review = await startChild(WorkflowTypes.localReview, {
      workflowId: reviewId,
      args: [reviewInput],
      typedSearchAttributes: [
        { key: Partnership, value: input.partnership },
        { key: CaseRef, value: input.reference },
      ],
    });
  } catch (err) {
    // Cases from before this rule failed here, and replay as they ran.
    if (!patched(HAND_OVER_HELD)) throw err;
    return holdLocalReview(c, reviewInput, err);
  }
  file.record('local-review-started', `local CSPR ${reviewId} started; decided on ${decidedOn}`);
  c.moveTo(CaseStages.localReview);
  c.reacting = false;
  try {
    await review.result();
  } catch (err) {
    // Terminated or failed by hand: the case says so and closes rather than failing itself.
    if (!(err instanceof ChildWorkflowFailure)) throw err;
    file.record('local-review-ended', `the local review ${reviewId} ended without completing`);
  }
}

/**
 * The review could not start: the case stays open, keeps the review's six-month clock itself
 * (its reminders and its breach), tells the business manager and the independent chair, and
 * waits. A failed hand-over is never a case shown on track with no clock running.
 */
async function holdLocalReview(c: CaseRecord, review: LocalReviewInput, err: unknown): Promise<never> {
  const { file } = c;
  const reason = err instanceof Error ? err.message : String(err);
  file.record('local-review-not-started', `the local review ${review.reviewId} could not start: ${reason}`);
  const clock = await file.plan({
    key: 'csprPublication',
    basisDate: review.decidedOn,
    rule: { kind: 'calendar-months-after', months: review.policy.completionMonths },
  });
  c.moveTo(CaseStages.csprCommissioned);
  c.reacting = false;
  await file.notify(
    'local-review-not-started',
    'local-review-not-started',
    ['business-manager', 'independent-chair'],
    {
      decidedOn: review.decidedOn,
      dueDate: clock.dueDate,
      reason,
    },
  );
  // Open until someone acts on the case: its clock keeps running and breaches in its time.
  await condition(() => false);
  throw new Error('unreachable');
}
