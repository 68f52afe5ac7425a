/**
 * caseWorkflow: one serious child safeguarding incident, steps 1 to 5 of the statutory
 * process. The workflow's history is the case file: every decision arrives as an Update
 * carrying who made it, every due date was planned by an activity and recorded, and every
 * notice was sent once, by an activity.
 *
 *   1. notification to the National Panel, 5 working days from awareness (Durham first holds
 *      a notification consideration meeting: 003 "Notification of incidents"); a care
 *      leaver's death to the Secretary of State and Ofsted instead (WT 2023 ch.5)
 *   2. rapid review, 15 working days from notification or awareness, per pack (003); its copy
 *      goes to the Panel as soon as it is complete (003 "Rapid Review")
 *   3. the partners' decision whether to review: a majority, 2 of 3 in Durham (003); a tie
 *      goes to the independent chair (000 §12.19); the family is told, with the rationale (003)
 *   4. the National Panel's response, reported to the partners; if it disagrees, the partners
 *      reconsider and the justification goes to the Panel (003)
 *   5. a local review, as the case's child workflow, when the outcome is one: started at the
 *      partners' decision, so its reviewer can be commissioned while the Panel is awaited
 *
 * A business manager may correct the awareness date or withdraw a case opened in error at
 * any of steps 1 to 4 (./corrections.ts).
 */
import { condition, patched, setHandler } from '@temporalio/workflow';
import { caseDecisions } from '../../src/case/decisions';
import { caseViewQuery, replanDeadlines } from '../../src/case/messages';
import type { CaseInput, CaseView } from '../../src/case/types';
import {
  type CaseStage,
  CaseStages,
  NotificationOutcomes,
  PanelResponses,
  ReconsiderationOutcomes,
  REVIEW_OUTCOME_WORDS,
  ReviewFormats,
  ReviewOutcomes,
} from '../../src/case/values';
import { rationaleOf } from '../../src/case/partnersDecision';
import { londonDate } from '../../src/calendar/london';
import { recipientWords } from '../../src/notify/templates';
import type { RecipientRole } from '../../src/policy/schema';
import { allDecisionsAnswered, registerDecisions } from '../decisions';
import { CaseRecord } from './caseRecord';
import { CaseDecisionHandlers } from './decisions';
import { followLocalReview, runLocalReview, startReviewEarly } from './handOver';
import { datedVotes } from './partnersDecision';
import { tellFamily } from './familyTold';
import { LOCAL_REVIEW_CHILD, legacyAlsoTold } from './legacy';

/** Patch marker: from here on the rapid review goes to the Panel as soon as it is complete (003). */
const RAPID_REVIEW_COPY_AT_ONCE = 'rapid-review-copy-at-once';
/** Patch marker: from here on the family-told obligation has its own deadline (003). */
const FAMILY_TOLD = 'family-told-obligation';
/** Patch marker: from here on the Panel's response goes back to the safeguarding partners, whatever it is (003). */
const PANEL_RESPONSE_TO_PARTNERS = 'panel-response-to-partners';
/** Patch marker: from here on a local review starts at the partners' decision, not after the Panel. */
const REVIEW_AT_DECISION = 'review-starts-at-decision';

