/**
 * The routes of a workflow-backed resource (complaints, meetings): start one, list them from
 * visibility, read one, and one POST per decision.
 */
import { Router } from 'express';
import type { z } from 'zod';
import { addDecisionRoutes, type DecisionRoute } from '../decisionRoutes';
import { badRequest } from '../problem';
import { simpleListQuery } from '../schemas';
import type { Summary } from '../services/summaries';

export interface WorkflowResource<B, V, U> {
  /** Where it lives, for the Location header: `/api/complaints`. */
  path: string;
  startBody: z.ZodType<B>;
  start(body: B): Promise<Summary>;
  list(filter: z.infer<typeof simpleListQuery>): Promise<Summary[]>;
  get(id: string): Promise<V>;
  decide(id: string, update: U, decision: Record<string, unknown>): Promise<V>;
  decisions: Record<string, DecisionRoute<U>>;
}

export function workflowResourceRouter<B, V, U>(resource: WorkflowResource<B, V, U>): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const parsed = resource.startBody.safeParse(req.body ?? {});
    if (!parsed.success) throw badRequest(parsed.error);
    const started = await resource.start(parsed.data);
    res
      .status(201)
      .location(`${resource.path}/${encodeURIComponent(started.id)}`)
      .json(started);
  });
  router.get('/', async (req, res) => {
    const parsed = simpleListQuery.safeParse(req.query);
    if (!parsed.success) throw badRequest(parsed.error);
    res.json({ items: await resource.list(parsed.data) });
  });
  router.get('/:id', async (req, res) => {
    res.json(await resource.get(req.params.id));
  });
  addDecisionRoutes(router, '', resource.decisions, (id, update, decision) =>
    resource.decide(id, update, decision),
  );
  return router;
}
