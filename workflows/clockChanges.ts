/**
 * Changes to a deadline's dates, each recorded on the file with why and by whom: an approved
 * extension (beside the statutory date, checked against the pack), a correction of its basis
 * (an awareness date recorded wrongly), and a pause with no known end and its resumption.
 */
import { patched } from '@temporalio/workflow';
import type { IsoDate } from '../src/calendar/civilDate';
import type { Actor, DeadlineKey, PlannedDeadline } from '../src/case/types';
import type { ExtensionLimit } from '../src/policy/caseFileSettings';
import { acts } from './activityProxies';
import type { ChangeNote, Deadline } from './deadline';
import { invalidDecision } from './rejections';

const { planDeadline, planExtendedDue } = acts;

/**
 * Patch marker: from here on an approved extension is kept beside the statutory due date, and
 * the clock wakes at that date to show the case late against the statute (workflows/deadline.ts).
 */
const EXTENSION_BESIDE_STATUTE = 'extension-beside-statute';

/** What an approved extension is checked against: the pack's limit for the deadline (none: never extended). */
export interface ExtensionTerms {
  limit: ExtensionLimit | undefined;
  /** The date the extension was approved. */
  approvedOn?: IsoDate;
}

export interface BasisCorrection {
  from: IsoDate;
  to: IsoDate;
  reason: string;
  actor: Actor;
  decidedOn: IsoDate;
}

/** What these changes use of the record file. */
export interface ClockTools {
  partnership: string;
  /** Runs an activity as the file's own, so answers wait for it. */
  busy<T>(work: () => Promise<T>): Promise<T>;
  /** Watches a deadline's clock (again). */
  watch(deadline: Deadline): void;
  record(type: string, summary: string, actor?: Actor, decidedOn?: IsoDate): void;
  changed(): void;
}

/**
 * An approved later date for an open deadline, beside its statutory date, recorded with
 * reason and approver. Refused (InvalidDecision on `newDueDate`) where the pack allows no
 * extension of it, or the date is not a working day or beyond the pack's limit.
 */
export async function extendDeadline(
  file: ClockTools,
  deadline: Deadline,
  newDueDate: string,
  reason: string,
  actor: Actor,
  terms?: ExtensionTerms,
): Promise<void> {
  const beside = patched(EXTENSION_BESIDE_STATUTE);
  const due = await file.busy(() =>
    planExtendedDue({
      partnership: file.partnership,
      dueDate: newDueDate,
      ...(terms && {
        check: { key: deadline.key, statutoryDueDate: deadline.dueDate, limit: terms.limit ?? null },
      }),
    }),
  );
  if (due.refusal) throw invalidDecision(`newDueDate: ${due.refusal}`, 'newDueDate');
  const from = deadline.clockDueDate;
  deadline.extend(
    due,
    {
      at: new Date().toISOString(),
      reason,
      actor,
      ...(terms?.approvedOn && { decidedOn: terms.approvedOn }),
    },
    beside,
  );
  // A clock that had breached stopped; the approved date gets a clock of its own.
  if (beside && !deadline.watching) file.watch(deadline);
  file.record(
    'deadline-extended',
    `${deadline.key} extended from ${from} to ${newDueDate}, beside its statutory due date ${deadline.dueDate}: ${reason}`,
    actor,
    terms?.approvedOn,
  );
  file.changed();
}

/**
 * The basis of some deadlines was wrong (an awareness date corrected): each planned from
 * `from` is planned again from `to` by its own rule, the change shown on it with why and by
 * whom, and judged again by the dates recorded.
 */
export async function correctBasis(
  file: ClockTools,
  deadlines: ReadonlyMap<DeadlineKey, Deadline>,
  keys: readonly DeadlineKey[],
  change: BasisCorrection,
): Promise<void> {
  for (const key of keys) {
    const deadline = deadlines.get(key);
    if (!deadline || deadline.basis.basisDate !== change.from) continue;
    const planned: PlannedDeadline = await file.busy(() =>
      planDeadline({ partnership: file.partnership, ...deadline.basis, basisDate: change.to }),
    );
    const before = deadline.dueDate;
    const note: ChangeNote = {
      at: new Date().toISOString(),
      reason: change.reason,
      actor: change.actor,
      decidedOn: change.decidedOn,
    };
    if (deadline.correct(planned, note)) file.watch(deadline);
    file.record(
      'deadline-corrected',
      `${key} re-planned from the corrected basis ${change.to}: due ${before} → ${planned.dueDate} (${deadline.currentState}): ${change.reason}`,
      change.actor,
      change.decidedOn,
    );
  }
  file.changed();
}

/** Stops a deadline's clock with no known end (a local review waiting on proceedings). */
export function pauseDeadline(
  file: ClockTools,
  deadline: Deadline,
  on: IsoDate,
  reason: string,
  actor: Actor,
): void {
  if (deadline.pause(on, { at: new Date().toISOString(), reason, actor, decidedOn: on }))
    file.watch(deadline);
  file.record('deadline-paused', `${deadline.key} paused on ${on}: ${reason}`, actor, on);
  file.changed();
}

/** Starts a paused clock again, its due date moved on by the days it was paused. */
export async function resumeDeadline(
  file: ClockTools,
  deadline: Deadline,
  { on, newDueDate, reason, actor }: { on: IsoDate; newDueDate: IsoDate; reason: string; actor: Actor },
): Promise<void> {
  const due = await file.busy(() => planExtendedDue({ partnership: file.partnership, dueDate: newDueDate }));
  const from = deadline.clockDueDate;
  deadline.resume(due, { at: new Date().toISOString(), reason, actor, decidedOn: on });
  file.record(
    'deadline-resumed',
    `${deadline.key} resumed on ${on}: due ${from} → ${newDueDate}, beside its statutory due date ${deadline.dueDate}`,
    actor,
    on,
  );
  file.changed();
}
