/**
 * The notifier the worker uses: each recipient's copy goes by the channel their partnership's
 * pack names for their role (e-mail, GOV.UK Notify, a webhook, or only the outbox), once;
 * then the notice is filed in the outbox with how each copy went, which is what the API and
 * the dashboard list.
 */
import type { ChannelName } from './channels/types';
import { type Channel, PermanentDeliveryError } from './channels/types';
import type { DeliveryJournal } from './deliveryJournal';
import type { OutboxNotifier } from './outbox';
import type { DeliveredNotice, DeliveryOptions, Notifier, Recipient } from './types';
import type { RecipientRole } from '../policy/schema';

export class DeliveringNotifier implements Notifier {
  readonly channel = 'outbox';

  constructor(
    private readonly outbox: OutboxNotifier,
    private readonly channels: Partial<Record<ChannelName, Channel>>,
    private readonly journal: DeliveryJournal,
    private readonly route: (partnership: string, role: RecipientRole) => ChannelName,
  ) {}

  async deliver(
    notice: Omit<DeliveredNotice, 'channel' | 'deliveredAt'>,
    options: DeliveryOptions = {},
  ): Promise<DeliveredNotice> {
    const deliveries: NonNullable<DeliveredNotice['deliveries']> = [];
    const refused: string[] = [];
    let outage: unknown;
    // Every recipient is tried, so one bad address does not keep the notice from the rest.
    for (const [index, to] of notice.to.entries()) {
      const name = options.outboxOnly ? 'outbox' : this.route(notice.partnership, to.role);
      try {
        if (name !== 'outbox') await this.send(name, `${notice.id}:${index}:${name}`, notice, to);
        deliveries.push({ role: to.role, channel: name });
      } catch (err) {
        if (!(err instanceof PermanentDeliveryError)) {
          outage ??= err;
          continue;
        }
        refused.push(`${to.role}: ${err.message}`);
        deliveries.push({ role: to.role, channel: name, failed: err.message });
      }
    }
    // A channel that is down: the whole notice is retried; the copies already sent are journalled.
    if (outage !== undefined) throw outage;
    const filed = await this.outbox.deliver({ ...notice, deliveries });
    if (refused.length > 0) throw new PermanentDeliveryError(`not delivered to ${refused.join('; ')}`);
    return filed;
  }

  private async send(
    name: Exclude<ChannelName, 'outbox'>,
    id: string,
    notice: Omit<DeliveredNotice, 'channel' | 'deliveredAt'>,
    to: Recipient,
  ): Promise<void> {
    const channel = this.channels[name];
    if (!channel) throw new PermanentDeliveryError(`the ${name} channel is not configured`);
    if (this.journal.has(id)) return;
    await channel.send({
      id,
      noticeId: notice.id,
      type: notice.type,
      caseId: notice.caseId,
      partnership: notice.partnership,
      reference: notice.reference,
      to,
      subject: notice.subject,
      body: notice.body,
      ...(notice.attachments && { attachments: notice.attachments }),
    });
    this.journal.record(id);
  }
}
