/**
 * The production topology of docker-compose.yml, without Docker: PostgreSQL from Debian's
 * packages, the full Temporal server (built with `go install`) on it with its schema set up
 * by temporal-sql-tool, then the worker and the API as their own processes, as deployed.
 * Everything lives under one directory, so a second run on it finds its cases again.
 *
 * usage: npx tsx scripts/production-local.ts [--dir DIR] [--port N]     (Ctrl-C stops it)
 *
 * The Temporal server checks every caller as in production (see localTemporalTrust.ts): a
 * JWT from the issuer with the permissions for the call on its public frontend, and the
 * internode certificate on its internal ports. The worker and the API present their own
 * tokens, from files that are renewed while they run.
 *
 * The differences from the compose file are the ones a laptop forces: one worker replica,
 * development sign-in (the development issuer stands in for the identity provider), no Web
 * UI, all on 127.0.0.1.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { TemporalAuth } from '../src/config';
import { waitForConnection } from '../src/temporal/connection';
import { setUpNamespace, waitFor } from '../src/temporal/namespaceSetup';
import { assertPortFree, freePort } from '../src/temporal/ports';
import { newPayloadKeySpec } from '../src/temporal/payloadCodec';
import { TEMPORAL_AUDIENCE } from '../src/auth/tokens';
import {
  type InternodeCerts,
  ensureInternodeCerts,
  serviceTokens,
  startJwksEndpoint,
} from './localTemporalTrust';

const root = path.resolve(__dirname, '..');
const tool = (name: string) =>
  execFileSync('bash', [path.join(root, 'scripts', 'toolchain.sh'), name], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();

export interface ProductionStackOptions {
  /** The database cluster, the server's config, DATA_DIR and the secrets all live here. */
  dir: string;
  apiPort?: number;
  log?: (line: string) => void;
}

export interface ProductionStack {
  apiUrl: string;
  /** The worker's /healthz. */
  workerHealthUrl: string;
  temporalAddress: string;
  /** Temporal's internal ports (internal frontend, history, matching): internode mTLS only. */
  internalAddresses: string[];
  /** The CA of the internode certificate, for a test that knocks on those ports. */
  internodeCa: string;
  /** The file each service reads its Temporal token from. */
  tokenFile(service: 'worker' | 'api'): string;
  dataDir: string;
  /** The deployment's payload keys, as PAYLOAD_KEYS lists them. */
  payloadKeys: string;
  postgres: { port: number; password: string; psql: string };
  /** Stops the Temporal server alone (the worker and API stay up and wait for it). */
  stopTemporal(): Promise<void>;
  startTemporal(): Promise<void>;
  stop(): Promise<void>;
}

interface Ports {
  postgres: number;
  frontend: number;
  frontendHttp: number;
  internalFrontend: number;
  internalFrontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  membership: [number, number, number, number, number];
}

