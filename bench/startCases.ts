/**
 * Starting a case through the API against starting the same workflow with a bare
 * `@temporalio/client` call, on the same dev server in the same run: what authentication,
 * validation, the idempotency store and HTTP cost on top of Temporal's own start.
 */
import { randomUUID } from 'node:crypto';
import { casePolicyFrom } from '../src/case/casePolicy';
import type { CaseInput } from '../src/case/types';
import type { PolicyRegistry } from '../src/policy/registry';
import { caseWorkflow } from '../workflows/case/workflow';
import type { Row, Section } from './report';
import type { BenchStack } from './stack';
import { ms, summarise, timedConcurrently } from './stats';

export async function startCasesBenchmark(
  stack: BenchStack,
  policies: PolicyRegistry,
  starts: number,
  progress: (line: string) => void,
): Promise<Section> {
  const token = await stack.token('safeguarding-lead');
  const today = new Date().toISOString().slice(0, 10);
  const body = (reference: string) => ({
    partnership: 'dudley',
    reference,
    awareAt: today,
    abuseOrNeglectSuspected: true,
    childDied: true,
    seriouslyHarmed: false,
  });
  const viaApi = async (reference: string) => {
    const res = await fetch(`${stack.api.url}/api/cases`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body(reference)),
    });
    if (res.status !== 201) throw new Error(`the API answered ${res.status}: ${await res.text()}`);
  };
  const policy = casePolicyFrom(policies.get('dudley'), policies.versions('dudley').policyVersion);
  const viaClient = async (reference: string) => {
    const input: CaseInput = { caseId: `case-dudley-${reference}`, ...body(reference), policy };
    await stack.client.workflow.start(caseWorkflow, {
      taskQueue: stack.taskQueue,
      workflowId: input.caseId,
      args: [input],
    });
  };

  const rows: Row[] = [];
  let run = 0;
  for (const concurrency of [1, 16]) {
    const results: Record<string, ReturnType<typeof summarise>> = {};
    // Alternate which goes first, so neither always meets a warmer server.
    const order = concurrency === 1 ? (['client', 'api'] as const) : (['api', 'client'] as const);
    for (const how of order) {
      progress(
        `starting ${starts} cases via the ${how === 'api' ? 'API' : 'bare client'}, concurrency ${concurrency}`,
      );
      const prefix = `B${run++}-${how}`;
      const start = how === 'api' ? viaApi : viaClient;
      await timedConcurrently(Math.min(20, starts), concurrency, (i) => start(`${prefix}-warm-${i}`));
      const { latencies, wallMs } = await timedConcurrently(starts, concurrency, (i) =>
        start(`${prefix}-${i}`),
      );
      results[how] = summarise(latencies, wallMs);
    }
    const api = results.api!;
    const bare = results.client!;
    const ratio = api.p50 / bare.p50;
    const benchmark = `Start a case, concurrency ${concurrency}`;
    rows.push(
      {
        benchmark,
        measure: 'bare client: starts/s; p50 / p95 / p99',
        value: `${bare.perSecond.toFixed(0)}/s; ${ms(bare.p50)} / ${ms(bare.p95)} / ${ms(bare.p99)}`,
      },
      {
        benchmark,
        measure: 'API: starts/s; p50 / p95 / p99',
        value: `${api.perSecond.toFixed(0)}/s; ${ms(api.p50)} / ${ms(api.p95)} / ${ms(api.p99)}`,
      },
      {
        benchmark,
        measure: 'API p50 latency ÷ bare client p50',
        value: `${ratio.toFixed(2)}×`,
        target: '≤ 1.3×',
        met: ratio <= 1.3,
      },
      {
        benchmark,
        measure: 'bare client throughput ÷ API throughput',
        value: `${(bare.perSecond / api.perSecond).toFixed(2)}×`,
        target: '≤ 1.3×',
        met: bare.perSecond / api.perSecond <= 1.3,
      },
    );
  }
  return {
    title: 'Starting a case: the API against a bare client',
    method:
      `On the dev server (SQLite) started by the bench, with the case worker and the API in the bench's process: ` +
      `${starts} starts each way at concurrency 1 and 16 after 20 warm-up starts; the API call is ` +
      'POST /api/cases with a bearer token and an Idempotency-Key (HTTP, auth, zod, idempotency store, ' +
      'search attributes), the bare call `client.workflow.start(caseWorkflow)` with the same input.',
    rows,
  };
}
