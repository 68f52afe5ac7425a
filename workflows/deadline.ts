/**
 * The Deadline primitive: one statutory timescale inside a workflow. It waits on a durable
 * timer for its next reminder or its due instant and moves `pending → met | breached →
 * met-late`, `extended` (a later date approved with a reason), `paused` (no known end) or
 * `not-applicable`. Due dates always come from a planning activity, so they are fixed in the
 * history and a later change of holiday data never changes a replay. Any change of due date
 * is recorded with why and by whom: never a silent recomputation.
 *
 * The statutory due date is the rule's, from its basis: a calendar re-plan or a correction of
 * the basis moves it, an extension never does. An approved extension is kept beside it, and
 * the clock (reminders, breach) runs to the extension; but an obligation fulfilled after the
 * statutory date is `met-late` whatever was approved (issue 21; GOV.UK "Report a serious
 * child safeguarding incident": the 5 working days are statutory).
 */
import { CancellationScope, condition, patched, sleep } from '@temporalio/workflow';
import type { IsoDate } from '../src/calendar/civilDate';
import type { DeadlineChange, DeadlineState, DeadlineView, PlannedDeadline } from '../src/case/types';
import { wrongStage } from './rejections';

/** Patch marker: from here on an approved extension is not moved by a calendar re-plan. */
const REPLAN_PENDING_ONLY = 'replan-pending-only';
/** Patch marker: from here on a deadline's timer firing cancels no scope (see sleepUnlessChanged). */
const QUIET_WAKE = 'deadline-quiet-wake';

export interface DeadlineHooks {
  /** A reminder is due: `workingDaysBefore` names which one. */
  remind(deadline: Deadline, workingDaysBefore: number): Promise<void>;
  /** The due instant passed with the obligation unfulfilled. */
  breach(deadline: Deadline): Promise<void>;
  /** The statutory due instant passed while an approved extension runs: late against the statute. */
  passedStatute?(deadline: Deadline): void;
}

type Reminder = PlannedDeadline['reminders'][number];
type NewDue = Pick<PlannedDeadline, 'dueDate' | 'dueAt' | 'reminders'>;
/** A re-plan also records which calendar and pack versions produced the new date. */
type Replanned = NewDue &
  Pick<PlannedDeadline, 'holidaySource' | 'calendarVersion' | 'policyVersion' | 'calendar'>;
export type ChangeNote = Omit<DeadlineChange, 'from' | 'to' | 'kind'>;

interface Extension extends NewDue {
  /**
   * Approved under the rule that keeps it beside the statutory date with a wake-up at that
   * date; extensions approved before it (replayed as they ran) have no such wake-up.
   */
  beside: boolean;
}

export class Deadline {
  private state: DeadlineState = 'pending';
  private metOn: IsoDate | undefined;
  private breachedAt: string | undefined;
  private notApplicableReason: string | undefined;
  private extension: Extension | undefined;
  private pausedOn: IsoDate | undefined;
  private statutePassed = false;
  private readonly changes: DeadlineChange[] = [];
  private readonly remindersSent: number[] = [];
  private upcoming: Reminder[] = [];
  private dueMoved = false;
  /** Resolves when the deadline is settled or its due date moves (see sleepUnlessChanged). */
  private changed: Promise<void> | undefined;
  /** Whether its clock is being watched (a breached clock stops; a correction may start it again). */
  watching = false;

  constructor(
    private plan: PlannedDeadline,
    private readonly hooks: DeadlineHooks,
  ) {
    this.upcoming = futureReminders(plan.reminders);
  }

  get key(): PlannedDeadline['key'] {
    return this.plan.key;
  }
  /** The statutory due date and instant: never moved by an extension. */
  get dueDate(): IsoDate {
    return this.plan.dueDate;
  }
  get dueAt(): string {
    return this.plan.dueAt;
  }
  /** The date the clock runs to: an approved extension, or the statutory date. */
  get clockDueDate(): IsoDate {
    return this.extension?.dueDate ?? this.plan.dueDate;
  }
  get clockDueAt(): string {
    return this.extension?.dueAt ?? this.plan.dueAt;
  }
  /** How many times the due date has moved: part of notice ids, so each version notifies once. */
  get version(): number {
    return this.changes.length;
  }
  get currentState(): DeadlineState {
    return this.state;
  }

