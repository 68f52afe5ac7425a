/**
 * Timers at scale: open cases with live deadlines on one worker, and how long after a
 * deadline's due instant its breach notice is delivered.
 *
 * Every due instant is the end of a day in London, so a run on real time would wait for
 * midnight. The benchmark runs on the time-skipping server instead and measures wall-clock
 * time from the moment it moves the server's clock to just past a due day's end to each of
 * that day's breach notices being filed, by a worker in a process of its own (so its memory
 * is the worker's alone), configured as the deployment configures it.
 *
 * The load is a steady state: one wave of cases starts each working day for twenty working
 * days, aware that day, and none is ever notified, so every case breaches its notification
 * deadline five working days later and stays open. By the last day every case is open and
 * held by the worker; each day's end brings one wave's breaches at the same instant.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { computeDueDate, endOfLondonDayMs, formatIsoDate, londonDay } from '../src/calendar';
import { casePolicyFrom } from '../src/case/casePolicy';
import type { CaseInput } from '../src/case/types';
import type { PolicyRegistry } from '../src/policy/registry';
import { caseWorkflow } from '../workflows/case/workflow';
import { caseViewQuery } from '../src/case/messages';
import type { Section } from './report';
import { startBenchTimeSkipping } from './stack';
import { quantile, timedConcurrently } from './stats';
import type { WorkerReport } from './timerWorker';

const WAVES = 20;
const PARTNERSHIP = 'dudley'; // no consideration meeting: the notification deadline is the one that breaches

export async function timersBenchmark(
  policies: PolicyRegistry,
  cases: number,
  progress: (line: string) => void,
): Promise<Section> {
  const { env, payloadKeys } = await startBenchTimeSkipping();
  const taskQueue = 'bench-timers';
  const worker = new WorkerProcess(env.address, taskQueue, payloadKeys);
  try {
    await worker.ready;
    const pack = policies.get(PARTNERSHIP);
    const policy = casePolicyFrom(pack, policies.versions(PARTNERSHIP).policyVersion);
    const calendar = policies.calendar(PARTNERSHIP);
    const rule = { kind: 'working-days-after', workingDays: policy.notificationWorkingDays } as const;
    const perWave = Math.ceil(cases / WAVES);
    /** The breach notices still to come, by id, with the due date each falls due on. */
    const pending = new Map<string, string>();
    const delays: number[] = [];
    /** Per due day: its breaches, and the time until the last of them was filed. */
    const days: { breaches: number; lastMs: number }[] = [];
    let started = 0;
    let peakRss = 0;
    let rssWithAllOpen = 0;
    let mainHeapWithAllOpen = 0;

    while (started < cases || pending.size > 0) {
      const today = londonDay(await env.currentTimeMs());
      const awareAt = formatIsoDate(today);
      if (started < cases && calendar.isWorkingDay(today)) {
        const wave = Math.min(perWave, cases - started);
        const dueDate = computeDueDate(calendar, awareAt, rule).dueDate;
        const first = started;
        await timedConcurrently(wave, 32, async (i) => {
          const reference = `T${first + i}`;
          const input: CaseInput = {
            caseId: `case-${PARTNERSHIP}-${reference}`,
            partnership: PARTNERSHIP,
            reference,
            awareAt,
            abuseOrNeglectSuspected: true,
            childDied: true,
            seriouslyHarmed: false,
            policy,
          };
          pending.set(`${input.caseId}:notification:v0:breach`, dueDate);
          await env.client.workflow.start(caseWorkflow, {
            taskQueue,
            workflowId: input.caseId,
            args: [input],
          });
        });
        started += wave;
        // The worker has taken each new case in when its case-started notice is out.
        await worker.until(() => worker.casesStarted >= started);
        // The prediction is the planning activity's own arithmetic; check it against a case.
        const view = await env.client.workflow
          .getHandle(`case-${PARTNERSHIP}-T${first}`)
          .query(caseViewQuery);
        const planned = view.deadlines.find((d) => d.key === 'notification')?.dueDate;
        if (planned !== dueDate)
          throw new Error(`the case planned ${planned}, the bench expected ${dueDate}`);
        progress(`timers: ${started} of ${cases} cases open, ${pending.size} breaches to come`);
        if (started === cases) [rssWithAllOpen, mainHeapWithAllOpen] = [worker.rss, worker.mainHeap];
      }

      // To just past the end of today, London time: today's breaches fall due in this step.
      const movedAt = Date.now();
      await env.sleep(endOfLondonDayMs(today) + 1000 - (await env.currentTimeMs()));
      const dueToday = [...pending].filter(([, due]) => due === awareAt).map(([id]) => id);
      if (dueToday.length > 0) {
        await worker.until(() => dueToday.every((id) => worker.deliveredAt.has(id)));
        let lastMs = 0;
        for (const id of dueToday) {
          const delay = worker.deliveredAt.get(id)! - movedAt;
          delays.push(delay);
          lastMs = Math.max(lastMs, delay);
          pending.delete(id);
        }
        days.push({ breaches: dueToday.length, lastMs });
        progress(`timers: ${awareAt}: ${dueToday.length} breach notices, ${pending.size} to come`);
      }
      peakRss = Math.max(peakRss, worker.peakRss);
    }
    const twice = worker.deliveredTwice();
    if (twice.length > 0)
      throw new Error(`notices delivered more than once: ${twice.slice(0, 3).join(', ')}`);

    delays.sort((a, b) => a - b);
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
    const benchmark = `Timers, ${cases.toLocaleString('en-GB')} open cases`;
    return {
      title: 'Timers at scale',
      method:
        `On the time-skipping test server: ${WAVES} waves of ${perWave} cases (Dudley), one wave started each ` +
        'working day and aware that day, none ever notified, so every case breaches its notification deadline ' +
        'five working days later and stays open; at the end every case is open. One case worker, in a process ' +
        `of its own with the deployment's cache of ${loadConfig().worker.maxCachedWorkflows.toLocaleString('en-GB')} cases (WORKER_MAX_CACHED_WORKFLOWS), files notices in an outbox. The bench ` +
        "moves the server's clock to one second past each day's end and measures, in wall-clock time from that " +
        "move, until each of the day's breach notices is filed: an upper bound on the delay from due instant to " +
        'notice, since the clock move itself and every reminder of the day are inside it. RSS is sampled by the ' +
        'worker once a second.',
      rows: [
        {
          benchmark,
          measure: "worker RSS with every case open (of which the main thread's JS heap)",
          value: `${mb(rssWithAllOpen)} (${mb(mainHeapWithAllOpen)})`,
        },
        {
          benchmark,
          measure: 'worker RSS, peak',
          value: mb(peakRss),
          target: '< 500 MB',
          met: peakRss < 500 * 2 ** 20,
        },
        {
          benchmark,
          measure: `due → breach notice filed, p50 / p99 (${delays.length} breaches, ${perWave} per instant)`,
          value: `${(quantile(delays, 0.5) / 1000).toFixed(2)} s / ${(quantile(delays, 0.99) / 1000).toFixed(2)} s`,
          target: 'p99 < 2 s',
          met: quantile(delays, 0.99) < 2000,
        },
        {
          benchmark,
          // What sizes a deployment: how many breaches one worker files within the target.
          measure: 'breach notices filed per second after a shared due instant (all days)',
          value: (
            days.reduce((n, d) => n + d.breaches, 0) /
            (days.reduce((t, d) => t + d.lastMs, 0) / 1000)
          ).toFixed(0),
        },
      ],
    };
  } finally {
    await worker.stop();
    await env.teardown();
  }
}

