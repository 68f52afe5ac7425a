/** `/metrics`: Prometheus text, counts only (no ids, no names), for the operations team. */
import { z } from 'zod';
import type { Metrics } from '../metrics';
import { type AnyOperation, operation } from '../operations';

export function metricsEndpoints(metrics: Metrics): AnyOperation[] {
  return [
    operation({
      method: 'get',
      path: '/metrics',
      tag: 'health',
      summary: 'Prometheus metrics',
      roles: 'public',
      ok: { status: 200, description: 'the Prometheus text format', schema: z.string() },
      errors: [503],
      handle: async () => ({
        text: { contentType: metrics.registry.contentType, content: await metrics.registry.metrics() },
      }),
    }),
  ];
}
