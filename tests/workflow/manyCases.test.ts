/**
 * Many cases, one clock: 2,000 open cases (MANY_CASES to change it) whose notification
 * deadlines all fall due at the same instant, on one worker, on the time-skipping server.
 * Every case's breach notice goes out once: none lost in the crowd, none sent twice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, londonDay } from '../../src/calendar';
import { OutboxNotifier } from '../../src/notify/outbox';
import type { DeliveredNotice, Notifier } from '../../src/notify/types';
import { caseWorkflow } from '../../workflows/case/workflow';
import * as messages from '../../src/case/messages';
import { caseInput, caseWorker } from '../helpers/cases';
import { useTimeSkippingServer } from '../helpers/driver';

const CASES = Number(process.env.MANY_CASES ?? 2000);

let env: TestWorkflowEnvironment;
useTimeSkippingServer((e) => (env = e));

/** Files each notice in an outbox, and counts every delivery the worker asks for, by notice id. */
class CountingNotifier implements Notifier {
  readonly channel = 'outbox';
  readonly calls = new Map<string, number>();
  constructor(private readonly outbox: OutboxNotifier) {}
  deliver(notice: Omit<DeliveredNotice, 'channel' | 'deliveredAt'>) {
    this.calls.set(notice.id, (this.calls.get(notice.id) ?? 0) + 1);
    return this.outbox.deliver(notice);
  }
  count(suffix: string): number {
    return [...this.calls.keys()].filter((id) => id.endsWith(suffix)).length;
  }
}

/** Runs `work` over `items`, `width` at a time. */
async function inBatches<T>(items: T[], width: number, work: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(work));
}

describe(`${CASES} cases breaching in the same minute`, () => {
  it('sends each case its breach notice exactly once', { timeout: 20 * 60_000 }, async () => {
    const notifier = new CountingNotifier(
      new OutboxNotifier(fs.mkdtempSync(path.join(os.tmpdir(), 'many-'))),
    );
    // Every case kept in memory, as a worker sized for the load would. (With most of them
    // evicted, the Java test server itself fails at this scale: "Header size exceeded" and a
    // lost workflow task. Eviction and replay are exercised by the replay test and the
    // dev-server fault tests instead.)
    const { worker, taskQueue } = await caseWorker(env, { notifier, maxCachedWorkflows: CASES });
    const began = Date.now();
    const progress = (what: string) =>
      process.stderr.write(`[${CASES} cases] ${what} after ${((Date.now() - began) / 1000).toFixed(0)}s\n`);
    await worker.runUntil(async () => {
      const today = formatIsoDate(londonDay(await env.currentTimeMs()));
      // Dudley holds no consideration meeting: the notification deadline is the one that falls due.
      const inputs = Array.from({ length: CASES }, (_, i) =>
        caseInput({ partnership: 'dudley', reference: `MANY-${i}`, awareAt: today }),
      );
      await inBatches(inputs, 50, (input) =>
        env.client.workflow.start(caseWorkflow, { taskQueue, workflowId: input.caseId, args: [input] }),
      );
      progress('started');
      await expect
        .poll(() => notifier.count(':case-started'), { timeout: 10 * 60_000, interval: 1000 })
        .toBe(CASES);
      progress('every case-started notice sent');

      const view = await env.client.workflow.getHandle(inputs[0]!.caseId).query(messages.caseViewQuery);
      const due = view.deadlines.find((d) => d.key === 'notification')!;
      expect(notifier.count(':notification:v0:breach')).toBe(0);

      // Past the common due instant: every clock fires in the same minute.
      await env.sleep(Date.parse(due.dueAt) - (await env.currentTimeMs()) + 30_000);
      await expect
        .poll(() => notifier.count(':notification:v0:breach'), { timeout: 10 * 60_000, interval: 1000 })
        .toBe(CASES);
      progress('every breach notice sent');
      // A moment later, nothing more has been sent for them: no second delivery of any.
      await new Promise((r) => setTimeout(r, 5_000));

      const breaches = [...notifier.calls].filter(([id]) => id.endsWith(':notification:v0:breach'));
      expect(breaches).toHaveLength(CASES);
      expect(breaches.filter(([, calls]) => calls !== 1)).toEqual([]);
      // A notice's id is its case's id (which holds colons itself) and the notice's key.
      const ofCase = (id: string) => id.slice(0, -':notification:v0:breach'.length);
      expect(new Set(breaches.map(([id]) => ofCase(id)))).toEqual(new Set(inputs.map((i) => i.caseId)));
      // The first, a middle and the last case each show their own deadline breached.
      for (const input of [inputs[0]!, inputs[CASES >> 1]!, inputs.at(-1)!]) {
        const after = await env.client.workflow.getHandle(input.caseId).query(messages.caseViewQuery);
        expect(after.deadlines.find((d) => d.key === 'notification')?.state).toBe('breached');
      }
    });
  });
});
