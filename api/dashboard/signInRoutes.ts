/** Signing in and out: in development a form that issues a session; in production the identity provider. */
import { type Response, Router } from 'express';
import { roles } from '../../src/auth/roles';
import type { Role } from '../../src/auth/roles';
import { issueDevToken } from '../../src/auth/tokens';
import { HttpProblem } from '../problem';
import type { DashboardDeps } from './deps';
import { clearSession, setSession } from './session';
import { verifyCsrf } from './setUpSession';
import type { Page, Views } from './setUpViews';

export function signInRoutes(deps: DashboardDeps, views: Views): Router {
  const router = Router();

  const signInPage = (res: Response, values: Page = {}, errors: { text: string; href: string }[] = []) =>
    views.render(
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

  router.post('/sign-out', verifyCsrf, (_req, res) => {
    clearSession(res, deps.secureCookies);
    res.redirect(303, '/sign-in');
  });

  return router;
}
