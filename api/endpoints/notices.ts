/** `GET /api/notices`: the notices delivered, the panel liaison's feed, within the user's partnerships. */
import { z } from 'zod';
import { isIsoDate } from '../../src/calendar/civilDate';
import type { OutboxNotifier } from '../../src/notify/outbox';
import { recipientRoles } from '../../src/policy/schema';
import { type AnyOperation, operation, partnershipsFor } from '../operations';
import { noticeList } from '../responses';
import { READ_NOTICES } from '../../src/auth/roles';

const day = z.string().refine(isIsoDate, 'must be a real date in the form YYYY-MM-DD');

export const noticeQuery = z.strictObject({
  partnership: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .optional(),
  caseId: z.string().min(1).max(200).optional(),
  type: z
    .string()
    .regex(/^[a-z-]+$/)
    .optional(),
  role: z.enum(recipientRoles).optional(),
  from: day.optional().describe('delivered on or after this day (UTC)'),
  to: day.optional().describe('delivered on or before this day (UTC)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export function noticeEndpoints(outbox: OutboxNotifier): AnyOperation[] {
  return [
    operation({
      method: 'get',
      path: '/api/notices',
      tag: 'notices',
      ...READ_NOTICES,
      partnership: (req) => (typeof req.query.partnership === 'string' ? req.query.partnership : undefined),
      query: noticeQuery,
      ok: {
        status: 200,
        description: 'oldest first; a Link header points to the next and previous pages',
        schema: noticeList,
      },
      async handle(ctx) {
        const q = ctx.query;
        const within = new Set(partnershipsFor(ctx.principal, q.partnership));
        const matching = (await outbox.list(q.caseId ? { caseId: q.caseId } : {})).filter(
          (n) =>
            within.has(n.partnership) &&
            (!q.type || n.type === q.type) &&
            (!q.role || n.to.some((r) => r.role === q.role)) &&
            (!q.from || n.deliveredAt.slice(0, 10) >= q.from) &&
            (!q.to || n.deliveredAt.slice(0, 10) <= q.to),
        );
        const page = matching.slice(q.offset, q.offset + q.limit);
        const link = (offset: number, rel: string) => {
          const params = new URLSearchParams(ctx.req.query as Record<string, string>);
          params.set('offset', String(offset));
          params.set('limit', String(q.limit));
          return `</api/notices?${params}>; rel="${rel}"`;
        };
        const links = [
          ...(q.offset + q.limit < matching.length ? [link(q.offset + q.limit, 'next')] : []),
          ...(q.offset > 0 ? [link(Math.max(0, q.offset - q.limit), 'prev')] : []),
        ];
        return {
          body: { notices: page },
          headers: {
            'X-Total-Count': String(matching.length),
            ...(links.length > 0 && { Link: links.join(', ') }),
          },
        };
      },
    }),
  ];
}
