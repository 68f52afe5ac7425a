/**
 * The signed-in user, once per request: the session cookie's token verified the way the API
 * verifies a bearer token, and put on `res.locals.user` with the form token of the session.
 * Pages that need a user ask for `requireUser`; every form post is checked by `verifyCsrf`.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Principal } from '../../src/auth/principal';
import type { Verifier } from '../../src/auth/tokens';
import { HttpProblem } from '../problem';
import { type FormTokens, sessionToken } from './session';

declare module 'express-serve-static-core' {
  interface Locals {
    /** The signed-in user, when the session is valid. */
    user?: Principal;
    /** The form token bound to the session. */
    csrf?: string;
    cspNonce?: string;
  }
}

export function setUpSession(verify: Verifier, forms: FormTokens): RequestHandler {
  return async (req, res, next) => {
    const token = sessionToken(req);
    if (token) {
      try {
        res.locals.user = await verify(token);
        res.locals.csrf = forms.tokenFor(token);
      } catch {
        // an expired or foreign session: the pages that need one ask to sign in again
      }
    }
    next();
  };
}

/** The signed-in user of a page that needs one: without a session, the browser goes to sign in. */
export function requireUser(req: Request, res: Response, next: NextFunction): void {
  if (res.locals.user) return next();
  res.redirect(303, '/sign-in');
}

/** The user a page handler runs for, once `requireUser` has let it through. */
export function userOf(res: Response): Principal {
  const user = res.locals.user;
  if (!user) throw new HttpProblem(401, 'Sign-in needed', 'sign in to use this page');
  return user;
}

/** A form must carry the token of the session it came from: a page of another site cannot post here. */
export function verifyCsrf(forms: FormTokens): RequestHandler {
  return (req, _res, next) => {
    // The API's routes (and any it does not have) answer for themselves, with bearer tokens.
    if (req.method !== 'POST' || req.path.startsWith('/api/')) return next();
    if (!forms.valid(sessionToken(req) ?? '', (req.body as Record<string, unknown> | undefined)?.csrf)) {
      throw new HttpProblem(403, 'Not allowed', 'the form has expired or did not come from this service');
    }
    next();
  };
}
