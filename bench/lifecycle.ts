/**
 * Whole lifecycles on the time-skipping server: how many cases per second go from the
 * incident to closure, every decision taken through the workflow's Updates as the API takes
 * them. Half the cases close when the Panel agrees that no review is needed; the other half
 * go through the Panel's disagreement and the executive group's reconsideration.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { formatIsoDate, londonDay } from '../src/calendar';
import { casePolicyFrom } from '../src/case/casePolicy';
import type { Actor } from '../src/case/types';
import { OutboxNotifier } from '../src/notify/outbox';
import type { PolicyRegistry } from '../src/policy/registry';
import { createCaseWorker } from '../src/main/caseWorker';
import { caseWorkflow } from '../workflows/case/workflow';
import { caseDecisions } from '../src/case/decisions';
import type { Section } from './report';
import { startBenchTimeSkipping } from './stack';
import { ms, summarise, timedConcurrently } from './stats';

const CONCURRENCY = 8;
const lead: Actor = { userId: 'bench-lead', role: 'safeguarding-lead' };
const manager: Actor = { userId: 'bench-manager', role: 'business-manager' };
const partner: Actor = { userId: 'bench-partner', role: 'partner-representative' };
const liaison: Actor = { userId: 'bench-liaison', role: 'panel-liaison' };

export async function lifecycleBenchmark(
  policies: PolicyRegistry,
  scenarios: number,
  progress: (line: string) => void,
): Promise<Section> {
  const { env, dataConverter } = await startBenchTimeSkipping();
  const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lifecycle-'));
  try {
    const taskQueue = 'bench-lifecycle';
    const worker = await createCaseWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      services: { policies, notifier: new OutboxNotifier(outboxDir), client: env.client },
      dataConverter,
    });
    const policy = casePolicyFrom(policies.get('durham'), policies.versions('durham').policyVersion);
    const day = formatIsoDate(londonDay(await env.currentTimeMs()));

    const scenario = async (i: number) => {
      const reference = `LC${i}`;
      const handle = await env.client.workflow.start(caseWorkflow, {
        taskQueue,
        workflowId: `case-durham-${reference}`,
        args: [
          {
            caseId: `case-durham-${reference}`,
            partnership: 'durham',
            reference,
            awareAt: day,
            abuseOrNeglectSuspected: true,
            childDied: false,
            seriouslyHarmed: true,
            policy,
          },
        ],
      });
      await handle.executeUpdate(caseDecisions.considerationMeeting.update, {
        args: [{ heldOn: day, criteriaMet: true, actor: lead }],
      });
      await handle.executeUpdate(caseDecisions.notificationDecision.update, {
        args: [{ outcome: 'notified', notifiedOn: day, actor: lead }],
      });
      await handle.executeUpdate(caseDecisions.rapidReview.update, {
        args: [{ completedOn: day, format: 'meeting', actor: manager }],
      });
      for (const partnerId of ['durham-county-council', 'durham-constabulary'])
        await handle.executeUpdate(caseDecisions.vote.update, {
          args: [
            { partnerId, vote: 'no-review', rationale: 'criteria not met', votedOn: day, actor: partner },
          ],
        });
      const disagrees = i % 2 !== 0; // warm-ups have negative numbers
      await handle.executeUpdate(caseDecisions.panelResponse.update, {
        args: [{ receivedOn: day, response: disagrees ? 'disagrees' : 'agrees', actor: liaison }],
      });
      if (disagrees)
        await handle.executeUpdate(caseDecisions.reconsideration.update, {
          args: [{ decidedOn: day, outcome: 'adhere', justification: 'as recorded', actor: manager }],
        });
      // The case closes once the family has been told the decision (003).
      await handle.executeUpdate(caseDecisions.familyTold.update, {
        args: [{ toldOn: day, how: 'in-writing', toldBy: 'social worker', actor: lead }],
      });
      await closed(handle);
    };

    return await worker.runUntil(async () => {
      progress(`lifecycle: ${CONCURRENCY} warm-up scenarios`);
      await timedConcurrently(CONCURRENCY, CONCURRENCY, (i) => scenario(-1 - i));
      progress(`lifecycle: ${scenarios} scenarios, ${CONCURRENCY} at a time`);
      const { latencies, wallMs } = await timedConcurrently(scenarios, CONCURRENCY, scenario);
      const s = summarise(latencies, wallMs);
      const notices = fs
        .readdirSync(outboxDir, { recursive: true })
        .filter((f) => String(f).endsWith('.json'));
      return {
        title: 'Whole lifecycles',
        method:
          `On the time-skipping test server with one case worker in the bench's process, filing notices in an ` +
          `outbox: ${scenarios} Durham cases, ${CONCURRENCY} at a time after ${CONCURRENCY} warm-up cases, each ` +
          'started and taken through the consideration meeting, notification, rapid review, two of three ' +
          "partners' votes and the Panel's response to closure by the same Updates the API sends; every other " +
          "case goes through the Panel's disagreement and the reconsideration: six decisions, or seven.",
        rows: [
          {
            benchmark: 'Whole lifecycle, incident to closure',
            measure: `scenarios per second (${CONCURRENCY} at a time)`,
            value: s.perSecond.toFixed(1),
          },
          {
            benchmark: 'Whole lifecycle, incident to closure',
            measure: 'one scenario, p50 / p95',
            value: `${ms(s.p50)} / ${ms(s.p95)}`,
          },
          {
            benchmark: 'Whole lifecycle, incident to closure',
            measure: 'notices filed per scenario',
            value: (notices.length / (scenarios + CONCURRENCY)).toFixed(1),
          },
        ],
      };
    });
  } finally {
    await env.teardown();
    fs.rmSync(outboxDir, { recursive: true, force: true });
  }
}

/** Waits for the case to complete. (`result()` would let the server skip time as it waits.) */
async function closed(handle: WorkflowHandle<typeof caseWorkflow>): Promise<void> {
  for (;;) {
    const { status } = await handle.describe();
    if (status.name === 'COMPLETED') return;
    if (status.name !== 'RUNNING') throw new Error(`${handle.workflowId} ended ${status.name}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
