/**
 * What the case workflow does with each decision of its catalogue (src/case/decisions.ts):
 * the rules that refuse it at this stage or with this content, and what taking it records.
 * A decision that moves the case on sets `reacting`, so its answer waits for the next step.
 */
import type { CaseDecisions } from '../../src/case/decisions';
import type {
  AwarenessCorrection,
  CaseView,
  ChairConsent,
  ConsiderationMeeting,
  DecisionMeeting,
  DeadlineExtension,
  FamilyTold,
  HandOverRetry,
  NotificationDecision,
  PanelResponse,
  PartnerVote,
  RapidReviewCompletion,
  Reconsideration,
  TieResolution,
  Withdrawal,
} from '../../src/case/types';
import type {
  AgencyReturnChase,
  AgencyReturnReceipt,
  AgencyReturnRequest,
  AgencyReturnWithdrawal,
} from '../../src/agencyReturns/types';
import { CaseStages, NotificationOutcomes, RECONSIDERED_BEFORE, ReviewFormats } from '../../src/case/values';
import { assertApprover, assertPastDate, assertText } from '../decisionChecks';
import type { DecisionHandler, DecisionHandlers } from '../decisions';
import { invalidDecision, wrongStage } from '../rejections';
import { type CaseRecord, notificationDateOf } from './caseRecord';
import { awarenessCorrectionHandler, extensionHandler, withdrawalHandler } from './corrections';
import { familyToldHandler } from './familyTold';
import { chairConsentHandler, decisionMeetingHandler } from './decisionMeeting';
import { tieResolutionHandler, voteHandler } from './partnersDecision';
import { checkVirtualPanel, virtualPanelWords } from './virtualPanel';

type Handler<A> = DecisionHandler<CaseView, A>;

export class CaseDecisionHandlers implements DecisionHandlers<CaseDecisions> {
  constructor(private readonly c: CaseRecord) {
    this.vote = voteHandler(c);
    this.tieResolution = tieResolutionHandler(c);
    this.decisionMeeting = decisionMeetingHandler(c);
    this.chairConsent = chairConsentHandler(c);
    this.familyTold = familyToldHandler(c);
    this.awarenessCorrection = awarenessCorrectionHandler(c);
    this.withdrawal = withdrawalHandler(c);
    this.extension = extensionHandler(c);
  }

  readonly considerationMeeting: Handler<ConsiderationMeeting> = {
    validate: (decision) => {
      const { c } = this;
      c.requireStage(CaseStages.notification, 'a consideration meeting');
      if (!c.policy.considerationMeeting)
        throw wrongStage(`${c.input.partnership} holds no notification consideration meeting`);
      if (c.meeting) throw wrongStage('the consideration meeting has already been recorded');
      c.assertDateInCase(decision.heldOn, 'heldOn');
    },
    decide: async (decision) => {
      const { c } = this;
      c.meeting = decision;
      (await c.file.planned('considerationMeeting')).meet(decision.heldOn);
      c.file.record(
        'consideration-meeting',
        `notification consideration meeting held on ${decision.heldOn}: criteria ${decision.criteriaMet ? '' : 'not '}met`,
        decision.actor,
        decision.heldOn,
      );
      c.publish();
      return c.answer();
    },
  };

