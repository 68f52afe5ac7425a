/**
 * csprWorkflow: a local child safeguarding practice review, started by its case once the
 * partners (or the executive group, on reconsideration) commission it. Steps 5 and 6:
 *
 *   commissioning  an independent reviewer with terms of reference (002 L399)
 *   drafting       the first draft, and one further opportunity before sign-off (004 §12.6)
 *   sign-off       by the executive group (003)
 *   publication    a communication strategy signed off first (004); the final report to the
 *                  Panel and the Secretary of State at least 7 working days before the
 *                  publication date (WT; 002 L401); or, not publishing in full, information
 *                  about improvements and the justification to them instead (003)
 *   published      a copy to the What Works Centre (002 L401); online for a year, then a
 *                  reminder to take it down and keep it available on request (003 L392)
 *
 * Completion and publication are due within six months of the decision (003 L390); a delay
 * approved by the executive group extends that date and its reasons go to the Panel and the
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
import { type CalendarWindow, calendarOf } from '../src/calendar/calendarWindow';
import { formatIsoDate, type IsoDate, parseIsoDate } from '../src/calendar/civilDate';
import { londonDate } from '../src/calendar/london';
import type { LocalReviewSummary } from '../src/case/types';
import type {
  CsprInput,
  CsprStage,
  CsprView,
  DraftReceived,
  NotPublishing,
  ReviewerCommission,
} from '../src/localReview/types';
import { acts } from './activities';
import { AgencyReturns } from './agencyReturns';
import { CaseFile } from './caseFile';
import * as m from '../src/localReview/messages';
import { assertApprover, assertPastDate, assertRealDate, assertText } from './decisionChecks';
import { replanDeadlines } from '../src/case/messages';
import { invalidDecision, wrongStage } from './rejections';

const { planCalendarWindow } = acts;

/** The span of the review's working-day window: long enough for any approved delay. */
const WINDOW_YEARS = 4;

const DELAY_WORDS = {
  'criminal-proceedings': 'criminal proceedings',
  'coronial-proceedings': 'coronial proceedings',
  other: 'other reasons',
} as const;

