/**
 * The activities as workflows call them, with one retry policy: planning and notices are
 * idempotent, so they are retried until they succeed rather than failing a statutory clock.
 */
import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../activities';

export const acts = proxyActivities<activities.Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
