/**
 * Reports as the API and the dashboard see them: the views read from Temporal, the figures
 * computed by the pure report functions, the period defaulting to the pack's audit period.
 */
import { auditPeriod } from '../audit/rapidReviewAudit';
import { londonDate } from '../calendar/london';
import type { PolicyRegistry } from '../policy/registry';
import type { TimelinessReport } from '../reports/timeliness';
import { readTimelinessReport } from '../reports/views';
import { DomainError } from '../errors';
import { assertKnownPartnership } from './startChecks';
import type { WorkflowGateway } from './workflowGateway';

/** A report reads every case of its period: it may take longer than one call. */
const REPORT_TIMEOUT_MS = 60_000;

export class ReportService {
  constructor(
    private readonly temporal: WorkflowGateway,
    private readonly policies: PolicyRegistry,
    private readonly today: () => string = () => londonDate(new Date()),
  ) {}

  /** The period a report covers when none is asked for: the last audit period of the pack. */
  defaultPeriod(partnership: string): { from: string; to: string } {
    assertKnownPartnership(this.policies, partnership);
    return auditPeriod(this.today(), this.policies.get(partnership).audit.everyMonths);
  }

  async timeliness(partnership: string, period?: { from: string; to: string }): Promise<TimelinessReport> {
    const { from, to } = period ?? this.defaultPeriod(partnership);
    assertKnownPartnership(this.policies, partnership);
    if (from >= to) {
      throw new DomainError('refused', 'Empty period', `from ${from} is not before to ${to}`, [
        { field: 'to', message: 'must be after from' },
      ]);
    }
    return this.temporal.within(
      () =>
        readTimelinessReport(this.temporal.client, this.policies, partnership, { from, to }, this.today()),
      `no report for ${partnership}`,
      REPORT_TIMEOUT_MS,
    );
  }
}
