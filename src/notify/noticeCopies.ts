/**
 * A case's notices as its view shows them: those the workflow has recorded (delivered or
 * failed), each with how its recipients' copies stand in the delivery journal, and after
 * them those the journal shows under way that the workflow is still sending, as pending,
 * from their first attempt on.
 */
import type { NoticeCopy, NoticeSent } from '../case/types';
import type { CopyRecord } from './deliveryJournal';

export function withCopies(notices: readonly NoticeSent[], journal: Map<string, CopyRecord[]>): NoticeSent[] {
  const recorded = notices.map((n) => {
    const copies = journal.get(n.id);
    if (!copies) return n;
    // The workflow's word is final: a copy whose result the journal lost went if the notice did.
    const settled = n.status === 'failed' ? 'failed' : 'delivered';
    return withAttempts(
      n,
      copies.map((c) => copyOf(c, settled)),
    );
  });
  const known = new Set(notices.map((n) => n.id));
  const pending = [...journal.entries()]
    .filter(([id]) => !known.has(id))
    .map(([id, copies]): NoticeSent => {
      const first = copies.reduce((a, b) => (b.firstAttemptAt < a.firstAttemptAt ? b : a));
      return withAttempts(
        {
          id,
          type: first.type,
          to: [...new Set(copies.map((c) => c.role))],
          at: first.firstAttemptAt,
          status: 'pending',
        },
        copies.map((c) => copyOf(c)),
      );
    })
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  return [...recorded, ...pending];
}

function withAttempts(notice: NoticeSent, copies: NoticeCopy[]): NoticeSent {
  return { ...notice, attempts: Math.max(...copies.map((c) => c.attempts)), copies };
}

function copyOf(record: CopyRecord, pendingIs?: NoticeCopy['state']): NoticeCopy {
  const state = record.state === 'pending' && pendingIs ? pendingIs : record.state;
  return {
    role: record.role,
    channel: record.channel,
    state,
    attempts: record.attempts,
    lastAttemptAt: record.lastAttemptAt,
    ...(record.deliveredAt && { deliveredAt: record.deliveredAt }),
    ...(record.error && state !== 'delivered' && { error: record.error }),
  };
}
