/**
 * Writing a file so that readers see it whole or not at all: the content goes to a
 * temporary file beside it, which is then moved into place. The temporary file is removed
 * whatever happens, so a full or read-only disk leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';

/** How the content reaches the disk: `fs.promises.writeFile` unless a test stands in a failing disk. */
export type WriteFile = (file: string, content: string) => Promise<void>;

export const writeToDisk: WriteFile = (file, content) => fs.promises.writeFile(file, content);

/**
 * Writes `content` and moves it to `file` with `place`: `fs.promises.rename` replaces what is
 * there, `fs.promises.link` fails with EEXIST if something is (the first write wins).
 */
export async function placeFile(
  file: string,
  content: string,
  place: (from: string, to: string) => Promise<void>,
  write: WriteFile = writeToDisk,
): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await write(tmp, content);
    await place(tmp, file);
  } finally {
    // After a rename there is nothing to remove; after a failed write, perhaps half a file.
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
  }
}
