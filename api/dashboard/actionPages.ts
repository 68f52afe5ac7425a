/**
 * Learning actions on the dashboard: agree one for a case, read it, record it done with its
 * evidence or close it with a reason. The same schemas and service as `/api/actions`; the
 * workflow's validators have the last word.
 */
import type { Request, Response, Router } from 'express';
import type { Principal } from '../../src/auth/principal';
import type { LearningActionView } from '../../src/learning/types';
import type { PolicyRegistry } from '../../src/policy/registry';
import { agenciesOf } from '../../src/policy/schema';
import { completeAction, closeActionWithoutCompletion } from '../../src/learning/messages';
import { MANAGERS } from '../../src/auth/roles';
import { actorOf } from '../operations';
import { badRequest, clientProblem, HttpProblem } from '../problem';
import { actionDecisionBodies, startActionBody } from '../schemas';
import type { LearningActionService } from '../../src/client/learningActionService';
import { date, type Field, fieldValues, select } from './decisionForms';

export interface PageKit {
  signedIn(req: Request, res: Response): Promise<Principal | undefined>;
  render(res: Response, view: string, page: Record<string, unknown>, status?: number): void;
  base(req: Request, principal: Principal, nav: string): Record<string, unknown>;
  checkCsrf(req: Request): void;
}

interface ActionForm {
  route: string;
  title: string;
  button: string;
  fields: Field[];
}

const decisions: (ActionForm & { route: keyof typeof actionDecisionBodies; update: unknown })[] = [
  {
    route: 'completion',
    title: 'Record the action as done',
    button: 'Record it done',
    fields: [
      date('doneOn', 'Date done'),
      { name: 'evidence', label: 'Evidence that it was done', kind: 'textarea' },
    ],
    update: completeAction,
  },
  {
    route: 'closure',
    title: 'Close the action without completing it',
    button: 'Close the action',
    fields: [date('closedOn', 'Date closed'), { name: 'reason', label: 'Reason', kind: 'textarea' }],
    update: closeActionWithoutCompletion,
  },
];

function agreeForm(policies: PolicyRegistry, partnership: string): ActionForm {
  return {
    route: 'agree',
    title: `Agree a learning action (${policies.get(partnership).learningActions.overseenBy} monitors it)`,
    button: 'Agree the action',
    fields: [
      { name: 'caseReference', label: 'Reference of the case it comes from', kind: 'text' },
      { name: 'reference', label: "The action's reference in the action plan", kind: 'text' },
      select('source', 'Recommended by', [
        ['rapid-review', 'The rapid review'],
        ['cspr', 'The local child safeguarding practice review'],
      ]),
      { name: 'recommendation', label: 'Recommendation', kind: 'textarea' },
      { name: 'action', label: 'Action', kind: 'textarea' },
      select(
        'owner',
        'Owner agency',
        agenciesOf(policies.get(partnership)).map((a) => [a.id, a.name]),
      ),
      date('dueDate', 'Due date'),
    ],
  };
}

