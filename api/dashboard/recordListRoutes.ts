/** The lists of complaints, meetings and learning actions, next deadline first. */
import { idPath } from '../../src/ids';
import { Router } from 'express';
import { MANAGERS } from '../../src/auth/roles';
import { londonDate } from '../../src/calendar/london';
import type { DashboardDeps } from './deps';
import { statusTag } from './presenters';
import { requireUser, userOf } from './setUpSession';
import type { Views } from './setUpViews';

const LISTS = {
  complaints: { title: 'Complaints', caption: 'Complaints (000 §13), next deadline first' },
  meetings: { title: 'Meetings', caption: 'Meetings (000 §8.5), next deadline first' },
  actions: {
    title: 'Learning actions',
    caption: 'Actions recommended by reviews, tracked by the learning sub-group (002, 004), next due first',
  },
} as const;

export function recordListRoutes(deps: DashboardDeps, views: Views): Router {
  const router = Router();
  for (const kind of Object.keys(LISTS) as (keyof typeof LISTS)[]) {
    router.get(`/${kind}`, requireUser, async (_req, res) => {
      const principal = userOf(res);
      const items = await deps[kind].list({ partnerships: principal.partnerships });
      views.render(res, 'list.njk', {
        nav: kind,
        ...LISTS[kind],
        ...(kind === 'actions' &&
          MANAGERS.includes(principal.role) && {
            start: { href: '/actions/new', text: 'Agree a learning action' },
          }),
        headings: ['Reference', 'Partnership', 'Stage', 'Next deadline', 'Status'],
        empty: `No ${kind} yet.`,
        rows: items
          .sort((a, b) => (a.nextDeadlineAt ?? '9').localeCompare(b.nextDeadlineAt ?? '9'))
          .map((i) => ({
            id: i.id,
            cells: [
              kind === 'actions'
                ? { text: i.reference, href: `/actions/${idPath(i.id)}` }
                : { text: i.reference },
              { text: i.partnership },
              { text: i.stage },
              { text: i.nextDeadlineAt ? londonDate(new Date(i.nextDeadlineAt)) : 'none' },
              statusTag(i),
            ],
          })),
      });
    });
  }
  return router;
}
