import { Router } from 'express';
import { HttpProblem, sendProblem } from '../problem';

export interface HealthChecks {
  /** Resolves when Temporal answers; rejects (or times out) when it does not. */
  temporal: () => Promise<void>;
}

export function healthRouter(checks: HealthChecks): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    try {
      await checks.temporal();
      res.json({ status: 'ready', temporal: 'reachable' });
    } catch {
      sendProblem(res, new HttpProblem(503, 'Not ready', 'Temporal is not reachable'), req.originalUrl);
    }
  });
  return router;
}
