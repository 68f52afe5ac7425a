/**
 * The audit's activity: read the partnership's case views and build the report. A workflow
 * cannot list or query other workflows itself.
 */
import type { Client } from '@temporalio/client';
import { londonDate } from '../src/calendar/london';
import { type AuditReport, auditCsv, rapidReviewAudit } from '../src/audit/rapidReviewAudit';
import type { PolicyRegistry } from '../src/policy/registry';
import { caseViewsFor } from '../src/reports/views';

export function createAuditActivities(policies: PolicyRegistry, client: Client) {
  return {
    async auditRapidReviews(input: {
      partnership: string;
      from: string;
      to: string;
    }): Promise<{ report: AuditReport; csv: string }> {
      policies.get(input.partnership); // an unknown partnership fails here, not in the query
      const views = await caseViewsFor(client, input.partnership, input.from);
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
