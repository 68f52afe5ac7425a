/**
 * Every setting, read once from the environment and validated, so a mistyped variable stops
 * start-up with its name rather than surfacing later as odd behaviour.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AuthSettings } from './auth/tokens';
import type { SmtpSettings } from './notify/channels/smtp';
import { SMTP_DEFAULT_TIMEOUTS, SMTP_MAX_SEND_MS, type SmtpTimeouts } from './notify/deliveryTimes';
import { type PayloadKey, PayloadKeyError, parsePayloadKeys } from './temporal/payloadCodec';

const port = z.coerce.number().int().min(1).max(65535);
const seconds = (defaultMs: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .default(defaultMs / 1000)
    .transform((s) => s * 1000);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('case-review'),
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_CLI: optionalString,
  DATA_DIR: z.string().min(1).default('data'),
  POLICY_DIR: optionalString,
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(1000),
  WORKER_HEALTH_PORT: port.optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  AUTH_MODE: z.enum(['development', 'oidc']).default('development'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  METRICS_TOKEN: optionalString,
  SMTP_URL: optionalString.pipe(z.url().optional()),
  SMTP_FROM: optionalString,
  SMTP_CONNECT_TIMEOUT_SECONDS: seconds(SMTP_DEFAULT_TIMEOUTS.connectMs),
  SMTP_GREETING_TIMEOUT_SECONDS: seconds(SMTP_DEFAULT_TIMEOUTS.greetingMs),
  SMTP_SOCKET_TIMEOUT_SECONDS: seconds(SMTP_DEFAULT_TIMEOUTS.socketMs),
  SMTP_SEND_TIMEOUT_SECONDS: seconds(SMTP_DEFAULT_TIMEOUTS.sendMs),
  NOTIFY_API_KEY: optionalString,
  NOTIFY_BASE_URL: z.url().default('https://api.notifications.service.gov.uk'),
  NOTIFY_TEMPLATE_ID: optionalString,
  WEBHOOK_URL: optionalString.pipe(z.url().optional()),
  WEBHOOK_SECRET: optionalString,
  AUTH_ISSUER: optionalString,
  AUTH_AUDIENCE: optionalString,
  AUTH_JWKS_URL: optionalString.pipe(z.url().optional()),
  AUTH_CLIENT_ID: optionalString,
  AUTH_CLIENT_SECRET: optionalString,
  AUTH_REDIRECT_URL: optionalString.pipe(z.url().optional()),
  PAYLOAD_KEYS: optionalString,
  CODEC_CORS_ORIGINS: optionalString,
  CODEC_ENCODE: z.enum(['true', 'false']).default('false'),
  TEMPORAL_CALL_TIMEOUT_SECONDS: z.coerce.number().min(0.5).max(60).default(5),
  DECISION_WAIT_SECONDS: z.coerce.number().min(1).max(60).default(15),
  PAGE_TOKEN_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  TRUST_PROXY: optionalString,
  // 0: any free port (tests); the one taken is logged.
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  CALENDAR_FEED_DAYS: z.coerce.number().int().min(1).max(366).default(90),
  TEMPORAL_API_KEY: optionalString,
  TEMPORAL_API_KEY_FILE: optionalString,
  TEMPORAL_TLS: z.enum(['true', 'false']).default('false'),
});

export interface Config {
  port: number;
  host: string;
  temporal: {
    /** Set when an existing server is to be used; unset means `npm start` runs the dev server. */
    address: string | undefined;
    namespace: string;
    taskQueue: string;
    devServerPort: number;
    uiPort: number;
    cliPath: string | undefined;
  };
  dataDir: string;
  policyDir: string | undefined;
  /** `healthPort`: where the worker answers /healthz for an orchestrator's probe (unset: nowhere). */
  worker: { maxCachedWorkflows: number; healthPort: number | undefined };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** How bearer tokens are verified: a local development key, or an OIDC issuer's JWKS. */
  auth: AuthSettings;
  /** The dashboard's sign-in at the OIDC issuer (AUTH_MODE=oidc). */
  oidcClient: { clientId: string; clientSecret: string; redirectUrl: string } | undefined;
  /** Requests one client (IP address) may make per minute. */
  rateLimitPerMinute: number;
  /** The bearer token a Prometheus scraper sends; unset: /metrics answers local callers only. */
  metricsToken: string | undefined;
  /** The delivery channels this deployment has; the packs say who gets which. */
  channels: ChannelSettings;
  /**
   * The keys that encrypt Temporal payloads, the first one active. Unset in development:
   * a key is created under DATA_DIR. Production (AUTH_MODE=oidc) must give them.
   */
  payloadKeys: PayloadKey[] | undefined;
  /** Web origins (the Temporal Web UI) allowed to call the codec endpoint from a browser. */
  codecCorsOrigins: string[];
  api: ApiConfig;
  /**
   * What the worker and the API present to a Temporal server that checks callers (its JWT
   * authorizer, in production): a bearer token with a `permissions` claim, given as it is or
   * as a file that is read again when it changes (a token that expires is replaced there).
   */
  temporalAuth: TemporalAuth;
}