  /** Still waiting for the obligation to be fulfilled (whether or not it is late). */
  get isOpen(): boolean {
    return this.isWaiting() || this.state === 'breached';
  }
  get isBreached(): boolean {
    return this.state === 'breached';
  }
  get isPaused(): boolean {
    return this.state === 'paused';
  }
  /** Open past its statutory due instant, or met after its statutory due date. */
  get lateAgainstStatute(): boolean {
    if (this.state === 'met-late' || this.state === 'breached') return true;
    if (this.state === 'met' || this.state === 'not-applicable') return false;
    return Date.now() > Date.parse(this.plan.dueAt);
  }
  /** Late against the statute, but within an approved extension (undefined when not late or none). */
  get withinExtension(): boolean | undefined {
    if (!this.extension || !this.lateAgainstStatute) return undefined;
    if (this.state === 'met-late') return this.metOn! <= this.extension.dueDate;
    return this.state !== 'breached';
  }

  /**
   * Runs the deadline's clock until it is settled. A due instant already in the past (a case
   * started late) breaches at once: the product never hides lateness.
   */
  async watch(): Promise<void> {
    this.watching = true;
    while (this.isWaiting()) {
      if (this.state === 'paused') {
        await condition(() => this.state !== 'paused');
        continue;
      }
      const dueMs = Date.parse(this.clockDueAt);
      const reminder = this.upcoming[0];
      const statuteMs = this.statuteWakeMs(dueMs);
      const wakeMs = Math.min(reminder ? Date.parse(reminder.at) : dueMs, dueMs, statuteMs);
      this.dueMoved = false;
      const remainingMs = wakeMs - Date.now();
      if (remainingMs > 0 && !(await this.sleep(remainingMs))) continue;
      if (!this.isWaiting() || this.dueMoved) continue;
      if (statuteMs <= Date.now() && statuteMs < dueMs) {
        this.statutePassed = true;
        this.hooks.passedStatute?.(this);
        continue;
      }
      if (reminder && Date.parse(reminder.at) <= Date.now() && Date.parse(reminder.at) < dueMs) {
        this.upcoming.shift();
        this.remindersSent.push(reminder.workingDaysBefore);
        await this.hooks.remind(this, reminder.workingDaysBefore);
        continue;
      }
      this.upcoming = [];
      this.state = 'breached';
      this.breachedAt = new Date().toISOString();
      await this.hooks.breach(this);
    }
    this.watching = false;
  }

  /** A wake-up at the statutory due instant while an extension runs beyond it (never, for older extensions). */
  private statuteWakeMs(clockDueMs: number): number {
    if (!this.extension?.beside || this.statutePassed) return Infinity;
    const statuteMs = Date.parse(this.plan.dueAt);
    return statuteMs < clockDueMs ? statuteMs : Infinity;
  }

  /** Sleeps on a durable timer unless the deadline is settled or its due date moves first; true if the timer fired. */
  private async sleep(ms: number): Promise<boolean> {
    // Cases started before this patch replay the way they ran: the same commands, but when
    // several deadlines settle at once their timers were cancelled in another order.
    if (!patched(QUIET_WAKE)) return !(await condition(() => !this.isWaiting() || this.dueMoved, ms));
    return this.sleepUnlessChanged(ms);
  }

