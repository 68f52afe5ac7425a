/**
 * One Temporal Schedule for each partnership whose pack asks for the rapid review audit
 * (Durham: 003 L383-385), on the first of every `audit.everyMonths`-th month, 07:00 London
 * time, sent to the pack's recipients. Created at worker start; a schedule that exists is
 * brought in line with the pack (paused, with a note, when the pack turns the audit off), so
 * running this again is safe. They show in the Temporal UI under Schedules.
 */
import {
  type Client,
  MONTHS,
  type ScheduleOptions,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
} from '@temporalio/client';
import type { PolicyRegistry } from '../policy/registry';
import type { PolicyPack } from '../policy/schema';
import type { AuditInput } from '../audit/rapidReviewAudit';

export const auditScheduleId = (partnership: string) => `rapid-review-audit-${partnership}`;

/** The note a schedule paused because its pack turned the audit off carries. */
export const PAUSED_BY_PACK = 'the partnership pack turns the rapid review audit off';

export function auditScheduleFor(partnership: string, audit: PolicyPack['audit'], taskQueue: string) {
  // January and every `everyMonths` months after it (the pack allows only divisors of 12).
  const months = MONTHS.filter((_, i) => i % audit.everyMonths === 0);
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
      args: [
        {
          partnership,
          everyMonths: audit.everyMonths,
          recipients: [...audit.recipients],
        } satisfies AuditInput,
      ],
    },
    policies: { overlap: 'SKIP' as const, catchupWindow: '7 days' },
  } satisfies ScheduleOptions;
}

/**
 * Creates, or brings in line with the pack, the audit schedule of every partnership whose pack
 * audits, and pauses any left from a pack that no longer does. Returns the schedules running.
 */
export async function ensureAuditSchedules(
  client: Client,
  policies: PolicyRegistry,
  taskQueue: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const partnership of policies.ids) {
    const { audit } = policies.get(partnership);
    if (!audit.enabled) {
      await pauseIfPresent(client, auditScheduleId(partnership));
      continue;
    }
    const options = auditScheduleFor(partnership, audit, taskQueue);
    try {
      await client.schedule.create(options);
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      const handle = client.schedule.getHandle(options.scheduleId);
      await handle.update((previous) => ({ ...previous, spec: options.spec, action: options.action }));
      // Paused by us when the pack had the audit off: the pack turns it on again.
      const { state } = await handle.describe();
      if (state.paused && state.note === PAUSED_BY_PACK) await handle.unpause('the pack audits again');
    }
    ids.push(options.scheduleId);
  }
  return ids;
}

async function pauseIfPresent(client: Client, scheduleId: string): Promise<void> {
  try {
    const handle = client.schedule.getHandle(scheduleId);
    const { state } = await handle.describe();
    if (!state.paused) await handle.pause(PAUSED_BY_PACK);
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
}
