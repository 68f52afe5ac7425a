/**
 * What every case-like workflow keeps: a timeline of events, its statutory deadlines, and
 * the notices it has sent. The lifecycle workflows decide *when*; this decides *how* a
 * deadline is planned and watched and a notice is sent exactly once.
 */
import { ActivityFailure, ApplicationFailure, condition, patched } from '@temporalio/workflow';
import type * as activities from '../activities';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { IsoDate } from '../src/calendar/civilDate';
import type {
  Actor,
  CaseStatus,
  DeadlineKey,
  DeadlineState,
  DeadlineView,
  NoticeSent,
  TimelineEvent,
} from '../src/case/types';
import {
  Breached,
  CaseStage,
  CaseStatus as CaseStatusAttr,
  NextDeadlineAt,
  CaseUpdatedAt,
  LateWithinExtension,
} from '../src/temporal/searchAttributes';
import { type NoticeRequest, UNDELIVERABLE } from '../src/notify/types';
import { deadlineRecipients } from '../src/policy/deadlineNotices';
import type { DeadlineNoticeRules, RecipientRole } from '../src/policy/schema';
import { acts, noticeActs } from './activityProxies';
import {
  type BasisCorrection,
  type ClockTools,
  correctBasis,
  extendDeadline,
  type ExtensionTerms,
  pauseDeadline,
  resumeDeadline,
} from './clockChanges';
import { Deadline } from './deadline';

export type { ExtensionTerms };

const { planDeadline } = acts;
const { sendNotice } = noticeActs;

export interface RecordIdentity {
  caseId: string;
  partnership: string;
  reference: string;
}

const OPEN_STATES = new Set<DeadlineState>(['pending', 'extended', 'breached', 'paused']);

/**
 * Notices go out alongside the statutory process instead of holding it: while one
 * recipient's channel is down and its notice is being retried (for up to about an hour),
 * the next step and every other notice carry on. Cases started before this waited for each
 * notice in turn, and still do when their histories replay.
 */
const NOTICES_IN_BACKGROUND = 'notices-in-background';

export interface PlanOptions {
  /** Send the pack's reminders before the due date (default true). */
  reminders?: boolean;
  /**
   * What a missed due date means: an escalation (default), or a prompt to chase someone. The
   * pack may name other recipients for the obligation (see deadlineRecipients).
   */
  onBreach?: { type: NoticeRequest['type']; to: RecipientRole[] };
  /** Who is reminded before the due date, unless the pack says (default: the pack's reminded). */
  remindTo?: RecipientRole[];
  /** Facts the reminders and the breach notice carry besides the deadline's own. */
  facts?: Record<string, string>;
  /** The agency the deadline's notices concern (for the agency-contact and partner-lead roles). */
  agency?: NoticeRequest['agency'];
  /**
   * Already fulfilled on this date when it is planned (the final report, sent before its
   * publication date was recorded): judged by the dates alone, its clock never runs.
   */
  metOn?: IsoDate;
}

export interface NotifyOptions {
  outboxOnly?: boolean;
  agency?: NoticeRequest['agency'];
}

export class RecordFile {
  readonly timeline: TimelineEvent[] = [];
  readonly deadlines = new Map<DeadlineKey, Deadline>();
  readonly notices: NoticeSent[] = [];
  private readonly sentKeys = new Set<string>();
  private readonly watchers: Promise<void>[] = [];
  private readonly sending: Promise<void>[] = [];
  private readonly noticesInBackground = patched(NOTICES_IN_BACKGROUND);
  /** What the changes of a deadline's dates (clockChanges.ts) use of this file. */
  private get tools(): ClockTools {
    return {
      partnership: this.identity.partnership,
      busy: (work) => this.whileBusy(work),
      watch: (deadline) => this.watch(deadline),
      record: (...event) => this.record(...event),
      changed: () => this.changed(),
    };
  }
  /** Activities in flight on behalf of the case: answers wait until it is quiet. */
  private busy = 0;

  constructor(
    readonly identity: RecordIdentity,
    /** Called whenever something the visibility store shows may have changed. */
    private readonly changed: () => void,
    /** The pack's reminder and escalation recipients, as the record started with them. */
    private readonly noticeRules?: DeadlineNoticeRules,
  ) {}

  get quiet(): boolean {
    return this.busy === 0;
  }

  /** An event on the timeline: when it was recorded, by whom, and the date it was decided, where one was. */
  record(type: string, summary: string, actor?: Actor, decidedOn?: IsoDate): void {
    this.timeline.push({
      at: new Date().toISOString(),
      type,
      summary,
      ...(actor && { actor }),
      ...(decidedOn && { decidedOn }),
    });
  }

  deadline(key: DeadlineKey): Deadline | undefined {
    return this.deadlines.get(key);
  }