  /**
   * A timer that fires cancels nothing. `condition(fn, timeout)` cancels its own scope even
   * then, and every cancellation builds a failure with a stack trace: at a thousand open cases
   * that was a sixth of the workflow thread's time. A change still cancels the timer.
   */
  private async sleepUnlessChanged(ms: number): Promise<boolean> {
    // One wait for a change outlives the timers it races, rather than one per wake-up.
    this.changed ??= condition(() => !this.isWaiting() || this.dueMoved).then(() => {
      this.changed = undefined;
    });
    const scope = new CancellationScope();
    let fired = false;
    const timer = scope
      .run(() => sleep(ms))
      .then(
        () => (fired = true),
        () => undefined, // cancelled below because the deadline changed
      );
    await Promise.race([timer, this.changed]);
    if (!fired) scope.cancel();
    return fired;
  }

  /**
   * Records the obligation as fulfilled on `on`: on time if on or before the statutory due
   * date and never breached, otherwise late, whatever extension was approved.
   */
  meet(on: IsoDate): DeadlineState {
    this.assertOpen();
    this.metOn = on;
    this.state = this.breachedAt === undefined && on <= this.plan.dueDate ? 'met' : 'met-late';
    return this.state;
  }

  markNotApplicable(reason: string): void {
    this.assertOpen();
    this.state = 'not-applicable';
    this.notApplicableReason = reason;
  }

  /**
   * An approved extension: a later date beside the statutory one, with the reason and the
   * approver recorded. `beside` arms the wake-up at the statutory date (see Extension).
   */
  extend(newDue: NewDue, change: ChangeNote, beside: boolean): void {
    this.assertOpen();
    if (this.isPaused) throw wrongStage(`the ${this.plan.key} deadline is paused; resume it first`);
    this.changes.push({ ...change, kind: 'extension', from: this.clockDueDate, to: newDue.dueDate });
    this.extension = { ...newDue, beside };
    this.statutePassed = Date.parse(this.plan.dueAt) <= Date.now();
    this.upcoming = futureReminders(newDue.reminders);
    this.dueMoved = true;
    this.state = 'extended';
  }

  /**
   * The same rule planned again (the calendar changed): a correction of the statutory date.
   * Records a change only if the date moved. A met or breached deadline is history. An
   * extension stays as approved: the re-plan moves the statutory date beside it.
   */
  replan(replanned: Replanned, change: ChangeNote): boolean {
    if (!this.isWaiting()) return false;
    if (this.extension && !this.extension.beside) return this.replanOlderExtension(replanned, change);
    if (replanned.dueDate === this.plan.dueDate) return false;
    this.changes.push({ ...change, kind: 'replan', from: this.plan.dueDate, to: replanned.dueDate });
    this.plan = replacedPlan(this.plan, replanned);
    if (!this.extension) this.upcoming = futureReminders(replanned.reminders);
    this.dueMoved = true;
    return true;
  }

  /** Extensions from before the rule above replay as they ran (and before `replan-pending-only`, moved). */
  private replanOlderExtension(replanned: Replanned, change: ChangeNote): boolean {
    if (replanned.dueDate === this.extension!.dueDate) return false;
    if (this.state === 'extended' && patched(REPLAN_PENDING_ONLY)) return false;
    this.changes.push({ ...change, kind: 'replan', from: this.extension!.dueDate, to: replanned.dueDate });
    this.plan = replacedPlan(this.plan, replanned);
    this.extension = undefined;
    this.upcoming = futureReminders(replanned.reminders);
    this.dueMoved = true;
    return true;
  }

  /**
   * The basis was wrong (an awareness date corrected): the statutory date is planned again
   * from the right one, and the deadline judged again by the dates recorded. A breach that the
   * corrected date would not have seen is withdrawn; a met deadline may become met late, or
   * the other way round. True if its clock must be watched again.
   */
  correct(replanned: PlannedDeadline, change: ChangeNote): boolean {
    if (this.state === 'not-applicable') return false;
    this.changes.push({ ...change, kind: 'correction', from: this.plan.dueDate, to: replanned.dueDate });
    this.plan = replacedPlan(this.plan, replanned);
    if (this.breachedAt !== undefined && Date.parse(this.breachedAt) < Date.parse(this.clockDueAt))
      this.breachedAt = undefined;
    this.statutePassed = Date.parse(this.plan.dueAt) <= Date.now();
    if (this.state === 'met' || this.state === 'met-late') {
      this.state = this.breachedAt === undefined && this.metOn! <= this.plan.dueDate ? 'met' : 'met-late';
      return false;
    }
    if (this.state === 'breached' && this.breachedAt === undefined)
      this.state = this.extension ? 'extended' : 'pending';
    if (!this.extension) this.upcoming = futureReminders(replanned.reminders);
    this.dueMoved = true;
    return this.isWaiting() && !this.watching;
  }