  readonly notificationDecision: Handler<NotificationDecision> = {
    validate: (decision) => {
      const { c } = this;
      c.requireStage(CaseStages.notification, 'the notification decision');
      if (c.notification) throw wrongStage('the notification decision has already been recorded');
      if (c.policy.considerationMeeting && !c.meeting)
        throw wrongStage('the notification consideration meeting must be recorded first (003)');
      const notified = decision.outcome === NotificationOutcomes.notified;
      if (c.meeting && notified && !c.meeting.criteriaMet) {
        throw invalidDecision(
          'the consideration meeting found the criteria not met, so the incident is not notifiable',
          'outcome',
        );
      }
      c.assertDateInCase(notificationDateOf(decision), notified ? 'notifiedOn' : 'decidedOn');
      if (decision.outcome === NotificationOutcomes.notNotifiable && !decision.rationale.trim())
        throw invalidDecision(
          'a decision that the incident is not notifiable needs its rationale',
          'rationale',
        );
    },
    decide: async (decision) => {
      const { c } = this;
      c.notification = decision;
      c.reacting = true;
      const on = notificationDateOf(decision);
      const state = (await c.file.planned('notification')).meet(on);
      c.file.record(
        decision.outcome,
        decision.outcome === NotificationOutcomes.notified
          ? `${c.obligations.notifiesPanel === false ? 'notified' : 'National Panel notified'} on ${on} (${state})`
          : `decided not notifiable on ${on} (${state}): ${decision.rationale}`,
        decision.actor,
        on,
      );
      return c.answer();
    },
  };

  readonly rapidReview: Handler<RapidReviewCompletion> = {
    validate: (decision) => {
      const { c } = this;
      c.requireStage(CaseStages.rapidReview, 'a rapid review');
      if (decision.format === ReviewFormats.virtualPanel && !c.policy.virtualPanelAllowed)
        throw invalidDecision(
          `${c.input.partnership} does not decide rapid reviews by Virtual Panel`,
          'format',
        );
      checkVirtualPanel(c.policy, decision);
      c.assertDateInCase(decision.completedOn, 'completedOn');
      // A rapid review follows its notification (the Panel's FAQ: none without one).
      if (c.notification?.outcome === NotificationOutcomes.notified)
        assertPastDate(decision.completedOn, 'completedOn', {
          date: c.notification.notifiedOn,
          what: 'the notification of',
        });
      const outstanding = c.returns.outstandingRequired();
      if (outstanding.length === 0) return;
      if (decision.outstandingReturnsOverride === undefined)
        throw wrongStage(
          `the information from ${outstanding.join(', ')} is still outstanding: record it, withdraw the request, or give outstandingReturnsOverride`,
        );
      assertApprover(
        decision.actor,
        'recording a rapid review with information outstanding',
        c.policy.approvals?.returnsOverride,
      );
      if (!decision.outstandingReturnsOverride.trim())
        throw invalidDecision('an override needs its reason', 'outstandingReturnsOverride');
    },
    decide: async (decision) => {
      const { c } = this;
      c.rapidReview = decision;
      c.reacting = true;
      const outstanding = c.returns.outstandingRequired();
      if (outstanding.length > 0)
        c.file.record(
          'returns-overridden',
          `rapid review recorded without the information from ${outstanding.join(', ')}: ${decision.outstandingReturnsOverride!}`,
          decision.actor,
        );
      const state = (await c.file.planned('rapidReview')).meet(decision.completedOn);
      c.file.record(
        'rapid-review-complete',
        `rapid review completed on ${decision.completedOn} by ${decision.format} (${state})${virtualPanelWords(c.policy, decision)}`,
        decision.actor,
        decision.completedOn,
      );
      return c.answer();
    },
  };

  readonly vote: Handler<PartnerVote>;
  readonly tieResolution: Handler<TieResolution>;
  readonly decisionMeeting: Handler<DecisionMeeting>;
  readonly chairConsent: Handler<ChairConsent>;
  readonly familyTold: Handler<FamilyTold>;
  readonly awarenessCorrection: Handler<AwarenessCorrection>;
  readonly withdrawal: Handler<Withdrawal>;
  readonly extension: Handler<DeadlineExtension>;

  readonly handOverRetry: Handler<HandOverRetry> = {
    validate: (retry) => {
      if (!this.c.localReviewHeld) throw wrongStage('the local review is not waiting to be started again');
      if (this.c.handOverRetry) throw wrongStage('the local review is already being started again');
      assertText(retry.details, 'details', 'say what was put right');
    },
    decide: (retry) => {
      const { c } = this;
      c.handOverRetry = retry;
      c.reacting = true;
      c.file.record('local-review-retried', `starting the local review again: ${retry.details}`, retry.actor);
      return c.answer();
    },
  };

