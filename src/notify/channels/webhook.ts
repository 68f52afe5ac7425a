/**
 * A JSON POST to a partnership's system, signed so the receiver can trust it: the header
 * `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the shared
 * secret, and `Idempotency-Key: <delivery id>` so a repeat after a crash can be dropped.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CHANNEL_TIMEOUT_MS, type Channel, type Delivery, PermanentDeliveryError } from './types';

export class WebhookChannel implements Channel {
  readonly name = 'webhook';

  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  async send(delivery: Delivery, signal?: AbortSignal): Promise<void> {
    const body = JSON.stringify({
      id: delivery.id,
      notice: delivery.noticeId,
      type: delivery.type,
      caseId: delivery.caseId,
      partnership: delivery.partnership,
      reference: delivery.reference,
      to: { role: delivery.to.role, name: delivery.to.name },
      subject: delivery.subject,
      body: delivery.body,
      ...(delivery.attachments && { attachments: delivery.attachments }),
    });
    const timestamp = Math.floor(this.now() / 1000);
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': delivery.id,
        'x-signature': `t=${timestamp},v1=${sign(this.secret, timestamp, body)}`,
      },
      body,
      signal: AbortSignal.any([AbortSignal.timeout(CHANNEL_TIMEOUT_MS), ...(signal ? [signal] : [])]),
    });
    await res.arrayBuffer();
    if (res.ok) return;
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
      throw new PermanentDeliveryError(`the webhook refused the notice: ${res.status}`);
    }
    throw new Error(`the webhook answered ${res.status}`);
  }
}

export function sign(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** What a receiver does: checks the signature and that it is recent (five minutes). */
export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowMs: number = Date.now(),
): boolean {
  const match = header?.match(/^t=(\d+),v1=([0-9a-f]{64})$/);
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(nowMs / 1000 - timestamp) > 300) return false;
  const expected = Buffer.from(sign(secret, timestamp, body), 'hex');
  const given = Buffer.from(match[2]!, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
