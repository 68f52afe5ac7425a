/**
 * The local child safeguarding practice review (registered as `csprWorkflow`), started by its
 * case once the partners (or the executive group, on reconsideration) commission it. Steps 5
 * and 6:
 *
 *   commissioning  a reviewer with terms of reference, independent where the pack asks
 *                  (Dudley, 002 L399)
 *   drafting       the first draft, further drafts and rounds of comments, as many as the
 *                  pack allows (Kirklees: two rounds of comments, 004 §12.6)
 *   sign-off       by the body the pack names (Durham: the Extended Safeguarding Executive
 *                  Group, 003 L387)
 *   publication    a communication strategy signed off first where the pack asks (Kirklees,
 *                  004 §12.6); the final report to the Panel and the Secretary of State at
 *                  least 7 working days before the publication date (WT; 002 L401); or, not
 *                  publishing in full, information about improvements and the justification
 *                  to them instead (003)
 *   published      the pack's recipients told (Dudley: the What Works Centre, 002 L401);
 *                  online for a year, then a reminder to take it down and keep it available
 *                  on request (003 L392)
 *
 * Completion and publication are due within six months of the decision (003 L390); a delay
 * approved by the body the pack names extends that date and its reasons go to the Panel and the
 * Secretary of State.
 */
import {
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  log,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { IsoDate } from '../../src/calendar/civilDate';
import { londonDate } from '../../src/calendar/london';
import { replanDeadlines } from '../../src/case/messages';
import type { LocalReviewSummary } from '../../src/case/types';
import { localReviewDecisions } from '../../src/localReview/decisions';
import { localReviewProgress, localReviewViewQuery } from '../../src/localReview/messages';
import type { LocalReviewInput, LocalReviewView } from '../../src/localReview/types';
import { LocalReviewStages as S } from '../../src/localReview/values';
import { acts } from '../activityProxies';
import { allDecisionsAnswered, registerDecisions } from '../decisions';
import { LocalReviewDecisionHandlers } from './decisions';
import { LocalReviewRecord } from './localReviewRecord';

/** The span of the review's working-day window: long enough for any approved delay. */
const WINDOW_YEARS = 4;

export async function localReviewWorkflow(input: LocalReviewInput): Promise<LocalReviewView> {
  const r = new LocalReviewRecord(input);
  const { file, policy } = r;

  setHandler(localReviewViewQuery, () => r.view());
  registerDecisions(localReviewDecisions, new LocalReviewDecisionHandlers(r));
  setHandler(replanDeadlines, async ({ reason, actor }) => {
    // A re-plan also stretches the calendar window from today: a long delay can outrun the first.
    r.window = await acts.planCalendarWindow(windowRequest(input, londonDate(new Date())));
    await file.replanOpen(reason, actor);
  });

  let finished = false;
  const reporter = reportProgressToCase(r, () => finished);

  file.record('review-started', `local CSPR commissioned by the partners' decision of ${input.decidedOn}`);
  r.window = await acts.planCalendarWindow(windowRequest(input));
  await file.notify('review-commissioned', 'review-commissioned', ['business-manager'], {
    decidedOn: input.decidedOn,
  });
  const sixMonths = { kind: 'calendar-months-after', months: policy.completionMonths } as const;
  if (policy.basis === 'decision') {
    await file.plan({ key: 'csprPublication', basisDate: input.decidedOn, rule: sixMonths });
  }

  await condition(() => r.reviewer !== undefined);
  if (policy.basis === 'initiation') {
    await file.plan({ key: 'csprPublication', basisDate: r.reviewer!.commissionedOn, rule: sixMonths });
  }
  r.moveTo(S.drafting);
  r.reacting = false;

  await condition(() => r.publicationDate !== undefined || r.notPublishing !== undefined);
  const completion = file.deadline('csprPublication')!;
  if (r.notPublishing) {
    const notPublishing = r.notPublishing;
    completion.meet(notPublishing.improvementsPublishedOn);
    await file.notify('not-publishing', 'not-publishing', ['panel-liaison', 'secretary-of-state'], {
      decidedOn: notPublishing.decidedOn,
      justification: notPublishing.justification,
      improvementsPublishedOn: notPublishing.improvementsPublishedOn,
    });
    r.moveTo(S.closed);
    r.reacting = false;
  } else {
    await publish(r);
  }

  r.returns.closeOutstanding('the review closed');
  await file.settled();
  finished = true;
  await reporter;
  await allDecisionsAnswered();
  return r.view();
}

/** The final report to the Panel ahead of publication, publication, a year online, and removal. */
async function publish(r: LocalReviewRecord): Promise<void> {
  const { file, policy } = r;
  const publicationDate = r.publicationDate!;
  const notice = await file.plan(
    {
      key: 'finalReportToPanel',
      basisDate: publicationDate,
      rule: { kind: 'working-days-before', workingDays: policy.publicationNoticeWorkingDays },
    },
    { reminders: false },
  );
  notice.meet(r.reportSentOn!);
  await file.notify('final-report', 'final-report', ['panel-liaison', 'secretary-of-state'], {
    publicationDate,
    sentOn: r.reportSentOn!,
  });
  r.moveTo(S.awaitingPublication);
  r.reacting = false;

  await condition(() => r.publishedOn !== undefined);
  const publishedOn = r.publishedOn!;
  file.deadline('csprPublication')!.meet(publishedOn);
  // Who is told depends on the partnership: Dudley sends a copy to the What Works Centre (002 L401).
  await file.notify('report-published', 'report-published', r.rules.notifyAfterPublication, {
    publishedOn,
  });
  // A year online, then down and available on request (003 L392): the usual reminders
  // before the day, and if the day passes with the report still up, the business manager
  // is told to take it down.
  await file.plan(
    {
      key: 'takedown',
      basisDate: publishedOn,
      rule: { kind: 'calendar-months-after', months: policy.onlineMonths },
    },
    { onBreach: { type: 'takedown-reminder', to: ['business-manager'] } },
  );
  r.moveTo(S.published);
  r.reacting = false;

  await condition(() => r.removedOn !== undefined);
  file.deadline('takedown')!.meet(r.removedOn!);
  r.moveTo(S.closed);
  r.reacting = false;
}

/**
 * Tells the case each time the review's stage or deadlines change, until the review ends.
 * A review with no case (one started by hand, or whose case was terminated) runs on untold.
 */
async function reportProgressToCase(r: LocalReviewRecord, finished: () => boolean): Promise<void> {
  const parent = workflowInfo().parent;
  for (;;) {
    await condition(() => r.progressDue || finished());
    if (!r.progressDue) return;
    r.progressDue = false;
    if (!parent) continue;
    const summary: LocalReviewSummary = {
      workflowId: r.input.reviewId,
      stage: r.stage,
      status: r.stage === S.closed ? 'closed' : 'open',
      deadlines: [...r.file.deadlines.values()].map((d) => d.view()),
    };
    try {
      await getExternalWorkflowHandle(parent.workflowId, parent.runId).signal(localReviewProgress, summary);
    } catch (err) {
      if (!(err instanceof ApplicationFailure && err.type === 'ExternalWorkflowExecutionNotFound')) throw err;
      log.warn('the case of this review no longer runs; progress not reported', { caseId: r.input.caseId });
    }
  }
}

/** From the decision to four years after `today`: a re-plan stretches it for a long delay. */
function windowRequest(input: LocalReviewInput, today: IsoDate = input.decidedOn) {
  const through = `${Number(today.slice(0, 4)) + WINDOW_YEARS}${today.slice(4)}`;
  return { partnership: input.partnership, from: input.decidedOn, through };
}
