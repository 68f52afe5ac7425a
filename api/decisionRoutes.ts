/**
 * One POST route per decision, for any workflow: the body validated by its zod schema, the
 * actor taken from who is asking, and the decision sent as the workflow's Update.
 */
import type { Request, Router } from 'express';
import type { z } from 'zod';
import { actorOf } from './actor';
import { badRequest } from './problem';

export interface DecisionRoute<U> {
  body: z.ZodType;
  update: U;
}

/** A decision's body, validated, with the actor taken from who is asking. */
export function decisionOf(req: Request, body: z.ZodType): Record<string, unknown> {
  const actor = actorOf(req);
  const parsed = body.safeParse(req.body ?? {});
  if (!parsed.success) throw badRequest(parsed.error);
  return { ...(parsed.data as Record<string, unknown>), actor };
}

export function addDecisionRoutes<U>(
  router: Router,
  prefix: string,
  routes: Record<string, DecisionRoute<U>>,
  send: (id: string, update: U, decision: Record<string, unknown>) => Promise<unknown>,
): void {
  for (const [route, { body, update }] of Object.entries(routes)) {
    router.post(`/:id${prefix}/${route}`, async (req, res) => {
      const decision = decisionOf(req, body);
      res.json(await send(req.params.id as string, update, decision));
    });
  }
}

/** Pairs each route's body schema with the Update it sends. */
export function routesOf<R extends string, U>(
  bodies: Record<R, z.ZodType>,
  updates: Record<R, U>,
): Record<R, DecisionRoute<U>> {
  return Object.fromEntries(
    (Object.keys(updates) as R[]).map((route) => [route, { body: bodies[route], update: updates[route] }]),
  ) as Record<R, DecisionRoute<U>>;
}
