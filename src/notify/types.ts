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
  | 'decision-outcome'
  | 'panel-chase'
  | 'panel-disagrees'
  | 'reconsideration-outcome'
  | 'national-review'
  | 'review-commissioned'
  | 'cspr-delayed'
  | 'final-report'
  | 'not-publishing'
  | 'report-published'
  | 'takedown-reminder'
  | 'complaint-received'
  | 'complaint-appeal'
  | 'meeting-scheduled'
  | 'special-meeting-notice'
  | 'rapid-review-audit';

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

export interface DeliveredNotice extends Omit<NoticeRequest, 'to' | 'facts'> {
  to: Recipient[];
  subject: string;
  body: string;
  channel: string;
  deliveredAt: string;
}

/** The port every delivery channel implements. */
export interface Notifier {
  readonly channel: string;
  /** Delivers once per id: a second call with the same id changes nothing. */
  deliver(notice: Omit<DeliveredNotice, 'channel' | 'deliveredAt'>): Promise<DeliveredNotice>;
}