/** How the API meets the parts behind it and the clients in front of it. */
export interface ApiConfig {
  /** Each call to Temporal's deadline: past it a request is answered 503 (TEMPORAL_CALL_TIMEOUT_SECONDS). */
  callTimeoutMs: number;
  /** How long a decision's answer waits for the workflow to act on it before 202 (DECISION_WAIT_SECONDS). */
  decisionWaitMs: number;
  /** Seals the page tokens lists hand out; unset in development: a secret is kept under DATA_DIR. */
  pageTokenSecret: string | undefined;
  /** Express's `trust proxy`: unset, X-Forwarded-For is never believed (TRUST_PROXY). */
  trustProxy: string | undefined;
  /** Where /metrics is served on loopback when no METRICS_TOKEN is set. */
  metricsPort: number;
  /** How long a calendar feed address works before it must be made again. */
  calendarFeedDays: number;
  /**
   * Serve /codec/encode (CODEC_ENCODE=true): the Web UI's way to send a signal or query with
   * an encrypted input. Off unless asked for: whoever reaches it and Temporal could seal a
   * decision that never passed the API's checks.
   */
  codecEncode: boolean;
}

export interface TemporalAuth {
  apiKey?: string;
  apiKeyFile?: string;
  /** TLS to the frontend, with the system's roots. */
  tls: boolean;
}

