/**
 * The default channel: one JSON file per notice under DATA_DIR/outbox, named by the
 * notice's id and created exclusively, so a retried delivery never writes a second copy.
 * Needs no mail server; the API and dashboard list it. A disk that is full or read-only
 * fails the delivery (the activity is retried) and leaves no partial file behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { placeFile, type WriteFile, writeToDisk } from './placeFile';
import type { DeliveredNotice, Notifier } from './types';

/** Where the outbox lives under the data directory. */
export function outboxDir(dataDir: string): string {
  return path.join(dataDir, 'outbox');
}

export class OutboxNotifier implements Notifier {
  readonly channel = 'outbox';

  constructor(
    readonly dir: string,
    private readonly write: WriteFile = writeToDisk,
  ) {}

  async deliver(notice: Omit<DeliveredNotice, 'channel' | 'deliveredAt'>): Promise<DeliveredNotice> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const delivered: DeliveredNotice = {
      ...notice,
      channel: this.channel,
      deliveredAt: new Date().toISOString(),
    };
    const file = this.fileFor(notice.id);
    try {
      // link() fails if the name exists: the first delivery wins, atomically and whole.
      await placeFile(file, JSON.stringify(delivered, null, 2), fs.promises.link, this.write);
      return delivered;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      return JSON.parse(await fs.promises.readFile(file, 'utf8')) as DeliveredNotice;
    }
  }

  /** Every notice in the outbox, oldest first, optionally for one case. */
  async list(filter: { caseId?: string } = {}): Promise<DeliveredNotice[]> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const notices = await Promise.all(
      names
        .filter((n) => n.endsWith('.json'))
        .map(
          async (n) =>
            JSON.parse(await fs.promises.readFile(path.join(this.dir, n), 'utf8')) as DeliveredNotice,
        ),
    );
    return notices
      .filter((n) => filter.caseId === undefined || n.caseId === filter.caseId)
      .sort((a, b) => a.deliveredAt.localeCompare(b.deliveredAt) || a.id.localeCompare(b.id));
  }

  private fileFor(id: string): string {
    // Ids are `case-…:key`; keep file names portable.
    return path.join(this.dir, `${id.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  }
}
