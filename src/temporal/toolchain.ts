/**
 * Finds (building or fetching on first use) the Temporal executables through the project's
 * toolchain script, so `npm start`, the tests and CI all install them the same way.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const script = path.resolve(__dirname, '..', '..', 'scripts', 'toolchain.sh');

export function ensureTool(tool: 'temporal-cli' | 'test-server' | 'chromium'): string {
  // Progress goes straight to the terminal; only the path comes back on stdout.
  const out = execFileSync('bash', [script, tool], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  const lines = out.trim().split('\n');
  return lines[lines.length - 1]!;
}
