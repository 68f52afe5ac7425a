import { Router } from 'express';
import { z } from 'zod';
import type { OutboxNotifier } from '../../src/notify/outbox';
import { badRequest } from '../problem';

const noticeQuery = z.strictObject({ caseId: z.string().min(1).max(200).optional() });

/** The notices sent, from the outbox: the panel liaison's feed. */
export function noticesRouter(outbox: OutboxNotifier): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const parsed = noticeQuery.safeParse(req.query);
    if (!parsed.success) throw badRequest(parsed.error);
    res.json({ notices: await outbox.list(parsed.data) });
  });
  return router;
}
