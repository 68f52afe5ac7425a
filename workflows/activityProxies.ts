/**
 * The activities as workflows call them, with one retry policy: planning and notices are
 * idempotent, so they are retried until they succeed rather than failing a statutory clock.
 */
import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../activities';
import { NOTICE_ATTEMPT_TIMEOUT_MS, NOTICE_HEARTBEAT_TIMEOUT_MS } from '../src/notify/deliveryTimes';

export const acts = proxyActivities<activities.Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Notices are retried with backoff for about an hour and a half (a mail server restarting, a
 * webhook briefly down); then the notice is marked failed and escalated another way.
 */
export const noticeActs = proxyActivities<activities.Activities>({
  // Long enough for a slow mail server at RFC 5321's limits: a retry that starts while the
  // first attempt still waits for the server to take the message sends it twice.
  startToCloseTimeout: NOTICE_ATTEMPT_TIMEOUT_MS,
  // The activity heartbeats while it sends: a worker killed mid-send is retried elsewhere this soon.
  heartbeatTimeout: NOTICE_HEARTBEAT_TIMEOUT_MS,
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 14,
  },
});

/** The audit reads every case of a partnership: minutes, not seconds, and a bounded number of tries. */
export const auditActs = proxyActivities<activities.Activities>({
  startToCloseTimeout: '15 minutes',
  retry: {
    initialInterval: '1 minute',
    backoffCoefficient: 2,
    maximumInterval: '30 minutes',
    maximumAttempts: 6,
  },
});
