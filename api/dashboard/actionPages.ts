/**
 * Learning actions on the dashboard: agree one for a case, read it, record it done with its
 * evidence or close it with a reason. The same schemas, catalogue and service as
 * `/api/actions`; the workflow's validators have the last word.
 */
import { caseIdFor, idPath } from '../../src/ids';
import { type Request, type Response, Router } from 'express';
import type { Principal } from '../../src/auth/principal';
import { reference } from '../../src/validation';
import { assertRole, assertSees } from '../../src/decisions/access';
import { date, fieldValues, select, textarea } from '../../src/decisions/forms';
import type { LEARNING_SOURCES } from '../../src/learning/bodies';
import { startActionBody } from '../../src/learning/bodies';
import { learningActionDecisions, startActionAccess } from '../../src/learning/decisions';
import type { PolicyRegistry } from '../../src/policy/registry';
import { agenciesOf } from '../../src/policy/schema';
import { actorOf } from '../operations';
import { badRequest, clientProblem, HttpProblem } from '../problem';
import { decisionPost, type OfferedForm, offeredForms } from './decisionForms';
import type { DashboardDeps } from './deps';
import { formErrors } from './formErrors';
import { requireUser, userOf } from './setUpSession';
import type { Views } from './setUpViews';

const SOURCE_WORDS: Record<(typeof LEARNING_SOURCES)[number], string> = {
  'rapid-review': 'The rapid review',
  cspr: 'The local child safeguarding practice review',
};

function agreeForm(policies: PolicyRegistry, partnership: string): OfferedForm {
  return {
    route: 'agree',
    title: `Agree a learning action (${policies.get(partnership).learningActions.overseenBy} monitors it)`,
    button: 'Agree the action',
    fields: [
      { name: 'caseReference', label: 'Reference of the case it comes from', kind: 'text' },
      { name: 'reference', label: "The action's reference in the action plan", kind: 'text' },
      select('source', 'Recommended by', SOURCE_WORDS),
      textarea('recommendation', 'Recommendation'),
      textarea('action', 'Action'),
      select(
        'owner',
        'Owner agency',
        Object.fromEntries(agenciesOf(policies.get(partnership)).map((a) => [a.id, a.name])),
      ),
      date('dueDate', 'Due date'),
    ],
  };
}

export function actionPages(deps: DashboardDeps, views: Views): Router {
  const router = Router();
  const page = (res: Response, content: Record<string, unknown>, key: string, problem?: HttpProblem) =>
    views.render(
      res,
      'action.njk',
      { nav: 'actions', ...content, ...formErrors(problem, key, { named: true }) },
      problem?.status ?? 200,
    );
  /** The partnership asked for, if the user works in it and it is served here; else their first served one. */
  const partnershipFor = (principal: Principal, asked: unknown) => {
    const served = principal.partnerships.filter((p) => deps.policies.has(p));
    const chosen = typeof asked === 'string' && served.includes(asked) ? asked : served[0];
    if (chosen === undefined)
      throw new HttpProblem(403, 'Not allowed', 'none of your partnerships is served by this deployment');
    return chosen;
  };

  const newPage = (
    req: Request,
    res: Response,
    values: Record<string, unknown> = {},
    problem?: HttpProblem,
  ) => {
    const partnership = partnershipFor(userOf(res), values.partnership ?? req.query.partnership);
    page(
      res,
      {
        title: 'Agree a learning action',
        forms: [agreeForm(deps.policies, partnership)],
        partnership,
        values,
        action: `/actions/new?partnership=${partnership}`,
      },
      'agree',
      problem,
    );
  };

  router.get('/actions/new', requireUser, (req, res) => {
    assertRole(userOf(res), startActionAccess);
    newPage(req, res);
  });

  router.post('/actions/new', requireUser, async (req, res) => {
    const principal = userOf(res);
    assertRole(principal, startActionAccess);
    const partnership = partnershipFor(principal, req.query.partnership);
    const values = { ...(req.body as Record<string, unknown>), partnership };
    const { caseReference, ...rest } = fieldValues(agreeForm(deps.policies, partnership).fields, values);
    const parsed = startActionBody.safeParse({
      ...rest,
      partnership,
      // A reference that is not one stays as typed, for the schema to refuse as a case id.
      ...(caseReference !== undefined && {
        caseId: reference.safeParse(caseReference).success
          ? caseIdFor(partnership, String(caseReference))
          : String(caseReference),
      }),
    });
    if (!parsed.success) return newPage(req, res, values, badRequest(parsed.error));
    try {
      const started = await deps.actions.start(parsed.data, actorOf(principal));
      res.redirect(303, `/actions/${idPath(started.id)}`);
    } catch (err) {
      const problem = clientProblem(err);
      if (problem) return newPage(req, res, values, problem);
      throw err;
    }
  });

  const actionPage = async (
    req: Request,
    res: Response,
    principal: Principal,
    sent?: { route: string; values: Record<string, unknown>; problem: HttpProblem },
  ) => {
    const view = await deps.actions.get(req.params.id as string);
    assertSees(principal, view.partnership, `no learning action ${view.actionId}`);
    page(
      res,
      {
        title: `Learning action ${view.reference}`,
        view,
        forms: offeredForms(learningActionDecisions, view, principal.role),
        values: sent?.values ?? {},
      },
      sent?.route ?? '',
      sent?.problem,
    );
  };

  router.get('/actions/:id', requireUser, (req, res) => actionPage(req, res, userOf(res)));

  router.post(
    '/actions/:id/decisions/:route',
    requireUser,
    decisionPost({
      catalogue: learningActionDecisions,
      partnershipOf: (id) => deps.actions.partnershipOf(id),
      load: (id) => deps.actions.get(id),
      send: (decision, id, body, actor, updateId) => deps.actions.decide(decision, id, body, actor, updateId),
      after: (id) => `/actions/${idPath(id)}`,
      refused: actionPage,
    }),
  );

  return router;
}
