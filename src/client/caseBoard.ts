/**
 * The dashboard's read model of open cases. The cases page sorts every open case by its next
 * deadline and filters on RAG status, which visibility on SQL cannot do for it (no ORDER BY
 * on a search attribute), so reading the rows from visibility on every request costs time in
 * proportion to the number of open cases. The board reads them all once, then on each
 * request only the cases whose `CaseUpdatedAt` is recent, and now and then reads them all
 * again in the background to heal anything a read missed. Visibility stays the record: the
 * board can be dropped at any time and rebuilt from it.
 */
import { CaseUpdatedAt } from '../temporal/searchAttributes';
import { CaseStages } from '../case/values';
import { type CaseSummary, type Listed, summaryOf } from './summaries';

export interface CaseBoardOptions {
  /** A request within this long of the last read uses the board as it stands. */
  freshMs?: number;
  /**
   * How far before the last read the next one looks back: a change reaches visibility a
   * little after the workflow time it carries, and later still when the server is busy.
   */
  lagMs?: number;
  /** How often every open case is read again (in the background) to heal what reads missed. */
  reloadMs?: number;
  now?: () => number;
  /** Told when a background reload fails; the board keeps serving what it has. */
  onError?: (err: unknown) => void;
}

/** Lists case workflows matching every clause, as the gateway does. */
export type CaseLister = (clauses: string[]) => Promise<Listed[]>;

export class CaseBoard {
  private rows = new Map<string, CaseSummary>();
  private loaded?: Promise<void>;
  private reading?: Promise<void>;
  private reloading?: Promise<void>;
  /** Wall-clock start of the read every change since has yet to be seen by. */
  private changesSince = 0;
  private lastRead = 0;
  private lastReload = 0;
  private readonly freshMs: number;
  private readonly lagMs: number;
  private readonly reloadMs: number;
  private readonly now: () => number;

  constructor(
    private readonly list: CaseLister,
    private readonly options: CaseBoardOptions = {},
  ) {
    this.freshMs = options.freshMs ?? 1_000;
    this.lagMs = options.lagMs ?? 30_000;
    this.reloadMs = options.reloadMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The open cases of these partnerships, as fresh as visibility was a moment ago. */
  async openCases(partnerships: readonly string[]): Promise<CaseSummary[]> {
    await this.fresh();
    const wanted = new Set(partnerships);
    return [...this.rows.values()].filter((c) => wanted.has(c.partnership));
  }

  private async fresh(): Promise<void> {
    if (!this.loaded) {
      this.loaded = this.reload();
      // A failed first load is tried again by the next request rather than remembered.
      this.loaded.catch(() => (this.loaded = undefined));
    }
    await this.loaded;
    const now = this.now();
    if (now - this.lastReload >= this.reloadMs && !this.reloading) {
      this.reloading = this.reload()
        .catch((err) => this.options.onError?.(err))
        .finally(() => (this.reloading = undefined));
    }
    if (now - this.lastRead >= this.freshMs) {
      this.reading ??= this.readChanges().finally(() => (this.reading = undefined));
    }
    await this.reading;
  }

  /** Every open case, replacing the board; changes made meanwhile are read again next time. */
  private async reload(): Promise<void> {
    const started = this.now();
    this.lastReload = started;
    const rows = new Map<string, CaseSummary>();
    for (const wf of await this.list([`CaseStatus = 'open'`])) {
      const c = summaryOf<CaseSummary['stage']>(wf, CaseStages.notification);
      rows.set(c.id, c);
    }
    this.rows = rows;
    // The snapshot can be older than a read that finished while it was taken: read again.
    this.changesSince = this.changesSince ? Math.min(this.changesSince, started) : started;
    this.lastRead = 0;
  }

  /** The cases that changed since the last read (open ones join or update; closed ones leave). */
  private async readChanges(): Promise<void> {
    const started = this.now();
    const since = new Date(this.changesSince - this.lagMs).toISOString();
    for (const wf of await this.list([`${CaseUpdatedAt.name} >= '${since}'`])) {
      const c = summaryOf<CaseSummary['stage']>(wf, CaseStages.notification);
      if (c.status === 'open') this.rows.set(c.id, c);
      else this.rows.delete(c.id);
    }
    this.changesSince = started;
    this.lastRead = started;
  }
}