export async function caseWorkflow(input: CaseInput): Promise<CaseView> {
  const c = new CaseRecord(input);
  const { file, policy, obligations } = c;
  // Each wait of the main line also ends if the case is withdrawn (see withdraw). The waits and
  // the steps between them are written out here, one after another, as cases already running
  // took them: replay depends on each step following its wait without a tick more.
  const unlessWithdrawn = (ready: () => boolean) => () => ready() || c.withdrawal !== undefined;

  setHandler(caseViewQuery, () => c.view());
  registerDecisions(caseDecisions, new CaseDecisionHandlers(c));
  setHandler(replanDeadlines, ({ reason, actor }) => file.replanOpen(reason, actor));
  followLocalReview(c);

  file.record('case-started', `case ${input.reference} started; aware on ${input.awareAt}`, input.startedBy);
  if (!obligations.notification) {
    // Reviewed locally though not a serious case (003): no national clocks; the partners decide.
    await file.notify('case-started', 'case-started', ['safeguarding-lead', 'business-manager'], {
      awareAt: input.awareAt,
    });
  } else {
    // ---- 1. Notification ----
    const { notifiedTo, told } = notificationRecipients(c);
    const fiveDays = { kind: 'working-days-after', workingDays: policy.notificationWorkingDays } as const;
    const notificationDeadline = await file.plan(
      { key: 'notification', basisDate: input.awareAt, rule: fiveDays },
      notifiedTo ? { facts: { notifiedTo } } : {},
    );
    if (policy.considerationMeeting) {
      await file.plan({ key: 'considerationMeeting', basisDate: input.awareAt, rule: fiveDays });
    }
    await file.notify('case-started', 'case-started', ['safeguarding-lead', 'business-manager'], {
      awareAt: input.awareAt,
      dueDate: notificationDeadline.dueDate,
      ...(notifiedTo && { notifiedTo }),
    });
    await condition(unlessWithdrawn(() => c.notification !== undefined));
    if (c.withdrawal) return withdraw(c);
    const notification = c.notification!;
    if (!obligations.rapidReview) {
      // A care leaver's death: notified, and nothing more is owed nationally (WT 2023).
      if (notification.outcome === NotificationOutcomes.notified) {
        await file.notify('incident-notified', 'incident-notified', told, {
          notifiedOn: notification.notifiedOn,
          ...(notifiedTo && { notifiedTo }),
        });
      }
      return finish(c, CaseStages.closed);
    }
    const rapidReviewDays = {
      kind: 'working-days-after',
      workingDays: policy.rapidReviewWorkingDays,
    } as const;
    if (notification.outcome === NotificationOutcomes.notified) {
      const { notifiedOn } = notification;
      const basisDate = policy.rapidReviewBasis === 'notification' ? notifiedOn : c.awareAt;
      const rapid = await file.plan({ key: 'rapidReview', basisDate, rule: rapidReviewDays });
      c.moveTo(CaseStages.rapidReview);
      await file.notify('incident-notified', 'incident-notified', told, {
        notifiedOn,
        rapidReviewDue: rapid.dueDate,
      });
      c.reacting = false;

      // ---- 2. Rapid review ----
      await condition(unlessWithdrawn(() => c.rapidReview !== undefined));
      if (c.withdrawal) return withdraw(c);
      // 003: "As soon as the Rapid Review is complete … send a copy to the National Panel".
      if (patched(RAPID_REVIEW_COPY_AT_ONCE)) await sendRapidReviewCopy(c);
    } else {
      // Not notifiable: no national clocks run, but the partners may still choose a local review (003).
      const rapid = await file.plan({
        key: 'rapidReview',
        basisDate: notification.decidedOn,
        rule: rapidReviewDays,
      });
      rapid.markNotApplicable('the incident was not notifiable');
    }
    c.moveTo(CaseStages.partnersDecision);
    c.reacting = false;
  }
  if (!obligations.partnersDecision) return finish(c, CaseStages.closed);

  // ---- 3. The partners' decision (a tie goes to the independent chair: ./partnersDecision.ts) ----
  await condition(unlessWithdrawn(() => c.outcome !== undefined));
  if (c.withdrawal) return withdraw(c);
  const outcome = c.outcome!;
  const rationale = c.tie?.resolution?.rationale ?? rationaleOf(datedVotes(c), outcome);
  if (patched(FAMILY_TOLD)) {
    await tellFamily(c, 'familyTold', REVIEW_OUTCOME_WORDS[outcome], rationale, c.outcomeDecidedOn!);
  } else {
    await file.notify('decision-outcome', 'decision-outcome', ['safeguarding-lead'], {
      outcome: REVIEW_OUTCOME_WORDS[outcome],
    });
  }

  let finalOutcome: CaseStage =
    outcome === ReviewOutcomes.localCspr ? CaseStages.csprCommissioned : CaseStages.closed;
  if (c.notification?.outcome === NotificationOutcomes.notified) {
    const rapidReview = c.rapidReview!;
    if (c.rapidReviewCopySent) {
      await file.notify('review-decision', 'review-decision', ['panel-liaison'], {
        decidedOn: c.outcomeDecidedOn!,
        outcome: REVIEW_OUTCOME_WORDS[outcome],
        rationale,
      });
    } else {
      await file.notify('rapid-review-complete', 'rapid-review-complete', ['panel-liaison'], {
        completedOn: rapidReview.completedOn,
        meetingType: rapidReview.format === ReviewFormats.virtualPanel ? 'Virtual Panel' : 'meeting',
        outcome: REVIEW_OUTCOME_WORDS[outcome],
      });
    }
    // Started now, so its reviewer can be commissioned while the Panel's response is awaited.
    if (outcome === ReviewOutcomes.localCspr && patched(REVIEW_AT_DECISION)) await startReviewEarly(c);

    // ---- 4. The National Panel's response: no national timescale, so chase after the pack's interval ----
    await file.plan(
      {
        key: 'panelResponse',
        // From the day the decision went to the Panel: the day it was made, now its copy goes at once.
        basisDate: c.rapidReviewCopySent ? c.outcomeDecidedOn! : londonDate(new Date()),
        rule: { kind: 'working-days-after', workingDays: policy.panelChaseWorkingDays },
      },
      { reminders: false, onBreach: { type: 'panel-chase', to: ['business-manager'] } },
    );
    c.moveTo(CaseStages.panelResponse);
    c.reacting = false;
    await condition(unlessWithdrawn(() => c.panel !== undefined));
    if (c.withdrawal) return withdraw(c);
    const panel = c.panel!;
    // 003: "The response of the National Panel … will be reported back to the Safeguarding Partners".
    const toPartners: RecipientRole[] = patched(PANEL_RESPONSE_TO_PARTNERS) ? ['safeguarding-partners'] : [];

    if (panel.response === PanelResponses.disagrees) {
      c.moveTo(CaseStages.reconsideration);
      await file.notify(
        'panel-disagrees',
        'panel-disagrees',
        ['business-manager', 'executive-group', ...toPartners],
        { receivedOn: panel.receivedOn },
      );
      c.reacting = false;
      await condition(unlessWithdrawn(() => c.reconsideration !== undefined));
      if (c.withdrawal) return withdraw(c);
      const reconsideration = c.reconsideration!;
      await file.notify('reconsideration-outcome', 'reconsideration-outcome', ['panel-liaison'], {
        decidedOn: reconsideration.decidedOn,
        outcome: reconsideration.outcome,
        justification: reconsideration.justification,
      });
      const decided = finalOutcome;
      if (reconsideration.outcome === ReconsiderationOutcomes.commissionCspr)
        finalOutcome = CaseStages.csprCommissioned;
      // Where the pack allows it, the partners may conclude that no review is needed after all.
      if (reconsideration.outcome === ReconsiderationOutcomes.noReview) finalOutcome = CaseStages.closed;
      // The outcome changed: the family is told again, with the justification (003).
      if (c.familyToldKept && finalOutcome !== decided) await tellFamilyAgain(c, finalOutcome);
    } else if (panel.response === PanelResponses.nationalReview || outcome === ReviewOutcomes.referNational) {
      finalOutcome = CaseStages.nationalReview;
      await file.notify('national-review', 'national-review', ['business-manager', 'safeguarding-partners'], {
        receivedOn: panel.receivedOn,
      });
      file.record(
        'national-review',
        'the National Panel will review nationally; the partnership cooperates and closes the case locally',
      );
    } else if (toPartners.length > 0) {
      await file.notify('panel-agrees', 'panel-agrees', [...toPartners, 'business-manager'], {
        receivedOn: panel.receivedOn,
        outcome: REVIEW_OUTCOME_WORDS[outcome],
      });
    }
  }

  // ---- 5. A local review runs as the case's child until its report is published and taken down ----
  // Cases that reached this point before the review workflow existed ended here.
  if (finalOutcome === CaseStages.csprCommissioned && patched(LOCAL_REVIEW_CHILD)) {
    await runLocalReview(c);
    return finish(c, CaseStages.closed);
  }
  // A national review, or no review after all, replaces the local one started at the decision.
  if (c.earlyReview)
    await c.earlyReview.stop(
      finalOutcome === CaseStages.nationalReview
        ? 'the National Panel will undertake a national review'
        : 'the partners concluded on reconsideration that no review is needed',
    );
  return finish(c, finalOutcome);
}

