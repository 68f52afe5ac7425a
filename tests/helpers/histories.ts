/**
 * Saved workflow histories for the replay test. `scripts/record-histories.sh LABEL` runs the
 * workflow tests with RECORD_HISTORIES=LABEL, and every case a test started is saved under
 * tests/fixtures/histories/LABEL/ before it is terminated. Older labels stay: they are the
 * histories of cases already running in production, which new workflow code must replay.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { History } from '@temporalio/common/lib/proto-utils';

export const HISTORIES_DIR = path.resolve(__dirname, '..', 'fixtures', 'histories');

const label = process.env.RECORD_HISTORIES;

export function recordingHistories(): boolean {
  return Boolean(label);
}

/** Saves each case's history as `<test file>--<test name>[-n].json` under the label. */
export async function saveHistories(
  handles: readonly WorkflowHandle[],
  test: { file: string; name: string },
): Promise<void> {
  if (!label) return;
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(label)) {
    throw new Error(`RECORD_HISTORIES must be a lower-case label such as v2, not "${label}"`);
  }
  const dir = path.join(HISTORIES_DIR, label);
  fs.mkdirSync(dir, { recursive: true });
  const base = `${path.basename(test.file).replace(/\.test\.ts$/, '')}--${slug(test.name)}`;
  for (const [i, handle] of handles.entries()) {
    const history = await handle.fetchHistory();
    const name = handles.length === 1 ? base : `${base}-${i + 1}`;
    fs.writeFileSync(path.join(dir, `${name}.json`), `${historyToJSON(history)}\n`);
  }
}

export interface SavedHistory {
  /** The fixture's path under the histories folder, used as its replay id. */
  workflowId: string;
  history: History;
}

/** Every saved history, in a stable order, from every label. */
export function savedHistories(): SavedHistory[] {
  const files = fs
    .readdirSync(HISTORIES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((f) => ({ workflowId: f, history: loadHistory(f) }));
}

/** One saved history, freshly parsed, so a test may alter its copy. */
export function loadHistory(file: string): History {
  return historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 150);
}
