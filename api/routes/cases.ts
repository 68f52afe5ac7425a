import { Router } from 'express';
import { badRequest } from '../problem';
import { startCaseBody } from '../schemas';
import type { CaseService } from '../services/caseService';

export function casesRouter(cases: CaseService): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const parsed = startCaseBody.safeParse(req.body ?? {});
    if (!parsed.success) throw badRequest(parsed.error);
    const started = await cases.start(parsed.data);
    res
      .status(201)
      .location(`/api/cases/${encodeURIComponent(started.id)}`)
      .json(started);
  });

  router.get('/:id', async (req, res) => {
    const view = await cases.get(req.params.id);
    res.json({ id: view.caseId, ...view });
  });

  return router;
}
