/**
 * rapidReviewAuditWorkflow: the independent chair's audit of the rapid reviews of the
 * previous six months (003 L383-385), run by a Temporal Schedule for each partnership whose
 * pack asks for one, and sent to the pack's recipients (Durham's include the Extended
 * Safeguarding Executive Group). Without a period it audits the months before the one it runs in.
 */
import { workflowInfo } from '@temporalio/workflow';
import { type AuditInput, type AuditReport, auditPeriod, lastDayOf } from '../src/audit/rapidReviewAudit';
import { londonDate } from '../src/calendar/london';
import { auditActs, noticeActs } from './activityProxies';

export async function rapidReviewAuditWorkflow(input: AuditInput): Promise<AuditReport> {
  const period = input.period ?? auditPeriod(londonDate(new Date()), input.everyMonths);
  // Runs recorded before the whole report went with the audit have no timelinessCsv.
  const { report, csv, timelinessCsv } = await auditActs.auditRapidReviews({
    partnership: input.partnership,
    ...period,
  });
  const reference = `${input.partnership} ${period.from} to ${lastDayOf(period)}`;
  const auditId = `audit-${input.partnership}-${period.from}-${period.to}`;
  await noticeActs.sendNotice({
    // One notice per run: a re-run by hand is a new report, not a duplicate.
    id: `${auditId}:${workflowInfo().runId}`,
    caseId: auditId,
    partnership: input.partnership,
    reference,
    type: 'rapid-review-audit',
    to: input.recipients ?? ['independent-chair', 'business-manager'],
    facts: {
      from: period.from,
      to: lastDayOf(period),
      count: String(report.count),
      onTime: String(report.onTime),
      late: String(report.late),
      daysLate: report.rows
        .filter((r) => r.state === 'late')
        .map((r) => `${r.reference}: ${r.workingDaysLate}`)
        .join(', '),
      open: String(report.open),
    },
    attachments: [
      { filename: `rapid-review-audit-${auditId}.csv`, contentType: 'text/csv', content: csv },
      ...(timelinessCsv
        ? [{ filename: `timeliness-${auditId}.csv`, contentType: 'text/csv', content: timelinessCsv }]
        : []),
    ],
  });
  return report;
}
