/**
 * E-mail over SMTP (nodemailer). The Message-ID is derived from the delivery id, so a message
 * sent again after a crash carries the same id and mail systems can recognise the repeat.
 *
 * It waits as long as RFC 5321 §4.5.3.2 asks (by default): giving up sooner on a slow server
 * that then takes the message anyway means the retry sends it a second time.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { SMTP_DEFAULT_TIMEOUTS, type SmtpTimeouts } from '../deliveryTimes';
import { type Channel, type Delivery, PermanentDeliveryError } from './types';

export interface SmtpSettings {
  url: string;
  from: string;
  timeouts?: SmtpTimeouts;
}

export class SmtpChannel implements Channel {
  readonly name = 'smtp';
  private readonly transport: Transporter;
  private readonly from: string;
  private readonly sendMs: number;

  constructor(settings: SmtpSettings) {
    const parsed = new URL(settings.url);
    const timeouts = settings.timeouts ?? SMTP_DEFAULT_TIMEOUTS;
    this.from = settings.from;
    this.sendMs = timeouts.sendMs;
    this.transport = nodemailer.createTransport({
      host: parsed.hostname,
      port: Number(parsed.port || (parsed.protocol === 'smtps:' ? 465 : 587)),
      secure: parsed.protocol === 'smtps:',
      ...(parsed.username && {
        auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
      }),
      // nodemailer's connection timeout also bounds the greeting: it must allow both.
      connectionTimeout: timeouts.connectMs + timeouts.greetingMs,
      greetingTimeout: timeouts.greetingMs,
      socketTimeout: timeouts.socketMs,
    });
  }

  async send(delivery: Delivery, signal?: AbortSignal): Promise<void> {
    if (!delivery.to.email) throw new PermanentDeliveryError(`no e-mail address for ${delivery.to.role}`);
    const deadline = AbortSignal.timeout(this.sendMs);
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
        signal: signal ? AbortSignal.any([deadline, signal]) : deadline,
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
