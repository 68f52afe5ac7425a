/**
 * A case as its workflow holds it: where it stands in the statutory process, each decision
 * recorded so far, its file (timeline, deadlines, notices) and its agency returns; its view,
 * and how it shows itself in visibility. The decisions that change it are in ./decisions.ts,
 * the process that moves it on in ./workflow.ts.
 */
import { condition, upsertSearchAttributes } from '@temporalio/workflow';
import type { IsoDate } from '../../src/calendar/civilDate';
import type {
  CaseInput,
  CaseObligations,
  CasePolicy,
  CaseRules,
  CaseStatus,
  CaseView,
  ChairConsent,
  ConsiderationMeeting,
  DecisionMeeting,
  FamilyToldView,
  HandOverRetry,
  LocalReviewSummary,
  NotificationDecision,
  PanelResponse,
  RapidReviewCompletion,
  RapidReviewView,
  Reconsideration,
  PartnersDecisionView,
  RecordedVote,
  TieView,
  Withdrawal,
} from '../../src/case/types';
import {
  type CaseStage,
  CaseStages,
  NotificationOutcomes,
  RECONSIDERED_BEFORE,
  ReviewFormats,
  type ReviewOutcome,
} from '../../src/case/values';
import { meetingRequired, votersAt, votesNeededFor, votingRuleView } from '../../src/case/votingRules';
import { AgencyReturns } from '../agencyReturns';
import { assertPastDate } from '../decisionChecks';
import type { Deadline } from '../deadline';
import { RecordFile } from '../recordFile';
import { wrongStage } from '../rejections';
import { NATIONAL_CASE_FILE, SERIOUS_INCIDENT } from './legacy';
import { virtualPanelOf } from './virtualPanel';

/** The date a notification decision was made on, whichever its outcome. */
export const notificationDateOf = (d: NotificationDecision) =>
  d.outcome === NotificationOutcomes.notified ? d.notifiedOn : d.decidedOn;

/** A local review started while the Panel's response is awaited (see workflow.ts). */
export interface EarlyReview {
  result: Promise<unknown>;
  /** Tells the review it is not to be, and why. */
  stop(reason: string): Promise<void>;
}

export class CaseRecord {
  readonly policy: CasePolicy;
  readonly obligations: CaseObligations;
  readonly file: RecordFile;
  readonly returns: AgencyReturns;
  stage: CaseStage;
  status: CaseStatus = 'open';
  meeting: ConsiderationMeeting | undefined;
  notification: NotificationDecision | undefined;
  rapidReview: RapidReviewCompletion | undefined;
  readonly votes: RecordedVote[] = [];
  /** The meeting that decides, as its attendance was last recorded, where the pack's rule needs one. */
  decisionMeeting: (DecisionMeeting & { at: string }) | undefined;
  readonly chairConsents: (ChairConsent & { at: string })[] = [];
  /** The outcome with the votes needed, waiting for the Chair's consent (000 §12.34). */
  awaitingChairConsent: ReviewOutcome | undefined;
  outcome: ReviewOutcome | undefined;
  /** The tally is tied now (reported, never guessed). */
  tied = false;
  /** Once a tie has opened its resolution step: how it stands. */
  tie: TieView | undefined;
  panel: PanelResponse | undefined;
  reconsideration: Reconsideration | undefined;
  /** The London day the partners' votes reached an outcome. */
  outcomeDecidedOn: IsoDate | undefined;
  localReview: LocalReviewSummary | undefined;
  /** A decision has moved the case on and the workflow has not yet finished reacting. */
  reacting = false;
  /** The awareness date as it stands (corrected, if it was recorded wrongly). */
  awareAt: IsoDate;
  readonly awarenessCorrections: NonNullable<CaseView['awarenessCorrections']> = [];
  withdrawal: (Withdrawal & { at: string }) | undefined;
  readonly familyTold: FamilyToldView[] = [];
  /** The rapid review went to the Panel as soon as it was complete, ahead of the decision (003). */
  rapidReviewCopySent = false;
  /** The family-told obligation is kept on this case (cases from before it was kept have none). */
  familyToldKept = false;
  /** The local review, when it started at the partners' decision. */
  earlyReview: EarlyReview | undefined;
  /** The local review could not start: the case holds its clock until it is tried again. */
  localReviewHeld: { since: string; reason: string } | undefined;
  /** A try again at starting the local review, taken and not yet acted on. */
  handOverRetry: HandOverRetry | undefined;

  constructor(readonly input: CaseInput) {
    this.awareAt = input.awareAt;
    this.policy = input.policy;
    this.obligations = input.policy.obligations ?? SERIOUS_INCIDENT;
    // A case reviewed locally though not serious owes no notification: the partners decide first.
    this.stage = this.obligations.notification ? CaseStages.notification : CaseStages.partnersDecision;
    this.file = new RecordFile(input, () => this.publish(), input.policy.deadlineNotices);
    this.returns = new AgencyReturns(this.file);
  }

  /** The case's own deadlines and, once it runs, its local review's, as the list shows them. */
  publish(): void {
    upsertSearchAttributes(this.file.searchAttributes(this.stage, this.status, this.localReview?.deadlines));
  }

  moveTo(next: CaseStage): void {
    this.stage = next;
    this.publish();
  }

  /** An Update's answer, once the workflow has finished reacting to it. */
  async answer(): Promise<CaseView> {
    await condition(() => !this.reacting && this.file.quiet && this.returns.settled);
    return this.view();
  }

