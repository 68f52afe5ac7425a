/** A delivery channel: how one notice reaches one recipient. */
import type { ChannelName } from '../channelNames';
import type { Attachment, Recipient } from '../types';

export type { ChannelName };

/**
 * How long one call to GOV.UK Notify or a webhook may take: well inside the notice
 * activity's timeout, so an attempt has given up before its retry starts, and two attempts
 * never send at once. (An e-mail has RFC 5321's timeouts: see deliveryTimes.ts.)
 */
export const CHANNEL_TIMEOUT_MS = 15_000;

export interface Delivery {
  /** Stable for this notice and recipient: the channel's idempotency key. */
  id: string;
  noticeId: string;
  type: string;
  caseId: string;
  partnership: string;
  reference: string;
  to: Recipient;
  subject: string;
  body: string;
  attachments?: Attachment[];
}

export interface Channel {
  readonly name: Exclude<ChannelName, 'outbox'>;
  /**
   * Delivers, or throws: a `PermanentDeliveryError` for what no retry will mend (no address,
   * a request the service refuses), anything else for what may pass (the service is down).
   * `signal` aborts the call (the activity was cancelled or timed out).
   */
  send(delivery: Delivery, signal?: AbortSignal): Promise<void>;
}

export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}
