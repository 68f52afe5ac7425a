/**
 * One Temporal Schedule per partnership runs the rapid review audit (003 L383-385) on the
 * first of every `audit.everyMonths`-th month, 07:00 London time. Created at worker start;
 * a schedule that exists is brought in line with the pack, so running this again is safe.
 * They show in the Temporal UI under Schedules.
 */
import { type Client, MONTHS, type ScheduleOptions, ScheduleAlreadyRunning } from '@temporalio/client';
import type { PolicyRegistry } from '../policy/registry';
import type { AuditInput } from '../audit/rapidReviewAudit';

export const auditScheduleId = (partnership: string) => `rapid-review-audit-${partnership}`;

export function auditScheduleFor(partnership: string, everyMonths: number, taskQueue: string) {
  // January and every `everyMonths` months after it (the pack allows only divisors of 12).
  const months = MONTHS.filter((_, i) => i % everyMonths === 0);
  return {
    scheduleId: auditScheduleId(partnership),
    spec: {
      calendars: [{ month: [...months], dayOfMonth: 1, hour: 7, minute: 0 }],
      timezone: 'Europe/London',
    },
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'rapidReviewAuditWorkflow',
      workflowId: `rapid-review-audit-${partnership}`,
      taskQueue,
      args: [{ partnership, everyMonths } satisfies AuditInput],
    },
    policies: { overlap: 'SKIP' as const, catchupWindow: '7 days' },
  } satisfies ScheduleOptions;
}

/** Creates, or updates to the pack's interval, every partnership's audit schedule. */
export async function ensureAuditSchedules(
  client: Client,
  policies: PolicyRegistry,
  taskQueue: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const partnership of policies.ids) {
    const options = auditScheduleFor(partnership, policies.get(partnership).audit.everyMonths, taskQueue);
    try {
      await client.schedule.create(options);
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(options.scheduleId).update((previous) => ({
        ...previous,
        spec: options.spec,
        action: options.action,
      }));
    }
    ids.push(options.scheduleId);
  }
  return ids;
}
