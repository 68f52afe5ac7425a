/**
 * What the local review workflow does with each decision of its catalogue
 * (src/localReview/decisions.ts): its rules at each stage, and what taking it records.
 */
import { londonDate } from '../../src/calendar/london';
import type {
  AgencyReturnChase,
  AgencyReturnReceipt,
  AgencyReturnRequest,
  AgencyReturnWithdrawal,
} from '../../src/case/types';
import type { LocalReviewDecisions } from '../../src/localReview/decisions';
import type {
  ApprovedDelay,
  CommentsSent,
  DraftReceived,
  LocalReviewView,
  NotPublishing,
  Publication,
  PublicationDate,
  ReviewerCommission,
  SignOff,
  Takedown,
} from '../../src/localReview/types';
import { DELAY_WORDS, LocalReviewStages as S } from '../../src/localReview/values';
import { assertApprover, assertPastDate, assertRealDate, assertText } from '../decisionChecks';
import { checkComments, checkDraft, checkReviewer, checkStrategyFirst } from './localRules';
import type { DecisionHandler, DecisionHandlers } from '../decisions';
import { invalidDecision, wrongStage } from '../rejections';
import type { LocalReviewRecord } from './localReviewRecord';

type Handler<A> = DecisionHandler<LocalReviewView, A>;

export class LocalReviewDecisionHandlers implements DecisionHandlers<LocalReviewDecisions> {
  constructor(private readonly r: LocalReviewRecord) {}

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

