/**
 * `Idempotency-Key` on every POST: a client that retries a request (a dropped connection, a
 * double click) with the same key and body gets the first answer again and starts nothing
 * new; the same key with a different body is refused (422). Answers are kept for a day, one
 * file each under DATA_DIR/idempotency/, keyed by user, route and key.
 *
 * The store is a convenience in front of Temporal, not the guarantee: the same key is the
 * same Update id, and the same start is recognised by its workflow's memo, so a request
 * whose answer was never kept (the store unwritable, the API killed) is answered from
 * Temporal when it is retried. So a store that fails is logged and passed by: it never turns
 * something done into a failure. An answer not yet final (202) is not replayed: a retry asks
 * Temporal again and learns how it ended; but its body is kept, so the key cannot be reused
 * for another request meanwhile.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fingerprint } from '../src/fingerprint';
import { clientProblem, HttpProblem } from './problem';

export interface StoredAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

interface Record_ extends StoredAnswer {
  fingerprint: string;
  storedAt: number;
  /** Answered 202: the outcome not known yet, so a retry with the same body asks again. */
  pending?: true;
  /** A refusal, kept so that a replay is refused the same way. */
  problem?: Pick<HttpProblem, 'status' | 'title' | 'detail' | 'errors' | 'headers'>;
}

const KEY = /^[\x21-\x7e]{1,200}$/;
const KEPT_MS = 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

export class IdempotencyStore {
  private lastSweep = 0;

  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
    /** Told when an answer cannot be read or kept; the request goes on without it. */
    private readonly onError: (message: string, err: unknown) => void = () => undefined,
  ) {}

  /**
   * Deletes answers older than a day: they hold case views, which are not kept longer than
   * they are needed. Runs at most hourly, on the way through a request.
   */
  sweep(): number {
    let removed = 0;
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return 0;
    }
    for (const name of names) {
      const file = path.join(this.dir, name);
      try {
        if (this.now() - fs.statSync(file).mtimeMs >= KEPT_MS) {
          fs.rmSync(file, { force: true });
          removed += 1;
        }
      } catch {
        // another request swept it first
      }
    }
    return removed;
  }

  /**
   * Runs `answer` once per (scope, key): a repeat with the same body replays what it gave,
   * with `Idempotency-Replayed: true`.
   */
  async once(
    scope: string,
    key: string | undefined,
    body: unknown,
    answer: () => Promise<StoredAnswer>,
  ): Promise<StoredAnswer> {
    if (this.now() - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = this.now();
      this.sweep();
    }
    if (key === undefined) return answer();
    if (!KEY.test(key)) {
      throw new HttpProblem(
        400,
        'The request is not valid',
        'Idempotency-Key must be 1-200 visible ASCII characters',
        [{ field: 'Idempotency-Key', message: 'must be 1-200 visible ASCII characters' }],
      );
    }
    const id = createHash('sha256').update(`${scope}\n${key}`).digest('hex');
    const bodyPrint = fingerprint(body);
    const stored = this.readOrNothing(id);
    if (stored) {
      if (stored.fingerprint !== bodyPrint) {
        throw new HttpProblem(
          422,
          'Idempotency-Key reused',
          'this Idempotency-Key was used with a different body',
          [{ field: 'Idempotency-Key', message: 'was used with a different body' }],
        );
      }
      const replayed = { 'Idempotency-Replayed': 'true' };
      if (stored.pending) return this.answerAndKeep(id, bodyPrint, answer);
      if (stored.problem) {
        const p = stored.problem;
        throw new HttpProblem(p.status, p.title, p.detail, p.errors, { ...p.headers, ...replayed });
      }
      return { status: stored.status, body: stored.body, headers: { ...stored.headers, ...replayed } };
    }
    return this.answerAndKeep(id, bodyPrint, answer);
  }

  private async answerAndKeep(
    id: string,
    bodyPrint: string,
    answer: () => Promise<StoredAnswer>,
  ): Promise<StoredAnswer> {
    const { answer: result, problem } = await settle(answer);
    // Server errors are not kept (the client may retry those).
    if (result.status < 500) {
      this.keep(id, {
        ...result,
        fingerprint: bodyPrint,
        storedAt: this.now(),
        ...(result.status === 202 && { pending: true as const }),
        ...(problem && {
          problem: {
            status: problem.status,
            title: problem.title,
            detail: problem.detail,
            errors: problem.errors,
            headers: problem.headers,
          },
        }),
      });
    }
    if (problem) throw problem;
    return result;
  }

  private readOrNothing(id: string): Record_ | undefined {
    try {
      return this.read(id);
    } catch (err) {
      this.onError(
        'an idempotency answer could not be read; the request goes on to Temporal, which dedupes it',
        err,
      );
      return undefined;
    }
  }

  private keep(id: string, record: Record_): void {
    try {
      this.write(id, record);
    } catch (err) {
      this.onError('an idempotency answer could not be kept; a retry is answered from Temporal instead', err);
    }
  }

  private read(id: string): Record_ | undefined {
    try {
      const stored = JSON.parse(fs.readFileSync(path.join(this.dir, `${id}.json`), 'utf8')) as Record_;
      return this.now() - stored.storedAt < KEPT_MS ? stored : undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  private write(id: string, record: Record_): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, `${id}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(record), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }
}

/** The answer, or the problem it threw as an answer too, so a refused request replays as refused. */
async function settle(
  answer: () => Promise<StoredAnswer>,
): Promise<{ answer: StoredAnswer; problem?: HttpProblem }> {
  try {
    return { answer: await answer() };
  } catch (err) {
    const problem = clientProblem(err);
    if (!problem) throw err;
    return { answer: { status: problem.status, body: null, headers: {} }, problem };
  }
}