  /** The deadline once it has been planned: a decision can arrive while planning is under way. */
  async planned(key: DeadlineKey): Promise<Deadline> {
    await condition(() => this.deadlines.has(key));
    return this.deadlines.get(key)!;
  }

  /**
   * The search attributes the lists and the dashboard filter on, for this file at `stage`,
   * counting `others` (a child's deadlines) with its own.
   */
  searchAttributes(
    stage: string,
    status: CaseStatus,
    others: readonly DeadlineView[] = [],
  ): SearchAttributeUpdatePair[] {
    const openOthers = others.filter((d) => OPEN_STATES.has(d.state));
    const open = [
      ...this.openDeadlines()
        .filter((d) => !d.isPaused)
        .map((d) => d.clockDueAt),
      ...openOthers.filter((d) => d.state !== 'paused').map((d) => d.extension?.dueAt ?? d.dueAt),
    ].sort();
    // Late against the statute and still open, an approved extension or not: `Breached` never
    // clears because a later date was approved. Views from before `lateAgainstStatute` say breached.
    const late = [
      ...this.openDeadlines()
        .filter((d) => d.lateAgainstStatute)
        .map((d) => d.withinExtension === true),
      ...openOthers
        .filter((d) => d.lateAgainstStatute ?? d.state === 'breached')
        .map((d) => d.withinExtension === true),
    ];
    return [
      { key: CaseStage, value: stage },
      { key: CaseStatusAttr, value: status },
      { key: NextDeadlineAt, value: open[0] ? new Date(open[0]) : null },
      { key: Breached, value: late.length > 0 },
      { key: LateWithinExtension, value: late.length > 0 && late.every(Boolean) },
      { key: CaseUpdatedAt, value: new Date() },
    ];
  }

  openDeadlines(): Deadline[] {
    return [...this.deadlines.values()]
      .filter((d) => d.isOpen)
      .sort((a, b) => a.clockDueAt.localeCompare(b.clockDueAt));
  }

  async plan(
    request: Omit<activities.PlanDeadlineInput, 'partnership'>,
    options: PlanOptions = {},
  ): Promise<Deadline> {
    const planned = await this.whileBusy(() =>
      planDeadline({ partnership: this.identity.partnership, ...request }),
    );
    const plan = options.reminders === false ? { ...planned, reminders: [] } : planned;
    const to = deadlineRecipients(this.noticeRules, plan.key, {
      ...(options.remindTo && { remind: options.remindTo }),
      ...(options.onBreach && { escalate: options.onBreach.to }),
    });
    const onBreach = { type: options.onBreach?.type ?? 'deadline-breached', to: to.escalate };
    const deadline = new Deadline(plan, {
      remind: (d, n) =>
        this.notify(
          `${d.key}:v${d.version}:reminder:${n}`,
          'deadline-reminder',
          to.remind,
          {
            ...options.facts,
            deadlineKey: d.key,
            dueDate: d.clockDueDate,
            workingDaysBefore: String(n),
          },
          { agency: options.agency },
        ),
      breach: async (d) => {
        this.record(
          'deadline-breached',
          `${d.key} deadline passed (due ${d.clockDueDate}${d.clockDueDate === d.dueDate ? '' : `, statutory date ${d.dueDate}`}) with nothing recorded`,
        );
        this.changed();
        await this.notify(
          `${d.key}:v${d.version}:breach`,
          onBreach.type,
          onBreach.to,
          {
            ...options.facts,
            deadlineKey: d.key,
            dueDate: d.clockDueDate,
            sentOn: plan.basisDate,
            ...(d.clockDueDate !== d.dueDate && { statutoryDueDate: d.dueDate }),
          },
          { agency: options.agency },
        );
      },
      passedStatute: (d) => {
        this.record(
          'deadline-late-against-statute',
          `${d.key}: the statutory due date ${d.dueDate} passed; within the approved extension to ${d.clockDueDate}`,
        );
        this.changed();
      },
    });
    this.deadlines.set(plan.key, deadline);
    this.record('deadline-planned', `${plan.key} due ${plan.dueDate} (${plan.ruleText} ${plan.basisDate})`);
    if (options.metOn !== undefined) deadline.meet(options.metOn);
    this.changed();
    this.watch(deadline);
    return deadline;
  }

  private watch(deadline: Deadline): void {
    this.watchers.push(deadline.watch());
  }

  /** See clockChanges.ts: each records what changed, with why and by whom. */
  extend(deadline: Deadline, newDueDate: IsoDate, reason: string, actor: Actor, terms?: ExtensionTerms) {
    return extendDeadline(this.tools, deadline, newDueDate, reason, actor, terms);
  }
  correctBasis(keys: readonly DeadlineKey[], change: BasisCorrection) {
    return correctBasis(this.tools, this.deadlines, keys, change);
  }
  pause(deadline: Deadline, on: IsoDate, reason: string, actor: Actor) {
    return pauseDeadline(this.tools, deadline, on, reason, actor);
  }
  resume(deadline: Deadline, on: IsoDate, newDueDate: IsoDate, reason: string, actor: Actor) {
    return resumeDeadline(this.tools, deadline, { on, newDueDate, reason, actor });
  }

