/**
 * Who is asking. Until token authentication arrives, the acting user and role are taken
 * from the X-User-Id and X-User-Role headers, so every decision is still recorded with its
 * actor in the case's history.
 */
import type { Request } from 'express';
import type { Actor } from '../src/case/types';
import { HttpProblem, fieldProblems } from './problem';
import { actorHeaders } from './schemas';

export function actorOf(req: Request): Actor {
  const parsed = actorHeaders.safeParse(req.headers);
  if (!parsed.success) {
    throw new HttpProblem(
      401,
      'Who is acting?',
      'send X-User-Id and X-User-Role with every decision',
      fieldProblems(parsed.error),
    );
  }
  return { userId: parsed.data['x-user-id'], role: parsed.data['x-user-role'] };
}
