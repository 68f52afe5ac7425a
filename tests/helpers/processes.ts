/**
 * The product's parts as processes of their own, as deployed (`npm run worker`, `npm run
 * server`): for tests that kill one outright. Each runs in its own process group.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/**
 * Starts `script` (e.g. `src/main/worker.ts`) with the test's environment over this one's;
 * its output goes to `logFile` if one is named.
 */
export function spawnPart(script: string, env: Record<string, string>, logFile?: string): ChildProcess {
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [script], {
    cwd: root,
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
  });
  if (typeof out === 'number') fs.closeSync(out);
  return child;
}

/** Kills the part and its children at once, as a crash would, and waits for it to be gone. */
export async function killPart(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid, 'SIGKILL');
  await gone;
}
