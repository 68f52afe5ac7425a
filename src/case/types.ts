/**
 * The shapes a case is made of, shared by the workflow (which owns the state), the API and
 * the dashboard (which show it). Types only: safe to import into workflow code.
 */
import type { DeadlineRule, IsoDate } from '../calendar';
import type { Actor } from '../auth/roles';

export type { Actor };
import type { Decided } from '../decisions/catalogue';
import type { CaseBody } from './bodies';
import type { AgencyReturnView } from '../agencyReturns/types';
import type { CaseDeadlineKey, CaseStage, ReviewOutcome } from './values';

export type { CaseDeadlineKey, CaseStage, ReviewOutcome };
import type {
  ApprovalRule,
  CaseType,
  DeadlineNoticeRules,
  PolicyPack,
  RecipientRole,
} from '../policy/schema';
import type { LocalReviewPolicy } from '../localReview/localReviewPolicy';
import type { ReconsiderationOutcome, ReviewFormat } from './values';
import type { FamilyToldView, RecordedVote, TieView } from './decisionRecords';
import type { VotingRule, VotingRuleView } from './votingRules';
export type { FamilyToldView, RecordedVote, TieView };
import type { ExtendableDeadlineKey, ExtensionLimit } from '../policy/caseFileSettings';

export interface CaseInput {
  /** Whether the child was looked after: a death then also goes to Ofsted and the Secretary of State. */
  lookedAfterChild?: boolean;
  caseId: string;
  partnership: string;
  /** The partnership's own case reference: never a child's name. */
  reference: string;
  /** The day a partner became aware of the incident (day 0 of the notification clock). */
  awareAt: IsoDate;
  abuseOrNeglectSuspected: boolean;
  childDied: boolean;
  seriouslyHarmed: boolean;
  startedBy?: Actor;
  /** The kind of case; absent in cases from before kinds were kept (all serious incidents). */
  caseType?: CaseType;
  /** The children of the incident, by pseudonymous reference only (one notification covers them all). */
  children?: string[];
  /** For the death of a care leaver: the age at death. */
  ageAtDeath?: number;
  /** The partnership's settings as they stood when the case started. */
  policy: CasePolicy;
}

/** What a case of its kind owes: from the pack's rules for the kind, fixed when it starts. */
export interface CaseObligations {
  notification: boolean;
  /**
   * Whether the notification goes to the National Panel (absent in cases from before: it
   * did). A care leaver's death goes to the Secretary of State and Ofsted alone (WT 2023 ch.5).
   */
  notifiesPanel?: boolean;
  rapidReview: boolean;
  partnersDecision: boolean;
  alsoNotify: RecipientRole[];
}

export type CaseStatus = 'open' | 'closed';

/** Every clock any workflow keeps: the case's, the local review's, complaints' and meetings'. */
export type DeadlineKey =
  | CaseDeadlineKey
  | 'csprPublication'
  | 'finalReportToPanel'
  | 'takedown'
  | 'actionConfirmed'
  | 'complaintOutcome'
  | 'furtherAction'
  | 'appealResponse'
  | 'agendaRequests'
  | 'reports'
  | 'agendaCirculation'
  | 'specialMeetingNotice'
  | 'learningAction'
  /** The child and family told the partners' decision, its outcome and rationale (003). */
  | 'familyTold'
  /** Told again, of the outcome as it stands after reconsideration. */
  | 'familyToldAgain'
  /** The independent chair's resolution of a tied vote (000 §12.19), and of its escalation (§12.8). */
  | 'tieResolution'
  | 'tieEscalation'
  /** Publishing information about the improvements, where the report is not published in full (003). */
  | 'improvementsPublication'
  | AgencyReturnKey
  | `${AgencyReturnKey}:escalation`;

/** One agency's return of information, for the rapid review or the local CSPR: one clock per request. */
export type AgencyReturnKey = `${'agency-return' | 'cspr-agency-return'}:${string}`;

export type DeadlineState =
  | 'pending'
  | 'met'
  | 'breached'
  | 'met-late'
  | 'extended'
  | 'not-applicable'
  /** Stopped with no known end (a local review waiting on criminal or coronial proceedings, 003). */
  | 'paused';

/** A due date as planned by the calendar activity, with what it was planned with. */
export interface PlannedDeadline {
  key: DeadlineKey;
  basisDate: IsoDate;
  rule: DeadlineRule;
  /** Human wording of the rule, e.g. "5 working days after". */
  ruleText: string;
  dueDate: IsoDate;
  dueAt: string;
  /** When reminders go, working days before the due date, 09:00 London time. */
  reminders: { workingDaysBefore: number; at: string }[];
  holidaySource: 'gov.uk' | 'date-holidays';
  calendarVersion: string;
  policyVersion: string;
  /**
   * `national` where the partnership's closure days were left out (the notification's 5
   * working days, unless the pack says otherwise); absent: the partnership's own calendar.
   */
  calendar?: 'national';
}

