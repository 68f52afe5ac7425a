/**
 * The business manager's dashboard: server-rendered GOV.UK Frontend pages over the same
 * services, catalogues and access rules as the API. Works without JavaScript; every form
 * carries a CSRF token bound to the session. Built, as the API is, from small parts in a
 * fixed order: assets and views, form bodies, the signed-in user, sign-in, then one router
 * per area, then errors as pages.
 */
import express, { Router } from 'express';
import { actionPages } from './actionPages';
import { caseListRoutes } from './caseListRoutes';
import { casePageRoutes } from './casePageRoutes';
import type { DashboardDeps } from './deps';
import { errorPages } from './errorPages';
import { newCaseRoutes } from './newCaseRoutes';
import { noticeRoutes } from './noticeRoutes';
import { recordListRoutes } from './recordListRoutes';
import { reportRoutes } from './reportRoutes';
import { setUpSession, verifyCsrf } from './setUpSession';
import { setUpViews } from './setUpViews';
import { signInRoutes } from './signInRoutes';
import { upcomingRoutes } from './upcomingRoutes';

export type { DashboardDeps };

export function dashboardRouter(deps: DashboardDeps): Router {
  const router = Router();
  const { views, assets } = setUpViews();
  router.use(assets);
  router.use(express.urlencoded({ extended: false, limit: '100kb' }));
  router.use(setUpSession(deps.sessions.guard(deps.oidc?.verify ?? deps.verify), deps.forms));
  router.use(signInRoutes(deps, views));
  // Every form below this point must come from a page of this service's session.
  router.use(verifyCsrf(deps.forms));
  router.use(caseListRoutes(deps, views));
  router.use(newCaseRoutes(deps, views));
  router.use(casePageRoutes(deps, views));
  router.use(reportRoutes(deps, views));
  router.use(noticeRoutes(deps, views));
  router.use(actionPages(deps, views));
  router.use(recordListRoutes(deps, views));
  router.use(upcomingRoutes(deps, views));
  const errors = errorPages(views);
  router.use(errors.notFound);
  router.use(errors.refused);
  return router;
}
