/**
 * Production sign-in: the authorization code flow with PKCE against the council's OIDC
 * issuer (openid-client). The ID token it returns becomes the session; it must carry the
 * same `role` and `partnerships` claims as an API token, and is verified the same way, with
 * the client id as its audience.
 */
import type { Request, Response } from 'express';
import * as client from 'openid-client';
import { createVerifier, type Verifier } from '../../src/auth/tokens';

export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the issuer sends the browser back: this service's `/auth/callback`. */
  redirectUrl: string;
}

const FLOW_COOKIE = 'case_review_sign_in';

export interface OidcSignIn {
  /** Verifies a session's ID token. */
  verify: Verifier;
  start(req: Request, res: Response): Promise<void>;
  /** Completes the flow; answers the ID token to keep as the session. */
  finish(req: Request, res: Response): Promise<string>;
}

export async function oidcSignIn(settings: OidcClientSettings, secureCookies: boolean): Promise<OidcSignIn> {
  const issuer = new URL(settings.issuer);
  // Plain HTTP only for an issuer on this machine (tests, a local identity provider).
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
  const config = await client.discovery(
    issuer,
    settings.clientId,
    settings.clientSecret,
    undefined,
    local ? { execute: [client.allowInsecureRequests] } : undefined,
  );
  const metadata = config.serverMetadata();
  const verify = await createVerifier({
    mode: 'oidc',
    issuer: metadata.issuer,
    audience: settings.clientId,
    jwksUrl: metadata.jwks_uri!,
  });
  const cookie = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: secureCookies,
    path: '/auth',
    maxAge: 10 * 60_000,
  };

  return {
    verify,
    async start(_req, res) {
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUrl,
        scope: 'openid case_review',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
      });
      res.cookie(FLOW_COOKIE, `${state}.${codeVerifier}`, cookie);
      res.redirect(303, url.href);
    },
    async finish(req, res) {
      const flow = (req.headers.cookie ?? '')
        .split(';')
        .map((c) => c.trim())
        .find((c) => c.startsWith(`${FLOW_COOKIE}=`))
        ?.slice(FLOW_COOKIE.length + 1);
      const [state, codeVerifier] = decodeURIComponent(flow ?? '').split('.');
      res.clearCookie(FLOW_COOKIE, cookie);
      if (!state || !codeVerifier) throw new Error('the sign-in has expired; start again');
      const current = new URL(req.originalUrl, settings.redirectUrl);
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: codeVerifier,
        expectedState: state,
      });
      if (!tokens.id_token) throw new Error('the identity provider returned no ID token');
      return tokens.id_token;
    },
  };
}
