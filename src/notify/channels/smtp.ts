/**
 * E-mail over SMTP (nodemailer). The Message-ID is derived from the delivery id, so a message
 * sent again after a crash carries the same id and mail systems can recognise the repeat.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { CHANNEL_TIMEOUT_MS, type Channel, type Delivery, PermanentDeliveryError } from './types';

export class SmtpChannel implements Channel {
  readonly name = 'smtp';
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    const parsed = new URL(url);
    this.transport = nodemailer.createTransport({
      host: parsed.hostname,
      port: Number(parsed.port || (parsed.protocol === 'smtps:' ? 465 : 587)),
      secure: parsed.protocol === 'smtps:',
      ...(parsed.username && {
        auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
      }),
      // Each stage well inside CHANNEL_TIMEOUT_MS in all: an attempt gives up before its retry.
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: CHANNEL_TIMEOUT_MS - 5_000,
    });
  }

  async send(delivery: Delivery): Promise<void> {
    if (!delivery.to.email) throw new PermanentDeliveryError(`no e-mail address for ${delivery.to.role}`);
    try {
      await this.transport.sendMail({
        from: this.from,
        to: { name: delivery.to.name, address: delivery.to.email },
        subject: delivery.subject,
        text: delivery.body,
        messageId: messageIdFor(delivery.id),
        headers: { 'X-Case-Review-Notice': delivery.noticeId },
        attachments: delivery.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
    } catch (err) {
      // 5xx replies are refusals that a retry will not change; the rest (4xx, no connection) may pass.
      const code = (err as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500)
        throw new PermanentDeliveryError(`the mail server refused: ${code}`);
      throw err;
    }
  }
}

export function messageIdFor(deliveryId: string): string {
  return `<${deliveryId.replace(/[^A-Za-z0-9._-]/g, '.')}@case-review.invalid>`;
}
