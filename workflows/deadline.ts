/**
 * The Deadline primitive: one statutory timescale inside a workflow. It waits for its due
 * instant on a durable timer and moves `pending → met | breached → met-late`, or becomes
 * `not-applicable`. The due date always comes from the planning activity, so it is fixed in
 * the workflow's history and a later change to holiday data never changes a replay.
 */
import { condition } from '@temporalio/workflow';
import type { IsoDate } from '../src/calendar/civilDate';
import type { DeadlineState, DeadlineView, PlannedDeadline } from '../src/case/types';

export type BreachHandler = (deadline: Deadline) => Promise<void>;

export class Deadline {
  private state: DeadlineState = 'pending';
  private metOn: IsoDate | undefined;
  private breachedAt: string | undefined;
  private notApplicableReason: string | undefined;

  constructor(
    private plan: PlannedDeadline,
    private readonly onBreach: BreachHandler,
  ) {}

  get key(): PlannedDeadline['key'] {
    return this.plan.key;
  }

  get dueAt(): string {
    return this.plan.dueAt;
  }

  get dueDate(): IsoDate {
    return this.plan.dueDate;
  }

  /** Still waiting for the obligation to be fulfilled (whether or not it is late). */
  get isOpen(): boolean {
    return this.state === 'pending' || this.state === 'extended' || this.state === 'breached';
  }

  get isBreached(): boolean {
    return this.state === 'breached';
  }

  /**
   * Waits until the deadline is settled or its due instant passes. A due instant already in
   * the past (a case started late) breaches at once: the product never hides lateness.
   */
  async watch(): Promise<void> {
    while (this.state === 'pending' || this.state === 'extended') {
      const remainingMs = Date.parse(this.plan.dueAt) - Date.now();
      if (remainingMs > 0 && (await condition(() => !this.isWaiting(), remainingMs))) continue;
      if (!this.isWaiting()) continue;
      this.state = 'breached';
      this.breachedAt = new Date().toISOString();
      await this.onBreach(this);
    }
  }

  /**
   * Records the obligation as fulfilled on `on`. On time means on or before the due date
   * and not already breached; otherwise it is met late.
   */
  meet(on: IsoDate): DeadlineState {
    if (!this.isOpen) throw new Error(`deadline ${this.plan.key} is already ${this.state}`);
    this.metOn = on;
    this.state = this.state !== 'breached' && on <= this.plan.dueDate ? 'met' : 'met-late';
    return this.state;
  }

  markNotApplicable(reason: string): void {
    if (!this.isOpen) throw new Error(`deadline ${this.plan.key} is already ${this.state}`);
    this.state = 'not-applicable';
    this.notApplicableReason = reason;
  }

  view(): DeadlineView {
    return {
      ...this.plan,
      state: this.state,
      ...(this.metOn !== undefined && { metOn: this.metOn }),
      ...(this.breachedAt !== undefined && { breachedAt: this.breachedAt }),
      ...(this.notApplicableReason !== undefined && { notApplicableReason: this.notApplicableReason }),
    };
  }

  private isWaiting(): boolean {
    return this.state === 'pending' || this.state === 'extended';
  }
}
