/**
 * Changes to a case's dates and to the case itself, each approved and audited with who and
 * why: an extension of a deadline (beside its statutory date, where the pack allows one), a
 * corrected awareness date (the deadlines it began planned again from the right one), and
 * the withdrawal of a case opened in error or a duplicate (closed with its reason, never
 * deleted).
 */
import { londonDate } from '../../src/calendar/london';
import { notExtendable } from '../../src/case/extensions';
import type {
  AwarenessCorrection,
  CaseView,
  DeadlineExtension,
  DeadlineKey,
  Withdrawal,
} from '../../src/case/types';
import { DECIDING_STAGES, WithdrawalReasons } from '../../src/case/values';
import { assertApprover, assertNotFuture, assertRealDate, assertText, dateOrToday } from '../decisionChecks';
import type { DecisionHandler } from '../decisions';
import { invalidDecision, wrongStage } from '../rejections';
import { type CaseRecord, notificationDateOf } from './caseRecord';

type Handler<A> = DecisionHandler<CaseView, A>;

export function extensionHandler(c: CaseRecord): Handler<DeadlineExtension> {
  return {
    validate: (request) => {
      const deadline = c.file.deadline(request.key);
      if (!deadline) throw invalidDecision(`the case has no ${request.key} deadline`, 'key');
      if (!deadline.isOpen) throw wrongStage(`the ${request.key} deadline is already settled`);
      assertApprover(request.actor, 'an extension', c.policy.approvals?.extension);
      // A date no person means is named as such, whatever the deadline's own rules.
      assertRealDate(request.newDueDate, 'newDueDate');
      if (!c.rules.extensionLimits[request.key]) throw invalidDecision(notExtendable(request.key), 'key');
      if (request.newDueDate <= deadline.clockDueDate)
        throw invalidDecision(
          `newDueDate must be after the current due date ${deadline.clockDueDate}`,
          'newDueDate',
        );
      assertText(request.reason, 'reason', 'an extension needs its reason');
      c.assertDateInCase(request.approvedOn, 'approvedOn');
    },
    decide: async (request) => {
      await c.file.extend(c.file.deadline(request.key)!, request.newDueDate, request.reason, request.actor, {
        limit: c.rules.extensionLimits[request.key],
        approvedOn: dateOrToday(request.approvedOn),
      });
      return c.answer();
    },
  };
}

export function awarenessCorrectionHandler(c: CaseRecord): Handler<AwarenessCorrection> {
  return {
    validate: (correction) => {
      if (!DECIDING_STAGES.includes(c.stage))
        throw wrongStage(`the awareness date cannot be corrected at stage ${c.stage}`);
      assertApprover(correction.actor, 'correcting the awareness date');
      assertRealDate(correction.awareAt, 'awareAt');
      assertNotFuture(correction.awareAt, 'awareAt');
      if (correction.awareAt === c.awareAt)
        throw invalidDecision(`the awareness date is already ${c.awareAt}`, 'awareAt');
      const first = firstDependent(c);
      if (first && correction.awareAt > first.date)
        throw invalidDecision(
          `awareAt (${correction.awareAt}) is after ${first.what} ${first.date}, which it comes before: correct that first`,
          'awareAt',
        );
      assertText(correction.reason, 'reason', 'a correction needs its reason');
    },
    decide: async (correction) => {
      // A correction that arrives while the first clocks are being planned waits for them.
      if (c.obligations.notification) await c.file.planned('notification');
      if (c.policy.considerationMeeting) await c.file.planned('considerationMeeting');
      const from = c.awareAt;
      const at = new Date().toISOString();
      c.awareAt = correction.awareAt;
      c.awarenessCorrections.push({
        from,
        to: correction.awareAt,
        reason: correction.reason,
        at,
        actor: correction.actor,
      });
      const today = londonDate(new Date());
      c.file.record(
        'awareness-corrected',
        `awareness date corrected from ${from} to ${correction.awareAt}: ${correction.reason}`,
        correction.actor,
        today,
      );
      const keys: DeadlineKey[] = ['notification', 'considerationMeeting'];
      if (c.policy.rapidReviewBasis === 'awareness') keys.push('rapidReview');
      await c.file.correctBasis(keys, {
        from,
        to: correction.awareAt,
        reason: `awareness date corrected: ${correction.reason}`,
        actor: correction.actor,
        decidedOn: today,
      });
      return c.answer();
    },
  };
}

/** The earliest date recorded that the awareness date must not follow. */
function firstDependent(c: CaseRecord): { date: string; what: string } | undefined {
  const dates = [
    c.meeting && { date: c.meeting.heldOn, what: 'the consideration meeting, held on' },
    c.notification && { date: notificationDateOf(c.notification), what: 'the notification decision of' },
    c.rapidReview && { date: c.rapidReview.completedOn, what: 'the rapid review, completed on' },
    ...c.returns.view().map((r) => ({ date: r.requestedOn, what: `the request to ${r.agencyName} of` })),
  ].filter((d) => d !== undefined);
  return dates.sort((a, b) => a.date.localeCompare(b.date))[0];
}

export function withdrawalHandler(c: CaseRecord): Handler<Withdrawal> {
  return {
    validate: (withdrawal) => {
      if (!DECIDING_STAGES.includes(c.stage))
        throw wrongStage(`a case cannot be withdrawn at stage ${c.stage}`);
      if (c.withdrawal) throw wrongStage('the case is already being withdrawn');
      assertApprover(withdrawal.actor, 'withdrawing a case');
      c.assertDateInCase(withdrawal.withdrawnOn, 'withdrawnOn');
      assertText(withdrawal.details, 'details', 'say why the case is withdrawn');
      if (withdrawal.reason === WithdrawalReasons.duplicate && !withdrawal.duplicateOf)
        throw invalidDecision('name the case this one duplicates', 'duplicateOf');
      if (withdrawal.duplicateOf === c.input.reference)
        throw invalidDecision('a case cannot duplicate itself', 'duplicateOf');
    },
    decide: (withdrawal) => {
      c.withdrawal = { ...withdrawal, at: new Date().toISOString() };
      c.reacting = true;
      return c.answer();
    },
  };
}