/**
 * Why a due date moved: an approved extension (beside the statutory date), a calendar
 * re-plan or a correction of the basis (both corrections of the statutory date itself), a
 * pause and its resumption. Absent in changes made before kinds were kept.
 */
export type DeadlineChangeKind = 'extension' | 'replan' | 'correction' | 'pause' | 'resume';

export interface DeadlineChange {
  at: string;
  from: IsoDate;
  to: IsoDate;
  reason: string;
  actor?: Actor;
  kind?: DeadlineChangeKind;
  /** The date the change was decided (an extension's approval), where it differs from `at`. */
  decidedOn?: IsoDate;
}

export interface DeadlineView extends PlannedDeadline {
  /**
   * `dueDate` and `dueAt` are the statutory due date: the rule from its basis, moved only by a
   * calendar re-plan or a correction of the basis, never by an extension (see `extension`).
   */
  state: DeadlineState;
  /** Extensions, re-plans, corrections and pauses, each with why and who: due dates never change silently. */
  changes: DeadlineChange[];
  remindersSent: number[];
  /** The day the obligation was actually fulfilled, when it has been. */
  metOn?: IsoDate;
  breachedAt?: string;
  notApplicableReason?: string;
  /** An approved later date, recorded beside the statutory one: the clock's reminders and breach run to it. */
  extension?: { dueDate: IsoDate; dueAt: string };
  /** Met after the statutory due date, or still open past it: whatever extension was approved. */
  lateAgainstStatute?: boolean;
  /** Late against the statute: whether within the approved extension (present only then). */
  withinExtension?: boolean;
  /** Paused on this date, with no known end. */
  pausedOn?: IsoDate;
}

export interface TimelineEvent {
  /** When it was recorded. */
  at: string;
  type: string;
  summary: string;
  /** Who recorded it. */
  actor?: Actor;
  /** The date it was decided or done, where it was a decision (absent in older events). */
  decidedOn?: IsoDate;
}

export type ConsiderationMeeting = Decided<CaseBody<'considerationMeeting'>>;

export type NotificationDecision = Decided<CaseBody<'notificationDecision'>>;

export type RapidReviewCompletion = Decided<CaseBody<'rapidReview'>>;

export type PartnerVote = Decided<CaseBody<'vote'>>;

export type DecisionMeeting = Decided<CaseBody<'decisionMeeting'>>;

export type ChairConsent = Decided<CaseBody<'chairConsent'>>;

export type PanelResponse = Decided<CaseBody<'panelResponse'>>;

export type Reconsideration = Decided<CaseBody<'reconsideration'>>;

export type DeadlineExtension = Decided<CaseBody<'extension'>>;

export type TieResolution = Decided<CaseBody<'tieResolution'>>;

export type FamilyTold = Decided<CaseBody<'familyTold'>>;

export type AwarenessCorrection = Decided<CaseBody<'awarenessCorrection'>>;

export type Withdrawal = Decided<CaseBody<'withdrawal'>>;

export type HandOverRetry = Decided<CaseBody<'handOverRetry'>>;

export interface Replan {
  reason: string;
  actor?: Actor;
}

export interface PartnersDecisionView {
  partners: { id: string; name: string }[];
  votesNeeded: number;
  /** Each partner's vote as it stands, with any earlier votes it changed from. */
  votes: RecordedVote[];
  /** Partners who have not voted yet. */
  awaiting: string[];
  outcome?: ReviewOutcome;
  /** The date the outcome was decided: by the votes, or by the independent chair's resolution. */
  decidedOn?: IsoDate;
  /** No outcome has, or can now have, the votes needed: reported, never guessed. */
  tied: boolean;
  /** Once the vote has been tied: the step that resolves it. */
  tie?: TieView;
  /** How the pack's body decides (absent in cases from before it was kept: the partners, by votesNeeded). */
  rule?: VotingRuleView;
  /** The meeting that decides, as its attendance was recorded, where the rule needs one. */
  meeting?: DecisionMeeting & { at: string };
  /** Everyone entitled to vote at that meeting: the partners, and the agencies represented where they vote. */
  voters?: { id: string; name: string }[];
  /** The outcome with the votes needed, waiting for the Chair's consent (000 §12.34). */
  awaitingChairConsent?: ReviewOutcome;
  /** The Chair's answers, in the order given. */
  chairConsents?: (ChairConsent & { at: string })[];
}