export async function startProductionStack(options: ProductionStackOptions): Promise<ProductionStack> {
  const log = options.log ?? ((line) => process.stderr.write(`[production-local] ${line}\n`));
  const dir = path.resolve(options.dir);
  fs.mkdirSync(dir, { recursive: true });
  // The database runs as the postgres user when we are root: it must be able to reach the directory.
  fs.chmodSync(dir, 0o755);
  const secrets = readSecrets(path.join(dir, 'secrets.json'));
  const pgBin = tool('postgresql');
  const serverExe = tool('temporal-server');
  const schemaDir = path.join(root, '.tools', 'temporal-schema', 'postgresql');
  const ports: Ports = {
    postgres: await freePort(),
    frontend: await freePort(),
    frontendHttp: await freePort(),
    internalFrontend: await freePort(),
    internalFrontendHttp: await freePort(),
    history: await freePort(),
    matching: await freePort(),
    worker: await freePort(),
    membership: [
      await membershipPort(),
      await membershipPort(),
      await membershipPort(),
      await membershipPort(),
      await membershipPort(),
    ],
  };
  const children: ChildProcess[] = [];
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch((err) => log(`stop: ${String(err)}`));
  };

  try {
    log(`PostgreSQL on 127.0.0.1:${ports.postgres}`);
    const pg = await startPostgres(pgBin, path.join(dir, 'postgresql'), ports.postgres, secrets, log);
    stops.push(pg.stop);
    await setUpSchema(dir, pgBin, schemaDir, ports.postgres, secrets, log);

    const dataDir = path.join(dir, 'data');
    const temporalDir = path.join(dir, 'temporal');
    const internode = ensureInternodeCerts(path.join(temporalDir, 'tls'));
    const jwks = await startJwksEndpoint(dataDir);
    stops.push(jwks.stop);
    const tokens = await serviceTokens(dataDir, path.join(dir, 'tokens'));
    stops.push(async () => tokens.stop());
    writeServerConfig(temporalDir, ports, secrets, { jwksUrl: jwks.url, internode });
    const temporalAddress = `127.0.0.1:${ports.frontend}`;
    let server: ChildProcess | undefined;
    const startTemporal = async () => {
      log(`Temporal server on ${temporalAddress}`);
      server = spawnLogged(
        serverExe,
        [
          '--root',
          temporalDir,
          '--config',
          'config',
          '--env',
          'production',
          'start',
          // The internal frontend is not among the default services.
          ...['frontend', 'internal-frontend', 'history', 'matching', 'worker'].flatMap((s) => [
            '--service',
            s,
          ]),
        ],
        path.join(dir, 'temporal.log'),
        {},
      );
      children.push(server);
      await (await waitForConnection(temporalAddress, 120_000)).close();
    };
    const stopTemporal = async () => {
      if (server) await stopChild(server);
      server = undefined;
    };
    await startTemporal();
    stops.push(() => stopTemporal());
    // The setup, as an operator: the namespace and the case search attributes.
    const setup: Partial<TemporalAuth> = { apiKey: await tokens.setup() };
    await setUpNamespace(temporalAddress, setup);

    const apiPort = options.apiPort ?? (await freePort());
    const env = {
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      DATA_DIR: dataDir,
      PAYLOAD_KEYS: secrets.payloadKeys,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
    };
    const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
    const workerHealthPort = await freePort();
    log('the worker');
    const worker = spawnLogged(tsx, ['src/main/worker.ts'], path.join(dir, 'worker.log'), {
      ...env,
      TEMPORAL_API_KEY_FILE: tokens.file('worker'),
      WORKER_HEALTH_PORT: String(workerHealthPort),
    });
    children.push(worker);
    stops.push(() => stopChild(worker));
    log(`the API on http://127.0.0.1:${apiPort}`);
    const api = spawnLogged(tsx, ['src/main/server.ts'], path.join(dir, 'api.log'), {
      ...env,
      TEMPORAL_API_KEY_FILE: tokens.file('api'),
    });
    children.push(api);
    stops.push(() => stopChild(api));
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitFor(async () => (await fetch(`${apiUrl}/readyz`)).ok, 120_000, 'the API to be ready');
    const workerHealthUrl = `http://127.0.0.1:${workerHealthPort}/healthz`;
    await waitFor(async () => (await fetch(workerHealthUrl)).ok, 120_000, 'the worker to be polling');

    return {
      apiUrl,
      workerHealthUrl,
      temporalAddress,
      internalAddresses: [ports.internalFrontend, ports.history, ports.matching].map((p) => `127.0.0.1:${p}`),
      internodeCa: internode.ca,
      tokenFile: (service) => tokens.file(service),
      dataDir,
      payloadKeys: secrets.payloadKeys,
      postgres: { port: ports.postgres, password: secrets.postgresPassword, psql: path.join(pgBin, 'psql') },
      stopTemporal,
      startTemporal,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** Temporal keeps membership ports in a smallint column: they must be below 32768. */
async function membershipPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (
      await assertPortFree(port, '127.0.0.1', 'membership').then(
        () => true,
        () => false,
      )
    )
      return port;
  }
}

interface Secrets {
  postgresPassword: string;
  temporalPassword: string;
  payloadKeys: string;
}

