/**
 * Red, amber or green for a case on the dashboard: red when a deadline is breached, amber
 * when the next one falls within the pack's warning window of working days, green otherwise.
 */
import { type DayNumber, londonDay } from '../../src/calendar';
import type { WorkingDayCalendar } from '../../src/calendar/workingDays';

export type Rag = 'red' | 'amber' | 'green';

export interface RagInput {
  breached: boolean;
  nextDeadlineAt: string | null;
}

export function ragFor(
  c: RagInput,
  calendar: WorkingDayCalendar,
  warningWindowWorkingDays: number,
  nowMs: number,
): { rag: Rag; workingDaysLeft: number | null } {
  if (!c.nextDeadlineAt) return { rag: c.breached ? 'red' : 'green', workingDaysLeft: null };
  const today: DayNumber = londonDay(nowMs);
  const due = londonDay(Date.parse(c.nextDeadlineAt));
  const workingDaysLeft = calendar.workingDaysBetween(today, due);
  if (c.breached || Date.parse(c.nextDeadlineAt) < nowMs) return { rag: 'red', workingDaysLeft };
  return { rag: workingDaysLeft <= warningWindowWorkingDays ? 'amber' : 'green', workingDaysLeft };
}
