/**
 * Publishing a local review (SPEC step 6): the final report to the Panel and the Secretary of
 * State at least N working days before the publication date (WT; 002 L401), judged by the one
 * rule "N working days before P" (src/calendar/rules.ts) both when the date is chosen and when
 * its deadline is planned; or, not publishing in full (003 L390), the justification to them
 * when the decision is taken, with the Panel's agreement where the pack says exceptions are
 * agreed with it (002 L401), and the information about the improvements published as a step
 * of its own; and the report's removal after a year online (003 L392).
 */
import type {
  ImprovementsPublication,
  LocalReviewView,
  NotPublishing,
  Publication,
  PublicationDate,
  Takedown,
} from '../../src/localReview/types';
import { LocalReviewStages as S } from '../../src/localReview/values';
import { assertApprover, assertPastDate, assertRealDate, assertText, dateOrToday } from '../decisionChecks';
import type { DecisionHandler } from '../decisions';
import { invalidDecision, wrongStage } from '../rejections';
import { checkStrategyFirst } from './localRules';
import type { LocalReviewRecord } from './localReviewRecord';

type Handler<A> = DecisionHandler<LocalReviewView, A>;

function assertNotPaused(r: LocalReviewRecord): void {
  if (r.isPaused) throw wrongStage('the review is paused: resume it before deciding its publication');
}

export function publicationDateHandler(r: LocalReviewRecord): Handler<PublicationDate> {
  return {
    validate: (decision) => {
      r.requireStage([S.publication], 'a publication date');
      if (r.publicationDate || r.notPublishing)
        throw wrongStage('the publication decision has already been recorded');
      checkStrategyFirst(r.rules, r.strategySignedOffOn, 'publication');
      assertNotPaused(r);
      assertRealDate(decision.publicationDate, 'publicationDate');
      assertPastDate(decision.sentOn, 'sentOn', r.since(r.signedOffOn, 'the sign-off on'));
      if (!r.window || decision.publicationDate > r.window.through) {
        throw invalidDecision(
          `publicationDate ${decision.publicationDate} is beyond the planned calendar (to ${r.window?.through}); re-plan it (cli replan) or choose an earlier date`,
          'publicationDate',
        );
      }
      const latest = r.latestSendDate(decision.publicationDate, 'publicationDate');
      if (decision.sentOn > latest) {
        const earliest = r.earliestPublicationDate(decision.sentOn);
        throw invalidDecision(
          `the final report must reach the Panel and the Secretary of State at least ${r.policy.publicationNoticeWorkingDays} working days before publication (by ${latest} for ${decision.publicationDate}): for a report sent on ${decision.sentOn} the earliest publication date is ${earliest ?? 'beyond the planned calendar'}`,
          'publicationDate',
        );
      }
    },
    decide: (decision) => {
      r.publicationDate = decision.publicationDate;
      r.reportSentOn = dateOrToday(decision.sentOn);
      r.reacting = true;
      r.file.record(
        'publication-date-set',
        `publication set for ${r.publicationDate}; final report sent to the Panel and the Secretary of State on ${r.reportSentOn}`,
        decision.actor,
        r.reportSentOn,
      );
      return r.answer();
    },
  };
}

export function publicationHandler(r: LocalReviewRecord): Handler<Publication> {
  return {
    validate: (decision) => {
      r.requireStage([S.awaitingPublication], 'the publication');
      if (r.publishedOn) throw wrongStage('the publication has already been recorded');
      assertPastDate(
        decision.publishedOn,
        'publishedOn',
        r.since(r.reportSentOn, 'the final report was sent on'),
      );
      const latest = r.latestSendDate(decision.publishedOn, 'publishedOn');
      if (r.reportSentOn! > latest) {
        throw invalidDecision(
          `the final report went on ${r.reportSentOn}, later than ${r.policy.publicationNoticeWorkingDays} working days before ${decision.publishedOn} (${latest}); set a later publication date`,
          'publishedOn',
        );
      }
    },
    decide: (decision) => {
      r.publishedOn = decision.publishedOn;
      r.reacting = true;
      r.file.record('published', `report published on ${r.publishedOn}`, decision.actor, r.publishedOn);
      return r.answer();
    },
  };
}

export function notPublishingHandler(r: LocalReviewRecord): Handler<NotPublishing> {
  return {
    validate: (decision) => {
      r.requireStage([S.publication], 'a decision not to publish');
      if (r.publicationDate || r.notPublishing)
        throw wrongStage('the publication decision has already been recorded');
      checkStrategyFirst(r.rules, r.strategySignedOffOn, 'a publication decision');
      assertNotPaused(r);
      assertApprover(decision.actor, 'a decision not to publish', r.rules.approval('notPublishing'));
      const sinceSignOff = r.since(r.signedOffOn, 'the sign-off on');
      assertPastDate(decision.decidedOn, 'decidedOn', sinceSignOff);
      if (decision.improvementsPublishedOn !== undefined)
        assertPastDate(decision.improvementsPublishedOn, 'improvementsPublishedOn', sinceSignOff);
      assertText(
        decision.justification,
        'justification',
        'the justification goes to the Panel and the Secretary of State (003): give it',
      );
      if (r.fileRules.exceptionsAgreedWithPanel) {
        if (!decision.panelException?.trim())
          throw invalidDecision(
            "exceptions to publication are agreed with the National Panel (the partnership's pack; 002 L401): record the agreement",
            'panelException',
          );
        if (decision.panelAgreedOn === undefined)
          throw invalidDecision('give the date the National Panel agreed the exception', 'panelAgreedOn');
      }
      if (decision.panelAgreedOn !== undefined)
        assertPastDate(
          decision.panelAgreedOn,
          'panelAgreedOn',
          r.since(undefined, 'the decision to review of'),
        );
    },
    decide: (decision) => {
      r.notPublishing = decision;
      r.reacting = true;
      r.file.record(
        'not-publishing',
        `the partners decided on ${decision.decidedOn} not to publish in full${decision.improvementsPublishedOn ? `; improvements published on ${decision.improvementsPublishedOn}` : ''}${decision.panelException ? `; exception agreed with the Panel${decision.panelAgreedOn ? ` on ${decision.panelAgreedOn}` : ''}: ${decision.panelException}` : ''}`,
        decision.actor,
        decision.decidedOn,
      );
      return r.answer();
    },
  };
}

export function improvementsPublicationHandler(r: LocalReviewRecord): Handler<ImprovementsPublication> {
  return {
    validate: (decision) => {
      r.requireStage([S.improvements], 'the publication of the improvements');
      assertPastDate(
        decision.publishedOn,
        'publishedOn',
        r.since(r.notPublishing?.decidedOn, 'the decision not to publish of'),
      );
    },
    decide: (decision) => {
      r.improvementsPublishedOn = decision.publishedOn;
      r.reacting = true;
      r.file.record(
        'improvements-published',
        `information about the improvements published on ${decision.publishedOn}`,
        decision.actor,
        decision.publishedOn,
      );
      return r.answer();
    },
  };
}

export function takedownHandler(r: LocalReviewRecord): Handler<Takedown> {
  return {
    validate: (decision) => {
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
      r.removedOn = decision.removedOn;
      r.reacting = true;
      r.file.record(
        'report-removed',
        `report removed from the website on ${r.removedOn}; available on request (003)`,
        decision.actor,
        r.removedOn,
      );
      return r.answer();
    },
  };
}
