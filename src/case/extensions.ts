/**
 * Whether an approved extension may stand (issue 21): the pack names the deadlines that may be
 * extended, each with how far beyond its statutory due date; none may end on a non-working
 * day. Pure: the planning activity asks it with the partnership's calendar.
 */
import { addCalendarMonths, formatIsoDate, type IsoDate, parseIsoDate } from '../calendar/civilDate';
import type { WorkingDayCalendar } from '../calendar/workingDays';
import type { ExtensionLimit } from '../policy/caseFileSettings';

/** The national clocks no partnership may stretch unless its pack says so with its source. */
const STATUTORY: Record<string, string> = {
  notification:
    'the notification to the National Panel is due within 5 working days of awareness by statute (GOV.UK, "Report a serious child safeguarding incident") and cannot be extended',
  considerationMeeting:
    'the consideration meeting decides the notification, which is due within 5 working days of awareness by statute, and cannot be extended',
};

export interface ExtensionRequest {
  key: string;
  statutoryDueDate: IsoDate;
  newDueDate: IsoDate;
  /** The pack's limit for the deadline; null where it may not be extended. */
  limit: ExtensionLimit | null;
}

/** Why the extension is refused, or undefined if it may be approved. */
export function extensionRefusal(
  calendar: WorkingDayCalendar,
  request: ExtensionRequest,
): string | undefined {
  const { key, limit } = request;
  if (!limit) return notExtendable(key);
  const newDue = parseIsoDate(request.newDueDate);
  if (!calendar.isWorkingDay(newDue))
    return `${request.newDueDate} is not a working day: an extension ends on a working day`;
  const latest = latestExtension(calendar, request.statutoryDueDate, limit);
  if (request.newDueDate > latest)
    return `an extension of the ${key} deadline may go at most ${describeLimit(limit)} beyond its statutory due date ${request.statutoryDueDate}, to ${latest}`;
  return undefined;
}

/** The latest date the pack's limit allows beyond the statutory due date. */
export function latestExtension(
  calendar: WorkingDayCalendar,
  statutoryDueDate: IsoDate,
  limit: ExtensionLimit,
) {
  const due = parseIsoDate(statutoryDueDate);
  return formatIsoDate(
    'workingDays' in limit
      ? calendar.addWorkingDays(due, limit.workingDays)
      : addCalendarMonths(due, limit.months),
  );
}

export function describeLimit(limit: ExtensionLimit): string {
  return 'workingDays' in limit ? `${limit.workingDays} working days` : `${limit.months} months`;
}

/** Why a deadline the pack does not name may not be extended. */
export function notExtendable(key: string): string {
  return STATUTORY[key] ?? `the partnership's pack allows no extension of the ${key} deadline`;
}