  readonly delay: Handler<ApprovedDelay> = {
    validate: (delay) => {
      const { r } = this;
      const deadline = r.file.deadline('csprPublication');
      if (!deadline?.isOpen) throw wrongStage('there is no open completion deadline to delay');
      if (r.delaying) throw wrongStage('another delay is being recorded; try again');
      assertApprover(delay.actor, 'a delay', r.rules.approval('delay'));
      assertPastDate(delay.approvedOn, 'approvedOn', r.since(undefined, 'the decision of'));
      assertRealDate(delay.newDueDate, 'newDueDate');
      if (r.window && delay.newDueDate > r.window.through) {
        throw invalidDecision(
          `newDueDate is beyond the review's planned calendar (to ${r.window.through}); re-plan it first (cli replan)`,
          'newDueDate',
        );
      }
      if (delay.newDueDate <= deadline.dueDate)
        throw invalidDecision(
          `newDueDate must be after the current due date ${deadline.dueDate}`,
          'newDueDate',
        );
      assertText(delay.details, 'details', 'the reasons for the delay go to the Panel: give them');
    },
    decide: async (delay) => {
      const { r } = this;
      r.delaying = true;
      const deadline = r.file.deadline('csprPublication')!;
      const reason = DELAY_WORDS[delay.reason];
      await r.file.extend(deadline, delay.newDueDate, `${reason}: ${delay.details}`, delay.actor);
      await r.file.notify(
        `csprPublication:v${deadline.version}:delayed`,
        'cspr-delayed',
        ['panel-liaison', 'secretary-of-state'],
        { reason, details: delay.details, newDueDate: delay.newDueDate },
      );
      r.delaying = false;
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

  readonly publicationDate: Handler<PublicationDate> = {
    validate: (decision) => {
      const { r } = this;
      r.requireStage([S.publication], 'a publication date');
      if (r.publicationDate || r.notPublishing)
        throw wrongStage('the publication decision has already been recorded');
      checkStrategyFirst(r.rules, r.strategySignedOffOn, 'publication');
      assertRealDate(decision.publicationDate, 'publicationDate');
      const earliest = r.earliestPublicationDate();
      if (!earliest)
        throw wrongStage(
          "the review's working-day calendar does not reach today; re-plan it (cli replan) and try again",
        );
      if (decision.publicationDate < earliest) {
        throw invalidDecision(
          `the final report must reach the Panel and the Secretary of State at least ${r.policy.publicationNoticeWorkingDays} working days before publication: the earliest publication date is ${earliest}`,
          'publicationDate',
        );
      }
      if (decision.publicationDate > r.window!.through) {
        throw invalidDecision(
          `publicationDate ${decision.publicationDate} is beyond the planned calendar (to ${r.window!.through}); choose an earlier date`,
          'publicationDate',
        );
      }
    },
    decide: async (decision) => {
      const { r } = this;
      r.publicationDate = decision.publicationDate;
      r.reportSentOn = londonDate(new Date());
      r.reacting = true;
      r.file.record(
        'publication-date-set',
        `publication set for ${r.publicationDate}; final report sent to the Panel and the Secretary of State`,
        decision.actor,
      );
      return r.answer();
    },
  };

  readonly publication: Handler<Publication> = {
    validate: (decision) => {
      const { r } = this;
      r.requireStage([S.awaitingPublication], 'the publication');
      if (r.publishedOn) throw wrongStage('the publication has already been recorded');
      assertPastDate(
        decision.publishedOn,
        'publishedOn',
        r.since(r.reportSentOn, 'the final report was sent on'),
      );
      const notice = r.workingDaysFromReport(decision.publishedOn);
      if (notice < r.policy.publicationNoticeWorkingDays) {
        throw invalidDecision(
          `the final report went on ${r.reportSentOn}, only ${notice} working days before ${decision.publishedOn}; set a later publication date`,
          'publishedOn',
        );
      }
    },
    decide: (decision) => {
      const { r } = this;
      r.publishedOn = decision.publishedOn;
      r.reacting = true;
      r.file.record('published', `report published on ${r.publishedOn}`, decision.actor);
      return r.answer();
    },
  };

  readonly notPublishing: Handler<NotPublishing> = {
    validate: (decision) => {
      const { r } = this;
      r.requireStage([S.publication], 'a decision not to publish');
      if (r.publicationDate || r.notPublishing)
        throw wrongStage('the publication decision has already been recorded');
      checkStrategyFirst(r.rules, r.strategySignedOffOn, 'a publication decision');
      assertApprover(decision.actor, 'a decision not to publish', r.rules.approval('notPublishing'));
      const sinceSignOff = r.since(r.signedOffOn, 'the sign-off on');
      assertPastDate(decision.decidedOn, 'decidedOn', sinceSignOff);
      assertPastDate(decision.improvementsPublishedOn, 'improvementsPublishedOn', sinceSignOff);
      assertText(
        decision.justification,
        'justification',
        'the justification goes to the Panel and the Secretary of State (003): give it',
      );
    },
    decide: (decision) => {
      const { r } = this;
      r.notPublishing = decision;
      r.reacting = true;
      r.file.record(
        'not-publishing',
        `the partners decided on ${decision.decidedOn} not to publish in full; improvements published on ${decision.improvementsPublishedOn}${decision.panelException ? `; exception agreed with the Panel: ${decision.panelException}` : ''}`,
        decision.actor,
      );
      return r.answer();
    },
  };

  readonly takedown: Handler<Takedown> = {
    validate: (decision) => {
      const { r } = this;
      r.requireStage([S.published], 'the removal of the report');
      if (r.removedOn) throw wrongStage('the removal has already been recorded');
      assertPastDate(decision.removedOn, 'removedOn', r.since(r.publishedOn, 'the publication on'));
      const due = r.file.deadline('takedown')?.dueDate;
      if (due && decision.removedOn < due)
        throw invalidDecision(
          `the report stays on the website for ${r.policy.onlineMonths} months (003), until ${due}`,
          'removedOn',
        );
    },
    decide: (decision) => {
      const { r } = this;
      r.removedOn = decision.removedOn;
      r.reacting = true;
      r.file.record(
        'report-removed',
        `report removed from the website on ${r.removedOn}; available on request (003)`,
        decision.actor,
      );
      return r.answer();
    },
  };

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
