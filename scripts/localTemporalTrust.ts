/**
 * What puts the Temporal server of scripts/production-local.ts inside the trust boundary, as
 * an operator's identity provider and PKI would in production:
 *
 * - the issuer's keys, served as a JWKS document the server's JWT authorizer reads
 *   (`global.authorization.jwtKeyProvider.keySourceURIs`): the development issuer's, the same
 *   key the API verifies users' tokens with;
 * - the services' tokens, from that issuer, each with the `permissions` Temporal's default
 *   claim mapper reads, written to files the worker and the API read (TEMPORAL_API_KEY_FILE)
 *   and replaced well before they expire;
 * - a certificate authority and one certificate for Temporal's own services (internode mTLS),
 *   so that its internal ports, the internal frontend the system worker uses among them, admit
 *   only each other.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { devJwks, issueDevServiceToken } from '../src/auth/tokens';

/** What each caller may do, as `namespace:role`. The setup alone is a system admin. */
export const SERVICE_PERMISSIONS = {
  worker: ['default:write'],
  api: ['default:write'],
  setup: ['temporal-system:admin'],
} as const;
export type Service = keyof typeof SERVICE_PERMISSIONS;

const TOKEN_LIFETIME = '1h';
const TOKEN_RENEWAL_MS = 15 * 60_000;

/** The issuer's public keys over HTTP on loopback, for the Temporal server to fetch. */
export async function startJwksEndpoint(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const body = JSON.stringify(await devJwks(dataDir));
  const server = http.createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ServiceTokens {
  /** The file a service reads its token from (mode 0600). */
  file(service: Exclude<Service, 'setup'>): string;
  /** The setup's token: held in memory only, for the few admin calls of the setup. */
  setup(): Promise<string>;
  stop(): void;
}

/** Issues each service's token into its file, and issues them again every 15 minutes. */
export async function serviceTokens(dataDir: string, dir: string): Promise<ServiceTokens> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (service: string) => path.join(dir, `${service}.jwt`);
  const issue = (service: Service) =>
    issueDevServiceToken(
      dataDir,
      { subject: `case-review-${service}`, permissions: [...SERVICE_PERMISSIONS[service]] },
      TOKEN_LIFETIME,
    );
  const renew = async () => {
    for (const service of ['worker', 'api'] as const) {
      // Written aside and renamed, so a reader never sees half a token.
      const tmp = `${file(service)}.tmp`;
      fs.writeFileSync(tmp, await issue(service), { mode: 0o600 });
      fs.renameSync(tmp, file(service));
    }
  };
  await renew();
  const timer = setInterval(() => void renew().catch(() => undefined), TOKEN_RENEWAL_MS);
  timer.unref();
  return { file, setup: () => issue('setup'), stop: () => clearInterval(timer) };
}

export interface InternodeCerts {
  ca: string;
  cert: string;
  key: string;
  /** The name in the certificate, which every internal client checks. */
  serverName: string;
}

/** A CA and one certificate, made once per directory with openssl (Debian's, on every machine here). */
export function ensureInternodeCerts(dir: string): InternodeCerts {
  const certs: InternodeCerts = {
    ca: path.join(dir, 'ca.pem'),
    cert: path.join(dir, 'internode.pem'),
    key: path.join(dir, 'internode.key'),
    serverName: 'internode',
  };
  if (fs.existsSync(certs.cert)) return certs;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const openssl = (...args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ec,
    '-days',
    '3650',
    '-subj',
    '/CN=case-review local internode CA',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
  );
  openssl(
    'req',
    ...ec,
    '-subj',
    `/CN=${certs.serverName}`,
    '-keyout',
    'internode.key',
    '-out',
    'internode.csr',
  );
  fs.writeFileSync(
    path.join(dir, 'internode.ext'),
    `subjectAltName=DNS:${certs.serverName}\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature\n`,
  );
  openssl(
    'x509',
    '-req',
    '-in',
    'internode.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '3650',
    '-extfile',
    'internode.ext',
    '-out',
    'internode.pem',
  );
  for (const f of ['ca.key', 'internode.key']) fs.chmodSync(path.join(dir, f), 0o600);
  return certs;
}
