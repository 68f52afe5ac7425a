/** One row of a list (cases, complaints, meetings): what visibility holds, no per-workflow query. */
import {
  Breached,
  CaseRef,
  CaseStage,
  CaseStatus,
  CaseType,
  NextDeadlineAt,
  Partnership,
} from '../temporal/searchAttributes';
import { type Listed, type PageRequest, partnershipClause, type WorkflowGateway } from './workflowGateway';

export interface Summary<S extends string = string> {
  id: string;
  partnership: string;
  reference: string;
  stage: S;
  status: 'open' | 'closed';
  nextDeadlineAt: string | null;
  breached: boolean;
  /** A case's kind (cases started before kinds were kept have none). */
  caseType?: string;
}

export interface SummaryPage<S extends string = string> {
  items: Summary<S>[];
  nextPageToken?: string;
}

export interface SummaryFilter {
  partnerships: readonly string[];
  status?: 'open' | 'closed';
}

/** The visibility clauses every list starts from. Values have passed a strict schema (no quotes). */
export function summaryClauses(filter: SummaryFilter): string[] {
  const clauses = [partnershipClause(filter.partnerships)];
  if (filter.status) clauses.push(`CaseStatus = '${filter.status}'`);
  return clauses;
}

export function summaryOf<S extends string = string>(wf: Listed, firstStage = ''): Summary<S> {
  const a = wf.typedSearchAttributes;
  return {
    id: wf.workflowId,
    partnership: a.get(Partnership) ?? '',
    reference: a.get(CaseRef) ?? '',
    stage: (a.get(CaseStage) ?? firstStage) as S,
    status: (a.get(CaseStatus) ?? 'open') as Summary['status'],
    nextDeadlineAt: a.get(NextDeadlineAt)?.toISOString() ?? null,
    breached: a.get(Breached) ?? false,
    ...(a.get(CaseType) && { caseType: a.get(CaseType) }),
  };
}

export async function listSummaries<S extends string = string>(
  temporal: WorkflowGateway,
  workflowType: string,
  clauses: string[],
  firstStage = '',
): Promise<Summary<S>[]> {
  return (await temporal.list(workflowType, clauses)).map((wf) => summaryOf<S>(wf, firstStage));
}

export async function pageOfSummaries<S extends string = string>(
  temporal: WorkflowGateway,
  workflowType: string,
  clauses: string[],
  page: PageRequest,
  firstStage = '',
): Promise<SummaryPage<S>> {
  const { workflows, nextPageToken } = await temporal.page(workflowType, clauses, page);
  return {
    items: workflows.map((wf) => summaryOf<S>(wf, firstStage)),
    ...(nextPageToken && { nextPageToken }),
  };
}
