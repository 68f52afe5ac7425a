/**
 * Disks that fail the way real ones do, for the delivery journal and the outbox: a directory
 * that cannot be written (for root too, whom chmod does not stop), and a disk that fills up
 * in the middle of writing a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WriteFile } from '../../src/notify/placeFile';

/**
 * Puts a file where the directory was (moving the directory aside), so that every write
 * under it fails, as a read-only mount would; `restore()` puts the directory back.
 */
export function unwritableDir(dir: string): { restore(): void } {
  const aside = `${dir}.aside`;
  const existed = fs.existsSync(dir);
  if (existed) fs.renameSync(dir, aside);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.writeFileSync(dir, 'not a directory');
  return {
    restore() {
      fs.rmSync(dir, { force: true });
      if (existed) fs.renameSync(aside, dir);
    },
  };
}

/** Writes to disk; while `full`, writes half the content and fails with ENOSPC, as a full disk does. */
export function diskThatFills(): { write: WriteFile; state: { full: boolean; failures: number } } {
  const state = { full: false, failures: 0 };
  return {
    state,
    async write(file, content) {
      if (!state.full) return fs.promises.writeFile(file, content);
      await fs.promises.writeFile(file, content.slice(0, Math.floor(content.length / 2)));
      state.failures += 1;
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), {
        code: 'ENOSPC',
        errno: -28,
        syscall: 'write',
      });
    },
  };
}

/** Temporary files left anywhere under `dir`. */
export function leftovers(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((n) => n.endsWith('.tmp'));
}