/**
 * Who is told of the notification: the Panel and the partners, and whom the case's kind adds;
 * a death notified to the Secretary of State and Ofsted alone (a care leaver's) says so in
 * every notice of its clock (`notifiedTo`).
 */
function notificationRecipients(c: CaseRecord): { told: RecipientRole[]; notifiedTo?: string } {
  const { obligations } = c;
  const toPanel = obligations.notifiesPanel ?? true;
  const told: RecipientRole[] = [
    ...(toPanel ? (['panel-liaison', 'safeguarding-partners'] as const) : []),
    ...obligations.alsoNotify,
    ...legacyAlsoTold(c.input),
  ];
  return toPanel ? { told } : { told, notifiedTo: obligations.alsoNotify.map(recipientWords).join(' and ') };
}

/** The rapid review's copy to the Panel, as soon as it is complete; the decision follows when it is made. */
async function sendRapidReviewCopy(c: CaseRecord): Promise<void> {
  c.rapidReviewCopySent = true;
  const rapidReview = c.rapidReview!;
  await c.file.notify('rapid-review-complete', 'rapid-review-complete', ['panel-liaison'], {
    completedOn: rapidReview.completedOn,
    meetingType: rapidReview.format === ReviewFormats.virtualPanel ? 'Virtual Panel' : 'meeting',
  });
}