  readonly panelResponse: Handler<PanelResponse> = {
    validate: (response) => {
      this.c.requireStage(CaseStages.panelResponse, "the National Panel's response");
      this.c.assertDateInCase(response.receivedOn, 'receivedOn');
      // The Panel answers the partners' decision: not before it was made.
      if (this.c.outcomeDecidedOn)
        assertPastDate(response.receivedOn, 'receivedOn', {
          date: this.c.outcomeDecidedOn,
          what: "the partners' decision of",
        });
    },
    decide: async (response) => {
      const { c } = this;
      c.panel = response;
      c.reacting = true;
      (await c.file.planned('panelResponse')).meet(response.receivedOn);
      c.file.record(
        'panel-response',
        `National Panel response received ${response.receivedOn}: ${response.response}`,
        response.actor,
        response.receivedOn,
      );
      return c.answer();
    },
  };

  readonly reconsideration: Handler<Reconsideration> = {
    validate: (decision) => {
      this.c.requireStage(CaseStages.reconsideration, 'a reconsideration');
      const allowed = this.c.policy.reconsideration?.outcomes ?? RECONSIDERED_BEFORE;
      if (!allowed.includes(decision.outcome))
        throw invalidDecision(
          `${this.c.input.partnership}'s partners reconsider to one of ${allowed.join(', ')}`,
          'outcome',
        );
      this.c.assertDateInCase(decision.decidedOn, 'decidedOn');
      if (this.c.panel)
        assertPastDate(decision.decidedOn, 'decidedOn', {
          date: this.c.panel.receivedOn,
          what: "the Panel's response, received on",
        });
      if (!decision.justification.trim())
        throw invalidDecision(
          'the justification must be recorded for the National Panel (003)',
          'justification',
        );
    },
    decide: async (decision) => {
      const { c } = this;
      c.reconsideration = decision;
      c.reacting = true;
      c.file.record(
        'reconsideration',
        `${c.policy.reconsideration?.by ?? 'partners'} reconsidered on ${decision.decidedOn}: ${decision.outcome}: ${decision.justification}`,
        decision.actor,
        decision.decidedOn,
      );
      return c.answer();
    },
  };

  // ---- Agency returns: the information the rapid review is built from ----

  readonly requestReturn: Handler<AgencyReturnRequest> = {
    validate: (request) => {
      const { c } = this;
      if (c.stage !== CaseStages.notification && c.stage !== CaseStages.rapidReview)
        throw wrongStage(`information for the rapid review cannot be requested at stage ${c.stage}`);
      c.assertDateInCase(request.requestedOn, 'requestedOn');
      c.returns.checkRequest(request);
    },
    decide: async (request) => {
      await this.c.returns.request(request);
      return this.c.answer();
    },
  };

  readonly recordReturn: Handler<AgencyReturnReceipt> = {
    validate: (receipt) => {
      this.c.assertDateInCase(receipt.receivedOn, 'receivedOn');
      this.c.returns.checkReceipt(receipt);
    },
    decide: (receipt) => {
      this.c.returns.receive(receipt);
      this.c.publish();
      return this.c.answer();
    },
  };

  readonly chaseReturn: Handler<AgencyReturnChase> = {
    validate: (chase) => this.c.returns.checkChase(chase),
    decide: async (chase) => {
      await this.c.returns.chase(chase);
      return this.c.answer();
    },
  };

  readonly withdrawReturn: Handler<AgencyReturnWithdrawal> = {
    validate: (withdrawal) => this.c.returns.checkWithdrawal(withdrawal),
    decide: (withdrawal) => {
      this.c.returns.withdraw(withdrawal);
      this.c.publish();
      return this.c.answer();
    },
  };
}
