/**
 * GOV.UK Notify, through its Node client. Each notice is sent with the delivery id as its
 * `reference`; before sending, Notify is asked for a notification with that reference, so a
 * retry after a crash does not send a second e-mail. One Notify template with `((subject))`
 * and `((body))` serves every notice type unless a type has its own template id.
 */
import axios from 'axios';
import { NotifyClient } from 'notifications-node-client';
import { CHANNEL_TIMEOUT_MS, type Channel, type Delivery, PermanentDeliveryError } from './types';

export interface NotifySettings {
  apiKey: string;
  /** Notify's API, or a stand-in for tests. */
  baseUrl: string;
  templateId: string;
  templateIds?: Record<string, string>;
}

export class GovukNotifyChannel implements Channel {
  readonly name = 'govuk-notify';
  private readonly client: NotifyClient;

  constructor(private readonly settings: NotifySettings) {
    this.client = new NotifyClient(settings.baseUrl, settings.apiKey);
    // Well inside the activity's timeout: an attempt never outlives its own retry.
    this.client.setClient(axios.create({ timeout: CHANNEL_TIMEOUT_MS }));
  }

  async send(delivery: Delivery): Promise<void> {
    if (!delivery.to.email) throw new PermanentDeliveryError(`no e-mail address for ${delivery.to.role}`);
    try {
      const existing = await this.client.getNotifications('email', undefined, delivery.id);
      if (existing.data.notifications.length > 0) return;
      await this.client.sendEmail(
        this.settings.templateIds?.[delivery.type] ?? this.settings.templateId,
        delivery.to.email,
        {
          personalisation: { subject: delivery.subject, body: delivery.body },
          reference: delivery.id,
        },
      );
    } catch (err) {
      const status = (err as { response?: { status?: number } }).response?.status;
      // 400 and 403 are Notify refusing the request (bad template, bad key): no retry mends them.
      if (status === 400 || status === 403)
        throw new PermanentDeliveryError(`GOV.UK Notify refused the notice: ${status}`);
      throw err;
    }
  }
}
