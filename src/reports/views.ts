/**
 * What a report is made from, read from Temporal: the partnership's case views that can bear
 * on a period, and its open learning actions; and the report made from them. Visibility finds them; each view comes from its
 * workflow's query. The values placed in queries are a pack id and a date, checked by callers.
 */
import type { Client } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import type { CaseView } from '../case/types';
import type { LearningActionView } from '../learning/types';
import type { PolicyRegistry } from '../policy/registry';
import { timelinessReport, type TimelinessReport } from './timeliness';
import { caseViewQuery } from '../case/messages';
import { learningActionViewQuery } from '../learning/messages';

/** The timeliness report for a period, from what Temporal holds now (the API's and the audit's). */
export async function readTimelinessReport(
  client: Client,
  policies: PolicyRegistry,
  partnership: string,
  period: { from: string; to: string },
  today: string,
): Promise<TimelinessReport> {
  const [cases, actions] = await Promise.all([
    caseViewsFor(client, partnership, period.from),
    openActionViews(client, partnership),
  ]);
  return timelinessReport(partnership, period, cases, actions, policies.calendar(partnership), today);
}

/** Cases still running, or closed on or after `from`: nothing closed earlier bears on the period. */
export function caseViewsFor(client: Client, partnership: string, from: string): Promise<CaseView[]> {
  return viewsOf(
    client,
    [
      `WorkflowType = 'caseWorkflow'`,
      `Partnership = '${partnership}'`,
      `(ExecutionStatus = 'Running' OR CloseTime >= '${from}T00:00:00Z')`,
    ],
    caseViewQuery,
  );
}

export function openActionViews(client: Client, partnership: string): Promise<LearningActionView[]> {
  return viewsOf(
    client,
    [`WorkflowType = 'learningActionWorkflow'`, `Partnership = '${partnership}'`, `CaseStatus = 'open'`],
    learningActionViewQuery,
  );
}

/** Queries run this many at a time: a report over hundreds of cases should not take one at a time. */
const CONCURRENT_QUERIES = 16;

async function viewsOf<V>(client: Client, clauses: string[], query: QueryDefinition<V>): Promise<V[]> {
  const runs: { workflowId: string; runId: string }[] = [];
  for await (const wf of client.workflow.list({ query: clauses.join(' AND ') })) runs.push(wf);
  const views: V[] = new Array(runs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < runs.length; i = next++) {
      views[i] = await client.workflow.getHandle(runs[i]!.workflowId, runs[i]!.runId).query(query);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_QUERIES, runs.length) }, worker));
  return views;
}
