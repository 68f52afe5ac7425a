/**
 * Planning activities: the only place a case's due dates are computed. Running them as
 * activities records each result in the workflow's history, so a replay reuses the date
 * that was planned even after the holiday data or a policy pack has changed.
 */
import {
  type CalendarWindow,
  computeDueDate,
  type DeadlineRule,
  describeRule,
  endOfLondonDayMs,
  type IsoDate,
  londonHourMs,
  parseIsoDate,
  windowFrom,
} from '../src/calendar';
import { localReviewPolicyFrom } from '../src/localReview/localReviewPolicy';
import type { LocalReviewPolicy } from '../src/localReview/types';
import type { DeadlineKey, PlannedDeadline } from '../src/case/types';
import type { PolicyRegistry } from '../src/policy/registry';

export interface PlanDeadlineInput {
  partnership: string;
  key: DeadlineKey;
  basisDate: IsoDate;
  rule: DeadlineRule;
}

/** Reminders go at 09:00 London time, the pack's number of working days before the due date. */
const REMINDER_HOUR = 9;

export function createPlanningActivities(policies: PolicyRegistry) {
  const remindersFor = (partnership: string, dueDate: IsoDate) => {
    const calendar = policies.calendar(partnership);
    const due = parseIsoDate(dueDate);
    return [...new Set(policies.get(partnership).reminders.workingDaysBefore)]
      .sort((a, b) => b - a)
      .map((n) => ({
        workingDaysBefore: n,
        at: new Date(londonHourMs(calendar.subtractWorkingDays(due, n), REMINDER_HOUR)).toISOString(),
      }));
  };

  return {
    async planDeadline(input: PlanDeadlineInput): Promise<PlannedDeadline> {
      const due = computeDueDate(policies.calendar(input.partnership), input.basisDate, input.rule);
      return {
        key: input.key,
        basisDate: due.basisDate,
        rule: due.rule,
        ruleText: describeRule(due.rule),
        dueDate: due.dueDate,
        dueAt: due.dueAt,
        reminders: remindersFor(input.partnership, due.dueDate),
        holidaySource: due.source,
        ...policies.versions(input.partnership),
      };
    },

    /** The partnership's non-working weekdays over a span, for a workflow to count on. */
    async planCalendarWindow(input: {
      partnership: string;
      from: IsoDate;
      through: IsoDate;
    }): Promise<CalendarWindow> {
      return windowFrom(
        policies.calendar(input.partnership),
        input.from,
        input.through,
        policies.versions(input.partnership),
      );
    },

    /** The local review settings of the partnership's pack as it stands now. */
    async csprPolicy(input: { partnership: string }): Promise<LocalReviewPolicy> {
      return localReviewPolicyFrom(
        policies.get(input.partnership),
        policies.versions(input.partnership).policyVersion,
      );
    },

    /** A due date set by a decision (an approved extension), with its instant and reminders. */
    async planExtendedDue(input: { partnership: string; dueDate: IsoDate }) {
      return {
        dueDate: input.dueDate,
        dueAt: new Date(endOfLondonDayMs(parseIsoDate(input.dueDate))).toISOString(),
        reminders: remindersFor(input.partnership, input.dueDate),
      };
    },
  };
}
