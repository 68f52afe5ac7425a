/**
 * What the local review workflow does with each decision of its catalogue
 * (src/localReview/decisions.ts): its rules at each stage, and what taking it records.
 */
import type {
  AgencyReturnChase,
  AgencyReturnReceipt,
  AgencyReturnRequest,
  AgencyReturnWithdrawal,
} from '../../src/agencyReturns/types';
import type { LocalReviewDecisions } from '../../src/localReview/decisions';
import type {
  ApprovedDelay,
  CommentsSent,
  DraftReceived,
  ImprovementsPublication,
  LocalReviewView,
  NotPublishing,
  Pause,
  Publication,
  PublicationDate,
  Resumption,
  ReviewerCommission,
  SignOff,
  Takedown,
} from '../../src/localReview/types';
import { LocalReviewStages as S } from '../../src/localReview/values';
import { assertApprover, assertPastDate, assertText } from '../decisionChecks';
import { checkComments, checkDraft, checkReviewer } from './localRules';
import type { DecisionHandler, DecisionHandlers } from '../decisions';
import { wrongStage } from '../rejections';
import { delayHandler, pauseHandler, resumptionHandler } from './delays';
import type { LocalReviewRecord } from './localReviewRecord';
import {
  improvementsPublicationHandler,
  notPublishingHandler,
  publicationDateHandler,
  publicationHandler,
  takedownHandler,
} from './publication';

type Handler<A> = DecisionHandler<LocalReviewView, A>;

export class LocalReviewDecisionHandlers implements DecisionHandlers<LocalReviewDecisions> {
  constructor(private readonly r: LocalReviewRecord) {
    this.delay = delayHandler(r);
    this.pause = pauseHandler(r);
    this.resumption = resumptionHandler(r);
    this.publicationDate = publicationDateHandler(r);
    this.publication = publicationHandler(r);
    this.notPublishing = notPublishingHandler(r);
    this.improvementsPublication = improvementsPublicationHandler(r);
    this.takedown = takedownHandler(r);
  }

  readonly reviewer: Handler<ReviewerCommission> = {
    validate: (decision) => {
      const { r } = this;
      r.requireStage([S.commissioning], 'commissioning a reviewer');
      if (r.reviewer) throw wrongStage('the reviewer has already been commissioned');
      assertPastDate(decision.commissionedOn, 'commissionedOn', r.since(undefined, 'the decision of'));
      checkReviewer(r.rules, decision);
      assertText(decision.reviewer, 'reviewer', 'name the reviewer or their organisation');
      assertText(decision.termsOfReference, 'termsOfReference', 'the terms of reference are needed');
    },
    decide: async (decision) => {
      const { r } = this;
      r.reviewer = decision;
      r.reacting = true;
      r.file.record(
        'reviewer-commissioned',
        `${decision.independent ? 'independent ' : ''}reviewer ${decision.reviewer} commissioned on ${decision.commissionedOn}`,
        decision.actor,
      );
      return r.answer();
    },
  };

  readonly draft: Handler<DraftReceived> = {
    validate: (decision) => {
      const { r } = this;
      r.requireStage([S.drafting, S.signOff], 'a draft');
      checkDraft(r.rules, r.drafts, decision);
      const previous = r.drafts.at(-1)?.receivedOn ?? r.reviewer?.commissionedOn;
      assertPastDate(decision.receivedOn, 'receivedOn', r.since(previous, 'the previous step on'));
    },
    decide: (decision) => {
      const { r } = this;
      r.drafts.push(decision);
      r.file.record(
        'draft-received',
        `${decision.draft} draft received on ${decision.receivedOn}`,
        decision.actor,
      );
      r.moveTo(S.signOff);
      return r.answer();
    },
  };