export interface ChannelSettings {
  smtp?: SmtpSettings;
  govukNotify?: { apiKey: string; baseUrl: string; templateId: string };
  webhook?: { url: string; secret: string };
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration: ${issues.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  if (e.AUTH_MODE === 'development' && !isLoopbackHost(e.HOST))
    throw new ConfigError([
      `HOST: ${e.HOST} is not a loopback address, and AUTH_MODE=development signs anyone in as any role ` +
        '(and the Temporal dev server checks no one): keep HOST=127.0.0.1, or set AUTH_MODE=oidc to serve a network',
    ]);
  let auth: AuthSettings;
  if (e.AUTH_MODE === 'oidc') {
    const missing = (['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS_URL'] as const).filter((k) => !e[k]);
    if (missing.length > 0) throw new ConfigError(missing.map((k) => `${k}: required when AUTH_MODE=oidc`));
    auth = { mode: 'oidc', issuer: e.AUTH_ISSUER!, audience: e.AUTH_AUDIENCE!, jwksUrl: e.AUTH_JWKS_URL! };
  } else {
    auth = { mode: 'development', dataDir };
  }
  const both = (a: keyof typeof e, b: keyof typeof e) => {
    if (Boolean(e[a]) !== Boolean(e[b]))
      throw new ConfigError([`${e[a] ? b : a}: required with ${e[a] ? a : b}`]);
    return Boolean(e[a]);
  };
  const channels: ChannelSettings = {
    ...(both('SMTP_URL', 'SMTP_FROM') && {
      smtp: { url: e.SMTP_URL!, from: e.SMTP_FROM!, timeouts: smtpTimeouts(e) },
    }),
    ...(both('NOTIFY_API_KEY', 'NOTIFY_TEMPLATE_ID') && {
      govukNotify: {
        apiKey: e.NOTIFY_API_KEY!,
        baseUrl: e.NOTIFY_BASE_URL,
        templateId: e.NOTIFY_TEMPLATE_ID!,
      },
    }),
    ...(both('WEBHOOK_URL', 'WEBHOOK_SECRET') && {
      webhook: { url: e.WEBHOOK_URL!, secret: e.WEBHOOK_SECRET! },
    }),
  };
  let payloadKeys: PayloadKey[] | undefined;
  if (e.PAYLOAD_KEYS) {
    try {
      payloadKeys = parsePayloadKeys(e.PAYLOAD_KEYS);
    } catch (err) {
      if (err instanceof PayloadKeyError) throw new ConfigError([`PAYLOAD_KEYS: ${err.message}`]);
      throw err;
    }
  } else if (e.AUTH_MODE === 'oidc') {
    throw new ConfigError([
      'PAYLOAD_KEYS: required when AUTH_MODE=oidc (make one with `npm run cli -- payload-key`)',
    ]);
  }
  // Every API replica must open the page tokens the others seal.
  if (e.AUTH_MODE === 'oidc' && !e.PAGE_TOKEN_SECRET)
    throw new ConfigError(['PAGE_TOKEN_SECRET: required when AUTH_MODE=oidc (32 or more random characters)']);
  const codecCorsOrigins = (e.CODEC_CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const badOrigin = codecCorsOrigins.find((o) => !/^https?:\/\/[^/\s]+$/.test(o));
  if (badOrigin)
    throw new ConfigError([
      `CODEC_CORS_ORIGINS: ${badOrigin} is not an origin like https://temporal.example`,
    ]);
  if (e.TEMPORAL_API_KEY && e.TEMPORAL_API_KEY_FILE)
    throw new ConfigError([
      'TEMPORAL_API_KEY_FILE: give the token or its file, not both (TEMPORAL_API_KEY is set)',
    ]);
  const apiKeyFile = e.TEMPORAL_API_KEY_FILE ? path.resolve(e.TEMPORAL_API_KEY_FILE) : undefined;
  if (apiKeyFile && !fs.existsSync(apiKeyFile))
    throw new ConfigError([`TEMPORAL_API_KEY_FILE: ${apiKeyFile} does not exist`]);
  const clientVars = ['AUTH_CLIENT_ID', 'AUTH_CLIENT_SECRET', 'AUTH_REDIRECT_URL'] as const;
  const someClient = clientVars.filter((k) => e[k]);
  if (someClient.length > 0 && someClient.length < clientVars.length) {
    throw new ConfigError(
      clientVars.filter((k) => !e[k]).map((k) => `${k}: required with ${someClient.join(', ')}`),
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      devServerPort: e.TEMPORAL_DEV_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      cliPath: e.TEMPORAL_CLI,
    },
    dataDir,
    policyDir: e.POLICY_DIR ? path.resolve(e.POLICY_DIR) : undefined,
    worker: { maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS, healthPort: e.WORKER_HEALTH_PORT },
    logLevel: e.LOG_LEVEL,
    auth,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    oidcClient:
      e.AUTH_MODE === 'oidc' && someClient.length === clientVars.length
        ? {
            clientId: e.AUTH_CLIENT_ID!,
            clientSecret: e.AUTH_CLIENT_SECRET!,
            redirectUrl: e.AUTH_REDIRECT_URL!,
          }
        : undefined,
    metricsToken: e.METRICS_TOKEN,
    channels,
    payloadKeys,
    codecCorsOrigins,
    api: {
      callTimeoutMs: e.TEMPORAL_CALL_TIMEOUT_SECONDS * 1000,
      decisionWaitMs: e.DECISION_WAIT_SECONDS * 1000,
      pageTokenSecret: e.PAGE_TOKEN_SECRET,
      trustProxy: e.TRUST_PROXY,
      metricsPort: e.METRICS_PORT,
      calendarFeedDays: e.CALENDAR_FEED_DAYS,
      codecEncode: e.CODEC_ENCODE === 'true',
    },
    temporalAuth: {
      ...(e.TEMPORAL_API_KEY && { apiKey: e.TEMPORAL_API_KEY }),
      ...(apiKeyFile && { apiKeyFile }),
      tls: e.TEMPORAL_TLS === 'true',
    },
  };
}

/**
 * The SMTP timeouts, each stage's within the whole message's, and the whole within what the
 * notice activity's timeout allows (it is fixed in workflow code, which cannot read settings).
 */
function smtpTimeouts(e: z.infer<typeof envSchema>): SmtpTimeouts {
  const timeouts: SmtpTimeouts = {
    connectMs: e.SMTP_CONNECT_TIMEOUT_SECONDS,
    greetingMs: e.SMTP_GREETING_TIMEOUT_SECONDS,
    socketMs: e.SMTP_SOCKET_TIMEOUT_SECONDS,
    sendMs: e.SMTP_SEND_TIMEOUT_SECONDS,
  };
  const stages = timeouts.connectMs + timeouts.greetingMs + timeouts.socketMs;
  if (timeouts.sendMs > SMTP_MAX_SEND_MS)
    throw new ConfigError([
      `SMTP_SEND_TIMEOUT_SECONDS: at most ${SMTP_MAX_SEND_MS / 1000}, what the notice activity's timeout allows`,
    ]);
  if (stages > timeouts.sendMs)
    throw new ConfigError([
      `SMTP_SEND_TIMEOUT_SECONDS: at least SMTP_CONNECT_TIMEOUT_SECONDS + SMTP_GREETING_TIMEOUT_SECONDS + SMTP_SOCKET_TIMEOUT_SECONDS (${stages / 1000})`,
    ]);
  return timeouts;
}

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** Where clients and workers connect: the configured server, or the local dev server. */
export function temporalAddress(config: Config): string {
  return config.temporal.address ?? `127.0.0.1:${config.temporal.devServerPort}`;
}
