/** Starting a case from the dashboard: the API's schema over the form's values, then the same service. */
import { idPath } from '../../src/ids';
import { type Response, Router } from 'express';
import { actorOf } from '../operations';
import { startCaseBody } from '../../src/case/bodies';
import { startCaseAccess } from '../../src/case/decisions';
import { isIsoDate } from '../../src/calendar/civilDate';
import { assertRole, assertWorksIn } from '../../src/decisions/access';
import { caseTypes } from '../../src/policy/schema';
import { badRequest, clientProblem, HttpProblem } from '../problem';
import type { DashboardDeps } from './deps';
import { formErrors } from './formErrors';
import { CASE_TYPE_NAMES } from './presenters';
import { requireUser, userOf } from './setUpSession';
import type { Page, Views } from './setUpViews';

export function newCaseRoutes(deps: DashboardDeps, views: Views): Router {
  const router = Router();
  const packOf = (partnership: string) =>
    deps.policies.has(partnership) ? deps.policies.get(partnership) : undefined;

  const newCasePage = (res: Response, values: Page = {}, problem?: HttpProblem) => {
    const principal = userOf(res);
    views.render(
      res,
      'newCase.njk',
      {
        nav: 'new',
        title: 'Start a case',
        values,
        ...formErrors(problem, undefined, { named: true }),
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

  router.get('/cases/new', requireUser, (_req, res) => {
    assertRole(userOf(res), startCaseAccess);
    newCasePage(res);
  });

  router.post('/cases/new', requireUser, async (req, res) => {
    const principal = userOf(res);
    assertRole(principal, startCaseAccess);
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
    assertWorksIn(principal, [values.partnership]);
    const invalid = [
      ...(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(values.reference)
        ? []
        : [{ field: 'reference', message: 'Enter the case reference: letters, digits, dots, hyphens' }]),
      ...(isIsoDate(values.awareAt)
        ? []
        : [{ field: 'awareAt', message: 'Enter a real date in the form YYYY-MM-DD' }]),
    ];
    if (invalid.length) return newCasePage(res, values, new HttpProblem(400, 'Invalid', 'invalid', invalid));
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
    if (!parsed.success) return newCasePage(res, values, badRequest(parsed.error));
    try {
      const started = await deps.cases.start(parsed.data, actorOf(principal));
      res.redirect(303, `/cases/${idPath(started.id)}`);
    } catch (err) {
      const problem = clientProblem(err);
      if (problem) return newCasePage(res, values, problem);
      throw err;
    }
  });

  return router;
}