  readonly comments: Handler<CommentsSent> = {
    validate: (decision) => {
      const { r } = this;
      r.requireStage([S.signOff], 'comments on a draft');
      checkComments(r.rules, r.drafts, r.comments);
      assertPastDate(decision.sentOn, 'sentOn', r.since(r.drafts.at(-1)?.receivedOn, 'the latest draft on'));
    },
    decide: (decision) => {
      const { r } = this;
      r.comments.push({ ...decision, onDraft: r.drafts.length });
      r.file.record(
        'comments-sent',
        `comments of ${r.rules.drafting.commentsBy} on draft ${r.drafts.length} sent on ${decision.sentOn} (round ${r.comments.length})`,
        decision.actor,
      );
      r.progressDue = true;
      return r.answer();
    },
  };

  readonly signOff: Handler<SignOff> = {
    validate: (decision) => {
      const { r } = this;
      r.requireStage([S.signOff], 'the sign-off');
      if (r.signedOffOn) throw wrongStage('the report has already been signed off');
      assertApprover(decision.actor, 'the sign-off', r.rules.approval('signOff'));
      assertPastDate(
        decision.signedOffOn,
        'signedOffOn',
        r.since(r.drafts.at(-1)?.receivedOn, 'the last draft on'),
      );
    },
    decide: (decision) => {
      const { r } = this;
      r.signedOffOn = decision.signedOffOn;
      r.file.record(
        'signed-off',
        `report signed off by ${r.rules.approval('signOff').by} on ${r.signedOffOn}`,
        decision.actor,
      );
      r.moveTo(S.publication);
      return r.answer();
    },
  };

  readonly communicationStrategy: Handler<SignOff> = {
    validate: (decision) => {
      const { r } = this;
      r.requireStage([S.drafting, S.signOff, S.publication], 'the communication strategy');
      if (r.strategySignedOffOn) throw wrongStage('the communication strategy is already signed off');
      assertApprover(decision.actor, 'the communication strategy', r.rules.approval('communicationStrategy'));
      assertPastDate(decision.signedOffOn, 'signedOffOn', r.since(undefined, 'the decision of'));
    },
    decide: (decision) => {
      const { r } = this;
      r.strategySignedOffOn = decision.signedOffOn;
      r.file.record(
        'communication-strategy',
        `communication strategy signed off by ${r.rules.approval('communicationStrategy').by} on ${r.strategySignedOffOn}`,
        decision.actor,
      );
      r.progressDue = true;
      return r.answer();
    },
  };

  readonly delay: Handler<ApprovedDelay>;
  readonly pause: Handler<Pause>;
  readonly resumption: Handler<Resumption>;
  readonly publicationDate: Handler<PublicationDate>;
  readonly publication: Handler<Publication>;
  readonly notPublishing: Handler<NotPublishing>;
  readonly improvementsPublication: Handler<ImprovementsPublication>;
  readonly takedown: Handler<Takedown>;

  // ---- The agencies' information for the review ----

  readonly requestReturn: Handler<AgencyReturnRequest> = {
    validate: (request) => {
      const { r } = this;
      r.requireStage([S.commissioning, S.drafting], 'a request for information');
      assertPastDate(request.requestedOn, 'requestedOn', r.since(undefined, 'the decision to review on'));
      r.returns.checkRequest(request);
    },
    decide: async (request) => {
      await this.r.returns.request(request);
      return this.r.answer();
    },
  };

  readonly recordReturn: Handler<AgencyReturnReceipt> = {
    validate: (receipt) => {
      assertPastDate(receipt.receivedOn, 'receivedOn', this.r.since(undefined, 'the decision to review on'));
      this.r.returns.checkReceipt(receipt);
    },
    decide: (receipt) => {
      this.r.returns.receive(receipt);
      this.r.progressDue = true;
      return this.r.answer();
    },
  };

  readonly chaseReturn: Handler<AgencyReturnChase> = {
    validate: (chase) => this.r.returns.checkChase(chase),
    decide: async (chase) => {
      await this.r.returns.chase(chase);
      return this.r.answer();
    },
  };

  readonly withdrawReturn: Handler<AgencyReturnWithdrawal> = {
    validate: (withdrawal) => this.r.returns.checkWithdrawal(withdrawal),
    decide: (withdrawal) => {
      this.r.returns.withdraw(withdrawal);
      this.r.progressDue = true;
      return this.r.answer();
    },
  };
}
