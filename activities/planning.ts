/**
 * Planning activities: the only place a case's due dates are computed. Running them as
 * activities records each result in the workflow's history, so a replay reuses the date
 * that was planned even after the holiday data or a policy pack has changed.
 */
import { computeDueDate, type DeadlineRule, describeRule, type IsoDate } from '../src/calendar';
import type { CasePolicy, DeadlineKey, PlannedDeadline } from '../src/case/types';
import type { PolicyRegistry } from '../src/policy/registry';

export interface PlanDeadlineInput {
  partnership: string;
  key: DeadlineKey;
  basisDate: IsoDate;
  rule: DeadlineRule;
}

export function createPlanningActivities(policies: PolicyRegistry) {
  return {
    async loadCasePolicy(partnership: string): Promise<CasePolicy> {
      const pack = policies.get(partnership);
      return {
        partnership,
        policyVersion: policies.versions(partnership).policyVersion,
        notificationWorkingDays: pack.notification.workingDays,
        rapidReviewWorkingDays: pack.rapidReview.workingDays,
        rapidReviewBasis: pack.rapidReview.basis,
      };
    },

    async planDeadline(input: PlanDeadlineInput): Promise<PlannedDeadline> {
      const due = computeDueDate(policies.calendar(input.partnership), input.basisDate, input.rule);
      return {
        key: input.key,
        basisDate: due.basisDate,
        rule: due.rule,
        ruleText: describeRule(due.rule),
        dueDate: due.dueDate,
        dueAt: due.dueAt,
        holidaySource: due.source,
        ...policies.versions(input.partnership),
      };
    },
  };
}
