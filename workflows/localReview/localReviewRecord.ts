/**
 * A local review as its workflow holds it: its stage, each decision recorded, its file and
 * agency returns, the working-day window its dates are counted on, and its view. The
 * decisions that change it are in ./decisions.ts, the process in ./workflow.ts.
 */
import { condition } from '@temporalio/workflow';
import { type CalendarWindow, calendarOf } from '../../src/calendar/calendarWindow';
import { formatIsoDate, type IsoDate, parseIsoDate } from '../../src/calendar/civilDate';
import { londonDate } from '../../src/calendar/london';
import { earliestDateAfterNotice, workingDaysBefore } from '../../src/calendar/rules';
import { CASE_FILE_DEFAULTS } from '../../src/policy/caseFileSettings';
import { type LocalReviewRules, localReviewRulesOf } from '../../src/localReview/localReviewPolicy';
import type {
  CommentRound,
  DraftReceived,
  LocalReviewInput,
  LocalReviewView,
  NotPublishing,
  ReviewerCommission,
} from '../../src/localReview/types';
import { type LocalReviewStage, LocalReviewStages as S } from '../../src/localReview/values';
import { AgencyReturns } from '../agencyReturns';
import { RecordFile } from '../recordFile';
import { invalidDecision, wrongStage } from '../rejections';

export class LocalReviewRecord {
  readonly file: RecordFile;
  readonly returns: AgencyReturns;
  stage: LocalReviewStage = S.commissioning;
  reviewer: ReviewerCommission | undefined;
  readonly drafts: DraftReceived[] = [];
  readonly comments: CommentRound[] = [];
  signedOffOn: IsoDate | undefined;
  strategySignedOffOn: IsoDate | undefined;
  publicationDate: IsoDate | undefined;
  reportSentOn: IsoDate | undefined;
  publishedOn: IsoDate | undefined;
  notPublishing: NotPublishing | undefined;
  improvementsPublishedOn: IsoDate | undefined;
  removedOn: IsoDate | undefined;
  /** What runs beside the main line (the reminders of a pause), awaited before the review ends. */
  readonly background: Promise<void>[] = [];
  window: CalendarWindow | undefined;
  /** A decision has moved the review on and the workflow has not yet finished reacting. */
  reacting = false;
  /** A delay is being recorded: a second one waits its turn. */
  delaying = false;
  /** Stopped before its time, and why (the Panel reviews nationally). */
  stoppedBecause: string | undefined;
  /** Paused with no known end: since when and why. */
  pause: { pausedOn: IsoDate; reason: string; details: string } | undefined;
  /** The case has not yet heard of the latest change. */
  progressDue = true;

  constructor(readonly input: LocalReviewInput) {
    // Notices are filed and journalled under the case, so the case's notice list shows the
    // review's too (from the journal, as their copies stand); the review's notice keys (its own
    // deadlines and notice types) cannot collide with the case's.
    this.file = new RecordFile(
      { caseId: input.caseId, partnership: input.partnership, reference: input.reference },
      () => (this.progressDue = true),
      input.policy.deadlineNotices,
    );
    this.returns = new AgencyReturns(this.file, 'cspr-agency-return');
  }

  get policy() {
    return this.input.policy;
  }

  /** The partnership's rules for its reviews, as this one's case started with them. */
  get rules(): LocalReviewRules {
    return localReviewRulesOf(this.input.policy);
  }

  /** The pack's truthful-file settings; reviews from before they were kept get the national ones. */
  get fileRules() {
    const national = CASE_FILE_DEFAULTS;
    return {
      delayLimit:
        this.policy.delayLimit === undefined
          ? (national.extensions.limits.csprPublication ?? null)
          : this.policy.delayLimit,
      pauseReminderWorkingDays:
        this.policy.pauseReminderWorkingDays ?? national.localReviewPause.reminderWorkingDays,
      exceptionsAgreedWithPanel:
        this.policy.exceptionsAgreedWithPanel ?? national.publicationExceptions.agreedWithPanel,
    };
  }

