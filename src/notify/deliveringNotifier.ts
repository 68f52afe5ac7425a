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
import type { DeliveredNotice, DeliveryOptions, Notifier } from './types';
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
    const deliveries: DeliveredNotice['deliveries'] = [];
    for (const [index, to] of notice.to.entries()) {
      const name = options.outboxOnly ? 'outbox' : this.route(notice.partnership, to.role);
      if (name !== 'outbox') {
        const channel = this.channels[name];
        if (!channel) throw new PermanentDeliveryError(`the ${name} channel is not configured`);
        const id = `${notice.id}:${index}:${name}`;
        if (!this.journal.has(id)) {
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
      deliveries.push({ role: to.role, channel: name });
    }
    return this.outbox.deliver({ ...notice, deliveries });
  }
}