export interface NoticeSent {
  id: string;
  type: string;
  to: string[];
  at: string;
  /**
   * Absent in histories from before delivery status was kept: those were delivered. The
   * workflow records a notice `pending` from the moment it is due, then `delivered` or
   * `failed`; the API adds, from the delivery journal, how each copy stands.
   */
  status?: 'pending' | 'delivered' | 'failed';
  error?: string;
  /** Attempts so far (the API's, from the delivery journal). */
  attempts?: number;
  /** How each recipient's copy stands (the API's, from the delivery journal). */
  copies?: NoticeCopy[];
}

/** One recipient's copy of a notice: by which channel, how it stands, after how many attempts. */
export interface NoticeCopy {
  role: string;
  channel: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: string;
  deliveredAt?: string;
  error?: string;
}

export interface CaseView {
  caseId: string;
  partnership: string;
  reference: string;
  /** Absent in views from before kinds were kept. */
  caseType?: CaseType;
  children?: string[];
  ageAtDeath?: number;
  awareAt: IsoDate;
  stage: CaseStage;
  status: CaseStatus;
  deadlines: DeadlineView[];
  timeline: TimelineEvent[];
  decision?: PartnersDecisionView;
  /** The local CSPR the case handed over to, as it last reported itself. */
  localReview?: LocalReviewSummary;
  rapidReview?: RapidReviewView;
  /** Absent in views from before the rules were shown. */
  rules?: CaseRules;
  notices: NoticeSent[];
  /** Absent in cases from before agency returns were kept. */
  returns?: AgencyReturnView[];
  /** Each correction of the awareness date: `awareAt` is the corrected one. */
  awarenessCorrections?: {
    from: IsoDate;
    to: IsoDate;
    reason: string;
    at: string;
    actor: Actor;
  }[];
  /** The family told of the decision (and again, after reconsideration changed it). */
  familyTold?: FamilyToldView[];
  /** Why the case was withdrawn, when it was. */
  withdrawal?: Omit<Withdrawal, 'actor'> & { at: string; actor: Actor };
  /** The local review could not start: since when, and why (the case keeps its clock meanwhile). */
  localReviewHeld?: { since: string; reason: string };
}

/** What a local CSPR tells its case: enough for the case view and the dashboard. */
export interface LocalReviewSummary {
  workflowId: string;
  stage: string;
  status: CaseStatus;
  deadlines: DeadlineView[];
}

/** The settings of a partnership's policy pack that a case workflow runs by. */
export interface CasePolicy {
  partnership: string;
  policyVersion: string;
  considerationMeeting: boolean;
  notificationWorkingDays: number;
  rapidReviewWorkingDays: number;
  rapidReviewBasis: 'notification' | 'awareness';
  virtualPanelAllowed: boolean;
  partners: { id: string; name: string }[];
  votesNeeded: number;
  panelChaseWorkingDays: number;
  /** Absent in cases from before kinds were kept: a serious incident's obligations. */
  obligations?: CaseObligations;
  /** The deadlines that may be extended, and how far (absent in older cases: the national rule). */
  extensionLimits?: Partial<Record<ExtendableDeadlineKey, ExtensionLimit>>;
  /** Working days for the independent chair to resolve a tie, and for an escalation to be settled. */
  tieResolution?: { workingDays: number; escalationWorkingDays: number };
  /** Working days from the decision for the family to be told (003). */
  familyToldWorkingDays?: number;
  // Absent in cases started before each was kept: they run as every case did then.
  workingTogetherEdition?: PolicyPack['workingTogetherEdition'];
  /** Who sits on a Virtual Panel and when one may decide (004 §12.6). */
  virtualPanel?: { members: string[]; usedWhen: string };
  reconsideration?: { outcomes: ReconsiderationOutcome[]; by: string };
  approvals?: { extension: ApprovalRule; returnsOverride: ApprovalRule };
  deadlineNotices?: DeadlineNoticeRules;
  /** The local review's settings as they stood when the case started: its review runs by them. */
  localReview?: LocalReviewPolicy;
  /** How the partners' decision is reached (absent in older cases: the partners alone, by votesNeeded). */
  voting?: VotingRule;
}

/** What a case runs by, as its view shows it: the pack it started under and the rules its forms offer. */
export interface CaseRules {
  policyVersion: string;
  /** Absent in cases from before the edition was kept. */
  workingTogetherEdition?: PolicyPack['workingTogetherEdition'];
  reconsiderationOutcomes: ReconsiderationOutcome[];
  /** The pack's Virtual Panel, where it allows one. */
  virtualPanel?: { members: string[]; usedWhen: string };
}

/** The rapid review as recorded: with the Virtual Panel's members and why it was used. */
export interface RapidReviewView {
  completedOn: IsoDate;
  format: ReviewFormat;
  virtualPanel?: { members: string[]; reason: string };
}

/** A case as its forms see it: with the agencies its partnership's pack names. */
export type CaseFormView = CaseView & { agencies: readonly { id: string; name: string }[] };
