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
 * approved by the body the pack names extends that date (beside the statutory one) and its
 * reasons go to the Panel and the Secretary of State; a pause with no known end (criminal or
 * coronial proceedings) stops the clock until it resumes (./delays.ts).
 */
import {
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  log,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { IsoDate } from '../../src/calendar/civilDate';
import { londonDate } from '../../src/calendar/london';
import { replanDeadlines } from '../../src/case/messages';
import type { LocalReviewSummary } from '../../src/case/types';
import { localReviewDecisions } from '../../src/localReview/decisions';
import { localReviewProgress, localReviewViewQuery, stopLocalReview } from '../../src/localReview/messages';
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
  setHandler(stopLocalReview, ({ reason }) => {
    r.stoppedBecause ??= reason;
  });
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

  // A review started at the partners' decision is stopped if the Panel reviews nationally.
  const unlessStopped = (ready: () => boolean) => () => ready() || r.stoppedBecause !== undefined;
  await condition(unlessStopped(() => r.reviewer !== undefined));
  if (!r.stoppedBecause) {
    if (policy.basis === 'initiation') {
      await file.plan({ key: 'csprPublication', basisDate: r.reviewer!.commissionedOn, rule: sixMonths });
    }
    r.moveTo(S.drafting);
    r.reacting = false;
    await condition(unlessStopped(() => r.publicationDate !== undefined || r.notPublishing !== undefined));
  }
  if (r.stoppedBecause) {
    stop(r, r.stoppedBecause);
  } else if (r.notPublishing && !patched(JUSTIFICATION_AT_DECISION)) {
    // Reviews decided before: the justification went once the improvements were out, with them.
    const notPublishing = r.notPublishing;
    file.deadline('csprPublication')!.meet(notPublishing.improvementsPublishedOn!);
    await file.notify('not-publishing', 'not-publishing', ['panel-liaison', 'secretary-of-state'], {
      decidedOn: notPublishing.decidedOn,
      justification: notPublishing.justification,
      improvementsPublishedOn: notPublishing.improvementsPublishedOn!,
    });
    r.moveTo(S.closed);
    r.reacting = false;
  } else if (r.notPublishing) {
    await publishImprovements(r);
  } else {
    await publish(r);
  }

  r.returns.closeOutstanding('the review closed');
  if (r.background.length > 0) await Promise.all(r.background);
  await file.settled();
  finished = true;
  await reporter;
  await allDecisionsAnswered();
  return r.view();
}

/** The review ends before its time (the Panel reviews nationally): its clocks lapse, recorded. */
function stop(r: LocalReviewRecord, reason: string): void {
  for (const deadline of r.file.openDeadlines()) deadline.markNotApplicable(reason);
  r.file.record('review-stopped', `the local review was stopped: ${reason}`);
  r.moveTo(S.closed);
  r.reacting = false;
}

/**
 * Patch marker: from here on the justification for not publishing goes to the Panel and the
 * Secretary of State when the decision is taken, and publishing the improvements is a step of
 * its own (003 L390). Reviews decided before sent it once the improvements were out.
 */
const JUSTIFICATION_AT_DECISION = 'not-publishing-justification-at-decision';

/** Not publishing in full: the justification now, then the information about the improvements published. */
async function publishImprovements(r: LocalReviewRecord): Promise<void> {
  const { file } = r;
  const notPublishing = r.notPublishing!;
  await file.notify('not-publishing', 'not-publishing', ['panel-liaison', 'secretary-of-state'], {
    decidedOn: notPublishing.decidedOn,
    justification: notPublishing.justification,
    ...(notPublishing.panelException && { panelException: notPublishing.panelException }),
    ...(notPublishing.improvementsPublishedOn && {
      improvementsPublishedOn: notPublishing.improvementsPublishedOn,
    }),
  });
  if (notPublishing.improvementsPublishedOn) {
    r.improvementsPublishedOn = notPublishing.improvementsPublishedOn;
  } else {
    r.moveTo(S.improvements);
    r.reacting = false;
    await condition(() => r.improvementsPublishedOn !== undefined);
  }
  file.deadline('csprPublication')!.meet(r.improvementsPublishedOn!);
  r.moveTo(S.closed);
  r.reacting = false;
}

/**
 * Patch marker: from here on the final report's deadline is planned already met on the day
 * the report was sent, so a report sent on time but recorded after its latest day is on time,
 * not breached at planning and then met late.
 */
const FINAL_REPORT_MET_WHEN_PLANNED = 'final-report-met-when-planned';

/** The final report to the Panel ahead of publication, publication, a year online, and removal. */
async function publish(r: LocalReviewRecord): Promise<void> {
  const { file, policy } = r;
  const publicationDate = r.publicationDate!;
  // The report went before the date was recorded: judged by the dates, not by when they were typed.
  const metWhenPlanned = patched(FINAL_REPORT_MET_WHEN_PLANNED);
  const notice = await file.plan(
    {
      key: 'finalReportToPanel',
      basisDate: publicationDate,
      rule: { kind: 'working-days-before', workingDays: policy.publicationNoticeWorkingDays },
    },
    { reminders: false, ...(metWhenPlanned && { metOn: r.reportSentOn! }) },
  );
  if (!metWhenPlanned) notice.meet(r.reportSentOn!);
  await file.notify('final-report', 'final-report', ['panel-liaison', 'secretary-of-state'], {
    publicationDate,
    sentOn: r.reportSentOn!,
    latestSendDate: notice.dueDate,
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

/** From the year before the decision to four years after `today`: a re-plan stretches it for a long delay. */
function windowRequest(input: LocalReviewInput, today: IsoDate = input.decidedOn) {
  const through = `${Number(today.slice(0, 4)) + WINDOW_YEARS}${today.slice(4)}`;
  // From the year before the decision: "N working days before" a date soon after it counts back past it.
  const from = `${Number(input.decidedOn.slice(0, 4)) - 1}-01-01`;
  return { partnership: input.partnership, from, through };
}
