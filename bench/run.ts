/**
 * `npm run bench [-- --cases N] [--only a,b]`: measures the product against the physical
 * limit in the same run, prints a table and writes BENCHMARKS.md with the machine, the
 * versions and the command. Targets are reported, never asserted in tests.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadPolicies } from '../src/policy/registry';
import { arithmeticBenchmark } from './arithmetic';
import { type Section, table } from './report';
import { startBenchStack } from './stack';
import { startCasesBenchmark } from './startCases';
import { listCasesBenchmark } from './listCases';
import { timersBenchmark } from './timers';
import { lifecycleBenchmark } from './lifecycle';

const ALL = ['arithmetic', 'start', 'list', 'timers', 'lifecycle'] as const;
type Name = (typeof ALL)[number];

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\nusage: npm run bench -- [--cases N] [--only ${ALL.join(',')}]\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { cases: { type: 'string' }, only: { type: 'string' } },
    strict: true,
  });
  const cases = values.cases === undefined ? 1000 : Number(values.cases);
  if (!Number.isInteger(cases) || cases < 10) usage('--cases must be a whole number, at least 10');
  const only = (values.only?.split(',') ?? [...ALL]) as Name[];
  const unknown = only.find((n) => !ALL.includes(n));
  if (unknown) usage(`unknown benchmark ${unknown}`);

  // The SDK's own INFO lines would drown the progress lines.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const began = Date.now();
  const progress = (line: string) =>
    process.stderr.write(`[bench +${((Date.now() - began) / 1000).toFixed(0)}s] ${line}\n`);
  const policies = loadPolicies();
  const sections: Section[] = [];
  if (only.includes('arithmetic')) sections.push(await arithmeticBenchmark(policies, progress));
  if (only.includes('start')) {
    progress('starting the dev server, the worker and the API');
    const stack = await startBenchStack(policies);
    try {
      sections.push(
        await startCasesBenchmark(stack, policies, Math.min(500, Math.max(50, cases / 10)), progress),
      );
    } finally {
      await stack.stop();
    }
  }

  if (only.includes('list')) {
    progress('starting a fresh dev server, worker and API for the lists');
    const stack = await startBenchStack(policies);
    try {
      const sizes = cases > 1000 ? [1000, cases] : [cases];
      sections.push(await listCasesBenchmark(stack, policies, sizes, progress));
    } finally {
      await stack.stop();
    }
  }

  if (only.includes('timers')) {
    progress('starting the time-skipping server and a worker process for the timers');
    sections.push(await timersBenchmark(policies, cases, progress));
  }

  if (only.includes('lifecycle')) {
    progress('starting the time-skipping server and a worker for whole lifecycles');
    sections.push(await lifecycleBenchmark(policies, Math.min(200, Math.max(20, cases / 20)), progress));
  }

  const rows = sections.flatMap((s) => s.rows);
  process.stdout.write(`\n${table(rows)}\n`);
  const args = process.argv.slice(2);
  const command = args.length > 0 ? `npm run bench -- ${args.join(' ')}` : 'npm run bench';
  const out = path.join(__dirname, '..', 'BENCHMARKS.md');
  fs.writeFileSync(out, document(sections, command, Date.now() - began));
  // Laid out as the repository's formatter would, so a fresh record passes lint as written.
  execFileSync(path.join(__dirname, '..', 'node_modules', '.bin', 'prettier'), [
    '--log-level',
    'warn',
    '--write',
    out,
  ]);
  progress('wrote BENCHMARKS.md');
}

function document(sections: Section[], command: string, tookMs: number): string {
  const version = (pkg: string) =>
    (JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string })
      .version;
  const temporal = (() => {
    try {
      return execFileSync(path.join(__dirname, '..', '.tools', 'bin', 'temporal'), ['--version'], {
        encoding: 'utf8',
      }).trim();
    } catch {
      return 'not used';
    }
  })();
  return [
    '# Benchmarks',
    '',
    `Written by \`${command}\` on ${new Date().toISOString().slice(0, 10)} in ${Math.round(tookMs / 1000)} s.`,
    '',
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
      `${os.type()} ${os.release()}. Node ${process.version}; @temporalio/* ${version('@temporalio/client')}; ` +
      `${temporal}.`,
    '',
    table(sections.flatMap((s) => s.rows)),
    '',
    'Where a target was missed, what the profile showed and what changed is in `bench/PROFILES.md`.',
    '',
    ...sections.flatMap((s) => [`## ${s.title}`, '', s.method, '']),
  ].join('\n');
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
