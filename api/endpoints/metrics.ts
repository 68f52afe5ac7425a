/** `/metrics`: Prometheus text, counts only (no ids, no names), for the operations team. */
import { timingSafeEqual } from 'node:crypto';
import express from 'express';
import { z } from 'zod';
import type { Metrics } from '../metrics';
import { type AnyOperation, operation } from '../operations';
import { HttpProblem } from '../problem';

function safeEqual(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Counts of serious cases are not for the public: /metrics on the API's port answers a scraper
 * that sends the configured METRICS_TOKEN. With none configured it answers nobody there: the
 * metrics are served on a port of their own bound to loopback (see `metricsOnlyApp`), where
 * only this machine reaches them, whatever proxy headers a request carries.
 */
export function metricsEndpoints(metrics: Metrics, token: string | undefined): AnyOperation[] {
  return [
    operation({
      method: 'get',
      path: '/metrics',
      tag: 'health',
      summary: 'Prometheus metrics',
      roles: 'public',
      ok: { status: 200, description: 'the Prometheus text format', schema: z.string() },
      errors: [403],
      async handle({ req }) {
        if (!token)
          throw new HttpProblem(
            403,
            'Not allowed',
            'without METRICS_TOKEN, metrics are served on the loopback metrics port',
          );
        if (!safeEqual(req.get('authorization') ?? '', `Bearer ${token}`))
          throw new HttpProblem(403, 'Not allowed', 'metrics need the metrics token');
        return { text: await prometheusText(metrics) };
      },
    }),
  ];
}

const prometheusText = async (metrics: Metrics) => ({
  contentType: metrics.registry.contentType,
  content: await metrics.registry.metrics(),
});

/** /metrics alone, for a server bound to loopback: what a local scraper reads with no token. */
export function metricsOnlyApp(metrics: Metrics): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', async (_req, res) => {
    const { contentType, content } = await prometheusText(metrics);
    res.type(contentType).send(content);
  });
  app.use((_req, res) => res.status(404).type('text/plain').send('only /metrics here'));
  return app;
}