  /**
   * Plans every waiting deadline again by its own rule; records each one that moved, and
   * that the re-plan happened even if nothing moved, so the file shows the change applied.
   */
  async replanOpen(reason: string, actor?: Actor): Promise<void> {
    let moved = 0;
    for (const deadline of this.openDeadlines()) {
      const planned = await this.whileBusy(() =>
        planDeadline({ partnership: this.identity.partnership, ...deadline.basis }),
      );
      const from = deadline.dueDate;
      if (deadline.replan(planned, { at: new Date().toISOString(), reason, ...(actor && { actor }) })) {
        moved += 1;
        this.record(
          'deadline-replanned',
          `${deadline.key} re-planned from ${from} to ${planned.dueDate}: ${reason}`,
          actor,
        );
      }
    }
    this.record('calendar-replanned', `open deadlines re-planned (${moved} moved): ${reason}`, actor);
    this.changed();
  }

  /**
   * Sends a notice once per key. The id is stable across retries and replays, so the
   * channel can refuse a duplicate even if the worker died mid-send. Returns once the
   * notice is under way; `settled` waits for it, and answers to decisions wait while it is
   * being sent (see `quiet`).
   */
  async notify(
    key: string,
    type: NoticeRequest['type'],
    to: RecipientRole[],
    facts: Record<string, string>,
    options: NotifyOptions = {},
  ): Promise<void> {
    if (this.sentKeys.has(key)) return;
    this.sentKeys.add(key);
    const delivery = this.deliver(key, type, to, facts, options);
    if (!this.noticesInBackground) return delivery;
    // Observed here so a failure waits for `settled` to surface it, not the runtime's
    // unhandled-rejection check.
    delivery.catch(() => undefined);
    this.sending.push(delivery);
  }

  private async deliver(
    key: string,
    type: NoticeRequest['type'],
    to: RecipientRole[],
    facts: Record<string, string>,
    options: NotifyOptions,
  ): Promise<void> {
    const { caseId, partnership, reference } = this.identity;
    const id = `${caseId}:${key}`;
    // On the case from the moment it is due, pending until it is delivered or given up.
    this.noteNotice({ id, type, to, at: new Date().toISOString(), status: 'pending' });
    try {
      const sent = await this.whileBusy(() =>
        sendNotice({
          id,
          caseId,
          partnership,
          reference,
          type,
          to,
          facts,
          ...(options.outboxOnly && { outboxOnly: true }),
          ...(options.agency && { agency: options.agency }),
        }),
      );
      this.noteNotice({
        id: sent.id,
        type: sent.type,
        to: sent.to,
        at: new Date().toISOString(),
        status: 'delivered',
      });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      // Every retry spent, or undeliverable outright: shown on the case, and the business
      // manager told through the outbox, which cannot be down in the same way.
      // Our own words for a refusal; a channel's raw error (which may hold addresses) stays in the logs.
      const reason =
        err.cause instanceof ApplicationFailure && err.cause.type === UNDELIVERABLE
          ? err.cause.message
          : 'the channel did not accept it after repeated attempts';
      this.noteNotice({ id, type, to, at: new Date().toISOString(), status: 'failed', error: reason });
      this.record(
        'notice-failed',
        `the ${type} notice to ${to.join(', ')} could not be delivered: ${reason}`,
      );
      this.changed();
      if (!options.outboxOnly) {
        await this.notify(
          `${key}:failed`,
          'notice-failed',
          ['business-manager'],
          { failedType: type, recipients: to.join(', '), reason },
          { outboxOnly: true },
        );
      }
    }
  }

  /** Records how a notice stands, in place of what was recorded of it before. */
  private noteNotice(notice: NoticeSent): void {
    const at = this.notices.findIndex((n) => n.id === notice.id);
    if (at === -1) this.notices.push(notice);
    else this.notices[at] = notice;
  }

  /** Waits for every deadline's clock to finish and every notice to be delivered or given up. */
  async settled(): Promise<void> {
    // A clock that fires while we wait sends a notice of its own: wait for that one too.
    for (let seen = -1; seen !== this.watchers.length + this.sending.length;) {
      seen = this.watchers.length + this.sending.length;
      await Promise.all([...this.watchers, ...this.sending]);
    }
  }

  private async whileBusy<T>(work: () => Promise<T>): Promise<T> {
    this.busy += 1;
    try {
      return await work();
    } finally {
      this.busy -= 1;
    }
  }
}
