/**
 * Step 5: the case hands over to its local review, the case's child workflow, and waits for
 * it to close. Where the partners decided on a review of a notified incident, it starts at
 * once, so its reviewer can be commissioned while the Panel's response is awaited; a national
 * review stops it. A review that cannot start leaves the case open on the review's clock.
 */
import { ChildWorkflowFailure, condition, patched, setHandler, startChild } from '@temporalio/workflow';
import { ReconsiderationOutcomes, CaseStages } from '../../src/case/values';
import { localReviewIdFor } from '../../src/ids';
import { localReviewProgress, stopLocalReview } from '../../src/localReview/messages';
import type { LocalReviewInput } from '../../src/localReview/types';
import { CaseRef, Partnership } from '../../src/temporal/searchAttributes';
import { WorkflowTypes } from '../../src/temporal/workflowTypes';
import { acts } from '../activityProxies';
import type { CaseRecord } from './caseRecord';
import { REVIEW_POLICY_FROM_CASE } from './legacy';

/**
 * Patch marker: from here on the review's progress reaches visibility from a coroutine of the
 * case, not from the signal's handler. A handler's command may be ordered otherwise on replay
 * when a decision arrives in the same workflow task as the signal (an SDK hazard, e.g.
 * temporalio/sdk-python#673); a coroutine's comes after every handler's, live and on replay.
 */
const PROGRESS_PUBLISHED_APART = 'review-progress-published-apart';

/** The case shows its local review as the review last reported itself. */
export function followLocalReview(c: CaseRecord): void {
  const apart = patched(PROGRESS_PUBLISHED_APART);
  let due = false;
  setHandler(localReviewProgress, (summary) => {
    c.localReview = summary;
    if (apart) due = true;
    else c.publish();
  });
  if (!apart) return;
  const publishing = async () => {
    for (;;) {
      await condition(() => due || c.status === 'closed');
      if (!due) return;
      due = false;
      c.publish();
    }
  };
  // A cancelled case ends its main line too; nothing here to report.
  publishing().catch(() => undefined);
}

/**
 * The review's settings: those the case started with, so a pack changed meanwhile does not
 * change the rules of a review already decided. Cases from before read the pack as it now is.
 */
async function reviewPolicyOf(c: CaseRecord): Promise<LocalReviewInput['policy']> {
  const kept = c.input.policy.localReview;
  if (kept && patched(REVIEW_POLICY_FROM_CASE)) return kept;
  return acts.csprPolicy({ partnership: c.input.partnership });
}

/** What the local review starts with, but its policy: the case, and the date decided. */
function reviewOf(c: CaseRecord): Omit<LocalReviewInput, 'policy'> {
  const { input } = c;
  // The review was decided when the partners voted for it, unless they commissioned it on reconsideration.
  const decidedOn =
    c.reconsideration?.outcome === ReconsiderationOutcomes.commissionCspr
      ? c.reconsideration.decidedOn
      : c.outcomeDecidedOn!;
  return {
    reviewId: localReviewIdFor(input.caseId),
    caseId: input.caseId,
    partnership: input.partnership,
    reference: input.reference,
    decidedOn,
  };
}

const startReview = (c: CaseRecord, review: LocalReviewInput) =>
  startChild(WorkflowTypes.localReview, {
    workflowId: review.reviewId,
    args: [review],
    typedSearchAttributes: [
      { key: Partnership, value: c.input.partnership },
      { key: CaseRef, value: c.input.reference },
    ],
  });

/**
 * The partners decided on a local review: it starts now, so its reviewer can be commissioned
 * while the Panel's response is awaited. A national review stops it. One that cannot start
 * now is tried again once the Panel has answered.
 */
export async function startReviewEarly(c: CaseRecord): Promise<void> {
  const review: LocalReviewInput = { ...reviewOf(c), policy: await reviewPolicyOf(c) };
  try {
    const handle = await startReview(c, review);
    // Observed at once, so a review failed or terminated by hand is no unhandled rejection.
    const result = handle.result().catch((err: unknown) => err);
    c.earlyReview = { result, stop: (reason) => handle.signal(stopLocalReview, { reason }) };
    c.file.record(
      'local-review-started',
      `local CSPR ${review.reviewId} started; decided on ${review.decidedOn}`,
    );
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    c.file.record(
      'local-review-not-started',
      `the local review ${review.reviewId} could not start yet: ${reason}`,
    );
  }
}

/**
 * Patch marker: a local review that cannot start (its id taken by hand through Temporal, say)
 * leaves the case open on the review's clock, and says so, instead of failing the case.
 */
const HAND_OVER_HELD = 'hand-over-held';

/** Hands the case over to its local review (started now, or at the decision), and waits for it to close. */
export async function runLocalReview(c: CaseRecord): Promise<void> {
  const { file } = c;
  let result: Promise<unknown>;
  const reviewId = localReviewIdFor(c.input.caseId);
  if (c.earlyReview) {
    result = c.earlyReview.result;
  } else {
    // As cases already running took it: the policy read, then the child started, no tick between.
    const review: LocalReviewInput = { ...reviewOf(c), policy: await reviewPolicyOf(c) };
    let handle;
    try {
      handle = await startReview(c, review);
    } catch (err) {
      // Cases from before this rule failed here, and replay as they ran.
      if (!patched(HAND_OVER_HELD)) throw err;
      handle = await holdLocalReview(c, review, err);
    }
    file.record('local-review-started', `local CSPR ${reviewId} started; decided on ${review.decidedOn}`);
    result = handle.result();
  }
  c.moveTo(CaseStages.localReview);
  c.reacting = false;
  try {
    const ended = await result;
    if (ended instanceof Error) throw ended;
  } catch (err) {
    // Terminated or failed by hand: the case says so and closes rather than failing itself.
    if (!(err instanceof ChildWorkflowFailure)) throw err;
    file.record('local-review-ended', `the local review ${reviewId} ended without completing`);
  }
}

/**
 * The review could not start: the case stays open, keeps the review's six-month clock itself
 * (its reminders and its breach), tells the business manager and the independent chair, and
 * waits for one of them to try again, once what stopped it is put right. A failed hand-over
 * is never a case shown on track with no clock running.
 */
async function holdLocalReview(c: CaseRecord, review: LocalReviewInput, err: unknown) {
  const { file } = c;
  const reason = reasonOf(err);
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
  const since = new Date().toISOString();
  c.localReviewHeld = { since, reason };
  // Open until someone acts on the case: its clock keeps running and breaches in its time.
  for (;;) {
    await condition(() => c.handOverRetry !== undefined);
    c.handOverRetry = undefined;
    try {
      const handle = await startReview(c, review);
      c.localReviewHeld = undefined;
      // The review keeps the six months from here; a breach the case saw stays on its record.
      if (clock.isOpen) clock.markNotApplicable('the local review started and keeps this clock');
      return handle;
    } catch (again) {
      c.localReviewHeld = { since, reason: reasonOf(again) };
      file.record(
        'local-review-not-started',
        `the local review ${review.reviewId} still could not start: ${reasonOf(again)}`,
      );
      c.reacting = false;
    }
  }
}

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
