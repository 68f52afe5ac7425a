/**
 * The API's services from what a deployment has: a Temporal client, the policy packs, the
 * data directory and the auth settings. `npm start`, the API entry point and the tests all
 * assemble the API here, so they cannot drift apart.
 */
import { createHmac } from 'node:crypto';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import pino, { type Logger } from 'pino';
import type { AuthSettings } from '../src/auth/tokens';
import { createVerifier } from '../src/auth/tokens';
import { londonDate } from '../src/calendar/london';
import { deliveriesDir, FileDeliveryJournal } from '../src/notify/deliveryJournal';
import { OutboxNotifier, outboxDir } from '../src/notify/outbox';
import type { PolicyRegistry } from '../src/policy/registry';
import type { AesGcmPayloadCodec } from '../src/temporal/payloadCodec';
import { temporalProbe, workerProbe } from '../src/temporal/connection';
import type { AppServices } from './app';
import { CalendarFeeds, feedSecret } from './dashboard/calendarFeed';
import { RevokedSessions } from '../src/auth/revocations';
import { oidcSignIn } from './dashboard/oidcSignIn';
import { FormTokens } from './dashboard/session';
import { bearerAuthentication } from './auth';
import type { HealthChecks } from './endpoints/health';
import { IdempotencyStore } from './idempotency';
import { createMetrics } from './metrics';
import { createWorkflowServices, gatewaySettings } from '../src/client';
import type { ApiConfig } from '../src/config';

export interface ApiSettings {
  client: Client;
  taskQueue: string;
  policies: PolicyRegistry;
  dataDir: string;
  auth: AuthSettings;
  log: (message: string, err?: unknown) => void;
  /** Request logs; by default none below warnings. */
  requestLog?: Logger;
  rateLimitPerMinute?: number;
  metricsToken?: string | undefined;
  health?: HealthChecks;
  today?: () => string;
  /** Where the worker delivers notices; by default DATA_DIR/outbox. */
  outbox?: OutboxNotifier;
  /** Secure session cookies (behind HTTPS); the dashboard is served either way. */
  secureCookies?: boolean;
  /** The dashboard's sign-in at the OIDC issuer, in production. */
  oidcClient?: { clientId: string; clientSecret: string; redirectUrl: string } | undefined;
  /** The payload codec the clients use, served to the Temporal Web UI. */
  codec: AesGcmPayloadCodec;
  codecCorsOrigins?: readonly string[];
  /** Deadlines, page tokens, proxies and the metrics port; by default the configuration's defaults. */
  api?: Partial<ApiConfig>;
}

/** What loadConfig gives when nothing is set. */
const DEFAULT_API: ApiConfig = {
  callTimeoutMs: 5_000,
  decisionWaitMs: 15_000,
  pageTokenSecret: undefined,
  trustProxy: undefined,
  metricsPort: 9464,
  calendarFeedDays: 90,
  codecEncode: false,
};

export async function assembleServices(settings: ApiSettings): Promise<AppServices> {
  const api = { ...DEFAULT_API, ...settings.api };
  const gateway = gatewaySettings(api, settings.dataDir);
  const workflows = createWorkflowServices(settings.client, settings.taskQueue, settings.policies, {
    settings: gateway,
    today: settings.today ?? (() => londonDate(new Date())),
    deliveries: new FileDeliveryJournal(deliveriesDir(settings.dataDir)),
  });
  const board = workflows.cases.board({
    onError: (err) => settings.log('the case board could not read every open case again', err),
  });
  // A session signed out opens nothing, as a dashboard page or as a bearer token.
  const sessions = new RevokedSessions(path.join(settings.dataDir, 'auth', 'revoked'));
  const verify = sessions.guard(await createVerifier(settings.auth));
  const outbox = settings.outbox ?? new OutboxNotifier(outboxDir(settings.dataDir));
  const secureCookies = settings.secureCookies ?? settings.auth.mode === 'oidc';
  const oidc =
    settings.auth.mode === 'oidc' && settings.oidcClient
      ? await oidcSignIn({ issuer: settings.auth.issuer, ...settings.oidcClient }, secureCookies)
      : undefined;
  return {
    ...workflows,
    dashboard: {
      cases: workflows.cases,
      board,
      reports: workflows.reports,
      actions: workflows.actions,
      complaints: workflows.complaints,
      meetings: workflows.meetings,
      outbox,
      feeds: new CalendarFeeds(
        feedSecret(settings.dataDir),
        path.join(settings.dataDir, 'auth', 'feeds'),
        api.calendarFeedDays,
      ),
      sessions,
      // The page tokens' secret, turned to a key of the forms' own.
      forms: new FormTokens(createHmac('sha256', gateway.pageTokenKey).update('form tokens').digest()),
      policies: settings.policies,
      verify,
      auth: settings.auth,
      secureCookies,
      ...(oidc && { oidc }),
    },
    outbox,
    codec: settings.codec,
    partnerships: settings.policies.ids,
    codecCorsOrigins: settings.codecCorsOrigins ?? [],
    codecEncode: api.codecEncode,
    health: settings.health ?? {
      temporal: temporalProbe(settings.client.connection),
      worker: workerProbe(settings.client, settings.taskQueue),
    },
    authenticate: bearerAuthentication(verify),
    idempotency: new IdempotencyStore(path.join(settings.dataDir, 'idempotency'), Date.now, settings.log),
    metrics: createMetrics({
      openCases: () => board.openCases(settings.policies.ids),
      policies: settings.policies,
    }),
    requestLog: settings.requestLog ?? pino({ level: 'warn' }),
    rateLimitPerMinute: settings.rateLimitPerMinute ?? 600,
    trustProxy: api.trustProxy,
    metricsToken: settings.metricsToken,
    log: settings.log,
  };
}
