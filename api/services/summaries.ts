/** One row of a list (complaints, meetings): what visibility holds, no per-workflow query. */
import {
  Breached,
  CaseRef,
  CaseStage,
  CaseStatus,
  NextDeadlineAt,
  Partnership,
} from '../../src/temporal/searchAttributes';
import type { WorkflowGateway } from './workflowGateway';

export interface Summary {
  id: string;
  partnership: string;
  reference: string;
  stage: string;
  status: 'open' | 'closed';
  nextDeadlineAt: string | null;
  breached: boolean;
}

export async function listSummaries(
  temporal: WorkflowGateway,
  workflowType: string,
  filter: { partnership?: string; status?: 'open' | 'closed' },
): Promise<Summary[]> {
  const clauses: string[] = [];
  // Both values have passed a strict schema (no quotes possible).
  if (filter.partnership) clauses.push(`Partnership = '${filter.partnership}'`);
  if (filter.status) clauses.push(`CaseStatus = '${filter.status}'`);
  return (await temporal.list(workflowType, clauses)).map((wf) => {
    const a = wf.typedSearchAttributes;
    return {
      id: wf.workflowId,
      partnership: a.get(Partnership) ?? '',
      reference: a.get(CaseRef) ?? '',
      stage: a.get(CaseStage) ?? '',
      status: (a.get(CaseStatus) ?? 'open') as Summary['status'],
      nextDeadlineAt: a.get(NextDeadlineAt)?.toISOString() ?? null,
      breached: a.get(Breached) ?? false,
    };
  });
}
