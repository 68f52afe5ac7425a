/** The open cases, next deadline first, with their RAG status: as a page and as CSV. */
import { type Request, Router } from 'express';
import type { Principal } from '../../src/auth/principal';
import { formatIsoDate, londonDay } from '../../src/calendar';
import { londonDate } from '../../src/calendar/london';
import { OPEN_CASE_STAGES } from '../../src/case/values';
import { statuteWords } from '../../src/case/statuteWords';
import { csv } from '../../src/csv';
import type { DashboardDeps } from './deps';
import { RAG_CLASS, RAG_TEXT } from './presenters';
import { ragFor } from './rag';
import { requireUser, userOf } from './setUpSession';
import type { Views } from './setUpViews';

const PAGE_SIZE = 50;
const LATE_WITHIN_EXTENSION = 'Late against the statute; within the approved extension';
const RAGS = ['red', 'amber', 'green'] as const;

export function caseListRoutes(deps: DashboardDeps, views: Views): Router {
  const router = Router();
  const now = deps.now ?? Date.now;

  /** The open cases the filters ask for, with their RAG status, next deadline first. */
  async function caseRows(principal: Principal, q: Request['query']) {
    const wanted = typeof q.partnership === 'string' ? q.partnership : '';
    const stage =
      typeof q.stage === 'string' && (OPEN_CASE_STAGES as readonly string[]).includes(q.stage) ? q.stage : '';
    const ragWanted = typeof q.rag === 'string' ? q.rag : '';
    const within = typeof q.within === 'string' && /^\d{1,3}$/.test(q.within) ? Number(q.within) : undefined;
    const partnerships = principal.partnerships.includes(wanted) ? [wanted] : principal.partnerships;
    const rows = (await deps.board.openCases(partnerships))
      .filter((c) => !stage || c.stage === stage)
      .map((c) => {
        const pack = deps.policies.has(c.partnership) ? deps.policies.get(c.partnership) : undefined;
        const { rag, workingDaysLeft } = pack
          ? ragFor(c, deps.policies.calendar(c.partnership), pack.reminders.warningWindowWorkingDays, now())
          : { rag: c.breached ? ('red' as const) : ('green' as const), workingDaysLeft: null };
        return {
          ...c,
          rag,
          workingDaysLeft,
          // Late against the statute, whatever was approved: the extension is said beside it.
          ragText: c.breached && c.lateWithinExtension ? LATE_WITHIN_EXTENSION : RAG_TEXT[rag],
          ragClass: RAG_CLASS[rag],
          nextDue: c.nextDeadlineAt ? londonDate(new Date(c.nextDeadlineAt)) : null,
        };
      })
      .filter((c) => !ragWanted || c.rag === ragWanted)
      .filter((c) => within === undefined || (c.workingDaysLeft !== null && c.workingDaysLeft <= within))
      .sort((a, b) => (a.nextDeadlineAt ?? '9').localeCompare(b.nextDeadlineAt ?? '9'));
    return { rows, wanted, stage, ragWanted, within };
  }

  router.get('/', (_req, res) => res.redirect(303, '/cases'));

  router.get('/cases', requireUser, async (req, res) => {
    const principal = userOf(res);
    const { rows, wanted, stage, ragWanted, within } = await caseRows(principal, req.query);
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    const pageNo = Math.min(pages, Math.max(1, Number(req.query.page) || 1));
    const query = (page: number) => {
      const params = new URLSearchParams(req.query as Record<string, string>);
      params.set('page', String(page));
      return `/cases?${params}`;
    };
    const csvQuery = new URLSearchParams(req.query as Record<string, string>);
    csvQuery.delete('page');
    views.render(res, 'cases.njk', {
      nav: 'cases',
      title: 'Cases',
      cases: rows.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE),
      total: rows.length,
      within: within ?? '',
      csvUrl: `/cases.csv?${csvQuery}`,
      pagination:
        pages > 1
          ? {
              ...(pageNo > 1 && { previous: { href: query(pageNo - 1) } }),
              ...(pageNo < pages && { next: { href: query(pageNo + 1) } }),
              items: Array.from({ length: pages }, (_, i) => ({
                number: i + 1,
                href: query(i + 1),
                current: i + 1 === pageNo,
              })),
            }
          : undefined,
      partnershipOptions: [
        { value: '', text: 'All my partnerships' },
        ...principal.partnerships.map((p) => ({ value: p, text: p, selected: p === wanted })),
      ],
      stageOptions: [
        { value: '', text: 'Any' },
        ...OPEN_CASE_STAGES.map((st) => ({ value: st, text: st, selected: st === stage })),
      ],
      ragOptions: [
        { value: '', text: 'Any' },
        ...RAGS.map((r) => ({ value: r, text: RAG_TEXT[r], selected: r === ragWanted })),
      ],
    });
  });

  /** The cases view as CSV, with the same filters: for the partnership's own reports. */
  router.get('/cases.csv', requireUser, async (req, res) => {
    const { rows } = await caseRows(userOf(res), req.query);
    const body = csv(
      ['reference', 'partnership', 'stage', 'nextDeadline', 'workingDaysLeft', 'status', 'againstStatute'],
      rows.map((c) => [
        c.reference,
        c.partnership,
        c.stage,
        c.nextDue,
        c.workingDaysLeft,
        RAG_TEXT[c.rag],
        statuteWords({ late: c.breached, withinExtension: c.lateWithinExtension ?? null }),
      ]),
    );
    res
      .type('text/csv; charset=utf-8')
      .attachment(`cases-${formatIsoDate(londonDay(now()))}.csv`)
      .send(body);
  });

  return router;
}