  /** The pack's settings the truthful case file runs by; cases from before they were kept get the national ones. */
  get rules() {
    return {
      extensionLimits: this.policy.extensionLimits ?? NATIONAL_CASE_FILE.extensionLimits,
      tieResolution: this.policy.tieResolution ?? NATIONAL_CASE_FILE.tieResolution,
      familyToldWorkingDays: this.policy.familyToldWorkingDays ?? NATIONAL_CASE_FILE.familyToldWorkingDays,
    };
  }

  /** The open family-told obligation, the later one first (the outcome as it now stands). */
  openFamilyTold(): { key: 'familyTold' | 'familyToldAgain'; deadline: Deadline } | undefined {
    for (const key of ['familyToldAgain', 'familyTold'] as const) {
      const deadline = this.file.deadline(key);
      if (deadline?.isOpen) return { key, deadline };
    }
    return undefined;
  }

  familyToldOpen(): boolean {
    return this.openFamilyTold() !== undefined;
  }

  requireStage(expected: CaseStage, what: string): void {
    if (this.stage !== expected) throw wrongStage(`${what} cannot be recorded at stage ${this.stage}`);
  }

  /** A decision's date can be neither before the case began nor in the future. */
  assertDateInCase(date: IsoDate, field: string): void {
    assertPastDate(date, field, { date: this.awareAt, what: "the case's awareness date" });
  }

  /** The day the partners' vote can first be cast: once the rapid review (or what stands for it) is done. */
  get votingOpensOn(): { date: IsoDate; what: string } {
    if (this.rapidReview)
      return { date: this.rapidReview.completedOn, what: 'the rapid review, completed on' };
    if (this.notification?.outcome === NotificationOutcomes.notNotifiable)
      return { date: this.notification.decidedOn, what: 'the notification decision of' };
    return { date: this.awareAt, what: "the case's awareness date" };
  }

  decisionView(): PartnersDecisionView | undefined {
    if (this.stage === CaseStages.notification || this.stage === CaseStages.rapidReview) return undefined;
    const voted = new Set(this.votes.map((v) => v.partnerId));
    const { voting } = this.policy;
    const voters = this.voters();
    return {
      partners: this.policy.partners,
      votesNeeded: this.votesNeeded(),
      votes: [...this.votes],
      awaiting: voters.filter((p) => !voted.has(p.id)).map((p) => p.id),
      ...(this.outcome && { outcome: this.outcome }),
      ...(this.outcomeDecidedOn && { decidedOn: this.outcomeDecidedOn }),
      tied: this.tied,
      ...(this.tie && { tie: { ...this.tie } }),
      ...(voting && { rule: votingRuleView(voting, this.decidesAtMeeting), voters }),
      ...(this.decisionMeeting && { meeting: { ...this.decisionMeeting } }),
      ...(this.awaitingChairConsent && { awaitingChairConsent: this.awaitingChairConsent }),
      ...(this.chairConsents.length > 0 && { chairConsents: [...this.chairConsents] }),
    };
  }

  /**
   * The partners decide at a meeting whose attendance is recorded, where the pack's rule
   * needs one: not after a Virtual Panel, which decides where no meeting could be convened
   * (004 §12.6).
   */
  get decidesAtMeeting(): boolean {
    const { voting } = this.policy;
    return Boolean(
      voting && meetingRequired(voting) && this.rapidReview?.format !== ReviewFormats.virtualPanel,
    );
  }

  /** Who votes: the partners, and the agencies represented at the meeting where the pack's rule says so. */
  voters(): { id: string; name: string }[] {
    return votersAt(this.policy.voting, this.policy.partners, this.decisionMeeting);
  }

  /** The votes that carry an outcome among those voters. */
  votesNeeded(): number {
    return votesNeededFor(this.policy.voting, this.policy.votesNeeded, this.voters().length);
  }

  view(): CaseView {
    const { input } = this;
    const decision = this.decisionView();
    return {
      caseId: input.caseId,
      partnership: input.partnership,
      reference: input.reference,
      caseType: input.caseType ?? 'serious-incident',
      ...(input.children && { children: [...input.children] }),
      ...(input.ageAtDeath !== undefined && { ageAtDeath: input.ageAtDeath }),
      awareAt: this.awareAt,
      stage: this.stage,
      status: this.status,
      deadlines: [...this.file.deadlines.values()].map((d) => d.view()),
      timeline: [...this.file.timeline],
      ...(decision && { decision }),
      ...(this.localReview && { localReview: this.localReview }),
      ...(this.rapidReview && { rapidReview: rapidReviewView(this.policy, this.rapidReview) }),
      rules: caseRules(this.policy),
      notices: [...this.file.notices],
      returns: this.returns.view(),
      ...(this.awarenessCorrections.length > 0 && { awarenessCorrections: [...this.awarenessCorrections] }),
      ...(this.familyTold.length > 0 && { familyTold: [...this.familyTold] }),
      ...(this.withdrawal && { withdrawal: { ...this.withdrawal } }),
      ...(this.localReviewHeld && { localReviewHeld: { ...this.localReviewHeld } }),
    };
  }
}

/** What the case runs by, from the settings it started with. */
function caseRules(policy: CasePolicy): CaseRules {
  return {
    policyVersion: policy.policyVersion,
    ...(policy.workingTogetherEdition && { workingTogetherEdition: policy.workingTogetherEdition }),
    reconsiderationOutcomes: [...(policy.reconsideration?.outcomes ?? RECONSIDERED_BEFORE)],
    ...(policy.virtualPanel && { virtualPanel: policy.virtualPanel }),
  };
}

function rapidReviewView(policy: CasePolicy, review: RapidReviewCompletion): RapidReviewView {
  const panel = virtualPanelOf(policy, review);
  return { completedOn: review.completedOn, format: review.format, ...(panel && { virtualPanel: panel }) };
}
