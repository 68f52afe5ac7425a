/** Signing in and out: in development a form that issues a session; in production the identity provider. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import { roles } from '../../src/auth/roles';
import type { Role } from '../../src/auth/roles';
import { issueDevToken } from '../../src/auth/tokens';
import { HttpProblem } from '../problem';
import type { DashboardDeps } from './deps';
import { clearSession, cookieOf, sessionToken, setSession } from './session';
import { verifyCsrf } from './setUpSession';
import type { Page, Views } from './setUpViews';

const SIGN_IN_FORM_COOKIE = 'case_review_sign_in';

/**
 * A sign-in must come from this service's own form: its token matches the form's cookie, and
 * the browser's Origin, when it sends one, is this service. Another site cannot sign a
 * browser in as a user of its choosing.
 */
function assertFromThisForm(req: Request): void {
  const origin = req.get('origin');
  if (origin !== undefined && origin !== `${req.protocol}://${req.get('host')}`)
    throw new HttpProblem(403, 'Not allowed', 'the sign-in form did not come from this service');
  const sent = (req.body as Record<string, unknown> | undefined)?.csrf;
  const kept = cookieOf(req, SIGN_IN_FORM_COOKIE);
  const [a, b] = [Buffer.from(String(sent ?? '')), Buffer.from(kept ?? '')];
  if (!kept || a.length !== b.length || !timingSafeEqual(a, b))
    throw new HttpProblem(
      403,
      'Not allowed',
      'the sign-in form has expired or did not come from this service',
    );
}

export function signInRoutes(deps: DashboardDeps, views: Views): Router {
  const router = Router();

  const signInPage = (res: Response, values: Page = {}, errors: { text: string; href: string }[] = []) => {
    // No session yet to bind a form token to: the form carries one that matches a cookie of its own.
    const formToken = randomBytes(24).toString('base64url');
    res.cookie(SIGN_IN_FORM_COOKIE, formToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.secureCookies,
      path: '/sign-in',
      maxAge: 30 * 60_000,
    });
    views.render(
      res,
      'signIn.njk',
      {
        title: 'Sign in',
        values,
        errors,
        csrf: formToken,
        roleItems: roles.map((r) => ({ value: r, text: r, checked: values.role === r })),
        partnershipItems: deps.policies.ids.map((p) => ({ value: p, text: deps.policies.get(p).name })),
        partnerItems: [
          { value: '', text: 'None' },
          ...deps.policies.ids.flatMap((p) =>
            deps.policies.get(p).partners.map((partner) => ({
              value: partner.id,
              text: `${partner.name} (${deps.policies.get(p).name})`,
              selected: values.partner === partner.id,
            })),
          ),
        ],
      },
      errors.length ? 400 : 200,
    );
  };

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
    assertFromThisForm(req);
    const body = req.body as Record<string, unknown>;
    const userId = String(body.userId ?? '').trim();
    const role = String(body.role ?? '');
    const partnerships = ([] as unknown[])
      .concat(body.partnerships ?? [])
      .map(String)
      .filter((p) => deps.policies.has(p));
    const partner = String(body.partner ?? '');
    const partnersThere = partnerships.flatMap((p) => deps.policies.get(p).partners.map((x) => x.id));
    const representative = role === 'partner-representative';
    const errors = [
      ...(/^[A-Za-z0-9._@-]{1,64}$/.test(userId) ? [] : [{ text: 'Enter a user id', href: '#userId' }]),
      ...((roles as readonly string[]).includes(role) ? [] : [{ text: 'Choose a role', href: '#role' }]),
      ...(partnerships.length ? [] : [{ text: 'Choose at least one partnership', href: '#partnerships' }]),
      ...(representative && !partnersThere.includes(partner)
        ? [{ text: 'Choose the partner you vote for, one of your partnerships', href: '#partner' }]
        : []),
    ];
    if (errors.length) return signInPage(res, { userId, role, partner }, errors);
    const token = await issueDevToken(deps.auth.dataDir, {
      userId,
      role: role as Role,
      partnerships,
      ...(representative && { partnerId: partner }),
    });
    setSession(res, token, deps.secureCookies);
    res.redirect(303, '/cases');
  });

  router.post('/sign-out', verifyCsrf(deps.forms), (req, res) => {
    // Signed out for good: the cookie, if kept, opens nothing, as a page or as a bearer token.
    // Only a session that verified is remembered: anything else opens nothing already.
    const token = sessionToken(req);
    if (token && res.locals.user) deps.sessions.revoke(token);
    clearSession(res, deps.secureCookies);
    res.redirect(303, '/sign-in');
  });

  return router;
}
