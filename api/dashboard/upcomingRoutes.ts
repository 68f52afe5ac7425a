/** The deadlines of the next working days, by day, and the same as a calendar feed Outlook subscribes to. */
import { Router } from 'express';
import type { Principal } from '../../src/auth/principal';
import { formatIsoDate, londonDay } from '../../src/calendar';
import { HttpProblem } from '../problem';
import { icsCalendar } from './calendarFeed';
import type { DashboardDeps } from './deps';
import { DEADLINE_NAMES } from './presenters';
import { requireUser, userOf } from './setUpSession';
import type { Views } from './setUpViews';

const HORIZON_WORKING_DAYS = 20;
const OPEN_STATES = ['pending', 'extended', 'breached'];

export function upcomingRoutes(deps: DashboardDeps, views: Views): Router {
  const router = Router();
  const now = deps.now ?? Date.now;

  /** Open deadlines of the user's open cases (and their local reviews), soonest first. */
  async function openDeadlines(principal: Principal, untilFor: (partnership: string) => string) {
    const found: {
      caseId: string;
      reference: string;
      key: string;
      name: string;
      dueDate: string;
      state: string;
    }[] = [];
    for (const c of await deps.board.openCases(principal.partnerships)) {
      const view = await deps.cases.get(c.id);
      const until = untilFor(view.partnership);
      for (const d of [...view.deadlines, ...(view.localReview?.deadlines ?? [])]) {
        // The date its clock runs to: an approved extension, beside the statutory date.
        const due = d.extension?.dueDate ?? d.dueDate;
        if (!OPEN_STATES.includes(d.state) || due > until) continue;
        found.push({
          caseId: view.caseId,
          reference: view.reference,
          key: d.key,
          name: DEADLINE_NAMES[d.key] ?? d.key,
          dueDate: due,
          state: d.extension ? `${d.state}; statutory date ${d.dueDate}` : d.state,
        });
      }
    }
    return found.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.reference.localeCompare(b.reference));
  }

  router.get('/upcoming', requireUser, async (req, res) => {
    const principal = userOf(res);
    const today = londonDay(now());
    const horizon = (p: string) =>
      formatIsoDate(deps.policies.calendar(p).addWorkingDays(today, HORIZON_WORKING_DAYS));
    const deadlines = (await openDeadlines(principal, horizon)).filter(
      (d) => d.dueDate >= formatIsoDate(today),
    );
    const days = [...new Set(deadlines.map((d) => d.dueDate))].map((date) => ({
      date,
      deadlines: deadlines.filter((d) => d.dueDate === date),
    }));
    const feed = deps.feeds.address(principal);
    const feedUrl = `${req.protocol}://${req.get('host')}/calendar.ics?feed=${feed.token}`;
    views.render(res, 'upcoming.njk', {
      nav: 'upcoming',
      title: 'Upcoming deadlines',
      horizon: HORIZON_WORKING_DAYS,
      days,
      feedUrl,
      feedExpiresOn: feed.expiresAt.slice(0, 10),
    });
  });

  router.post('/calendar-feeds/revocation', requireUser, (_req, res) => {
    deps.feeds.revoke(userOf(res).userId);
    res.redirect(303, '/upcoming');
  });

  router.get('/calendar.ics', async (req, res) => {
    const principal = typeof req.query.feed === 'string' ? deps.feeds.principalOf(req.query.feed) : undefined;
    if (!principal) throw new HttpProblem(403, 'Not allowed', 'this calendar address is not valid');
    // A year ahead (and anything overdue), for the partnerships the address was made for.
    const yearAhead = formatIsoDate(londonDay(now()) + 366);
    const events = (await openDeadlines(principal, () => yearAhead)).map((d) => ({
      uid: `${d.caseId}.${d.key}@case-review`,
      date: d.dueDate,
      summary: `${d.reference}: ${d.name} due`,
      description: `Case ${d.reference}: ${d.name} is due by the end of ${d.dueDate} (${d.state}).`,
    }));
    res.type('text/calendar; charset=utf-8').send(icsCalendar('Case review deadlines', events, now()));
  });

  return router;
}
