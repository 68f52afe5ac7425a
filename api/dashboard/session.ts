/**
 * The dashboard's session: the same signed token the API takes, kept in an HttpOnly,
 * SameSite=Lax cookie (Secure in production), and a CSRF token derived from it that every
 * form must send back.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'case_review_session';

/** The value of the cookie `name` the browser sent, if it sent one. */
export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

export const sessionToken = (req: Request) => cookieOf(req, SESSION_COOKIE);

export function setSession(res: Response, token: string, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: 8 * 3600_000,
  });
}

export function clearSession(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

/**
 * Form tokens bound to the session: a page from another session (or another site) cannot
 * post here. Keyed by a secret of the deployment's, so a token is nothing anyone can make
 * from a session alone.
 */
export class FormTokens {
  constructor(private readonly key: string | Buffer) {}

  tokenFor(session: string): string {
    return createHmac('sha256', this.key).update(`dashboard form\n${session}`).digest('base64url');
  }

  valid(session: string, sent: unknown): boolean {
    if (typeof sent !== 'string') return false;
    const [a, b] = [Buffer.from(this.tokenFor(session)), Buffer.from(sent)];
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
