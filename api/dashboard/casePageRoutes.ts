/** One case: its deadlines, agency returns, local review, timeline and notices, and the forms of its decisions. */
import { idPath } from '../../src/ids';
import { type Request, type Response, Router } from 'express';
import type { Principal } from '../../src/auth/principal';
import { EVERYONE } from '../../src/auth/roles';
import { type CaseFormView, caseDecisions } from '../../src/case/decisions';
import { assertRole, assertSees } from '../../src/decisions/access';
import { type LocalReviewFormView, localReviewDecisions } from '../../src/localReview/decisions';
import { agenciesOf } from '../../src/policy/schema';
import { statuteWords } from '../../src/case/statuteWords';
import type { HttpProblem } from '../problem';
import { decisionPost, offeredForms } from './decisionForms';
import type { DashboardDeps } from './deps';
import { formErrors } from './formErrors';
import { RETURN_CLASS, STATE_CLASS } from './presenters';
import { requireUser, userOf } from './setUpSession';
import type { Views } from './setUpViews';

/** The id prefix of the local review's forms (the case's own have none). */
const LOCAL_REVIEW = 'local-review';
const readCase = { roles: EVERYONE, summary: 'Read a case' };

export function casePageRoutes(deps: DashboardDeps, views: Views): Router {
  const router = Router();
  const { cases } = deps;

  /** A case or its review, with the agencies of its partnership's pack for the forms that name one. */
  const withAgencies = <V extends { partnership: string }>(view: V) => ({
    ...view,
    agencies: deps.policies.has(view.partnership) ? agenciesOf(deps.policies.get(view.partnership)) : [],
  });
  const caseForForms = async (id: string): Promise<CaseFormView> => withAgencies(await cases.get(id));
  const localReviewForForms = async (id: string): Promise<LocalReviewFormView> =>
    withAgencies(await cases.getLocalReview(id));

  /** The case page; `sent` is the form that was refused, with why. */
  const casePage = async (
    req: Request,
    res: Response,
    principal: Principal,
    sent?: { key: string; values: Record<string, unknown>; problem: HttpProblem },
  ) => {
    const id = req.params.id as string;
    const view = await caseForForms(id);
    assertSees(principal, view.partnership, `no case ${id}`);
    const review = view.localReview ? await localReviewForForms(id) : undefined;
    views.render(
      res,
      'case.njk',
      {
        nav: 'cases',
        title: `Case ${view.reference}`,
        view,
        forms: offeredForms(caseDecisions, view, principal.role),
        review,
        reviewForms: review ? offeredForms(localReviewDecisions, review, principal.role) : [],
        values: sent?.values ?? {},
        stateClass: STATE_CLASS,
        statuteWords,
        returnClass: RETURN_CLASS,
        ...formErrors(sent?.problem, sent?.key),
      },
      sent?.problem.status ?? 200,
    );
  };

  router.get('/cases/:id', requireUser, async (req, res) => {
    assertRole(userOf(res), readCase);
    await casePage(req, res, userOf(res));
  });

  router.post(
    '/cases/:id/decisions/:route',
    requireUser,
    decisionPost({
      catalogue: caseDecisions,
      partnershipOf: (id) => cases.partnershipOf(id),
      load: caseForForms,
      send: (decision, id, body, actor, updateId) => cases.decide(decision, id, body, actor, updateId),
      after: (id) => `/cases/${idPath(id)}`,
      refused: (req, res, principal, { route, values, problem }) =>
        casePage(req, res, principal, { key: route, values, problem }),
    }),
  );

  router.post(
    `/cases/:id/${LOCAL_REVIEW}/:route`,
    requireUser,
    decisionPost({
      catalogue: localReviewDecisions,
      partnershipOf: (id) => cases.partnershipOf(id),
      load: localReviewForForms,
      send: (decision, id, body, actor, updateId) =>
        cases.decideLocalReview(decision, id, body, actor, updateId),
      after: (id) => `/cases/${idPath(id)}#local-review`,
      refused: (req, res, principal, { route, values, problem }) =>
        casePage(req, res, principal, { key: `${LOCAL_REVIEW}-${route}`, values, problem }),
    }),
  );

  return router;
}
