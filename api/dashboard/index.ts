/**
 * The business manager's dashboard: server-rendered GOV.UK Frontend pages over the same
 * services and access rules as the API. Works without JavaScript; every form carries a CSRF
 * token bound to the session.
 */
import path from 'node:path';
import express, { type Request, type Response, Router } from 'express';
import nunjucks from 'nunjucks';
import type { z } from 'zod';
import { type Principal, roles } from '../../src/auth/principal';
import { issueDevToken, type AuthSettings, type Verifier } from '../../src/auth/tokens';
import { isIsoDate } from '../../src/calendar/civilDate';
import { formatIsoDate, londonDay } from '../../src/calendar';
import type { Role } from '../../src/auth/roles';
import type { PolicyRegistry } from '../../src/policy/registry';
import { agenciesOf, type CaseType, caseTypes } from '../../src/policy/schema';
import { EVERYONE, LEADS, MANAGERS } from '../../src/auth/roles';
import { caseDecisions, reviewDecisions } from '../caseDecisions';
import { actorOf } from '../operations';
import { csv } from '../../src/csv';
import { londonDate } from '../../src/calendar/london';
import { badRequest, clientProblem, HttpProblem } from '../problem';
import { csprDecisionBodies, decisionBodies, startCaseBody } from '../schemas';
import type { OutboxNotifier } from '../../src/notify/outbox';
import type { CaseBoard } from '../../src/client/caseBoard';
import type { ReportService } from '../../src/client/reportService';
import type { LearningActionService } from '../../src/client/learningActionService';
import { actionPages } from './actionPages';
import { timelinessCsv, timelinessFileName } from '../../src/reports/timeliness';
import { lastDayOf } from '../../src/audit/rapidReviewAudit';
import { timelinessCharts } from './reportPage';
import type { CaseService } from '../../src/client/caseService';
import type { ComplaintService } from '../../src/client/complaintService';
import type { MeetingService } from '../../src/client/meetingService';
import { feedToken, icsCalendar, principalFromFeedToken } from './calendarFeed';
import type { OidcSignIn } from './oidcSignIn';
import {
  bodyFrom,
  type CaseFormView,
  type CsprFormView,
  type DecisionForm,
  decisionForms,
  formsFor,
  reviewForms,
  reviewFormsFor,
} from './decisionForms';
import { ragFor } from './rag';
import { clearSession, csrfToken, csrfValid, sessionToken, setSession } from './session';

const govukDist = path.dirname(require.resolve('govuk-frontend/package.json')) + '/dist';

const RAG_TEXT = { red: 'Overdue', amber: 'Due soon', green: 'On track' } as const;
const RAG_CLASS = { red: 'govuk-tag--red', amber: 'govuk-tag--yellow', green: 'govuk-tag--green' } as const;
const STATE_CLASS: Record<string, string> = {
  pending: 'govuk-tag--blue',
  met: 'govuk-tag--green',
  'met-late': 'govuk-tag--orange',
  breached: 'govuk-tag--red',
  extended: 'govuk-tag--purple',
  'not-applicable': 'govuk-tag--grey',
};

const CASE_TYPE_NAMES: Record<CaseType, string> = {
  'serious-incident': 'Serious incident',
  'looked-after-child-death': "A looked-after child's death",
  'care-leaver-death': "A care leaver's death",
  'local-review-only': 'Reviewed locally (not serious)',
};

const RETURN_CLASS: Record<string, string> = {
  requested: 'govuk-tag--blue',
  received: 'govuk-tag--green',
  overdue: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
};

export interface DashboardDeps {
  cases: CaseService;
  /** The open cases, kept by the API process: the cases page reads them from here. */
  board: CaseBoard;
  reports: ReportService;
  actions: LearningActionService;
  complaints: ComplaintService;
  meetings: MeetingService;
  outbox: OutboxNotifier;
  /** Signs the calendar feed addresses. */
  feedSecret: string;
  policies: PolicyRegistry;
  verify: Verifier;
  auth: AuthSettings;
  /** Secure cookies: true behind HTTPS in production. */
  secureCookies: boolean;
  /** Sign-in at the OIDC issuer (production); without it, the development form. */
  oidc?: OidcSignIn;
  now?: () => number;
}

