/**
 * The Express application, built from the services it needs so that tests and the
 * production server assemble it the same way. Every route comes from the operation list.
 */
import { randomBytes } from 'node:crypto';
import express from 'express';
import rateLimit from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { OutboxNotifier } from '../src/notify/outbox';
import { type DashboardDeps, dashboardRouter } from './dashboard';
import { caseEndpoints } from './endpoints/cases';
import { docsEndpoints } from './endpoints/docs';
import { type HealthChecks, healthEndpoints } from './endpoints/health';
import { noticeEndpoints } from './endpoints/notices';
import { complaintEndpoints, learningActionEndpoints, meetingEndpoints } from './endpoints/records';
import type { IdempotencyStore } from './idempotency';
import { type AnyOperation, type Authenticate, operationsRouter } from './operations';
import { metricsEndpoints } from './endpoints/metrics';
import { codecCors, codecEndpoints } from './endpoints/codec';
import type { AesGcmPayloadCodec } from '../src/temporal/payloadCodec';
import type { Metrics } from './metrics';
import { HttpProblem, errorHandler, notFoundHandler, sendProblem } from './problem';
import { requestLogger } from './requestLog';
import type { CaseService } from '../src/client/caseService';
import type { ComplaintService } from '../src/client/complaintService';
import type { LearningActionService } from '../src/client/learningActionService';
import type { ReportService } from '../src/client/reportService';
import { reportEndpoints } from './endpoints/reports';
import type { MeetingService } from '../src/client/meetingService';

export const API_VERSION = '0.2.0';

export interface AppServices {
  cases: CaseService;
  complaints: ComplaintService;
  meetings: MeetingService;
  actions: LearningActionService;
  reports: ReportService;
  outbox: OutboxNotifier;
  health: HealthChecks;
  authenticate: Authenticate;
  /** Answers kept for repeated Idempotency-Keys. */
  idempotency: IdempotencyStore;
  metrics: Metrics;
  /** The bearer token /metrics asks for; without one, only local callers are answered. */
  metricsToken?: string | undefined;
  /** Request logs (method, route, status, time: never bodies, queries or tokens). */
  requestLog: Logger;
  /** Requests allowed per client (IP address) per minute. */
  rateLimitPerMinute: number;
  /** Express's `trust proxy` as configured: unset, no X-Forwarded-For is believed. */
  trustProxy?: string | undefined;
  /** Decrypts payloads for the Temporal Web UI (the codec endpoint). */
  codec: AesGcmPayloadCodec;
  /** Whether the codec endpoint also encrypts (CODEC_ENCODE): decrypting is all the UI needs to read. */
  codecEncode?: boolean;
  /** Every partnership this deployment serves (the codec endpoint decrypts for all of them). */
  partnerships: readonly string[];
  /** Origins (the Web UI) allowed to call the codec endpoint from a browser. */
  codecCorsOrigins: readonly string[];
  /** The dashboard's pages, when the deployment serves them. */
  dashboard?: DashboardDeps;
  log: (message: string, err?: unknown) => void;
}

export function apiOperations(
  services: Omit<
    AppServices,
    | 'authenticate'
    | 'idempotency'
    | 'log'
    | 'requestLog'
    | 'rateLimitPerMinute'
    | 'dashboard'
    | 'codecCorsOrigins'
  >,
): AnyOperation[] {
  const operations: AnyOperation[] = [
    ...healthEndpoints(services.health),
    ...metricsEndpoints(services.metrics, services.metricsToken),
    ...caseEndpoints(services.cases),
    ...complaintEndpoints(services.complaints),
    ...learningActionEndpoints(services.actions),
    ...reportEndpoints(services.reports),
    ...meetingEndpoints(services.meetings),
    ...noticeEndpoints(services.outbox),
    ...codecEndpoints(services.codec, services.partnerships, { encode: services.codecEncode === true }),
  ];
  operations.push(...docsEndpoints(() => operations, API_VERSION));
  return operations;
}

export function createApp(services: AppServices): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from a proxy the deployment names (TRUST_PROXY).
  app.set('trust proxy', trustProxySetting(services.trustProxy));
  app.use(requestLogger(services.requestLog));
  app.use((_req, res, next) => {
    // A fresh nonce per page for GOV.UK Frontend's one inline script; no other inline script runs.
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  app.use(
    helmet({
      // Not helmet's no-referrer: under it browsers send `Origin: null` with a form, and a
      // sign-in form is known to be this service's by its Origin. Nothing leaves for another site.
      referrerPolicy: { policy: 'same-origin' },
      contentSecurityPolicy: {
        directives: {
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
        },
      },
    }),
  );
  app.use(services.metrics.middleware);
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: services.rateLimitPerMinute,
      standardHeaders: 'draft-8',
      // Unless a proxy is trusted, X-Forwarded-For is ignored on purpose, not a misconfiguration.
      validate: { xForwardedForHeader: false },
      legacyHeaders: false,
      handler: (req, res) =>
        sendProblem(
          res,
          new HttpProblem(429, 'Too many requests', 'slow down and try again in a minute'),
          req.originalUrl,
        ),
    }),
  );
  app.use(codecCors(services.codecCorsOrigins));
  app.use(express.json({ limit: '100kb' }));
  app.use(operationsRouter(apiOperations(services), services.authenticate, services.idempotency));
  if (services.dashboard) app.use(dashboardRouter(services.dashboard));
  app.use(notFoundHandler);
  app.use(errorHandler(services.log));
  return app;
}

/** TRUST_PROXY as Express takes it: `true`, a number of hops, or addresses; unset, none. */
function trustProxySetting(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