/** Made once per directory (mode 0600): the stack's own secrets, as an operator's vault would hold them. */
function readSecrets(file: string): Secrets {
  if (!fs.existsSync(file)) {
    const made: Secrets = {
      postgresPassword: randomBytes(18).toString('base64url'),
      temporalPassword: randomBytes(18).toString('base64url'),
      payloadKeys: newPayloadKeySpec('local-1'),
    };
    fs.writeFileSync(file, JSON.stringify(made), { mode: 0o600 });
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Secrets;
}

const asRoot = process.getuid?.() === 0;
/** A PostgreSQL command, as the postgres user when we are root (PostgreSQL refuses to run as root). */
function pgCommand(exe: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
}

async function startPostgres(
  bin: string,
  pgRoot: string,
  port: number,
  secrets: Secrets,
  log: (l: string) => void,
) {
  // One directory the postgres user owns: the cluster, its socket and its log.
  const dataDir = path.join(pgRoot, 'data');
  const socketDir = path.join(pgRoot, 'socket');
  fs.mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  if (asRoot) execFileSync('chown', ['postgres', pgRoot, socketDir]);
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log('initdb');
    const pwfile = path.join(pgRoot, 'initial-password');
    fs.writeFileSync(pwfile, secrets.postgresPassword, { mode: 0o600 });
    if (asRoot) execFileSync('chown', ['postgres', pwfile]);
    try {
      const [exe, args] = pgCommand(path.join(bin, 'initdb'), [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--pwfile',
        pwfile,
        '--auth-host=scram-sha-256',
        '--auth-local=peer',
        '-E',
        'UTF8',
        '--locale=C',
      ]);
      execFileSync(exe, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }
  const pgCtl = (action: string, extra: string[] = []) => {
    const [exe, args] = pgCommand(path.join(bin, 'pg_ctl'), ['-D', dataDir, ...extra, action]);
    execFileSync(exe, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  };
  pgCtl('start', [
    '-w',
    '-l',
    path.join(pgRoot, 'server.log'),
    '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${socketDir}`,
  ]);
  return { stop: async () => pgCtl('stop', ['-m', 'fast', '-w']) };
}

async function setUpSchema(
  dir: string,
  pgBin: string,
  schemaDir: string,
  port: number,
  secrets: Secrets,
  log: (l: string) => void,
) {
  const psql = (sql: string) =>
    execFileSync(
      path.join(pgBin, 'psql'),
      ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qtAc', sql],
      {
        env: { ...process.env, PGPASSWORD: secrets.postgresPassword },
        encoding: 'utf8',
      },
    ).trim();
  if (psql("SELECT 1 FROM pg_roles WHERE rolname = 'temporal'") !== '1') {
    psql(`CREATE ROLE temporal LOGIN CREATEDB PASSWORD '${secrets.temporalPassword}'`);
  }
  const sqlTool = path.join(root, '.tools', 'bin', 'temporal-sql-tool');
  for (const [database, folder] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    const run = (...args: string[]) =>
      execFileSync(
        sqlTool,
        [
          '--plugin',
          'postgres12',
          '--ep',
          '127.0.0.1',
          '-p',
          String(port),
          '-u',
          'temporal',
          '--db',
          database,
          ...args,
        ],
        {
          env: { ...process.env, SQL_PASSWORD: secrets.temporalPassword },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
    const marker = path.join(dir, `.${database}-schema`);
    if (!fs.existsSync(marker)) {
      log(`schema for ${database}`);
      run('create-database');
      run('setup-schema', '-v', '0.0');
      fs.writeFileSync(marker, '');
    }
    // Idempotent: brings an existing database up to this server's schema version.
    run('update-schema', '-d', path.join(schemaDir, folder, 'versioned'));
  }
}

function writeServerConfig(
  temporalDir: string,
  ports: Ports,
  secrets: Secrets,
  trust: { jwksUrl: string; internode: InternodeCerts },
): void {
  const store = (database: string, maxConns: number) => `
      sql:
        pluginName: postgres12
        databaseName: ${database}
        connectAddr: "127.0.0.1:${ports.postgres}"
        connectProtocol: tcp
        user: temporal
        password: "${secrets.temporalPassword}"
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: 1h`;
  const service = (grpc: number, membership: number, http?: number) => `
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${http ? `\n      httpPort: ${http}` : ''}`;
  const config = `# Written by scripts/production-local.ts: Temporal on PostgreSQL, as docker-compose.yml runs it.
log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: 4
  datastores:
    default:${store('temporal', 20)}
    visibility:${store('temporal_visibility', 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
  # Every call on the public frontend needs a JWT from the issuer whose permissions cover it
  # (Temporal's default authorizer and claim mapper); the API's own users' tokens, made for
  # another audience, do not.
  authorization:
    jwtKeyProvider:
      keySourceURIs:
        - ${trust.jwksUrl}
      refreshInterval: 1m
    permissionsClaimName: permissions
    audience: ${TEMPORAL_AUDIENCE}
    authorizer: default
    claimMapper: default
  # The internal ports (history, matching, the internal frontend the system worker calls
  # without a token) take only Temporal's own services, by certificate.
  tls:
    internode:
      server:
        certFile: ${trust.internode.cert}
        keyFile: ${trust.internode.key}
        requireClientAuth: true
        clientCaFiles:
          - ${trust.internode.ca}
      client:
        serverName: ${trust.internode.serverName}
        rootCaFiles:
          - ${trust.internode.ca}
services:
  frontend:${service(ports.frontend, ports.membership[0], ports.frontendHttp)}
  internal-frontend:${service(ports.internalFrontend, ports.membership[4], ports.internalFrontendHttp)}
  history:${service(ports.history, ports.membership[1])}
  matching:${service(ports.matching, ports.membership[2])}
  worker:${service(ports.worker, ports.membership[3])}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:${ports.frontend}"
dcRedirectionPolicy:
  policy: noop
`;
  fs.mkdirSync(path.join(temporalDir, 'config'), { recursive: true });
  fs.writeFileSync(path.join(temporalDir, 'config', 'production.yaml'), config, { mode: 0o600 });
}

function spawnLogged(
  exe: string,
  args: string[],
  logFile: string,
  env: Record<string, string>,
): ChildProcess {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(exe, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  const kill = () => child.pid && !child.killed && process.kill(-child.pid, 'SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.removeListener('exit', kill));
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid!, 'SIGTERM');
  const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { dir: { type: 'string' }, port: { type: 'string' } },
    strict: true,
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    process.stderr.write('production-local: --port must be a port number\n');
    process.exit(2);
  }
  const stack = await startProductionStack({
    dir: values.dir ?? path.join(root, '.tools', 'production-local'),
    ...(port !== undefined && { apiPort: port }),
  });
  process.stdout.write(
    [
      '',
      'The production topology is running (PostgreSQL, Temporal server, worker, API)',
      `  API:       ${stack.apiUrl}`,
      `  Temporal:  ${stack.temporalAddress}`,
      `  Data:      ${stack.dataDir}`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void stack.stop().then(() => process.exit(0));
    });
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`production-local: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
