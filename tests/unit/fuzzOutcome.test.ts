import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readPass } from '../../scripts/fuzz-outcome';

// The reports as schemathesis 4 writes them (shapes read off a real run), cut to what matters.
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function pass(statuses: number[], events: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-outcome-'));
  dirs.push(dir);
  const entries = statuses.map((status) => ({
    request: { method: 'POST', url: 'http://127.0.0.1:3000/api/cases' },
    response: { status },
  }));
  writeFileSync(join(dir, 'har-1.json'), JSON.stringify({ log: { entries } }));
  const lines = [{ Initialize: {} }, ...events, { EngineFinished: { running_time: 1 } }];
  writeFileSync(join(dir, 'ndjson-1.ndjson'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return dir;
}
const nonFatal = (type: string, message: string) => ({
  NonFatalError: {
    value: { type, message },
    phase: 'fuzzing',
    label: 'POST /api/cases',
    related_to_operation: true,
  },
});
const astError = nonFatal('SystemError', 'AST constructor recursion depth mismatch (before=18, after=-21)');

describe('telling the API failures from the fuzzer errors', () => {
  it('a clean pass has neither', () => {
    const outcome = readPass(pass([200, 400, 404], []), 0);
    expect(outcome).toMatchObject({ requests: 3, serverErrors: 0, apiFailures: [], fuzzerErrors: [] });
    expect(outcome.byStatus).toEqual({ 200: 1, 400: 1, 404: 1 });
  });

  it("CPython's AST SystemError inside hypothesis is the fuzzer's, not the API's", () => {
    const outcome = readPass(pass([200, 422], [astError]), 1);
    expect(outcome.apiFailures).toEqual([]);
    expect(outcome.fuzzerErrors).toEqual([
      'SystemError: AST constructor recursion depth mismatch (before=18, after=-21) (POST /api/cases, fuzzing phase)',
    ]);
  });

  it('a 5xx is the API failure, even beside an error of the fuzzer', () => {
    const outcome = readPass(pass([200, 500], [astError]), 1);
    expect(outcome.serverErrors).toBe(1);
    expect(outcome.apiFailures).toEqual(['POST /api/cases answered 500']);
    expect(outcome.fuzzerErrors).toHaveLength(1);
  });

  it.each(['ReadTimeout', 'ConnectionError', 'ChunkedEncodingError', 'TimeoutError', 'ServerUnavailable'])(
    'a request left unanswered (%s) is the API failure',
    (type) => {
      const outcome = readPass(pass([200], [nonFatal(type, 'no answer')]), 1);
      expect(outcome.apiFailures).toEqual([`${type}: no answer (POST /api/cases, fuzzing phase)`]);
      expect(outcome.fuzzerErrors).toEqual([]);
    },
  );

  it('a failed check is the API failure, and its scenario is named', () => {
    const failed = {
      ScenarioFinished: { phase: 'coverage', status: 'failure', recorder: { label: 'GET /api/x' } },
    };
    const passed = {
      ScenarioFinished: { phase: 'coverage', status: 'success', recorder: { label: 'GET /api/y' } },
    };
    const outcome = readPass(pass([200], [failed, passed]), 1);
    expect(outcome.apiFailures).toEqual(['a check failed: GET /api/x (coverage phase)']);
  });

  it("an engine crash, or a failing exit with nothing reported, is the fuzzer's", () => {
    const crash = readPass(
      pass([200], [{ FatalError: { exception: { type: 'KeyError', message: "'x'" } } }]),
      1,
    );
    expect(crash.fuzzerErrors).toEqual(["schemathesis crashed: KeyError: 'x'"]);
    expect(readPass(pass([200], []), 1).fuzzerErrors).toEqual([
      'schemathesis exited 1 without reporting a failure or an error',
    ]);
    expect(readPass(join(tmpdir(), 'no-such-report-dir'), 2)).toMatchObject({
      requests: 0,
      apiFailures: [],
      fuzzerErrors: ['schemathesis exited 2 before its run finished'],
    });
  });
});
