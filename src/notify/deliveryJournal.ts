/**
 * The delivery journal: how each recipient's copy of each notice stands. A copy's attempt
 * is recorded before its channel is called and its result after, so a copy whose attempt
 * cannot be recorded is never sent, a copy recorded as delivered is never sent again, and
 * the case can show every notice pending, delivered or failed with its attempts so far.
 *
 * The port is small so that a database table can take the files' place; today it is one
 * JSON file per copy under DATA_DIR/deliveries/<case>/, replaced whole on each change.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RecipientRole } from '../policy/schema';
import type { ChannelName } from './channels/types';
import { placeFile, type WriteFile, writeToDisk } from './placeFile';

/**
 * One recipient's copy of a notice, or (without a recipient) the outbox's own: the notice
 * filed with how each copy went, which every notice has and which is attempted on every
 * attempt at the notice until it is filed.
 */
export interface Copy {
  /** `${noticeId}:${recipient index}:${channel}`, the channel's idempotency key; the outbox's: `${noticeId}#outbox`. */
  id: string;
  noticeId: string;
  caseId: string;
  type: string;
  /** The recipient's place in the notice's list. */
  recipient?: number;
  role?: RecipientRole;
  channel: ChannelName;
}

export type CopyState = 'pending' | 'delivered' | 'failed';

export interface CopyRecord extends Copy {
  /** `pending` from the first attempt until the channel accepts or refuses it for good. */
  state: CopyState;
  attempts: number;
  firstAttemptAt: string;
  lastAttemptAt: string;
  deliveredAt?: string;
  /** Why the last attempt did not deliver it, in our words (never a channel's raw error). */
  error?: string;
}

export type CopyOutcome = { state: 'delivered' } | { state: 'pending' | 'failed'; error: string };

export interface DeliveryJournal {
  /** The copy's record, if it has ever been attempted. */
  find(copy: Copy): Promise<CopyRecord | undefined>;
  /** Records that the copy is about to be sent; throws if that cannot be recorded. */
  begin(copy: Copy): Promise<CopyRecord>;
  /** Records how the attempt `begin` recorded ended. */
  settle(attempt: CopyRecord, outcome: CopyOutcome): Promise<void>;
}

/** What the case view reads: every copy of a case's notices, by notice id, the outbox's first, then in recipient order. */
export interface DeliveryReader {
  ofCase(caseId: string): Promise<Map<string, CopyRecord[]>>;
}

/** Where the journal lives under the data directory. */
export function deliveriesDir(dataDir: string): string {
  return path.join(dataDir, 'deliveries');
}

export class FileDeliveryJournal implements DeliveryJournal, DeliveryReader {
  constructor(
    private readonly dir: string,
    private readonly write: WriteFile = writeToDisk,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async find(copy: Copy): Promise<CopyRecord | undefined> {
    const record = await readRecord(this.fileFor(copy));
    if (record) return record;
    // The journal before records were kept: an empty file per copy delivered.
    if (fs.existsSync(path.join(this.dir, copy.id.replace(/[^A-Za-z0-9._-]/g, '_')))) {
      const at = new Date(0).toISOString();
      return { ...copy, state: 'delivered', attempts: 1, firstAttemptAt: at, lastAttemptAt: at };
    }
    return undefined;
  }

  async begin(copy: Copy): Promise<CopyRecord> {
    const before = await this.find(copy);
    const at = this.now().toISOString();
    const record: CopyRecord = {
      ...copy,
      ...(before?.error && { error: before.error }),
      state: 'pending',
      attempts: (before?.attempts ?? 0) + 1,
      firstAttemptAt: before?.firstAttemptAt ?? at,
      lastAttemptAt: at,
    };
    await this.save(record);
    return record;
  }

  async settle(attempt: CopyRecord, outcome: CopyOutcome): Promise<void> {
    const { error: _previous, ...rest } = attempt;
    await this.save(
      outcome.state === 'delivered'
        ? { ...rest, state: 'delivered', deliveredAt: this.now().toISOString() }
        : { ...rest, state: outcome.state, error: outcome.error },
    );
  }

  async ofCase(caseId: string): Promise<Map<string, CopyRecord[]>> {
    const dir = path.join(this.dir, fileName(caseId));
    let names: string[];
    try {
      names = await fs.promises.readdir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw err;
    }
    const records = await Promise.all(
      names.filter((n) => n.endsWith('.json')).map((n) => readRecord(path.join(dir, n))),
    );
    const byNotice = new Map<string, CopyRecord[]>();
    for (const r of records.filter((r) => r !== undefined).sort(byRecipient)) {
      byNotice.set(r.noticeId, [...(byNotice.get(r.noticeId) ?? []), r]);
    }
    return byNotice;
  }

  private async save(record: CopyRecord): Promise<void> {
    const file = this.fileFor(record);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await placeFile(file, JSON.stringify(record), fs.promises.rename, this.write);
  }

  private fileFor(copy: Pick<Copy, 'id' | 'caseId'>): string {
    return path.join(this.dir, fileName(copy.caseId), `${fileName(copy.id)}.json`);
  }
}

async function readRecord(file: string): Promise<CopyRecord | undefined> {
  try {
    return JSON.parse(await fs.promises.readFile(file, 'utf8')) as CopyRecord;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** A file name for an id, one to one: `_` and every byte outside [A-Za-z0-9.-] as `_xx`. */
function fileName(id: string): string {
  return id.replace(/[^A-Za-z0-9.-]/g, (c) =>
    [...Buffer.from(c)].map((b) => `_${b.toString(16).padStart(2, '0')}`).join(''),
  );
}

function byRecipient(a: CopyRecord, b: CopyRecord): number {
  return a.noticeId.localeCompare(b.noticeId) || (a.recipient ?? -1) - (b.recipient ?? -1);
}