  /** Stops the clock with no known end; true if its clock must be watched again (it had breached). */
  pause(on: IsoDate, change: ChangeNote): boolean {
    this.assertOpen();
    if (this.isPaused) throw wrongStage(`the ${this.plan.key} deadline is already paused`);
    this.changes.push({ ...change, kind: 'pause', from: this.clockDueDate, to: this.clockDueDate });
    this.pausedOn = on;
    this.state = 'paused';
    this.dueMoved = true;
    return !this.watching;
  }

  /** Starts the clock again, due later by the time paused: an approved delay beside the statutory date. */
  resume(newDue: NewDue, change: ChangeNote): void {
    if (!this.isPaused) throw wrongStage(`the ${this.plan.key} deadline is not paused`);
    this.changes.push({ ...change, kind: 'resume', from: this.clockDueDate, to: newDue.dueDate });
    this.extension = { ...newDue, beside: true };
    this.pausedOn = undefined;
    this.statutePassed = Date.parse(this.plan.dueAt) <= Date.now();
    this.upcoming = futureReminders(newDue.reminders);
    this.dueMoved = true;
    this.breachedAt = undefined;
    this.state = 'extended';
  }

  get pausedSince(): IsoDate | undefined {
    return this.pausedOn;
  }

  get basis(): Pick<PlannedDeadline, 'key' | 'basisDate' | 'rule'> {
    return { key: this.plan.key, basisDate: this.plan.basisDate, rule: this.plan.rule };
  }

  view(): DeadlineView {
    const within = this.withinExtension;
    return {
      ...this.plan,
      ...(this.extension && { reminders: this.extension.reminders }),
      state: this.state,
      changes: [...this.changes],
      remindersSent: [...this.remindersSent],
      ...(this.metOn !== undefined && { metOn: this.metOn }),
      ...(this.breachedAt !== undefined && { breachedAt: this.breachedAt }),
      ...(this.notApplicableReason !== undefined && { notApplicableReason: this.notApplicableReason }),
      ...(this.extension && { extension: { dueDate: this.extension.dueDate, dueAt: this.extension.dueAt } }),
      lateAgainstStatute: this.lateAgainstStatute,
      ...(within !== undefined && { withinExtension: within }),
      ...(this.pausedOn !== undefined && { pausedOn: this.pausedOn }),
    };
  }

  private isWaiting(): boolean {
    return this.state === 'pending' || this.state === 'extended' || this.state === 'paused';
  }

  /** A refusal (not a crash) if a decision reaches a settled deadline: the Update fails, the case runs on. */
  private assertOpen(): void {
    if (!this.isOpen) throw wrongStage(`the ${this.plan.key} deadline is already ${this.state}`);
  }
}

/** The plan with a new date from the planning activity, and what that date was planned on. */
function replacedPlan(plan: PlannedDeadline, replanned: Replanned): PlannedDeadline {
  const { calendar: _calendar, ...rest } = plan;
  return { ...rest, ...replanned };
}

/** Reminders whose moment has already passed are not sent: a late case gets its breach, not a flood. */
function futureReminders(reminders: readonly Reminder[]): Reminder[] {
  const now = Date.now();
  return reminders.filter((r) => Date.parse(r.at) > now).sort((a, b) => a.at.localeCompare(b.at));
}
