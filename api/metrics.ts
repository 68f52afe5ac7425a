/**
 * `/metrics` for Prometheus: requests by route and status (never by id or user), and, read
 * from visibility at each scrape, open cases by partnership and stage, those with a deadline
 * due within 5 working days, and those with a breached deadline.
 */
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { endOfLondonDayMs, londonDay } from '../src/calendar/london';
import type { PolicyRegistry } from '../src/policy/registry';
import type { CaseSummary } from '../src/client/summaries';

export const DUE_SOON_WORKING_DAYS = 5;

export interface Metrics {
  registry: Registry;
  /** Counts every answered request by method, route pattern and status. */
  middleware: RequestHandler;
}

export function createMetrics(options: {
  openCases: () => Promise<CaseSummary[]>;
  policies: PolicyRegistry;
  now?: () => number;
}): Metrics {
  const now = options.now ?? Date.now;
  const registry = new Registry();
  const requests = new Counter({
    name: 'case_review_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'case_review_http_request_duration_seconds',
    help: 'Time to answer, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  // One visibility read per scrape serves all three gauges.
  let snapshot: Promise<CaseSummary[]> | undefined;
  const openCases = () =>
    (snapshot ??= options.openCases().finally(() => setTimeout(() => (snapshot = undefined), 1000)));

  new Gauge({
    name: 'case_review_open_cases',
    help: 'Open cases, by partnership and stage',
    labelNames: ['partnership', 'stage'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const c of await openCases()) this.inc({ partnership: c.partnership, stage: c.stage });
    },
  });
  new Gauge({
    name: 'case_review_deadlines_due_soon',
    help: `Open cases whose next deadline falls within ${DUE_SOON_WORKING_DAYS} working days`,
    labelNames: ['partnership'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const today = londonDay(now());
      const limits = new Map<string, number>();
      for (const c of await openCases()) {
        if (!c.nextDeadlineAt || !options.policies.has(c.partnership)) continue;
        let limit = limits.get(c.partnership);
        if (limit === undefined) {
          const last = options.policies.calendar(c.partnership).addWorkingDays(today, DUE_SOON_WORKING_DAYS);
          limit = endOfLondonDayMs(last);
          limits.set(c.partnership, limit);
        }
        const due = Date.parse(c.nextDeadlineAt);
        if (due >= now() && due <= limit) this.inc({ partnership: c.partnership });
      }
    },
  });
  new Gauge({
    name: 'case_review_breached_cases',
    help: 'Open cases with a breached deadline',
    labelNames: ['partnership'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const c of await openCases()) if (c.breached) this.inc({ partnership: c.partnership });
    },
  });

  return {
    registry,
    middleware(req, res, next) {
      const end = duration.startTimer();
      res.on('finish', () => {
        // The route pattern (`/api/cases/:id`), never the path itself: no ids in labels.
        const route = (req.route?.path as string | undefined) ?? 'unmatched';
        requests.inc({ method: req.method, route, status: String(res.statusCode) });
        end({ method: req.method, route });
      });
      next();
    },
  };
}
