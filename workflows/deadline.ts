/**
 * The Deadline primitive: one statutory timescale inside a workflow. It waits on a durable
 * timer for its next reminder or its due instant and moves `pending → met | breached →
 * met-late`, or `extended` (a new due date approved with a reason) or `not-applicable`.
 * Due dates always come from a planning activity, so they are fixed in the history and a
 * later change of holiday data never changes a replay. Any change of due date is recorded
 * with why and by whom: never a silent recomputation.
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
}

type Reminder = PlannedDeadline['reminders'][number];
type NewDue = Pick<PlannedDeadline, 'dueDate' | 'dueAt' | 'reminders'>;
/** A re-plan also records which calendar and pack versions produced the new date. */
type Replanned = NewDue & Pick<PlannedDeadline, 'holidaySource' | 'calendarVersion' | 'policyVersion'>;

export class Deadline {
  private state: DeadlineState = 'pending';
  private metOn: IsoDate | undefined;
  private breachedAt: string | undefined;
  private notApplicableReason: string | undefined;
  private readonly changes: DeadlineChange[] = [];
  private readonly remindersSent: number[] = [];
  private upcoming: Reminder[] = [];
  private dueMoved = false;
  /** Resolves when the deadline is settled or its due date moves (see sleepUnlessChanged). */
  private changed: Promise<void> | undefined;

  constructor(
    private plan: PlannedDeadline,
    private readonly hooks: DeadlineHooks,
  ) {
    this.upcoming = futureReminders(plan.reminders);
  }

  get key(): PlannedDeadline['key'] {
    return this.plan.key;
  }
  get dueAt(): string {
    return this.plan.dueAt;
  }
  get dueDate(): IsoDate {
    return this.plan.dueDate;
  }
  /** How many times the due date has moved: part of notice ids, so each version notifies once. */
  get version(): number {
    return this.changes.length;
  }

  /** Still waiting for the obligation to be fulfilled (whether or not it is late). */
  get isOpen(): boolean {
    return this.isWaiting() || this.state === 'breached';
  }
  get isBreached(): boolean {
    return this.state === 'breached';
  }

  /**
   * Runs the deadline's clock until it is settled. A due instant already in the past (a case
   * started late) breaches at once: the product never hides lateness.
   */
  async watch(): Promise<void> {
    while (this.isWaiting()) {
      const dueMs = Date.parse(this.plan.dueAt);
      const reminder = this.upcoming[0];
      const wakeMs = reminder ? Math.min(Date.parse(reminder.at), dueMs) : dueMs;
      this.dueMoved = false;
      const remainingMs = wakeMs - Date.now();
      if (remainingMs > 0 && !(await this.sleep(remainingMs))) continue;
      if (!this.isWaiting() || this.dueMoved) continue;
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
   * Records the obligation as fulfilled on `on`: on time if on or before the due date and
   * not already breached, otherwise late.
   */
  meet(on: IsoDate): DeadlineState {
    this.assertOpen();
    this.metOn = on;
    this.state = this.state !== 'breached' && on <= this.plan.dueDate ? 'met' : 'met-late';
    return this.state;
  }

  markNotApplicable(reason: string): void {
    this.assertOpen();
    this.state = 'not-applicable';
    this.notApplicableReason = reason;
  }

  /** An approved extension: a new due date, with the reason and the approver recorded. */
  extend(newDue: NewDue, change: Omit<DeadlineChange, 'from' | 'to'>): void {
    this.assertOpen();
    this.moveDue(newDue, change);
    this.state = 'extended';
  }

  /**
   * The same rule planned again (the calendar changed). Records a change only if the due
   * date moved. Only a pending deadline follows its rule: a met or breached one is history,
   * and an extended one has a due date someone approved, which a calendar change must not undo.
   */
  replan(replanned: Replanned, change: Omit<DeadlineChange, 'from' | 'to'>): boolean {
    if (!this.isWaiting() || replanned.dueDate === this.plan.dueDate) return false;
    // Extensions were re-planned too before this rule; cases re-planned then replay as they ran.
    if (this.state === 'extended' && patched(REPLAN_PENDING_ONLY)) return false;
    this.moveDue(replanned, change);
    return true;
  }

  get basis(): Pick<PlannedDeadline, 'key' | 'basisDate' | 'rule'> {
    return { key: this.plan.key, basisDate: this.plan.basisDate, rule: this.plan.rule };
  }

  view(): DeadlineView {
    return {
      ...this.plan,
      state: this.state,
      changes: [...this.changes],
      remindersSent: [...this.remindersSent],
      ...(this.metOn !== undefined && { metOn: this.metOn }),
      ...(this.breachedAt !== undefined && { breachedAt: this.breachedAt }),
      ...(this.notApplicableReason !== undefined && { notApplicableReason: this.notApplicableReason }),
    };
  }

  private moveDue(newDue: NewDue, change: Omit<DeadlineChange, 'from' | 'to'>): void {
    this.changes.push({ ...change, from: this.plan.dueDate, to: newDue.dueDate });
    this.plan = { ...this.plan, ...newDue };
    this.upcoming = futureReminders(newDue.reminders);
    this.dueMoved = true;
  }

  private isWaiting(): boolean {
    return this.state === 'pending' || this.state === 'extended';
  }

  /** A refusal (not a crash) if a decision reaches a settled deadline: the Update fails, the case runs on. */
  private assertOpen(): void {
    if (!this.isOpen) throw wrongStage(`the ${this.plan.key} deadline is already ${this.state}`);
  }
}

/** Reminders whose moment has already passed are not sent: a late case gets its breach, not a flood. */
function futureReminders(reminders: readonly Reminder[]): Reminder[] {
  const now = Date.now();
  return reminders.filter((r) => Date.parse(r.at) > now).sort((a, b) => a.at.localeCompare(b.at));
}
