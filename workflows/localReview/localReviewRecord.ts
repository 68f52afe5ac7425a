/**
 * A local review as its workflow holds it: its stage, each decision recorded, its file and
 * agency returns, the working-day window its dates are counted on, and its view. The
 * decisions that change it are in ./decisions.ts, the process in ./workflow.ts.
 */
import { condition } from '@temporalio/workflow';
import { type CalendarWindow, calendarOf } from '../../src/calendar/calendarWindow';
import { formatIsoDate, type IsoDate, parseIsoDate } from '../../src/calendar/civilDate';
import { londonDate } from '../../src/calendar/london';
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
  removedOn: IsoDate | undefined;
  window: CalendarWindow | undefined;
  /** A decision has moved the review on and the workflow has not yet finished reacting. */
  reacting = false;
  /** A delay is being recorded: a second one waits its turn. */
  delaying = false;
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

  /** Undefined before the window is planned, or once today is past it (a long-delayed review). */
  earliestPublicationDate(): IsoDate | undefined {
    if (!this.window) return undefined;
    try {
      const calendar = calendarOf(this.window);
      return formatIsoDate(
        calendar.addWorkingDays(
          parseIsoDate(londonDate(new Date())),
          this.policy.publicationNoticeWorkingDays,
        ),
      );
    } catch {
      return undefined;
    }
  }

  /** Counts on the recorded window; a date beyond it is refused rather than guessed. */
  workingDaysFromReport(date: IsoDate): number {
    try {
      return calendarOf(this.window!).workingDaysBetween(
        parseIsoDate(this.reportSentOn!),
        parseIsoDate(date),
      );
    } catch (err) {
      throw invalidDecision((err as Error).message, 'publicationDate');
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
      ...(earliest && { earliestPublicationDate: earliest }),
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
