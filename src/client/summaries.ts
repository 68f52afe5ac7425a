/** One row of a list (cases, complaints, meetings): what visibility holds, no per-workflow query. */
import {
  Breached,
  CaseRef,
  LateWithinExtension,
  CaseStage,
  CaseStatus,
  CaseType,
  NextDeadlineAt,
  Partnership,
} from '../temporal/searchAttributes';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import type { CaseStage as CaseStageValue } from '../case/values';

export interface Summary<S extends string = string> {
  id: string;
  partnership: string;
  reference: string;
  stage: S;
  status: 'open' | 'closed';
  nextDeadlineAt: string | null;
  /** An open deadline is past its statutory due date. */
  breached: boolean;
  /** Every such deadline is within an approved extension (late against the statute; within it). */
  lateWithinExtension?: boolean;
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
    ...(a.get(LateWithinExtension) && { lateWithinExtension: true }),
    ...(a.get(CaseType) && { caseType: a.get(CaseType) }),
  };
}

/** A case's row. */
export type CaseSummary = Summary<CaseStageValue>;

/** A listed workflow: its id and what visibility holds for it. */
export type Listed = Pick<WorkflowExecutionInfo, 'workflowId' | 'typedSearchAttributes'>;

export interface PageRequest {
  size: number;
  token?: string;
}

export interface ListPage {
  workflows: Listed[];
  nextPageToken?: string;
}

/** A visibility clause for any of the partnerships (ids matched by a strict pattern). */
export function partnershipClause(partnerships: readonly string[]): string {
  return `Partnership IN (${partnerships.map((p) => `'${p}'`).join(', ')})`;
}
