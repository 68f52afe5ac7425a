// Reads one schemathesis pass (its HAR and NDJSON reports) and tells the API's failures apart
// from the fuzzer's own errors, so that scripts/fuzz-api.sh fails on the first and reruns the
// pass on the second. The API's: any answer 5xx, any request left unanswered (a network
// error, a time-out, the server gone). The fuzzer's: anything else schemathesis raised while
// generating or sending, such as CPython 3.11's "AST constructor recursion depth mismatch"
// inside hypothesis (CPython issue 106905), or an engine crash.
//
// usage: tsx scripts/fuzz-outcome.ts REPORT_DIR SCHEMATHESIS_EXIT_CODE
// stdout: "<requests> <answered 5xx or not at all> <api failures> <fuzzer errors> <status:count,...>";
// stderr: each failure and error, under a heading saying whose it is.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PassOutcome {
  requests: number;
  /** Requests answered 5xx, or not at all, as the HAR report recorded them. */
  serverErrors: number;
  byStatus: Record<string, number>;
  /** The product's: 5xx answers, requests that got no answer, failed checks. */
  apiFailures: string[];
  /** The tool's own: never caused by an answer of the API. */
  fuzzerErrors: string[];
}

// Errors that mean the API did not answer: requests' exception hierarchy (by name, as the
// NDJSON report records only the name), the stdlib's TimeoutError schemathesis raises on a
// stalled stream, and schemathesis's own verdicts on an API that stopped answering.
const UNANSWERED = new Set([
  'RequestException',
  'ConnectionError',
  'ProxyError',
  'SSLError',
  'Timeout',
  'ConnectTimeout',
  'ReadTimeout',
  'ChunkedEncodingError',
  'ContentDecodingError',
  'RetryError',
  'TooManyRedirects',
  'TimeoutError',
  'ServerUnavailable',
  'UnresponsiveOperationError',
  'UnhealthyAPIError',
]);

interface HarEntry {
  request: { method: string; url: string };
  response: { status: number };
}
interface ErrorValue {
  type?: string;
  message?: string;
}

export function readPass(dir: string, exitCode: number): PassOutcome {
  const files = safeList(dir);
  const outcome: PassOutcome = {
    requests: 0,
    serverErrors: 0,
    byStatus: {},
    apiFailures: [],
    fuzzerErrors: [],
  };
  for (const file of files.filter((f) => f.endsWith('.json') && f.startsWith('har'))) {
    const har = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { log: { entries: HarEntry[] } };
    for (const entry of har.log.entries) countAnswer(outcome, entry);
  }
  let finished = false;
  for (const file of files.filter((f) => f.endsWith('.ndjson'))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      // Only these few lines matter; the others (every scenario, with its requests) are large.
      if (line.startsWith('{"EngineFinished"')) finished = true;
      else if (line.startsWith('{"ScenarioFinished"')) classifyScenario(outcome, line);
      else if (line.startsWith('{"NonFatalError"') || line.startsWith('{"FatalError"'))
        classifyError(outcome, line);
    }
  }
  if (exitCode !== 0 && outcome.apiFailures.length === 0 && outcome.fuzzerErrors.length === 0) {
    outcome.fuzzerErrors.push(
      finished
        ? `schemathesis exited ${exitCode} without reporting a failure or an error`
        : `schemathesis exited ${exitCode} before its run finished`,
    );
  }
  return outcome;
}

function countAnswer(outcome: PassOutcome, entry: HarEntry): void {
  const status = entry.response.status;
  outcome.requests++;
  outcome.byStatus[status] = (outcome.byStatus[status] ?? 0) + 1;
  if (status >= 500 || status === 0) {
    outcome.serverErrors++;
    const path = new URL(entry.request.url).pathname;
    outcome.apiFailures.push(`${entry.request.method} ${path} answered ${status === 0 ? 'nothing' : status}`);
  }
}

// A scenario whose check failed (the only check is not_a_server_error) is the API's; one that
// errored has its error in a NonFatalError event of its own. The head of the line tells the
// status: the scenario's recorded requests follow it and can be megabytes long.
function classifyScenario(outcome: PassOutcome, line: string): void {
  if (!/^.{0,400}?"status":"failure"/.test(line)) return;
  const event = JSON.parse(line) as { ScenarioFinished: { phase?: string; recorder?: { label?: string } } };
  const { phase, recorder } = event.ScenarioFinished;
  outcome.apiFailures.push(
    `a check failed: ${recorder?.label ?? 'an operation'}${phase ? ` (${phase} phase)` : ''}`,
  );
}

function classifyError(outcome: PassOutcome, line: string): void {
  const event = JSON.parse(line) as {
    NonFatalError?: { value?: ErrorValue; label?: string; phase?: { name?: string } | string | null };
    FatalError?: { exception?: ErrorValue };
  };
  if (event.FatalError) {
    const e = event.FatalError.exception ?? {};
    outcome.fuzzerErrors.push(`schemathesis crashed: ${e.type ?? 'error'}: ${e.message ?? ''}`.trim());
    return;
  }
  const error = event.NonFatalError ?? {};
  const value = error.value ?? {};
  const phase = typeof error.phase === 'string' ? error.phase : error.phase?.name;
  const where = [error.label, phase && `${phase} phase`].filter(Boolean).join(', ');
  const text = `${value.type ?? 'error'}: ${firstLine(value.message ?? '')}${where ? ` (${where})` : ''}`;
  (UNANSWERED.has(value.type ?? '') ? outcome.apiFailures : outcome.fuzzerErrors).push(text);
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function printList(heading: string, items: string[]): void {
  if (items.length === 0) return;
  // The same message may repeat hundreds of times: once each, with its count.
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  process.stderr.write(`[fuzz] ${heading}:\n`);
  for (const [item, n] of counts) process.stderr.write(`[fuzz]   ${n > 1 ? `${n} × ` : ''}${item}\n`);
}

if (require.main === module) {
  const [dir, code] = process.argv.slice(2);
  if (!dir || !code || !/^\d+$/.test(code)) {
    process.stderr.write('usage: tsx scripts/fuzz-outcome.ts REPORT_DIR SCHEMATHESIS_EXIT_CODE\n');
    process.exit(2);
  }
  const outcome = readPass(dir, Number(code));
  printList("the API's failures (answered 5xx or not at all)", outcome.apiFailures);
  printList("the fuzzer's own errors (not the API's)", outcome.fuzzerErrors);
  const statuses = Object.entries(outcome.byStatus)
    .map(([s, n]) => `${s}:${n}`)
    .join(',');
  process.stdout.write(
    [
      outcome.requests,
      outcome.serverErrors,
      outcome.apiFailures.length,
      outcome.fuzzerErrors.length,
      statuses || 'none',
    ]
      .join(' ')
      .concat('\n'),
  );
}