export async function csprWorkflow(input: CsprInput): Promise<CsprView> {
  const { policy } = input;
  let stage: CsprStage = 'commissioning';
  let reviewer: ReviewerCommission | undefined;
  const drafts: DraftReceived[] = [];
  let signedOffOn: IsoDate | undefined;
  let strategySignedOffOn: IsoDate | undefined;
  let publicationDate: IsoDate | undefined;
  let reportSentOn: IsoDate | undefined;
  let publishedOn: IsoDate | undefined;
  let notPublishing: NotPublishing | undefined;
  let removedOn: IsoDate | undefined;
  let window: CalendarWindow | undefined;
  let reacting = false;
  let delaying = false;
  let progressDue = true;

  // Notices are filed under the case, so the case's notice list shows the whole story; the
  // review's notice keys (its own deadlines and notice types) cannot collide with the case's.
  const file = new CaseFile(
    { caseId: input.caseId, partnership: input.partnership, reference: input.reference },
    () => (progressDue = true),
  );
  const returns = new AgencyReturns(file, 'cspr-agency-return');

  /** Undefined before the window is planned, or once today is past it (a long-delayed review). */
  const earliestPublicationDate = (): IsoDate | undefined => {
    if (!window) return undefined;
    try {
      const calendar = calendarOf(window);
      return formatIsoDate(
        calendar.addWorkingDays(parseIsoDate(londonDate(new Date())), policy.publicationNoticeWorkingDays),
      );
    } catch {
      return undefined;
    }
  };

  const view = (): CsprView => {
    const earliest = stage === 'publication' ? earliestPublicationDate() : undefined;
    return {
      reviewId: input.reviewId,
      caseId: input.caseId,
      partnership: input.partnership,
      reference: input.reference,
      decidedOn: input.decidedOn,
      stage,
      status: stage === 'closed' ? 'closed' : 'open',
      ...(reviewer && { reviewer: withoutActor(reviewer) }),
      drafts: drafts.map(withoutActor),
      ...(signedOffOn && { signedOffOn }),
      ...(strategySignedOffOn && { communicationStrategySignedOffOn: strategySignedOffOn }),
      ...(publicationDate && { publicationDate }),
      ...(earliest && { earliestPublicationDate: earliest }),
      ...(publishedOn && { publishedOn }),
      ...(notPublishing && { notPublishing: withoutActor(notPublishing) }),
      deadlines: [...file.deadlines.values()].map((d) => d.view()),
      timeline: [...file.timeline],
      notices: [...file.notices],
      returns: returns.view(),
    };
  };

  const moveTo = (next: CsprStage) => {
    stage = next;
    progressDue = true;
  };

  const answer = async (): Promise<CsprView> => {
    await condition(() => !reacting && file.quiet && returns.settled);
    return view();
  };

  const requireStage = (allowed: CsprStage[], what: string) => {
    if (!allowed.includes(stage)) throw wrongStage(`${what} cannot be recorded at stage ${stage}`);
  };
  const since = (date: IsoDate | undefined, what: string) => ({ date: date ?? input.decidedOn, what });

  /** Counts on the recorded window; a date beyond it is refused rather than guessed. */
  const workingDaysFromReport = (date: IsoDate): number => {
    try {
      return calendarOf(window!).workingDaysBetween(parseIsoDate(reportSentOn!), parseIsoDate(date));
    } catch (err) {
      throw invalidDecision((err as Error).message, 'publicationDate');
    }
  };

  setHandler(m.csprViewQuery, view);

  setHandler(
    m.commissionReviewer,
    async (decision) => {
      reviewer = decision;
      reacting = true;
      file.record(
        'reviewer-commissioned',
        `independent reviewer ${decision.reviewer} commissioned on ${decision.commissionedOn}`,
        decision.actor,
      );
      return answer();
    },
    {
      validator: (decision) => {
        requireStage(['commissioning'], 'commissioning a reviewer');
        if (reviewer) throw wrongStage('the reviewer has already been commissioned');
        assertPastDate(decision.commissionedOn, 'commissionedOn', since(undefined, 'the decision of'));
        if (!decision.independent)
          throw invalidDecision('the reviewer of a local CSPR must be independent (002)', 'independent');
        assertText(decision.reviewer, 'reviewer', 'name the reviewer or their organisation');
        assertText(decision.termsOfReference, 'termsOfReference', 'the terms of reference are needed');
      },
    },
  );

  setHandler(
    m.recordDraft,
    (decision) => {
      drafts.push(decision);
      file.record(
        'draft-received',
        `${decision.draft} draft received on ${decision.receivedOn}`,
        decision.actor,
      );
      moveTo('sign-off');
      return answer();
    },
    {
      validator: (decision) => {
        requireStage(['drafting', 'sign-off'], 'a draft');
        const first = drafts.find((d) => d.draft === 'first');
        if (decision.draft === 'first' && first)
          throw wrongStage('the first draft has already been recorded');
        if (decision.draft === 'further') {
          if (!first) throw wrongStage('the first draft must be recorded before a further draft');
          if (drafts.some((d) => d.draft === 'further'))
            throw wrongStage(
              'there is one further draft opportunity before sign-off (004 §12.6), already used',
            );
        }
        const previous = drafts.at(-1)?.receivedOn ?? reviewer?.commissionedOn;
        assertPastDate(decision.receivedOn, 'receivedOn', since(previous, 'the previous step on'));
      },
    },
  );

  setHandler(
    m.recordSignOff,
    (decision) => {
      signedOffOn = decision.signedOffOn;
      file.record('signed-off', `report signed off by the executive group on ${signedOffOn}`, decision.actor);
      moveTo('publication');
      return answer();
    },
    {
      validator: (decision) => {
        requireStage(['sign-off'], 'the sign-off');
        if (signedOffOn) throw wrongStage('the report has already been signed off');
        assertApprover(decision.actor, 'the sign-off by the executive group');
        assertPastDate(
          decision.signedOffOn,
          'signedOffOn',
          since(drafts.at(-1)?.receivedOn, 'the last draft on'),
        );
      },
    },
  );

  setHandler(
    m.approveDelay,
    async (delay) => {
      delaying = true;
      const deadline = file.deadline('csprPublication')!;
      await file.extend(
        deadline,
        delay.newDueDate,
        `${DELAY_WORDS[delay.reason]}: ${delay.details}`,
        delay.actor,
      );
      await file.notify(
        `csprPublication:v${deadline.version}:delayed`,
        'cspr-delayed',
        ['panel-liaison', 'secretary-of-state'],
        { reason: DELAY_WORDS[delay.reason], details: delay.details, newDueDate: delay.newDueDate },
      );
      delaying = false;
      return answer();
    },
    {
      validator: (delay) => {
        const deadline = file.deadline('csprPublication');
        if (!deadline?.isOpen) throw wrongStage('there is no open completion deadline to delay');
        if (delaying) throw wrongStage('another delay is being recorded; try again');
        assertApprover(delay.actor, 'a delay (by the executive group, 003)');
        assertPastDate(delay.approvedOn, 'approvedOn', since(undefined, 'the decision of'));
        assertRealDate(delay.newDueDate, 'newDueDate');
        if (window && delay.newDueDate > window.through) {
          throw invalidDecision(
            `newDueDate is beyond the review's planned calendar (to ${window.through}); re-plan it first (cli replan)`,
            'newDueDate',
          );
        }
        if (delay.newDueDate <= deadline.dueDate) {
          throw invalidDecision(
            `newDueDate must be after the current due date ${deadline.dueDate}`,
            'newDueDate',
          );
        }
        assertText(delay.details, 'details', 'the reasons for the delay go to the Panel: give them');
      },
    },
  );

  setHandler(
    m.recordCommunicationStrategy,
    (decision) => {
      strategySignedOffOn = decision.signedOffOn;
      file.record(
        'communication-strategy',
        `communication strategy signed off on ${strategySignedOffOn}`,
        decision.actor,
      );
      progressDue = true;
      return answer();
    },
    {
      validator: (decision) => {
        requireStage(['drafting', 'sign-off', 'publication'], 'the communication strategy');
        if (strategySignedOffOn) throw wrongStage('the communication strategy is already signed off');
        assertApprover(decision.actor, 'the communication strategy (by the executive group, 004)');
        assertPastDate(decision.signedOffOn, 'signedOffOn', since(undefined, 'the decision of'));
      },
    },
  );

  setHandler(
    m.setPublicationDate,
    async (decision) => {
      publicationDate = decision.publicationDate;
      reportSentOn = londonDate(new Date());
      reacting = true;
      file.record(
        'publication-date-set',
        `publication set for ${publicationDate}; final report sent to the Panel and the Secretary of State`,
        decision.actor,
      );
      return answer();
    },
    {
      validator: (decision) => {
        requireStage(['publication'], 'a publication date');
        if (publicationDate || notPublishing)
          throw wrongStage('the publication decision has already been recorded');
        if (!strategySignedOffOn)
          throw wrongStage('the communication strategy must be signed off before publication (004)');
        assertRealDate(decision.publicationDate, 'publicationDate');
        const earliest = earliestPublicationDate();
        if (!earliest) {
          throw wrongStage(
            "the review's working-day calendar does not reach today; re-plan it (cli replan) and try again",
          );
        }
        if (decision.publicationDate < earliest) {
          throw invalidDecision(
            `the final report must reach the Panel and the Secretary of State at least ${policy.publicationNoticeWorkingDays} working days before publication: the earliest publication date is ${earliest}`,
            'publicationDate',
          );
        }
        calendarWindowCovers(window!, decision.publicationDate);
      },
    },
  );

  setHandler(
    m.recordPublication,
    (decision) => {
      publishedOn = decision.publishedOn;
      reacting = true;
      file.record('published', `report published on ${publishedOn}`, decision.actor);
      return answer();
    },
    {
      validator: (decision) => {
        requireStage(['awaiting-publication'], 'the publication');
        if (publishedOn) throw wrongStage('the publication has already been recorded');
        assertPastDate(
          decision.publishedOn,
          'publishedOn',
          since(reportSentOn, 'the final report was sent on'),
        );
        const notice = workingDaysFromReport(decision.publishedOn);
        if (notice < policy.publicationNoticeWorkingDays) {
          throw invalidDecision(
            `the final report went on ${reportSentOn}, only ${notice} working days before ${decision.publishedOn}; set a later publication date`,
            'publishedOn',
          );
        }
      },
    },
  );

  setHandler(
    m.recordNotPublishing,
    (decision) => {
      notPublishing = decision;
      reacting = true;
      file.record(
        'not-publishing',
        `the partners decided on ${decision.decidedOn} not to publish in full; improvements published on ${decision.improvementsPublishedOn}${decision.panelException ? `; exception agreed with the Panel: ${decision.panelException}` : ''}`,
        decision.actor,
      );
      return answer();
    },
    {
      validator: (decision) => {
        requireStage(['publication'], 'a decision not to publish');
        if (publicationDate || notPublishing)
          throw wrongStage('the publication decision has already been recorded');
        if (!strategySignedOffOn)
          throw wrongStage(
            'the communication strategy must be signed off before a publication decision (004)',
          );
        assertApprover(decision.actor, 'a decision not to publish');
        assertPastDate(decision.decidedOn, 'decidedOn', since(signedOffOn, 'the sign-off on'));
        assertPastDate(
          decision.improvementsPublishedOn,
          'improvementsPublishedOn',
          since(signedOffOn, 'the sign-off on'),
        );
        assertText(
          decision.justification,
          'justification',
          'the justification goes to the Panel and the Secretary of State (003): give it',
        );
      },
    },
  );

  setHandler(
    m.recordTakedown,
    (decision) => {
      removedOn = decision.removedOn;
      reacting = true;
      file.record(
        'report-removed',
        `report removed from the website on ${removedOn}; available on request (003)`,
        decision.actor,
      );
      return answer();
    },
    {
      validator: (decision) => {
        requireStage(['published'], 'the removal of the report');
        if (removedOn) throw wrongStage('the removal has already been recorded');
        assertPastDate(decision.removedOn, 'removedOn', since(publishedOn, 'the publication on'));
        const due = file.deadline('takedown')?.dueDate;
        if (due && decision.removedOn < due) {
          throw invalidDecision(
            `the report stays on the website for ${policy.onlineMonths} months (003), until ${due}`,
            'removedOn',
          );
        }
      },
    },
  );

  // ---- The agencies' information for the review ----

  setHandler(
    m.requestReviewReturn,
    async (request) => {
      await returns.request(request);
      return answer();
    },
    {
      validator: (request) => {
        requireStage(['commissioning', 'drafting'], 'a request for information');
        assertPastDate(request.requestedOn, 'requestedOn', since(undefined, 'the decision to review on'));
        returns.checkRequest(request);
      },
    },
  );
  setHandler(
    m.recordReviewReturn,
    (receipt) => {
      returns.receive(receipt);
      progressDue = true;
      return answer();
    },
    {
      validator: (receipt) => {
        assertPastDate(receipt.receivedOn, 'receivedOn', since(undefined, 'the decision to review on'));
        returns.checkReceipt(receipt);
      },
    },
  );
  setHandler(
    m.chaseReviewReturn,
    async (chase) => {
      await returns.chase(chase);
      return answer();
    },
    { validator: (chase) => returns.checkChase(chase) },
  );
  setHandler(
    m.withdrawReviewReturn,
    (withdrawal) => {
      returns.withdraw(withdrawal);
      progressDue = true;
      return answer();
    },
    { validator: (withdrawal) => returns.checkWithdrawal(withdrawal) },
  );

  setHandler(replanDeadlines, async ({ reason, actor }) => {
    // A re-plan also stretches the calendar window from today: a long delay can outrun the first.
    window = await planCalendarWindow(windowRequest(input, londonDate(new Date())));
    await file.replanOpen(reason, actor);
  });

  // ---- Reporting progress to the case ----

  const parent = workflowInfo().parent;
  const reportProgress = async () => {
    if (!parent) return;
    const summary: LocalReviewSummary = {
      workflowId: input.reviewId,
      stage,
      status: stage === 'closed' ? 'closed' : 'open',
      deadlines: [...file.deadlines.values()].map((d) => d.view()),
    };
    try {
      await getExternalWorkflowHandle(parent.workflowId, parent.runId).signal(m.localReviewProgress, summary);
    } catch (err) {
      // The case is gone (terminated by hand): the review runs on, with no one to tell.
      if (!(err instanceof ApplicationFailure && err.type === 'ExternalWorkflowExecutionNotFound')) throw err;
      log.warn('the case of this review no longer runs; progress not reported', { caseId: input.caseId });
    }
  };
  let finished = false;
  const reporter = (async () => {
    for (;;) {
      await condition(() => progressDue || finished);
      if (!progressDue) return;
      progressDue = false;
      await reportProgress();
    }
  })();

  // ---- The review ----

  file.record('review-started', `local CSPR commissioned by the partners' decision of ${input.decidedOn}`);
  window = await planCalendarWindow(windowRequest(input));
  await file.notify('review-commissioned', 'review-commissioned', ['business-manager'], {
    decidedOn: input.decidedOn,
  });
  const sixMonths = { kind: 'calendar-months-after', months: policy.completionMonths } as const;
  if (policy.basis === 'decision') {
    await file.plan({ key: 'csprPublication', basisDate: input.decidedOn, rule: sixMonths });
  }

  await condition(() => reviewer !== undefined);
  if (policy.basis === 'initiation') {
    await file.plan({ key: 'csprPublication', basisDate: reviewer!.commissionedOn, rule: sixMonths });
  }
  moveTo('drafting');
  reacting = false;

  await condition(() => publicationDate !== undefined || notPublishing !== undefined);
  const completion = file.deadline('csprPublication')!;
  if (notPublishing) {
    completion.meet(notPublishing.improvementsPublishedOn);
    await file.notify('not-publishing', 'not-publishing', ['panel-liaison', 'secretary-of-state'], {
      decidedOn: notPublishing.decidedOn,
      justification: notPublishing.justification,
      improvementsPublishedOn: notPublishing.improvementsPublishedOn,
    });
    moveTo('closed');
    reacting = false;
  } else {
    const notice = await file.plan(
      {
        key: 'finalReportToPanel',
        basisDate: publicationDate!,
        rule: { kind: 'working-days-before', workingDays: policy.publicationNoticeWorkingDays },
      },
      { reminders: false },
    );
    notice.meet(reportSentOn!);
    await file.notify('final-report', 'final-report', ['panel-liaison', 'secretary-of-state'], {
      publicationDate: publicationDate!,
      sentOn: reportSentOn!,
    });
    moveTo('awaiting-publication');
    reacting = false;

    await condition(() => publishedOn !== undefined);
    completion.meet(publishedOn!);
    await file.notify('report-published', 'report-published', ['what-works-centre', 'business-manager'], {
      publishedOn: publishedOn!,
    });
    // A year online, then down and available on request (003 L392): the usual reminders
    // before the day, and if the day passes with the report still up, the business manager
    // is told to take it down.
    await file.plan(
      {
        key: 'takedown',
        basisDate: publishedOn!,
        rule: { kind: 'calendar-months-after', months: policy.onlineMonths },
      },
      { onBreach: { type: 'takedown-reminder', to: ['business-manager'] } },
    );
    moveTo('published');
    reacting = false;

    await condition(() => removedOn !== undefined);
    file.deadline('takedown')!.meet(removedOn!);
    moveTo('closed');
    reacting = false;
  }

  returns.closeOutstanding('the review closed');
  await file.settled();
  finished = true;
  await reporter;
  return view();
}

/** From the decision to four years after `today`: a re-plan stretches it for a long delay. */
function windowRequest(input: CsprInput, today: IsoDate = input.decidedOn) {
  const through = `${Number(today.slice(0, 4)) + WINDOW_YEARS}${today.slice(4)}`;
  return { partnership: input.partnership, from: input.decidedOn, through };
}

function calendarWindowCovers(window: CalendarWindow, date: IsoDate): void {
  if (date > window.through) {
    throw invalidDecision(
      `publicationDate ${date} is beyond the planned calendar (to ${window.through}); choose an earlier date`,
      'publicationDate',
    );
  }
}

function withoutActor<T extends { actor: unknown }>(decision: T): Omit<T, 'actor'> {
  const { actor: _actor, ...rest } = decision;
  return rest;
}
