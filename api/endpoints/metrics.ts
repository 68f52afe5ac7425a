/** `/metrics`: Prometheus text, counts only (no ids, no names), for the operations team. */
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Metrics } from '../metrics';
import { type AnyOperation, operation } from '../operations';
import { HttpProblem } from '../problem';

function safeEqual(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Counts of serious cases are not for the public: /metrics answers a scraper that sends the
 * configured METRICS_TOKEN, or, with none configured, only callers on this machine.
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
        const allowed = token
          ? safeEqual(req.get('authorization') ?? '', `Bearer ${token}`)
          : ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');
        if (!allowed) throw new HttpProblem(403, 'Not allowed', 'metrics need the metrics token');
        return {
          text: { contentType: metrics.registry.contentType, content: await metrics.registry.metrics() },
        };
      },
    }),
  ];
}
