/** The timeliness report for a partnership and a period, as a page with charts and as CSV. */
import { Router } from 'express';
import type { Principal } from '../../src/auth/principal';
import { lastDayOf } from '../../src/audit/rapidReviewAudit';
import { isIsoDate } from '../../src/calendar/civilDate';
import { timelinessCsv, timelinessFileName } from '../../src/reports/timeliness';
import { HttpProblem } from '../problem';
import type { DashboardDeps } from './deps';
import { timelinessCharts } from './reportPage';
import { requireUser, userOf } from './setUpSession';
import type { Views } from './setUpViews';

export function reportRoutes(deps: DashboardDeps, views: Views): Router {
  const router = Router();

  /** The timeliness report the query asks for; without a period, the pack's last audit period. */
  async function timeliness(principal: Principal, q: Record<string, unknown>) {
    const asked = typeof q.partnership === 'string' ? q.partnership : '';
    const partnership = principal.partnerships.includes(asked) ? asked : principal.partnerships[0]!;
    const given = (name: 'from' | 'to') => (typeof q[name] === 'string' ? (q[name] as string).trim() : '');
    const [from, to] = [given('from'), given('to')];
    const errors = [
      ...(from && !isIsoDate(from)
        ? [{ text: 'From must be a real date in the form YYYY-MM-DD', href: '#from' }]
        : []),
      ...(to && !isIsoDate(to)
        ? [{ text: 'To must be a real date in the form YYYY-MM-DD', href: '#to' }]
        : []),
      ...(Boolean(from) !== Boolean(to)
        ? [{ text: 'Give both dates, or neither', href: from ? '#to' : '#from' }]
        : []),
    ];
    const period = errors.length || from ? { from, to } : deps.reports.defaultPeriod(partnership);
    if (!errors.length && period.from >= period.to)
      errors.push({ text: 'To must be after From', href: '#to' });
    const report = errors.length ? undefined : await deps.reports.timeliness(partnership, period);
    return { partnership, period, errors, report };
  }

  router.get('/reports/timeliness', requireUser, async (req, res) => {
    const principal = userOf(res);
    const { partnership, period, errors, report } = await timeliness(principal, req.query);
    const query = new URLSearchParams({ partnership, ...period });
    views.render(
      res,
      'report.njk',
      {
        nav: 'reports',
        title: 'Timeliness',
        errors,
        period,
        report,
        ...(report && {
          charts: timelinessCharts(report),
          late: report.rapidReviews.rows.filter((r) => r.state !== 'on-time'),
          lastDay: lastDayOf(report),
          csvUrl: `/reports/timeliness.csv?${query}`,
        }),
        partnershipOptions: principal.partnerships.map((p) => ({
          value: p,
          text: p,
          selected: p === partnership,
        })),
      },
      errors.length ? 400 : 200,
    );
  });

  router.get('/reports/timeliness.csv', requireUser, async (req, res) => {
    const { errors, report } = await timeliness(userOf(res), req.query);
    if (!report) throw new HttpProblem(400, 'Bad request', errors.map((e) => e.text).join('; '));
    res.type('text/csv; charset=utf-8').attachment(timelinessFileName(report)).send(timelinessCsv(report));
  });

  return router;
}
