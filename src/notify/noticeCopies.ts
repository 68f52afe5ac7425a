/**
 * A case's notices as its view shows them: those the workflow has recorded (delivered or
 * failed), each with how its recipients' copies stand in the delivery journal, and after
 * them those only the journal knows (the workflow still sending them, or its case's local
 * review's), standing as their copies do, from their first attempt on. A notice's attempts are its outbox copy's, which every
 * attempt tries until the notice is filed.
 */
import type { NoticeCopy, NoticeSent } from '../case/types';
import type { CopyRecord } from './deliveryJournal';

export function withCopies(notices: readonly NoticeSent[], journal: Map<string, CopyRecord[]>): NoticeSent[] {
  const recorded = notices.map((n) => {
    const records = journal.get(n.id);
    if (!records) return n;
    // The workflow's word is final once it has one: a copy whose result the journal lost went
    // if the notice did. While the notice is pending, each copy stands as the journal says.
    if (n.status === 'pending') {
      const filing = records.find((r) => r.recipient === undefined);
      return { ...withAttempts(n, records), ...(filing?.error && { error: filing.error }) };
    }
    return withAttempts(n, records, n.status === 'failed' ? 'failed' : 'delivered');
  });
  const known = new Set(notices.map((n) => n.id));
  const pending = [...journal.entries()]
    .filter(([id]) => !known.has(id))
    .map(([id, records]): NoticeSent => {
      const first = records.reduce((a, b) => (b.firstAttemptAt < a.firstAttemptAt ? b : a));
      const filing = records.find((r) => r.recipient === undefined);
      return withAttempts(
        {
          id,
          type: first.type,
          to: [...new Set(records.flatMap((r) => (r.role ? [r.role] : [])))],
          at: first.firstAttemptAt,
          status: statusOf(records),
          ...(filing?.error && { error: filing.error }),
        },
        records,
      );
    })
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  return [...recorded, ...pending];
}

/** A notice the workflow has not recorded yet stands as its copies do: pending while any is. */
function statusOf(records: CopyRecord[]): NonNullable<NoticeSent['status']> {
  if (records.some((r) => r.state === 'pending')) return 'pending';
  return records.some((r) => r.state === 'failed') ? 'failed' : 'delivered';
}

function withAttempts(
  notice: NoticeSent,
  records: CopyRecord[],
  pendingIs?: NoticeCopy['state'],
): NoticeSent {
  const filing = records.find((r) => r.recipient === undefined);
  const copies = records.flatMap((r) => (r.role ? [copyOf(r, r.role, pendingIs)] : []));
  return {
    ...notice,
    attempts: filing?.attempts ?? Math.max(0, ...copies.map((c) => c.attempts)),
    copies,
  };
}

function copyOf(record: CopyRecord, role: string, pendingIs?: NoticeCopy['state']): NoticeCopy {
  const state = record.state === 'pending' && pendingIs ? pendingIs : record.state;
  return {
    role,
    channel: record.channel,
    state,
    attempts: record.attempts,
    lastAttemptAt: record.lastAttemptAt,
    ...(record.deliveredAt && { deliveredAt: record.deliveredAt }),
    ...(record.error && state !== 'delivered' && { error: record.error }),
  };
}
