/**
 * The audit's activity: read the partnership's case views and build the report. A workflow
 * cannot list or query other workflows itself.
 */
import type { Client } from '@temporalio/client';
import { londonDate } from '../src/calendar/london';
import { type AuditReport, auditCsv } from '../src/audit/rapidReviewAudit';
import { timelinessCsv } from '../src/reports/timeliness';
import type { PolicyRegistry } from '../src/policy/registry';
import { readTimelinessReport } from '../src/reports/views';

export function createAuditActivities(policies: PolicyRegistry, client: Client) {
  return {
    /**
     * The audit is the first part of the timeliness report for the period; the whole report
     * goes with it as a second CSV.
     */
    async auditRapidReviews(input: {
      partnership: string;
      from: string;
      to: string;
    }): Promise<{ report: AuditReport; csv: string; timelinessCsv: string }> {
      policies.get(input.partnership); // an unknown partnership fails here, not in the query
      const timeliness = await readTimelinessReport(
        client,
        policies,
        input.partnership,
        { from: input.from, to: input.to },
        londonDate(new Date()),
      );
      const report = timeliness.rapidReviews;
      return { report, csv: auditCsv(report), timelinessCsv: timelinessCsv(timeliness) };
    },
  };
}
