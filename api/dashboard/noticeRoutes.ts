/** The notices sent, newest first, and how each copy went: for the roles the API lets read them. */
import { Router } from 'express';
import { READ_NOTICES } from '../../src/auth/roles';
import { assertRole } from '../../src/decisions/access';
import type { DashboardDeps } from './deps';
import { requireUser, userOf } from './setUpSession';
import type { Views } from './setUpViews';

export function noticeRoutes(deps: DashboardDeps, views: Views): Router {
  const router = Router();
  router.get('/notices', requireUser, async (_req, res) => {
    const principal = userOf(res);
    assertRole(principal, READ_NOTICES);
    const within = new Set(principal.partnerships);
    const notices = (await deps.outbox.list()).filter((n) => within.has(n.partnership)).reverse();
    views.render(res, 'list.njk', {
      nav: 'notices',
      title: 'Notices',
      caption: 'Notices sent, newest first, and how each copy went',
      headings: ['Sent', 'Case', 'Notice', 'To', 'Delivery'],
      empty: 'No notices yet.',
      rows: notices.map((n) => {
        const failed = (n.deliveries ?? []).filter((d) => d.failed);
        return {
          id: n.id,
          cells: [
            { text: n.deliveredAt.slice(0, 16).replace('T', ' ') },
            { text: n.reference },
            { text: n.subject },
            { text: n.to.map((r) => r.role).join(', ') },
            failed.length
              ? { tag: `Not delivered to ${failed.map((d) => d.role).join(', ')}`, classes: 'govuk-tag--red' }
              : { tag: 'Delivered', classes: 'govuk-tag--green' },
          ],
        };
      }),
    });
  });
  return router;
}
