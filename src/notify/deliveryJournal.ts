/**
 * Which deliveries have been made, one empty file each under DATA_DIR/deliveries, written
 * right after a channel accepted the notice: a retried activity skips them. (The gap between
 * a channel accepting and the file being written is closed by each channel's own idempotency
 * key: Message-ID, Notify reference, webhook Idempotency-Key.)
 */
import fs from 'node:fs';
import path from 'node:path';

export class DeliveryJournal {
  constructor(private readonly dir: string) {}

  has(deliveryId: string): boolean {
    return fs.existsSync(this.fileFor(deliveryId));
  }

  record(deliveryId: string): void {
    fs.mkdirSync(this.dir, { recursive: true });
    fs.writeFileSync(this.fileFor(deliveryId), '', { flag: 'a' });
  }

  private fileFor(id: string): string {
    return path.join(this.dir, id.replace(/[^A-Za-z0-9._-]/g, '_'));
  }
}
