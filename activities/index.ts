/**
 * Every activity the worker registers, built from the services they need. Workflows import
 * this module as a type only.
 */
import type { PolicyRegistry } from '../src/policy/registry';
import { createPlanningActivities } from './planning';

export type { PlanDeadlineInput } from './planning';

export interface ActivityServices {
  policies: PolicyRegistry;
}

export function createActivities(services: ActivityServices) {
  return {
    ...createPlanningActivities(services.policies),
  };
}

export type Activities = ReturnType<typeof createActivities>;
