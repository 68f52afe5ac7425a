/**
 * The notifier the worker uses: each recipient's copy goes by the channel their partnership's
 * pack names for their role (e-mail, GOV.UK Notify, a webhook, or only the outbox); then the
 * notice is filed in the outbox with how each copy went, which is what the API and the
 * dashboard list.
 *
 * Each copy's attempt is journalled before its channel is called and its result after:
 * - a notice whose attempts cannot all be journalled is not sent at all (the activity fails
 *   and is retried), so a journal that cannot be written never means repeated e-mails;
 * - a copy journalled as delivered is not sent again by a later attempt;
 * - a copy whose attempt was journalled but not its result (the worker died mid-send, or the
 *   write failed) is sent again by the next attempt with the same id, and what a repeat
 *   costs depends on the channel. GOV.UK Notify is first asked for a notification with that
 *   `reference`, so it sends one e-mail. A webhook gets the same `Idempotency-Key`, for the
 *   receiver to drop the repeat. An e-mail keeps its Message-ID, but SMTP has no idempotency:
 *   the recipient may receive it twice, recognisably the same message.
 */
import type { ChannelName } from './channels/types';
import { type Channel, PermanentDeliveryError } from './channels/types';
import type { Copy, CopyOutcome, CopyRecord, DeliveryJournal } from './deliveryJournal';
import type { OutboxNotifier } from './outbox';
import type { DeliveredNotice, DeliveryOptions, Notifier, Recipient } from './types';
import type { RecipientRole } from '../policy/schema';

type Notice = Omit<DeliveredNotice, 'channel' | 'deliveredAt'>;
/** How one copy's attempt ended: sent, refused for good, or to be tried again. */
type Sent = { refused?: string; outage?: unknown };

export class DeliveringNotifier implements Notifier {
  readonly channel = 'outbox';

  constructor(
    private readonly outbox: OutboxNotifier,
    private readonly channels: Partial<Record<ChannelName, Channel>>,
    private readonly journal: DeliveryJournal,
    private readonly route: (partnership: string, role: RecipientRole) => ChannelName,
  ) {}

  async deliver(notice: Notice, options: DeliveryOptions = {}): Promise<DeliveredNotice> {
    const entry = { noticeId: notice.id, caseId: notice.caseId, type: notice.type };
    const filing: Copy = { ...entry, id: `${notice.id}#outbox`, channel: 'outbox' };
    const copies = notice.to.map((to, recipient): Copy => {
      const channel = options.outboxOnly ? 'outbox' : this.route(notice.partnership, to.role);
      return { ...entry, id: `${notice.id}:${recipient}:${channel}`, recipient, role: to.role, channel };
    });
    const known = await Promise.all([filing, ...copies].map((c) => this.journal.find(c)));
    // Every attempt is journalled before any copy goes.
    const [filed, ...attempts] = await Promise.all(
      [filing, ...copies].map((c, i) => (known[i]?.state === 'delivered' ? known[i] : this.journal.begin(c))),
    );
    // All at once: an attempt takes as long as its slowest copy, which the activity's timeout allows.
    const sent = await Promise.all(
      attempts.map((a, i): Promise<Sent> =>
        a.state === 'delivered' || a.channel === 'outbox'
          ? Promise.resolve({})
          : this.send(a, notice, notice.to[i]!, options),
      ),
    );
    // A channel that is down: the whole notice is retried; the copies already sent are journalled.
    const outage = sent.find((s) => 'outage' in s);
    if (outage) throw outage.outage;
    const record = await this.outbox
      .deliver({
        ...notice,
        deliveries: attempts.map((a, i) => ({
          role: a.role!,
          channel: a.channel,
          ...(sent[i]!.refused !== undefined && { failed: sent[i]!.refused }),
        })),
      })
      .catch(async (err: unknown) => {
        await this.settle(filed!, { state: 'pending', error: outageReason(err, 'not filed yet') }, options);
        throw err;
      });
    await Promise.all(
      [filed!, ...attempts]
        .filter((a) => a.channel === 'outbox' && a.state !== 'delivered')
        .map((a) => this.settle(a, { state: 'delivered' }, options)),
    );
    const refused = sent.flatMap((s, i) =>
      s.refused === undefined ? [] : [`${attempts[i]!.role}: ${s.refused}`],
    );
    if (refused.length > 0) throw new PermanentDeliveryError(`not delivered to ${refused.join('; ')}`);
    return record;
  }

  private async send(
    attempt: CopyRecord,
    notice: Notice,
    to: Recipient,
    options: DeliveryOptions,
  ): Promise<Sent> {
    try {
      const channel = this.channels[attempt.channel];
      if (!channel) throw new PermanentDeliveryError(`the ${attempt.channel} channel is not configured`);
      await channel.send(
        {
          id: attempt.id,
          noticeId: notice.id,
          type: notice.type,
          caseId: notice.caseId,
          partnership: notice.partnership,
          reference: notice.reference,
          to,
          subject: notice.subject,
          body: notice.body,
          ...(notice.attachments && { attachments: notice.attachments }),
        },
        options.signal,
      );
    } catch (err) {
      if (err instanceof PermanentDeliveryError) {
        await this.settle(attempt, { state: 'failed', error: err.message }, options);
        return { refused: err.message };
      }
      await this.settle(attempt, { state: 'pending', error: outageReason(err, 'not accepted yet') }, options);
      return { outage: err };
    }
    await this.settle(attempt, { state: 'delivered' }, options);
    return {};
  }

  /**
   * A result the journal cannot take is logged, not thrown: the copy went (or did not) all
   * the same, and failing the attempt would only send again what has just gone.
   */
  private async settle(attempt: CopyRecord, outcome: CopyOutcome, options: DeliveryOptions): Promise<void> {
    await this.journal.settle(attempt, outcome).catch((err: unknown) => {
      options.log?.warn('the delivery journal could not record how a copy went', {
        copy: attempt.id,
        state: outcome.state,
        error: err instanceof Error ? err.message : String(err),
      });
    });
  }
}

/** Our words for a failure that may pass, with its code: a channel's message may hold addresses. */
function outageReason(err: unknown, what: string): string {
  const e = err as {
    responseCode?: unknown;
    code?: unknown;
    name?: unknown;
    response?: { status?: unknown };
  };
  const detail = [e.responseCode, e.response?.status, e.code, e.name].find(
    (v) =>
      typeof v === 'number' || (typeof v === 'string' && /^[A-Z][A-Za-z0-9_]*$/.test(v) && v !== 'Error'),
  );
  return `${what}${detail === undefined ? '' : ` (${String(detail)})`}; tried again later`;
}
