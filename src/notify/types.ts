/**
 * A notice: what the product tells someone, by role, about a case. It carries the case
 * reference and never a child's name. Its id is stable (the case's workflow id and the
 * notice's key), so a retried delivery can be recognised and not repeated.
 */
import type { RecipientRole } from '../policy/schema';

export type NoticeType =
  | 'case-started'
  | 'deadline-reminder'
  | 'deadline-breached'
  | 'incident-notified'
  | 'rapid-review-complete'
  | 'review-decision'
  | 'review-tied'
  | 'tie-escalated'
  | 'decision-outcome'
  | 'panel-chase'
  | 'panel-agrees'
  | 'panel-disagrees'
  | 'reconsideration-outcome'
  | 'national-review'
  | 'local-review-not-started'
  | 'review-commissioned'
  | 'cspr-delayed'
  | 'cspr-paused'
  | 'cspr-pause-reminder'
  | 'cspr-resumed'
  | 'case-withdrawn'
  | 'final-report'
  | 'not-publishing'
  | 'report-published'
  | 'takedown-reminder'
  | 'complaint-received'
  | 'complaint-appeal'
  | 'meeting-scheduled'
  | 'special-meeting-notice'
  | 'rapid-review-audit'
  | 'return-requested'
  | 'return-chase'
  | 'return-escalated'
  | 'action-agreed'
  | 'action-overdue'
  | 'notice-failed';

export interface NoticeRequest {
  /** Stable across retries and replays: `${caseId}:${key}`. */
  id: string;
  caseId: string;
  partnership: string;
  reference: string;
  type: NoticeType;
  to: RecipientRole[];
  /** What the text is made from: dates, deadline keys, outcomes. Never a person's name. */
  facts: Record<string, string>;
  /** Documents sent with the notice, e.g. an audit's CSV. */
  attachments?: Attachment[];
  /** Deliver by the outbox alone, whatever the pack routes (see DeliveryOptions). */
  outboxOnly?: boolean;
  /**
   * For the `agency-contact` and `partner-lead` roles: the agency (its id in the pack, whose
   * statutory partner's lead is told) and the contact its request named.
   */
  agency?: { id: string; contact?: { name: string; email: string } };
}

export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface Recipient {
  role: RecipientRole;
  name: string;
  /** Absent where the partnership's pack names nobody for the role yet. */
  email?: string;
}

export interface DeliveredNotice extends Omit<NoticeRequest, 'to' | 'facts' | 'outboxOnly'> {
  to: Recipient[];
  subject: string;
  body: string;
  channel: string;
  deliveredAt: string;
  /** How each recipient's copy went: by which channel, and why not if it could not. */
  deliveries?: { role: RecipientRole; channel: string; failed?: string }[];
}

export interface DeliveryOptions {
  /** File it in the outbox only: the escalation of a notice no channel could deliver. */
  outboxOnly?: boolean;
  /** Aborts the channels' calls: the activity was cancelled or timed out. */
  signal?: AbortSignal;
  /** Where what goes wrong without failing the delivery is told (the activity's logger). */
  log?: { warn(message: string, fields?: Record<string, unknown>): void };
}

/** The port every notifier implements. */
export interface Notifier {
  readonly channel: string;
  /** Delivers once per id: a second call with the same id changes nothing. */
  deliver(
    notice: Omit<DeliveredNotice, 'channel' | 'deliveredAt'>,
    options?: DeliveryOptions,
  ): Promise<DeliveredNotice>;
}

/** The failure type of a notice some channel refused for good (no address, a refusal). */
export const UNDELIVERABLE = 'NoticeUndeliverable';
