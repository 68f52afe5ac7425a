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
import type { ExtensionLimit } from '../src/policy/caseFileSettings';
import type { PolicyRegistry } from '../src/policy/registry';
import { extensionRefusal } from '../src/case/extensions';

export interface PlanDeadlineInput {
  partnership: string;
  key: DeadlineKey;
  basisDate: IsoDate;
  rule: DeadlineRule;
}

/** Reminders go at 09:00 London time, the pack's number of working days before the due date. */
const REMINDER_HOUR = 9;

/**
 * The national clocks a partnership's closure days do not stretch unless its pack says so:
 * the 5 working days to notify (WT 2023 ch.5), and Durham's consideration meeting held for it.
 */
const NATIONAL_CLOCKS: readonly DeadlineKey[] = ['notification', 'considerationMeeting'];

/** What an approved extension must respect, checked when it is planned. */
export interface ExtensionCheck {
  key: DeadlineKey;
  statutoryDueDate: IsoDate;
  /** The pack's limit for the deadline; null where it may not be extended at all. */
  limit: ExtensionLimit | null;
}

export function createPlanningActivities(policies: PolicyRegistry) {
  const nationalClock = (partnership: string, key: DeadlineKey) =>
    NATIONAL_CLOCKS.includes(key) && !policies.get(partnership).notificationCalendar.closureDaysCount;
  const calendarFor = (partnership: string, key?: DeadlineKey) =>
    key && nationalClock(partnership, key) ? policies.nationalCalendar() : policies.calendar(partnership);

  const remindersFor = (partnership: string, dueDate: IsoDate, key?: DeadlineKey) => {
    const calendar = calendarFor(partnership, key);
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
      const due = computeDueDate(calendarFor(input.partnership, input.key), input.basisDate, input.rule);
      const national = nationalClock(input.partnership, input.key);
      return {
        key: input.key,
        basisDate: due.basisDate,
        rule: due.rule,
        ruleText: `${describeRule(due.rule)}${national ? ' (bank holidays only: closure days not counted)' : ''}`,
        dueDate: due.dueDate,
        dueAt: due.dueAt,
        reminders: remindersFor(input.partnership, due.dueDate, input.key),
        holidaySource: due.source,
        ...policies.versions(input.partnership),
        ...(national && { calendar: 'national' as const }),
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

    /**
     * A due date set by a decision (an approved extension, a resumption), with its instant and
     * reminders; with `check`, refused where the pack does not allow it (see extensionRefusal).
     */
    async planExtendedDue(input: { partnership: string; dueDate: IsoDate; check?: ExtensionCheck }) {
      const refusal =
        input.check &&
        extensionRefusal(calendarFor(input.partnership, input.check.key), {
          ...input.check,
          newDueDate: input.dueDate,
        });
      return {
        dueDate: input.dueDate,
        dueAt: new Date(endOfLondonDayMs(parseIsoDate(input.dueDate))).toISOString(),
        reminders: remindersFor(input.partnership, input.dueDate, input.check?.key),
        ...(refusal && { refusal }),
      };
    },
  };
}
