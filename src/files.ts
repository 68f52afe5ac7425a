/** Small file helpers shared by the parts that keep secrets under DATA_DIR. */
import fs from 'node:fs';
import path from 'node:path';

/**
 * The file's content, creating it first (mode 0600, directory 0700) with `make()` if it does
 * not exist. Written whole, then linked into place: if two processes race, both read the
 * first one's content, so a key created at start-up is never silently replaced.
 */
export function readOrCreateSecretFile(file: string, make: () => string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, make(), { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return fs.readFileSync(file, 'utf8');
}
