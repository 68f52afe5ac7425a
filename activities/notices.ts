/**
 * sendNotice: the one activity that tells people things. Recipients are roles, resolved
 * from the partnership's pack; the notifier delivers once per notice id, so a retry after
 * a crash does not send twice. It heartbeats while it sends, however long a mail server
 * takes to answer, so a worker that dies mid-send is noticed within the heartbeat timeout.
 */
import { type PolicyRegistry } from '../src/policy/registry';
import { agenciesOf, bodyRoleOf, isBodyRole } from '../src/policy/schema';
import type { RecipientRole } from '../src/policy/schema';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { PermanentDeliveryError } from '../src/notify/channels/types';
import { renderNotice } from '../src/notify/templates';
import { type NoticeRequest, type Notifier, type Recipient, UNDELIVERABLE } from '../src/notify/types';

export interface SentNotice {
  id: string;
  type: NoticeRequest['type'];
  to: RecipientRole[];
  channel: string;
  deliveredAt: string;
}

export function createNoticeActivities(policies: PolicyRegistry, notifier: Notifier) {
  const recipientsFor = (request: NoticeRequest): Recipient[] => {
    const pack = policies.get(request.partnership);
    const agency = request.agency && agenciesOf(pack).find((a) => a.id === request.agency!.id);
    // An agency's people are named by the request and the pack's agencies, not by role alone.
    const byAgency: Partial<Record<RecipientRole, { name: string; email: string }[]>> = {
      'agency-contact': [request.agency?.contact ?? agency?.contact].filter((c) => c !== undefined),
      'partner-lead': [pack.partners.find((p) => p.id === agency?.partner)?.lead].filter(
        (c) => c !== undefined,
      ),
    };
    return request.to.flatMap((role): Recipient[] => {
      const named = role in byAgency ? byAgency[role] : pack.recipients[role];
      if (named?.length) return named.map((r) => ({ role, ...r }));
      // Nobody named yet: the copy is filed under the role, or the body, by its name.
      const body = isBodyRole(role) ? pack.bodies.find((b) => bodyRoleOf(b.id) === role) : undefined;
      return [{ role, name: body?.name ?? role }];
    });
  };

  return {
    async sendNotice(request: NoticeRequest): Promise<SentNotice> {
      const delivered = await whileHeartbeating(() => deliver(request)).catch((err: unknown) => {
        // What no retry can mend fails at once, so the workflow can escalate it.
        if (err instanceof PermanentDeliveryError)
          throw ApplicationFailure.nonRetryable(err.message, UNDELIVERABLE);
        throw err;
      });
      return {
        id: delivered.id,
        type: delivered.type,
        to: request.to,
        channel: delivered.channel,
        deliveredAt: delivered.deliveredAt,
      };
    },
  };

  function deliver(request: NoticeRequest) {
    const context = Context.current();
    return notifier.deliver(
      {
        id: request.id,
        caseId: request.caseId,
        partnership: request.partnership,
        reference: request.reference,
        type: request.type,
        to: recipientsFor(request),
        ...renderNotice(request.type, request.reference, request.facts),
        ...(request.attachments && { attachments: request.attachments }),
      },
      { outboxOnly: request.outboxOnly === true, signal: context.cancellationSignal, log: context.log },
    );
  }
}

/** Heartbeats a few times per heartbeat timeout until `work` settles (the SDK throttles what it sends). */
async function whileHeartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const timeoutMs = context.info.heartbeatTimeoutMs;
  if (!timeoutMs) return work();
  context.heartbeat();
  const beat = setInterval(() => context.heartbeat(), Math.max(timeoutMs / 4, 100));
  try {
    return await work();
  } finally {
    clearInterval(beat);
  }
}
