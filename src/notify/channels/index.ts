/** The worker's notifier, from the configured channels and the packs' routing. */
import type { ChannelSettings } from '../../config';
import type { PolicyRegistry } from '../../policy/registry';
import { DeliveringNotifier } from '../deliveringNotifier';
import { deliveriesDir, type DeliveryJournal, FileDeliveryJournal } from '../deliveryJournal';
import { OutboxNotifier, outboxDir } from '../outbox';
import { GovukNotifyChannel } from './govukNotify';
import { SmtpChannel } from './smtp';
import type { Channel, ChannelName } from './types';
import { WebhookChannel } from './webhook';

export class ChannelConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChannelConfigError';
  }
}

export function createNotifier(options: {
  dataDir: string;
  channels: ChannelSettings;
  policies: PolicyRegistry;
  /** By default the files under DATA_DIR/deliveries. */
  journal?: DeliveryJournal;
  /** By default the files under DATA_DIR/outbox. */
  outbox?: OutboxNotifier;
}): DeliveringNotifier {
  const { channels: settings, policies } = options;
  const channels: Partial<Record<ChannelName, Channel>> = {
    ...(settings.smtp && { smtp: new SmtpChannel(settings.smtp) }),
    ...(settings.govukNotify && { 'govuk-notify': new GovukNotifyChannel(settings.govukNotify) }),
    ...(settings.webhook && { webhook: new WebhookChannel(settings.webhook.url, settings.webhook.secret) }),
  };
  // A pack that routes to a channel this deployment lacks stops the worker at start, not a notice later.
  for (const id of policies.ids) {
    const { delivery } = policies.get(id);
    for (const name of [delivery.default, ...Object.values(delivery.roles)]) {
      if (name !== undefined && name !== 'outbox' && !channels[name]) {
        throw new ChannelConfigError(`the ${id} pack sends notices by ${name}, which is not configured`);
      }
    }
  }
  return new DeliveringNotifier(
    options.outbox ?? new OutboxNotifier(outboxDir(options.dataDir)),
    channels,
    options.journal ?? new FileDeliveryJournal(deliveriesDir(options.dataDir)),
    (partnership, role) => {
      const { delivery } = policies.get(partnership);
      return delivery.roles[role] ?? delivery.default;
    },
  );
}
