/**
 * The audit's activity: find a partnership's cases in visibility, read each one's view, and
 * build the report. A workflow cannot list or query other workflows itself.
 */
import type { Client } from '@temporalio/client';
import { londonDate } from '../src/calendar/london';
import { type AuditReport, auditCsv, rapidReviewAudit } from '../src/audit/rapidReviewAudit';
import type { CaseView } from '../src/case/types';
import type { PolicyRegistry } from '../src/policy/registry';
import { caseViewQuery } from '../workflows/messages';

export function createAuditActivities(policies: PolicyRegistry, client: Client) {
  return {
    async auditRapidReviews(input: {
      partnership: string;
      from: string;
      to: string;
    }): Promise<{ report: AuditReport; csv: string }> {
      policies.get(input.partnership); // an unknown partnership fails here, not in the query
      // Cases still running, or closed within or after the period: nothing older can hold a
      // rapid review due in it. Both values are a pack id and a date, checked above.
      const query = [
        `WorkflowType = 'caseWorkflow'`,
        `Partnership = '${input.partnership}'`,
        `(ExecutionStatus = 'Running' OR CloseTime >= '${input.from}T00:00:00Z')`,
      ].join(' AND ');
      const views: CaseView[] = [];
      for await (const wf of client.workflow.list({ query })) {
        views.push(await client.workflow.getHandle(wf.workflowId, wf.runId).query(caseViewQuery));
      }
      const report = rapidReviewAudit(
        input.partnership,
        { from: input.from, to: input.to },
        views,
        policies.calendar(input.partnership),
        londonDate(new Date()),
      );
      return { report, csv: auditCsv(report) };
    },
  };
}
