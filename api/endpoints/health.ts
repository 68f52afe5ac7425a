/** `/healthz` and `/readyz`: public, for load balancers and orchestrators. */
import { type AnyOperation, operation } from '../operations';
import { HttpProblem } from '../problem';
import { health } from '../responses';

export interface HealthChecks {
  /** Resolves when Temporal answers; rejects (or times out) when it does not. */
  temporal: () => Promise<void>;
  /** Resolves when a worker has polled the task queue lately: decisions and reads need one. */
  worker?: () => Promise<void>;
}

export function healthEndpoints(checks: HealthChecks): AnyOperation[] {
  return [
    operation({
      method: 'get',
      path: '/healthz',
      tag: 'health',
      summary: 'Is the API up',
      roles: 'public',
      ok: { status: 200, description: 'the API is up', schema: health },
      handle: async () => ({ body: { status: 'ok' } }),
    }),
    operation({
      method: 'get',
      path: '/readyz',
      tag: 'health',
      summary: 'Can the API serve',
      roles: 'public',
      ok: { status: 200, description: 'Temporal answers and a worker is polling', schema: health },
      errors: [503],
      async handle() {
        try {
          await checks.temporal();
        } catch {
          throw new HttpProblem(503, 'Not ready', 'Temporal is not reachable', [], { 'Retry-After': '5' });
        }
        if (checks.worker) {
          try {
            await checks.worker();
          } catch {
            throw new HttpProblem(503, 'Not ready', 'no worker is polling the task queue', [], {
              'Retry-After': '10',
            });
          }
        }
        return {
          body: { status: 'ready', temporal: 'reachable', ...(checks.worker && { worker: 'polling' }) },
        };
      },
    }),
  ];
}
