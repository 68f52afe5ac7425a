/**
 * What a report is made from, read from Temporal: the partnership's case views that can bear
 * on a period, and its open learning actions. Visibility finds them; each view comes from its
 * workflow's query. The values placed in queries are a pack id and a date, checked by callers.
 */
import type { Client } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import type { CaseView } from '../case/types';
import type { LearningActionView } from '../learning/types';
import { caseViewQuery } from '../../workflows/messages';
import { learningActionViewQuery } from '../../workflows/learningActionMessages';

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

async function viewsOf<V>(client: Client, clauses: string[], query: QueryDefinition<V>): Promise<V[]> {
  const views: V[] = [];
  for await (const wf of client.workflow.list({ query: clauses.join(' AND ') })) {
    views.push(await client.workflow.getHandle(wf.workflowId, wf.runId).query(query));
  }
  return views;
}
