/**
 * caseWorkflow: one serious child safeguarding incident, steps 1 to 4 of the statutory
 * process. The workflow's history is the case file: every decision arrives as an Update
 * carrying who made it, every due date was planned by an activity and recorded, and every
 * notice was sent once, by an activity.
 *
 *   1. notification to the National Panel, 5 working days from awareness (Durham first holds
 *      a notification consideration meeting: 003 "Notification of incidents")
 *   2. rapid review, 15 working days from notification or awareness, per pack (003)
 *   3. the partners' decision whether to review: a majority, 2 of 3 in Durham (003)
 *   4. the National Panel's response; if it disagrees, the partners reconsider (003)
 */
import {
  ChildWorkflowFailure,
  condition,
  patched,
  setHandler,
  startChild,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { IsoDate } from '../src/calendar/civilDate';
import { londonDate } from '../src/calendar/london';
import { tallyVotes } from '../src/case/reviewDecision';
import type {
  CaseInput,
  CaseObligations,
  CasePolicy,
  CaseStage,
  CaseStatus,
  CaseView,
  ConsiderationMeeting,
  LocalReviewSummary,
  NotificationDecision,
  PanelResponse,
  RapidReviewCompletion,
  Reconsideration,
  ReviewDecisionView,
  ReviewOutcome,
} from '../src/case/types';
import type { RecipientRole } from '../src/policy/schema';
import { CaseRef, Partnership } from '../src/temporal/searchAttributes';
import { acts } from './activities';
import { reviewIdFor } from '../src/localReview/ids';
import { CaseFile } from './caseFile';
import { csprWorkflow } from './cspr';
import { localReviewProgress } from '../src/localReview/messages';
import {
  caseViewQuery,
  extendDeadline,
  recordConsiderationMeeting,
  recordNotificationDecision,
  recordPanelResponse,
  recordRapidReview,
  recordReconsideration,
  recordAgencyReturn,
  recordVote,
  replanDeadlines,
  requestAgencyReturn,
  withdrawAgencyReturn,
  chaseAgencyReturn,
} from '../src/case/messages';
import { AgencyReturns } from './agencyReturns';
import { assertApprover, assertPastDate, assertRealDate } from './decisionChecks';
import { invalidDecision, wrongStage } from './rejections';

/** Patch marker: from here on a local CSPR runs as the case's child workflow. */
const LOCAL_REVIEW_CHILD = 'local-review-child';

const { csprPolicy } = acts;

/** What cases from before kinds were kept owe: all of them serious incidents. */
const SERIOUS_INCIDENT: CaseObligations = {
  notification: true,
  rapidReview: true,
  partnersDecision: true,
  alsoNotify: [],
};

const outcomeWords: Record<ReviewOutcome, string> = {
  'local-cspr': 'a local child safeguarding practice review',
  'refer-national': 'refer to the National Panel as possibly needing a national review',
  'no-review': 'no review',
};

export async function caseWorkflow(input: CaseInput): Promise<CaseView> {
  const policy: CasePolicy = input.policy;
  const obligations = policy.obligations ?? SERIOUS_INCIDENT;
  // A case reviewed locally though not serious owes no notification: the partners decide first.
  let stage: CaseStage = obligations.notification ? 'notification' : 'review-decision';
  let status = 'open' as CaseStatus;
  let meeting: ConsiderationMeeting | undefined;
  let notification: NotificationDecision | undefined;
  let rapidReview: RapidReviewCompletion | undefined;
  const votes: ReviewDecisionView['votes'] = [];
  let outcome: ReviewOutcome | undefined;
  let tied = false;
  let panel: PanelResponse | undefined;
  let reconsideration: Reconsideration | undefined;
  /** The London day the partners' votes reached an outcome. */
  let outcomeDecidedOn: IsoDate | undefined;
  let localReview: LocalReviewSummary | undefined;
  /** A decision has moved the case on and the workflow has not yet finished reacting. */
  let reacting = false;

  const file = new CaseFile(input, () => publishSearchAttributes());
  const returns = new AgencyReturns(file);

  const decisionView = (): ReviewDecisionView | undefined => {
    if (stage === 'notification' || stage === 'rapid-review') return undefined;
    const voted = new Set(votes.map((v) => v.partnerId));
    return {
      partners: policy.partners,
      votesNeeded: policy.votesNeeded,
      votes: [...votes],
      awaiting: policy.partners.filter((p) => !voted.has(p.id)).map((p) => p.id),
      ...(outcome && { outcome }),
      tied,
    };
  };

  const view = (): CaseView => {
    const decision = decisionView();
    return {
      caseId: input.caseId,
      partnership: input.partnership,
      reference: input.reference,
      caseType: input.caseType ?? 'serious-incident',
      ...(input.children && { children: [...input.children] }),
      ...(input.ageAtDeath !== undefined && { ageAtDeath: input.ageAtDeath }),
      awareAt: input.awareAt,
      stage,
      status,
      deadlines: [...file.deadlines.values()].map((d) => d.view()),
      timeline: [...file.timeline],
      ...(decision && { decision }),
      ...(localReview && { localReview }),
      notices: [...file.notices],
      returns: returns.view(),
    };
  };

  /** The case's own deadlines and, once it runs, its local review's, as the list shows them. */
  function publishSearchAttributes(): void {
    upsertSearchAttributes(file.searchAttributes(stage, status, localReview?.deadlines));
  }

  /** Answers an Update once the workflow has finished reacting to it. */
  const answer = async (): Promise<CaseView> => {
    await condition(() => !reacting && file.quiet && returns.settled);
    return view();
  };

  const moveTo = (next: CaseStage) => {
    stage = next;
    publishSearchAttributes();
  };

  // ---- Decisions (Updates). Handlers are registered before the first await. ----

  const requireStage = (expected: CaseStage, what: string) => {
    if (stage !== expected) throw wrongStage(`${what} cannot be recorded at stage ${stage}`);
  };

  setHandler(caseViewQuery, view);

  setHandler(
    recordConsiderationMeeting,
    async (decision) => {
      meeting = decision;
      (await file.planned('considerationMeeting')).meet(decision.heldOn);
      file.record(
        'consideration-meeting',
        `notification consideration meeting held on ${decision.heldOn}: criteria ${decision.criteriaMet ? '' : 'not '}met`,
        decision.actor,
      );
      publishSearchAttributes();
      return answer();
    },
    {
      validator: (decision) => {
        requireStage('notification', 'a consideration meeting');
        if (!policy.considerationMeeting)
          throw wrongStage(`${input.partnership} holds no notification consideration meeting`);
        if (meeting) throw wrongStage('the consideration meeting has already been recorded');
        assertDateInCase(decision.heldOn, 'heldOn', input.awareAt);
      },
    },
  );

  setHandler(
    recordNotificationDecision,
    async (decision) => {
      notification = decision;
      reacting = true;
      const on = decision.outcome === 'notified' ? decision.notifiedOn : decision.decidedOn;
      const state = (await file.planned('notification')).meet(on);
      file.record(
        decision.outcome,
        decision.outcome === 'notified'
          ? `National Panel notified on ${on} (${state})`
          : `decided not notifiable on ${on} (${state}): ${decision.rationale}`,
        decision.actor,
      );
      return answer();
    },
    {
      validator: (decision) => {
        requireStage('notification', 'the notification decision');
        if (notification) throw wrongStage('the notification decision has already been recorded');
        if (policy.considerationMeeting && !meeting) {
          throw wrongStage('the notification consideration meeting must be recorded first (003)');
        }
        if (meeting && decision.outcome === 'notified' && !meeting.criteriaMet) {
          throw invalidDecision(
            'the consideration meeting found the criteria not met, so the incident is not notifiable',
            'outcome',
          );
        }
        const field = decision.outcome === 'notified' ? 'notifiedOn' : 'decidedOn';
        assertDateInCase(
          decision.outcome === 'notified' ? decision.notifiedOn : decision.decidedOn,
          field,
          input.awareAt,
        );
        if (decision.outcome === 'not-notifiable' && !decision.rationale.trim()) {
          throw invalidDecision(
            'a decision that the incident is not notifiable needs its rationale',
            'rationale',
          );
        }
      },
    },
  );

  setHandler(
    recordRapidReview,
    async (decision) => {
      rapidReview = decision;
      reacting = true;
      const outstanding = returns.outstandingRequired();
      if (outstanding.length > 0)
        file.record(
          'returns-overridden',
          `rapid review recorded without the information from ${outstanding.join(', ')}: ${decision.outstandingReturnsOverride!}`,
          decision.actor,
        );
      const state = (await file.planned('rapidReview')).meet(decision.completedOn);
      file.record(
        'rapid-review-complete',
        `rapid review completed on ${decision.completedOn} by ${decision.format} (${state})`,
        decision.actor,
      );
      return answer();
    },
    {
      validator: (decision) => {
        requireStage('rapid-review', 'a rapid review');
        if (decision.format === 'virtual-panel' && !policy.virtualPanelAllowed) {
          throw invalidDecision(
            `${input.partnership} does not decide rapid reviews by Virtual Panel`,
            'format',
          );
        }
        assertDateInCase(decision.completedOn, 'completedOn', input.awareAt);
        const outstanding = returns.outstandingRequired();
        if (outstanding.length > 0) {
          if (decision.outstandingReturnsOverride === undefined)
            throw wrongStage(
              `the information from ${outstanding.join(', ')} is still outstanding: record it, withdraw the request, or give outstandingReturnsOverride`,
            );
          assertApprover(decision.actor, 'recording a rapid review with information outstanding');
          if (!decision.outstandingReturnsOverride.trim())
            throw invalidDecision('an override needs its reason', 'outstandingReturnsOverride');
        }
      },
    },
  );

  // ---- Agency returns: the information the reviews are built from ----

  setHandler(
    requestAgencyReturn,
    async (request) => {
      await returns.request(request);
      return answer();
    },
    {
      validator: (request) => {
        if (stage !== 'notification' && stage !== 'rapid-review')
          throw wrongStage(`information for the rapid review cannot be requested at stage ${stage}`);
        assertDateInCase(request.requestedOn, 'requestedOn', input.awareAt);
        returns.checkRequest(request);
      },
    },
  );

  setHandler(
    recordAgencyReturn,
    (receipt) => {
      returns.receive(receipt);
      publishSearchAttributes();
      return answer();
    },
    {
      validator: (receipt) => {
        assertDateInCase(receipt.receivedOn, 'receivedOn', input.awareAt);
        returns.checkReceipt(receipt);
      },
    },
  );

  setHandler(
    chaseAgencyReturn,
    async (chase) => {
      await returns.chase(chase);
      return answer();
    },
    { validator: (chase) => returns.checkChase(chase) },
  );

  setHandler(
    withdrawAgencyReturn,
    (withdrawal) => {
      returns.withdraw(withdrawal);
      publishSearchAttributes();
      return answer();
    },
    { validator: (withdrawal) => returns.checkWithdrawal(withdrawal) },
  );

  setHandler(
    recordVote,
    async (vote) => {
      votes.push({ ...vote, at: new Date().toISOString() });
      file.record('vote', `${vote.partnerId} voted ${vote.vote}`, vote.actor);
      const tally = tallyVotes(
        policy.partners.map((p) => p.id),
        votes,
        policy.votesNeeded,
      );
      if (tally.status === 'decided') {
        outcome = tally.outcome;
        outcomeDecidedOn = londonDate(new Date());
        reacting = true;
        file.record(
          'review-decided',
          `partners decided: ${outcomeWords[tally.outcome]} (${tally.votesFor} votes)`,
        );
      } else if (tally.status === 'tied') {
        tied = true;
        file.record(
          'review-tied',
          `no outcome has the ${policy.votesNeeded} votes needed; the partners must resolve it`,
        );
      }
      return answer();
    },
    {
      validator: (vote) => {
        requireStage('review-decision', 'a vote');
        if (!policy.partners.some((p) => p.id === vote.partnerId)) {
          throw invalidDecision(
            `"${vote.partnerId}" is not a statutory partner of ${input.partnership}`,
            'partnerId',
          );
        }
        if (votes.some((v) => v.partnerId === vote.partnerId))
          throw wrongStage(`${vote.partnerId} has already voted`);
        if (tied) throw wrongStage('the vote is tied; it is for the partners to resolve, not to be outvoted');
        if (vote.vote === 'refer-national' && notification?.outcome !== 'notified') {
          throw invalidDecision('only a notified incident can be referred to the National Panel', 'vote');
        }
        if (!vote.rationale.trim()) throw invalidDecision('a vote needs its rationale', 'rationale');
      },
    },
  );

  setHandler(
    recordPanelResponse,
    async (response) => {
      panel = response;
      reacting = true;
      (await file.planned('panelResponse')).meet(response.receivedOn);
      file.record(
        'panel-response',
        `National Panel response received ${response.receivedOn}: ${response.response}`,
        response.actor,
      );
      return answer();
    },
    {
      validator: (response) => {
        requireStage('panel-response', "the National Panel's response");
        assertDateInCase(response.receivedOn, 'receivedOn', input.awareAt);
      },
    },
  );

  setHandler(
    recordReconsideration,
    async (decision) => {
      reconsideration = decision;
      reacting = true;
      file.record(
        'reconsideration',
        `partners reconsidered on ${decision.decidedOn}: ${decision.outcome}`,
        decision.actor,
      );
      return answer();
    },
    {
      validator: (decision) => {
        requireStage('reconsideration', 'a reconsideration');
        assertDateInCase(decision.decidedOn, 'decidedOn', input.awareAt);
        if (!decision.justification.trim()) {
          throw invalidDecision(
            'the justification must be recorded for the National Panel (003)',
            'justification',
          );
        }
      },
    },
  );

  setHandler(
    extendDeadline,
    async (request) => {
      await file.extend(file.deadline(request.key)!, request.newDueDate, request.reason, request.actor);
      return answer();
    },
    {
      validator: (request) => {
        const deadline = file.deadline(request.key);
        if (!deadline) throw invalidDecision(`the case has no ${request.key} deadline`, 'key');
        if (!deadline.isOpen) throw wrongStage(`the ${request.key} deadline is already settled`);
        assertApprover(request.actor, 'an extension');
        assertRealDate(request.newDueDate, 'newDueDate');
        if (request.newDueDate <= deadline.dueDate) {
          throw invalidDecision(
            `newDueDate must be after the current due date ${deadline.dueDate}`,
            'newDueDate',
          );
        }
        if (!request.reason.trim()) throw invalidDecision('an extension needs its reason', 'reason');
      },
    },
  );

  setHandler(replanDeadlines, ({ reason, actor }) => file.replanOpen(reason, actor));

  setHandler(localReviewProgress, (summary) => {
    localReview = summary;
    publishSearchAttributes();
  });

  /** Closes the case at `at`: what it still waited for lapses, recorded, and the last notices go. */
  async function finish(at: CaseStage): Promise<CaseView> {
    status = 'closed';
    moveTo(at);
    returns.closeOutstanding('the case closed');
    file.record('case-closed', `case closed at stage ${stage}`);
    reacting = false;
    await file.settled();
    return view();
  }

  // ---- The statutory process ----

  file.record('case-started', `case ${input.reference} started; aware on ${input.awareAt}`, input.startedBy);
  if (!obligations.notification) {
    // Reviewed locally though not a serious case (003): no national clocks; the partners decide.
    await file.notify('case-started', 'case-started', ['safeguarding-lead', 'business-manager'], {
      awareAt: input.awareAt,
    });
  } else {
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

    // 1. Notification.
    await condition(() => notification !== undefined);
    const told: RecipientRole[] = ['panel-liaison', 'safeguarding-partners', ...obligations.alsoNotify];
    // Cases from before kinds were kept said so with a flag.
    if (!policy.obligations && input.lookedAfterChild && input.childDied)
      told.push('ofsted', 'secretary-of-state');
    if (!obligations.rapidReview) {
      // A care leaver's death: notified, and nothing more is owed nationally (WT 2023).
      if (notification!.outcome === 'notified') {
        await file.notify('incident-notified', 'incident-notified', told, {
          notifiedOn: notification!.notifiedOn,
        });
      }
      return finish('closed');
    }
    if (notification!.outcome === 'notified') {
      const notifiedOn = notification!.notifiedOn;
      const rapid = await file.plan({
        key: 'rapidReview',
        basisDate: policy.rapidReviewBasis === 'notification' ? notifiedOn : input.awareAt,
        rule: { kind: 'working-days-after', workingDays: policy.rapidReviewWorkingDays },
      });
      moveTo('rapid-review');
      await file.notify('incident-notified', 'incident-notified', told, {
        notifiedOn,
        rapidReviewDue: rapid.dueDate,
      });
      reacting = false;

      // 2. Rapid review.
      await condition(() => rapidReview !== undefined);
    } else {
      // Not notifiable: no national clocks run, but the partners may still choose a local review (003).
      const rapid = await file.plan({
        key: 'rapidReview',
        basisDate: notification!.decidedOn,
        rule: { kind: 'working-days-after', workingDays: policy.rapidReviewWorkingDays },
      });
      rapid.markNotApplicable('the incident was not notifiable');
    }
    moveTo('review-decision');
    reacting = false;
  }
  if (!obligations.partnersDecision) return finish('closed');

  // 3. The partners' decision.
  await condition(() => outcome !== undefined);
  await file.notify('decision-outcome', 'decision-outcome', ['safeguarding-lead'], {
    outcome: outcomeWords[outcome!],
  });

  let finalOutcome: ReviewOutcome | 'national-review' = outcome!;
  if (notification?.outcome === 'notified') {
    await file.notify('rapid-review-complete', 'rapid-review-complete', ['panel-liaison'], {
      completedOn: rapidReview!.completedOn,
      meetingType: rapidReview!.format === 'virtual-panel' ? 'Virtual Panel' : 'meeting',
      outcome: outcomeWords[outcome!],
    });

    // 4. The National Panel's response: no national timescale, so chase after the pack's interval.
    const sentOn = londonDate(new Date());
    await file.plan(
      {
        key: 'panelResponse',
        basisDate: sentOn,
        rule: { kind: 'working-days-after', workingDays: policy.panelChaseWorkingDays },
      },
      { reminders: false, onBreach: { type: 'panel-chase', to: ['business-manager'] } },
    );
    moveTo('panel-response');
    reacting = false;
    await condition(() => panel !== undefined);

    if (panel!.response === 'disagrees') {
      moveTo('reconsideration');
      await file.notify('panel-disagrees', 'panel-disagrees', ['business-manager', 'executive-group'], {
        receivedOn: panel!.receivedOn,
      });
      reacting = false;
      await condition(() => reconsideration !== undefined);
      await file.notify('reconsideration-outcome', 'reconsideration-outcome', ['panel-liaison'], {
        decidedOn: reconsideration!.decidedOn,
        outcome: reconsideration!.outcome,
      });
      if (reconsideration!.outcome === 'commission-cspr') finalOutcome = 'local-cspr';
    } else if (panel!.response === 'national-review' || outcome === 'refer-national') {
      finalOutcome = 'national-review';
      await file.notify('national-review', 'national-review', ['business-manager', 'safeguarding-partners'], {
        receivedOn: panel!.receivedOn,
      });
      file.record(
        'national-review',
        'the National Panel will review nationally; the partnership cooperates and closes the case locally',
      );
    }
  }

  // 5. A local review runs as the case's child until its report is published and taken
  // down. Cases that reached this point before the review workflow existed ended here.
  if (finalOutcome === 'local-cspr' && patched(LOCAL_REVIEW_CHILD)) {
    // The review was decided when the partners voted for it, unless they commissioned it on reconsideration.
    const decidedOn =
      reconsideration?.outcome === 'commission-cspr' ? reconsideration.decidedOn : outcomeDecidedOn!;
    const reviewId = reviewIdFor(input.caseId);
    const review = await startChild(csprWorkflow, {
      workflowId: reviewId,
      args: [
        {
          reviewId,
          caseId: input.caseId,
          partnership: input.partnership,
          reference: input.reference,
          decidedOn,
          policy: await csprPolicy({ partnership: input.partnership }),
        },
      ],
      typedSearchAttributes: [
        { key: Partnership, value: input.partnership },
        { key: CaseRef, value: input.reference },
      ],
    });
    file.record('local-review-started', `local CSPR ${reviewId} started; decided on ${decidedOn}`);
    moveTo('local-review');
    reacting = false;
    try {
      await review.result();
    } catch (err) {
      // Terminated or failed by hand: the case says so and closes rather than failing itself.
      if (!(err instanceof ChildWorkflowFailure)) throw err;
      file.record('local-review-ended', `the local review ${reviewId} ended without completing`);
    }
    return finish('closed');
  }
  return finish(
    finalOutcome === 'local-cspr'
      ? 'cspr-commissioned'
      : finalOutcome === 'national-review'
        ? 'national-review'
        : 'closed',
  );
}

/** A decision's date can be neither before the case began nor in the future. */
function assertDateInCase(date: IsoDate, field: string, awareAt: IsoDate): void {
  assertPastDate(date, field, { date: awareAt, what: "the case's awareness date" });
}
