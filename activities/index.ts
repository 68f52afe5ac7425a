/**
 * Every activity the worker registers, built from the services they need. Workflows import
 * this module as a type only.
 */
import type { Client } from '@temporalio/client';
import type { Notifier } from '../src/notify/types';
import type { PolicyRegistry } from '../src/policy/registry';
import { createAuditActivities } from './audit';
import { createNoticeActivities } from './notices';
import { createPlanningActivities } from './planning';

export type { PlanDeadlineInput } from './planning';
export type { SentNotice } from './notices';

export interface ActivityServices {
  policies: PolicyRegistry;
  notifier: Notifier;
  /** For the activities that read other workflows (the audit). */
  client: Client;
}

export function createActivities(services: ActivityServices) {
  return {
    ...createPlanningActivities(services.policies),
    ...createNoticeActivities(services.policies, services.notifier),
    ...createAuditActivities(services.policies, services.client),
  };
}

export type Activities = ReturnType<typeof createActivities>;
