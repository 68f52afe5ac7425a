/**
 * The dashboard's session: the same signed token the API takes, kept in an HttpOnly,
 * SameSite=Lax cookie (Secure in production), and a CSRF token derived from it that every
 * form must send back.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'case_review_session';

export function sessionToken(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

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

/** Bound to the session: a page from another session (or another site) cannot post here. */
export function csrfToken(session: string): string {
  return createHmac('sha256', 'case-review-csrf').update(session).digest('base64url');
}

export function csrfValid(session: string, sent: unknown): boolean {
  if (typeof sent !== 'string') return false;
  const [a, b] = [Buffer.from(csrfToken(session)), Buffer.from(sent)];
  return a.length === b.length && timingSafeEqual(a, b);
}