export function actionPages(
  router: Router,
  kit: PageKit,
  deps: { actions: LearningActionService; policies: PolicyRegistry },
): void {
  const problemPage = (
    req: Request,
    res: Response,
    principal: Principal,
    page: Record<string, unknown>,
    route: string,
    problem?: HttpProblem,
  ) =>
    kit.render(
      res,
      'action.njk',
      {
        ...kit.base(req, principal, 'actions'),
        ...page,
        fieldErrors: Object.fromEntries(
          (problem?.errors ?? []).map((e) => [`${route}.${e.field}`, { text: e.message }]),
        ),
        errors: problem
          ? problem.errors.length
            ? problem.errors.map((e) => ({ text: `${e.field}: ${e.message}`, href: `#${route}-${e.field}` }))
            : [{ text: problem.detail, href: `#form-${route}` }]
          : [],
      },
      problem?.status ?? 200,
    );
  const mayManage = (principal: Principal) => {
    if (!MANAGERS.includes(principal.role))
      throw new HttpProblem(
        403,
        'Not allowed',
        `a ${principal.role} may not agree or record learning actions`,
      );
  };
  const partnershipFor = (principal: Principal, asked: unknown) =>
    typeof asked === 'string' && principal.partnerships.includes(asked) ? asked : principal.partnerships[0]!;

  const newPage = (req: Request, res: Response, principal: Principal, values = {}, problem?: HttpProblem) => {
    const partnership = partnershipFor(
      principal,
      (values as { partnership?: unknown }).partnership ?? req.query.partnership,
    );
    problemPage(
      req,
      res,
      principal,
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

  router.get('/actions/new', async (req, res) => {
    const principal = await kit.signedIn(req, res);
    if (!principal) return;
    mayManage(principal);
    newPage(req, res, principal);
  });

  router.post('/actions/new', async (req, res) => {
    const principal = await kit.signedIn(req, res);
    if (!principal) return;
    kit.checkCsrf(req);
    mayManage(principal);
    const partnership = partnershipFor(principal, req.query.partnership);
    const values = { ...(req.body as Record<string, unknown>), partnership };
    const { caseReference, ...rest } = fieldValues(agreeForm(deps.policies, partnership).fields, values);
    const parsed = startActionBody.safeParse({
      ...rest,
      partnership,
      ...(caseReference !== undefined && { caseId: `case-${partnership}-${String(caseReference)}` }),
    });
    if (!parsed.success) return newPage(req, res, principal, values, badRequest(parsed.error));
    try {
      const started = await deps.actions.start(parsed.data, actorOf(principal));
      res.redirect(303, `/actions/${encodeURIComponent(started.id)}`);
    } catch (err) {
      const problem = clientProblem(err);
      if (problem) return newPage(req, res, principal, values, problem);
      throw err;
    }
  });

  const actionPage = async (
    req: Request,
    res: Response,
    principal: Principal,
    sent?: { route: string; values: Record<string, unknown>; problem: HttpProblem },
  ) => {
    const view: LearningActionView = await deps.actions.get(req.params.id as string);
    if (!principal.partnerships.includes(view.partnership))
      throw new HttpProblem(403, 'Not allowed', 'not your partnership');
    problemPage(
      req,
      res,
      principal,
      {
        title: `Learning action ${view.reference}`,
        view,
        forms: view.status === 'open' && MANAGERS.includes(principal.role) ? decisions : [],
        values: sent?.values ?? {},
      },
      sent?.route ?? '',
      sent?.problem,
    );
  };

  router.get('/actions/:id', async (req, res) => {
    const principal = await kit.signedIn(req, res);
    if (!principal) return;
    await actionPage(req, res, principal);
  });

  router.post('/actions/:id/decisions/:route', async (req, res) => {
    const principal = await kit.signedIn(req, res);
    if (!principal) return;
    kit.checkCsrf(req);
    mayManage(principal);
    const id = req.params.id as string;
    const form = decisions.find((f) => f.route === req.params.route);
    if (!form) throw new HttpProblem(404, 'Not found', `no decision ${String(req.params.route)}`);
    if (!principal.partnerships.includes(await deps.actions.partnershipOf(id)))
      throw new HttpProblem(403, 'Not allowed', 'not your partnership');
    const values = req.body as Record<string, unknown>;
    const sent = (problem: HttpProblem) =>
      actionPage(req, res, principal, { route: form.route, values, problem });
    const parsed = actionDecisionBodies[form.route].safeParse(fieldValues(form.fields, values));
    if (!parsed.success) return sent(badRequest(parsed.error));
    try {
      await deps.actions.decide(
        id,
        form.update as never,
        { ...parsed.data, actor: actorOf(principal) } as never,
      );
      res.redirect(303, `/actions/${encodeURIComponent(id)}`);
    } catch (err) {
      const problem = clientProblem(err);
      if (problem) return sent(problem);
      throw err;
    }
  });
}