  get isPaused(): boolean {
    return this.file.deadline('csprPublication')?.isPaused ?? false;
  }

  moveTo(next: LocalReviewStage): void {
    this.stage = next;
    this.progressDue = true;
  }

  async answer(): Promise<LocalReviewView> {
    await condition(() => !this.reacting && this.file.quiet && this.returns.settled);
    return this.view();
  }

  requireStage(allowed: LocalReviewStage[], what: string): void {
    if (!allowed.includes(this.stage)) throw wrongStage(`${what} cannot be recorded at stage ${this.stage}`);
  }

  /** What a decision's date may not be before: `date`, or the decision to review. */
  since(date: IsoDate | undefined, what: string) {
    return { date: date ?? this.input.decidedOn, what };
  }

  /**
   * The earliest publication date for a final report sent on `sentOn` (today by default), by
   * the one rule the final report's deadline is planned by ("N working days before P").
   * Undefined before the window is planned, or once the date is past it (a long-delayed review).
   */
  earliestPublicationDate(sentOn: IsoDate = londonDate(new Date())): IsoDate | undefined {
    if (!this.window) return undefined;
    try {
      return formatIsoDate(
        earliestDateAfterNotice(
          calendarOf(this.window),
          parseIsoDate(sentOn),
          this.policy.publicationNoticeWorkingDays,
        ),
      );
    } catch {
      return undefined;
    }
  }

  /** The latest day the final report may go for publication on `publicationDate`; a date beyond the window is refused, not guessed. */
  latestSendDate(publicationDate: IsoDate, field: string): IsoDate {
    try {
      return formatIsoDate(
        workingDaysBefore(
          calendarOf(this.window!),
          parseIsoDate(publicationDate),
          this.policy.publicationNoticeWorkingDays,
        ),
      );
    } catch (err) {
      throw invalidDecision((err as Error).message, field);
    }
  }

  view(): LocalReviewView {
    const { input } = this;
    const earliest = this.stage === S.publication ? this.earliestPublicationDate() : undefined;
    return {
      reviewId: input.reviewId,
      caseId: input.caseId,
      partnership: input.partnership,
      reference: input.reference,
      decidedOn: input.decidedOn,
      stage: this.stage,
      status: this.stage === S.closed ? 'closed' : 'open',
      ...(this.reviewer && { reviewer: withoutActor(this.reviewer) }),
      drafts: this.drafts.map(withoutActor),
      comments: this.comments.map(withoutActor),
      rules: {
        policyVersion: input.policy.policyVersion,
        ...(input.policy.workingTogetherEdition && {
          workingTogetherEdition: input.policy.workingTogetherEdition,
        }),
        commentsBy: this.rules.drafting.commentsBy,
      },
      ...(this.signedOffOn && { signedOffOn: this.signedOffOn }),
      ...(this.strategySignedOffOn && { communicationStrategySignedOffOn: this.strategySignedOffOn }),
      ...(this.publicationDate && { publicationDate: this.publicationDate }),
      ...(this.reportSentOn && { reportSentOn: this.reportSentOn }),
      ...(earliest && { earliestPublicationDate: earliest }),
      ...(this.improvementsPublishedOn && { improvementsPublishedOn: this.improvementsPublishedOn }),
      ...(this.pause && { pause: { ...this.pause } }),
      ...(this.publishedOn && { publishedOn: this.publishedOn }),
      ...(this.notPublishing && { notPublishing: withoutActor(this.notPublishing) }),
      deadlines: [...this.file.deadlines.values()].map((d) => d.view()),
      timeline: [...this.file.timeline],
      notices: [...this.file.notices],
      returns: this.returns.view(),
    };
  }
}

function withoutActor<T extends { actor: unknown }>(decision: T): Omit<T, 'actor'> {
  const { actor: _actor, ...rest } = decision;
  return rest;
}
