/** One row of a list (complaints, meetings): what visibility holds, no per-workflow query. */
import {
  Breached,
  CaseRef,
  CaseStage,
  CaseStatus,
  NextDeadlineAt,
  Partnership,
} from '../../src/temporal/searchAttributes';
import { partnershipClause, type WorkflowGateway } from './workflowGateway';

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
  filter: { partnerships: readonly string[]; status?: 'open' | 'closed' },
): Promise<Summary[]> {
  // Every value has passed a strict schema (no quotes possible).
  const clauses = [partnershipClause(filter.partnerships)];
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