/** The worker process and what it has reported. */
class WorkerProcess {
  readonly deliveredAt = new Map<string, number>();
  readonly ready: Promise<void>;
  /** Cases whose case-started notice has been filed: the worker has taken them in. */
  casesStarted = 0;
  rss = 0;
  /** The JS heap of the worker's main thread; the workflow threads' heaps are in RSS only. */
  mainHeap = 0;
  peakRss = 0;
  private readonly deliveries = new Map<string, number>();
  private readonly child: ChildProcess;
  private exited: Error | undefined;

  constructor(address: string, taskQueue: string, payloadKeys: string) {
    this.child = fork(path.join(__dirname, 'timerWorker.ts'), [], {
      // BENCH_WORKER_PROFILE=dir writes the worker's CPU profiles there (bench/PROFILES.md).
      execArgv: [
        '--import',
        'tsx',
        ...(process.env.BENCH_WORKER_PROFILE
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_WORKER_PROFILE}`]
          : []),
      ],
      env: {
        ...process.env,
        BENCH_TEMPORAL_ADDRESS: address,
        BENCH_TASK_QUEUE: taskQueue,
        BENCH_PAYLOAD_KEYS: payloadKeys,
      },
    });
    this.ready = new Promise((resolve, reject) => {
      this.child.on('message', (m: WorkerReport) => {
        if (m.kind === 'ready') resolve();
        else if (m.kind === 'rss') {
          this.rss = m.bytes;
          this.mainHeap = m.mainHeapBytes;
          this.peakRss = Math.max(this.peakRss, m.bytes);
        } else {
          this.deliveries.set(m.id, (this.deliveries.get(m.id) ?? 0) + 1);
          if (this.deliveredAt.has(m.id)) return;
          this.deliveredAt.set(m.id, m.atMs);
          if (m.id.endsWith(':case-started')) this.casesStarted += 1;
        }
      });
      this.child.once('exit', (code) => {
        this.exited = new Error(`the worker process exited (${code})`);
        reject(this.exited);
      });
    });
  }

  deliveredTwice(): string[] {
    return [...this.deliveries].filter(([, n]) => n > 1).map(([id]) => id);
  }

  /** Polls every 10 ms until `done`; fails if the worker dies or nothing changes for 5 minutes. */
  async until(done: () => boolean): Promise<void> {
    let lastChange = Date.now();
    let seen = this.deliveries.size;
    while (!done()) {
      if (this.exited) throw this.exited;
      if (this.deliveries.size !== seen) [seen, lastChange] = [this.deliveries.size, Date.now()];
      if (Date.now() - lastChange > 5 * 60_000) throw new Error('no notice delivered for 5 minutes');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await gone;
  }
}