/** Reconsideration changed the outcome: the family is owed the new one, with its justification. */
function tellFamilyAgain(c: CaseRecord, now: CaseStage): Promise<void> {
  const reconsideration = c.reconsideration!;
  const outcome = now === CaseStages.csprCommissioned ? ReviewOutcomes.localCspr : ReviewOutcomes.noReview;
  return tellFamily(
    c,
    'familyToldAgain',
    `${REVIEW_OUTCOME_WORDS[outcome]} (after reconsideration)`,
    reconsideration.justification,
    reconsideration.decidedOn,
  );
}

/**
 * Closes the case at `at`: what it still waited for lapses, recorded, and the last notices go.
 * A case that owes its family the decision stays open at `at` until they are told.
 */
async function finish(c: CaseRecord, at: CaseStage): Promise<CaseView> {
  const { file } = c;
  if (c.familyToldKept && c.familyToldOpen()) {
    c.moveTo(at);
    c.reacting = false;
    await condition(() => !c.familyToldOpen());
  }
  c.status = 'closed';
  c.moveTo(at);
  c.returns.closeOutstanding('the case closed');
  file.record('case-closed', `case closed at stage ${c.stage}`);
  c.reacting = false;
  await file.settled();
  await allDecisionsAnswered();
  return c.view();
}

/** A case withdrawn (opened in error, a duplicate): every clock lapses, recorded, and it closes. */
async function withdraw(c: CaseRecord): Promise<CaseView> {
  const { file } = c;
  const withdrawal = c.withdrawal!;
  const reason = `the case was withdrawn (${withdrawal.reason}): ${withdrawal.details}`;
  for (const deadline of file.openDeadlines()) deadline.markNotApplicable(reason);
  if (c.earlyReview) await c.earlyReview.stop('the case was withdrawn');
  file.record(
    'case-withdrawn',
    `case withdrawn on ${withdrawal.withdrawnOn} (${withdrawal.reason}${withdrawal.duplicateOf ? `, a duplicate of ${withdrawal.duplicateOf}` : ''}): ${withdrawal.details}`,
    withdrawal.actor,
    withdrawal.withdrawnOn,
  );
  const notified = c.notification?.outcome === NotificationOutcomes.notified;
  await file.notify(
    'case-withdrawn',
    'case-withdrawn',
    ['safeguarding-lead', 'business-manager', ...(notified ? (['panel-liaison'] as const) : [])],
    {
      withdrawnOn: withdrawal.withdrawnOn,
      reason: withdrawal.reason,
      ...(withdrawal.duplicateOf && { duplicateOf: withdrawal.duplicateOf }),
    },
  );
  c.familyToldKept = false;
  return finish(c, CaseStages.withdrawn);
}
