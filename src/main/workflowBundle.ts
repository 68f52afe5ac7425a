/**
 * The workflow code, bundled in a short-lived child process for the worker to load. Bundling
 * inside the worker's own process leaves webpack's memory (about 90 MB, measured in
 * bench/PROFILES.md) resident for the worker's whole life; the bundle itself is 2 MB.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowInterceptorModules, workflowsPath } from './caseWorker';

/** The workflow bundle's code, built in a child process that exits once it is written. */
export async function bundleWorkflowsAside(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'case-review-workflows-'));
  try {
    const out = path.join(dir, 'workflows.js');
    const child = fork(__filename, [out], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`bundling the workflows failed (exit ${code})`);
    return fs.readFileSync(out, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const quiet = () => undefined;
  bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules,
    logger: { trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error, log: quiet },
  })
    .then(({ code }) => fs.writeFileSync(process.argv[2]!, code))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