type Page = Record<string, unknown>;

export function dashboardRouter(deps: DashboardDeps): Router {
  const now = deps.now ?? Date.now;
  const views = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([path.join(__dirname, 'views'), govukDist], { noCache: false }),
    { autoescape: true },
  );
  views.addGlobal('caseTypeNames', CASE_TYPE_NAMES);
  views.addFilter('selectItems', (options: { value: string; text: string }[], selected: unknown) => [
    { value: '', text: 'Choose' },
    ...options.map((o) => ({ ...o, selected: o.value === selected })),
  ]);
  const router = Router();
  router.use('/assets', express.static(path.join(govukDist, 'govuk', 'assets'), { maxAge: '1d' }));
  router.get('/assets/govuk-frontend.min.css', (_req, res) =>
    res.sendFile(path.join(govukDist, 'govuk', 'govuk-frontend.min.css')),
  );
  router.use(express.urlencoded({ extended: false, limit: '100kb' }));

  const render = (res: Response, view: string, page: Page, status = 200) =>
    res
      .status(status)
      .type('html')
      .send(views.render(view, { ...page, cspNonce: res.locals.cspNonce }));

  /** The signed-in user, or a redirect to sign in. */
  async function signedIn(req: Request, res: Response): Promise<Principal | undefined> {
    const token = sessionToken(req);
    if (token) {
      try {
        return await (deps.oidc?.verify ?? deps.verify)(token);
      } catch {
        // an expired or foreign session: sign in again
      }
    }
    res.redirect(303, '/sign-in');
    return undefined;
  }
  const base = (req: Request, principal: Principal, nav: string): Page => ({
    principal,
    nav,
    csrf: csrfToken(sessionToken(req)!),
  });
  const checkCsrf = (req: Request) => {
    if (!csrfValid(sessionToken(req) ?? '', (req.body as Record<string, unknown>)?.csrf)) {
      throw new HttpProblem(403, 'Not allowed', 'the form has expired or did not come from this service');
    }
  };

  // ---- Sign-in (development: a form; production: the identity provider) ----

  const signInPage = (res: Response, values: Page = {}, errors: { text: string; href: string }[] = []) =>
    render(
      res,
      'signIn.njk',
      {
        title: 'Sign in',
        values,
        errors,
        roleItems: roles.map((r) => ({ value: r, text: r, checked: values.role === r })),
        partnershipItems: deps.policies.ids.map((p) => ({ value: p, text: deps.policies.get(p).name })),
      },
      errors.length ? 400 : 200,
    );

  router.get('/sign-in', async (req, res) => {
    if (deps.oidc) return deps.oidc.start(req, res);
    if (deps.auth.mode !== 'development') {
      throw new HttpProblem(
        404,
        'Not found',
        'sign-in is not configured: set AUTH_CLIENT_ID, AUTH_CLIENT_SECRET and AUTH_REDIRECT_URL',
      );
    }
    signInPage(res);
  });
  router.get('/auth/callback', async (req, res) => {
    if (!deps.oidc) throw new HttpProblem(404, 'Not found', 'no identity provider is configured');
    let idToken: string;
    try {
      idToken = await deps.oidc.finish(req, res);
      await deps.oidc.verify(idToken); // the claims the service needs (role, partnerships) must be there
    } catch (err) {
      throw new HttpProblem(
        400,
        'Sign-in failed',
        `${(err as Error).message}. Start again from the sign-in page.`,
      );
    }
    setSession(res, idToken, deps.secureCookies);
    res.redirect(303, '/cases');
  });
  router.post('/sign-in', async (req, res) => {
    if (deps.auth.mode !== 'development')
      throw new HttpProblem(404, 'Not found', 'no development sign-in here');
    const body = req.body as Record<string, unknown>;
    const userId = String(body.userId ?? '').trim();
    const role = String(body.role ?? '');
    const partnerships = ([] as unknown[])
      .concat(body.partnerships ?? [])
      .map(String)
      .filter((p) => deps.policies.has(p));
    const errors = [
      ...(/^[A-Za-z0-9._@-]{1,64}$/.test(userId) ? [] : [{ text: 'Enter a user id', href: '#userId' }]),
      ...((roles as readonly string[]).includes(role) ? [] : [{ text: 'Choose a role', href: '#role' }]),
      ...(partnerships.length ? [] : [{ text: 'Choose at least one partnership', href: '#partnerships' }]),
    ];
    if (errors.length) return signInPage(res, { userId, role }, errors);
    const token = await issueDevToken(deps.auth.dataDir, { userId, role: role as Role, partnerships });
    setSession(res, token, deps.secureCookies);
    res.redirect(303, '/cases');
  });
  router.post('/sign-out', (req, res) => {
    checkCsrf(req);
    clearSession(res, deps.secureCookies);
    res.redirect(303, '/sign-in');
  });

  // ---- Cases ----

  router.get('/', (_req, res) => res.redirect(303, '/cases'));

  const PAGE_SIZE = 50;
  const STAGES = [
    'notification',
    'rapid-review',
    'review-decision',
    'panel-response',
    'reconsideration',
    'local-review',
  ];

  /** The open cases the filters ask for, with their RAG status, next deadline first. */
  async function caseRows(principal: Principal, q: Record<string, unknown>) {
    const wanted = typeof q.partnership === 'string' ? q.partnership : '';
    const stage = typeof q.stage === 'string' && STAGES.includes(q.stage) ? q.stage : '';
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
          ragText: RAG_TEXT[rag],
          ragClass: RAG_CLASS[rag],
          nextDue: c.nextDeadlineAt ? londonDate(new Date(c.nextDeadlineAt)) : null,
        };
      })
      .filter((c) => !ragWanted || c.rag === ragWanted)
      .filter((c) => within === undefined || (c.workingDaysLeft !== null && c.workingDaysLeft <= within))
      .sort((a, b) => (a.nextDeadlineAt ?? '9').localeCompare(b.nextDeadlineAt ?? '9'));
    return { rows, wanted, stage, ragWanted, within };
  }

  router.get('/cases', async (req, res) => {
    const principal = await signedIn(req, res);
    if (!principal) return;
    const { rows, wanted, stage, ragWanted, within } = await caseRows(principal, req.query);
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    const pageNo = Math.min(pages, Math.max(1, Number(req.query.page) || 1));
    const query = (page: number) => {
      const params = new URLSearchParams(req.query as Record<string, string>);
      params.set('page', String(page));
      return `/cases?${params}`;
    };
    const csv = new URLSearchParams(req.query as Record<string, string>);
    csv.delete('page');
    render(res, 'cases.njk', {
      ...base(req, principal, 'cases'),
      title: 'Cases',
      cases: rows.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE),
      total: rows.length,
      within: within ?? '',
      csvUrl: `/cases.csv?${csv}`,
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
        ...STAGES.map((st) => ({ value: st, text: st, selected: st === stage })),
      ],
      ragOptions: [
        { value: '', text: 'Any' },
        ...(['red', 'amber', 'green'] as const).map((r) => ({
          value: r,
          text: RAG_TEXT[r],
          selected: r === ragWanted,
        })),
      ],
    });
  });

  /** The cases view as CSV, with the same filters: for the partnership's own reports. */
  router.get('/cases.csv', async (req, res) => {
    const principal = await signedIn(req, res);
    if (!principal) return;
    const { rows } = await caseRows(principal, req.query);
    const body = csv(
      ['reference', 'partnership', 'stage', 'nextDeadline', 'workingDaysLeft', 'status'],
      rows.map((c) => [c.reference, c.partnership, c.stage, c.nextDue, c.workingDaysLeft, RAG_TEXT[c.rag]]),
    );
    res
      .type('text/csv; charset=utf-8')
      .attachment(`cases-${formatIsoDate(londonDay(now()))}.csv`)
      .send(body);
  });
  const { cases } = deps;

  // ---- Start a case ----

  const newCasePage = (
    req: Request,
    res: Response,
    principal: Principal,
    values: Page = {},
    problem?: HttpProblem,
  ) => {
    const fieldErrors = Object.fromEntries(
      (problem?.errors ?? []).map((e) => [e.field, { text: e.message }]),
    );
    render(
      res,
      'newCase.njk',
      {
        ...base(req, principal, 'new'),
        title: 'Start a case',
        values,
        fieldErrors,
        errors: (problem?.errors ?? []).map((e) => ({
          text: `${e.field}: ${e.message}`,
          href: `#${e.field}`,
        })),
        partnershipOptions: principal.partnerships.map((p) => ({
          value: p,
          text: p,
          selected: values.partnership === p,
        })),
        // The kinds any of the user's partnerships take; the chosen pack has the last word.
        caseTypeOptions: caseTypes
          .filter((t) => principal.partnerships.some((p) => packOf(p)?.caseTypes.allowed.includes(t)))
          .map((t) => ({
            value: t,
            text: CASE_TYPE_NAMES[t],
            selected: (values.caseType ?? 'serious-incident') === t,
          })),
        maxChildren: packOf(principal.partnerships[0]!)?.caseTypes.maxChildren ?? 4,
      },
      problem ? problem.status : 200,
    );
  };
  const packOf = (partnership: string) =>
    deps.policies.has(partnership) ? deps.policies.get(partnership) : undefined;

  router.get('/cases/new', async (req, res) => {
    const principal = await signedIn(req, res);
    if (!principal) return;
    if (!LEADS.includes(principal.role))
      throw new HttpProblem(403, 'Not allowed', `a ${principal.role} may not start a case`);
    newCasePage(req, res, principal);
  });

  router.post('/cases/new', async (req, res) => {
    const principal = await signedIn(req, res);
    if (!principal) return;
    checkCsrf(req);
    if (!LEADS.includes(principal.role))
      throw new HttpProblem(403, 'Not allowed', `a ${principal.role} may not start a case`);
    const body = req.body as Record<string, string | string[] | undefined>;
    const facts = ([] as string[]).concat(body.facts ?? []);
    const values = {
      partnership: String(body.partnership ?? ''),
      reference: String(body.reference ?? '').trim(),
      awareAt: String(body.awareAt ?? '').trim(),
      caseType: String(body.caseType ?? 'serious-incident'),
      children: String(body.children ?? '').trim(),
      ageAtDeath: String(body.ageAtDeath ?? '').trim(),
    };
    if (!principal.partnerships.includes(values.partnership))
      throw new HttpProblem(403, 'Not allowed', 'not your partnership');
    const invalid = [
      ...(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(values.reference)
        ? []
        : [{ field: 'reference', message: 'Enter the case reference: letters, digits, dots, hyphens' }]),
      ...(isIsoDate(values.awareAt)
        ? []
        : [{ field: 'awareAt', message: 'Enter a real date in the form YYYY-MM-DD' }]),
    ];
    if (invalid.length)
      return newCasePage(req, res, principal, values, new HttpProblem(400, 'Invalid', 'invalid', invalid));
    // The same schema as the API's, over the form's values.
    const parsed = startCaseBody.safeParse({
      partnership: values.partnership,
      reference: values.reference,
      awareAt: values.awareAt,
      caseType: values.caseType,
      ...(values.children && {
        children: values.children
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      }),
      ...(values.ageAtDeath && {
        ageAtDeath: /^\d{1,3}$/.test(values.ageAtDeath) ? Number(values.ageAtDeath) : values.ageAtDeath,
      }),
      abuseOrNeglectSuspected: facts.includes('abuseOrNeglectSuspected'),
      childDied: facts.includes('childDied'),
      seriouslyHarmed: facts.includes('seriouslyHarmed'),
    });
    if (!parsed.success) return newCasePage(req, res, principal, values, badRequest(parsed.error));
    try {
      const started = await cases.start(parsed.data, actorOf(principal));
      res.redirect(303, `/cases/${encodeURIComponent(started.id)}`);
    } catch (err) {
      const problem = clientProblem(err);
      if (problem) return newCasePage(req, res, principal, values, problem);
      throw err;
    }
  });

  // ---- One case ----

  /** A case or its review, with the agencies of its partnership's pack for the forms that name one. */
  const withAgencies = <V extends { partnership: string }>(view: V) => ({
    ...view,
    agencies: deps.policies.has(view.partnership) ? agenciesOf(deps.policies.get(view.partnership)) : [],
  });
  const caseForForms = async (id: string): Promise<CaseFormView> => withAgencies(await cases.get(id));
  const reviewForForms = async (id: string): Promise<CsprFormView> => withAgencies(await cases.getReview(id));

  /** A case, with the decision forms this user may use now; `problem` from the form at `route`. */
  const casePage = async (
    req: Request,
    res: Response,
    principal: Principal,
    sent?: { route: string; values: Page; problem: HttpProblem },
  ) => {
    const id = req.params.id as string;
    const view = await caseForForms(id);
    if (!principal.partnerships.includes(view.partnership))
      throw new HttpProblem(403, 'Not allowed', 'not your partnership');
    const forms = formsFor(view, principal.role).map((f) => ({ ...f, fields: f.fields(view) }));
    const review = view.localReview ? await reviewForForms(id) : undefined;
    const ofReview = review
      ? reviewFormsFor(review, principal.role).map((f) => ({ ...f, fields: f.fields(review) }))
      : [];
    const problem = sent?.problem;
    const fieldErrors = Object.fromEntries(
      (problem?.errors ?? []).map((e) => [`${sent!.route}.${e.field}`, { text: e.message }]),
    );
    const errors = problem
      ? problem.errors.length
        ? problem.errors.map((e) => ({ text: e.message, href: `#${sent!.route}-${e.field}` }))
        : [{ text: problem.detail, href: `#form-${sent!.route}` }]
      : [];
    render(
      res,
      'case.njk',
      {
        ...base(req, principal, 'cases'),
        title: `Case ${view.reference}`,
        view,
        forms,
        review,
        reviewForms: ofReview,
        values: sent?.values ?? {},
        stateClass: STATE_CLASS,
        returnClass: RETURN_CLASS,
        fieldErrors,
        errors,
      },
      problem ? problem.status : 200,
    );
  };

  router.get('/cases/:id', async (req, res) => {
    const principal = await signedIn(req, res);
    if (!principal) return;
    if (!EVERYONE.includes(principal.role)) throw new HttpProblem(403, 'Not allowed', 'no access');
    await casePage(req, res, principal);
  });

  /**
   * A decision form posted on a case page, checked as the API checks it and in the same
   * order: role, partnership, the body's schema, then the workflow's own validator.
   */
  function postDecisions<R extends string, V>(kind: {
    path: string;
    forms: readonly DecisionForm<V, R, string>[];
    table: Record<R, { roles: readonly Role[]; summary: string; update: unknown }>;
    bodies: Record<R, z.ZodType>;
    load: (caseId: string) => Promise<V>;
    send: (caseId: string, update: never, decision: never) => Promise<unknown>;
    key: (route: R) => string;
    anchor: string;
  }) {
    router.post(kind.path, async (req, res) => {
      const principal = await signedIn(req, res);
      if (!principal) return;
      checkCsrf(req);
      const id = req.params.id as string;
      const route = req.params.route as R;
      const form = kind.forms.find((f) => f.route === route);
      if (!form) throw new HttpProblem(404, 'Not found', `no decision ${route}`);
      const { roles, summary, update } = kind.table[route];
      if (!roles.includes(principal.role)) {
        throw new HttpProblem(403, 'Not allowed', `a ${principal.role} may not ${summary.toLowerCase()}`);
      }
      if (!principal.partnerships.includes(await cases.partnershipOf(id))) {
        throw new HttpProblem(403, 'Not allowed', 'not your partnership');
      }
      const values = req.body as Page;
      const sent = (problem: HttpProblem) =>
        casePage(req, res, principal, { route: kind.key(route), values, problem });
      const parsed = kind.bodies[route].safeParse(bodyFrom(form, await kind.load(id), values));
      if (!parsed.success) return sent(badRequest(parsed.error));
      const decision = parsed.data as Record<string, unknown>;
      if (
        principal.role === 'partner-representative' &&
        'partnerId' in decision &&
        decision.partnerId !== principal.partnerId
      ) {
        throw new HttpProblem(403, 'Not allowed', 'you vote for your own partner only');
      }
      try {
        await kind.send(id, update as never, { ...decision, actor: actorOf(principal) } as never);
        res.redirect(303, `/cases/${encodeURIComponent(id)}${kind.anchor}`);
      } catch (err) {
        const problem = clientProblem(err);
        if (problem) return sent(problem);
        throw err;
      }
    });
  }

  postDecisions({
    path: '/cases/:id/decisions/:route',
    forms: decisionForms,
    table: caseDecisions,
    bodies: decisionBodies,
    load: caseForForms,
    send: (id, update, decision) => cases.decide(id, update, decision),
    key: (route) => route,
    anchor: '',
  });
  postDecisions({
    path: '/cases/:id/review/:route',
    forms: reviewForms,
    table: reviewDecisions,
    bodies: csprDecisionBodies,
    load: reviewForForms,
    send: (id, update, decision) => cases.decideReview(id, update, decision),
    key: (route) => `review-${route}`,
    anchor: '#local-review',
  });

  // ---- Reports ----

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

  router.get('/reports/timeliness', async (req, res) => {
    const principal = await signedIn(req, res);
    if (!principal) return;
    const { partnership, period, errors, report } = await timeliness(principal, req.query);
    const query = new URLSearchParams({ partnership, ...period });
    render(
      res,
      'report.njk',
      {
        ...base(req, principal, 'reports'),
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

  router.get('/reports/timeliness.csv', async (req, res) => {
    const principal = await signedIn(req, res);
    if (!principal) return;
    const { errors, report } = await timeliness(principal, req.query);
    if (!report) throw new HttpProblem(400, 'Bad request', errors.map((e) => e.text).join('; '));
    res.type('text/csv; charset=utf-8').attachment(timelinessFileName(report)).send(timelinessCsv(report));
  });

  // ---- Notices, complaints and meetings ----

  router.get('/notices', async (req, res) => {
    const principal = await signedIn(req, res);
    if (!principal) return;
    const within = new Set(principal.partnerships);
    const notices = (await deps.outbox.list()).filter((n) => within.has(n.partnership)).reverse();
    render(res, 'list.njk', {
      ...base(req, principal, 'notices'),
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

  const LISTS = {
    complaints: { title: 'Complaints', caption: 'Complaints (000 §13), next deadline first' },
    meetings: { title: 'Meetings', caption: 'Meetings (000 §8.5), next deadline first' },
    actions: {
      title: 'Learning actions',
      caption: 'Actions recommended by reviews, tracked by the learning sub-group (002, 004), next due first',
    },
  } as const;
  const recordList = (kind: keyof typeof LISTS) =>
    router.get(`/${kind}`, async (req, res) => {
      const principal = await signedIn(req, res);
      if (!principal) return;
      const items = await deps[kind].list({ partnerships: principal.partnerships });
      render(res, 'list.njk', {
        ...base(req, principal, kind),
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
                ? { text: i.reference, href: `/actions/${encodeURIComponent(i.id)}` }
                : { text: i.reference },
              { text: i.partnership },
              { text: i.stage },
              { text: i.nextDeadlineAt ? londonDate(new Date(i.nextDeadlineAt)) : 'none' },
              i.breached
                ? { tag: 'Overdue', classes: 'govuk-tag--red' }
                : {
                    tag: i.status === 'open' ? 'Open' : 'Closed',
                    classes: i.status === 'open' ? 'govuk-tag--blue' : 'govuk-tag--grey',
                  },
            ],
          })),
      });
    });
  recordList('complaints');
  recordList('meetings');
  actionPages(
    router,
    { signedIn, render, base, checkCsrf },
    { actions: deps.actions, policies: deps.policies },
  );
  recordList('actions');

  // ---- Upcoming deadlines, and the same as a calendar feed ----

  const HORIZON_WORKING_DAYS = 20;
  const NAMES: Record<string, string> = {
    considerationMeeting: 'consideration meeting',
    notification: 'notification to the National Panel',
    rapidReview: 'rapid review',
    panelResponse: "National Panel's response (chase)",
    csprPublication: 'local review completed and published',
    finalReportToPanel: 'final report to the Panel',
    takedown: 'report off the website',
  };

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
      const view = await cases.get(c.id);
      const until = untilFor(view.partnership);
      for (const d of [...view.deadlines, ...(view.localReview?.deadlines ?? [])]) {
        if (!['pending', 'extended', 'breached'].includes(d.state) || d.dueDate > until) continue;
        found.push({
          caseId: view.caseId,
          reference: view.reference,
          key: d.key,
          name: NAMES[d.key] ?? d.key,
          dueDate: d.dueDate,
          state: d.state,
        });
      }
    }
    return found.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.reference.localeCompare(b.reference));
  }

  router.get('/upcoming', async (req, res) => {
    const principal = await signedIn(req, res);
    if (!principal) return;
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
    const feedUrl = `${req.protocol}://${req.get('host')}/calendar.ics?feed=${feedToken(deps.feedSecret, principal)}`;
    render(res, 'upcoming.njk', {
      ...base(req, principal, 'upcoming'),
      title: 'Upcoming deadlines',
      horizon: HORIZON_WORKING_DAYS,
      days,
      feedUrl,
    });
  });

  router.get('/calendar.ics', async (req, res) => {
    const principal =
      typeof req.query.feed === 'string'
        ? principalFromFeedToken(deps.feedSecret, req.query.feed)
        : undefined;
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

  // ---- Errors as pages, for a browser (not for the API, which answers problem+json) ----

  // A browser asks for text/html by name; API clients (and `*/*`) get problem+json.
  const wantsPage = (req: Request) =>
    !req.path.startsWith('/api/') && (req.get('accept') ?? '').includes('text/html');
  const errorPage = (res: Response, status: number, heading: string, detail: string) =>
    render(res, 'error.njk', { title: heading, heading, detail }, status);
  router.use((req, res, next) => {
    if (!wantsPage(req)) return next();
    errorPage(res, 404, 'Page not found', 'Check the address, or go to the cases.');
  });
  router.use((err: unknown, req: Request, res: Response, next: (err?: unknown) => void) => {
    const problem = clientProblem(err);
    if (!wantsPage(req) || res.headersSent || !problem) return next(err);
    errorPage(
      res,
      problem.status,
      problem.status === 403 ? 'You cannot do that' : 'There is a problem',
      problem.detail,
    );
  });

  return router;
}
