/**
 * Bearer tokens. In development the API signs and verifies with an ES256 key it creates under
 * DATA_DIR on first use (so `cli token` can mint tokens others script against); in
 * production it verifies against the OIDC issuer's JWKS and signs nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { Role } from '../auth/roles';
import { readOrCreateSecretFile } from '../files';
import { type Principal, principalClaims, principalFrom } from './principal';

export const DEV_ISSUER = 'case-review-orchestrator (development)';
export const DEV_AUDIENCE = 'case-review-api';

export type AuthSettings =
  | { mode: 'development'; dataDir: string }
  | { mode: 'oidc'; issuer: string; audience: string; jwksUrl: string };

export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

export type Verifier = (token: string) => Promise<Principal>;

export async function createVerifier(settings: AuthSettings): Promise<Verifier> {
  const { keySet, issuer, audience } =
    settings.mode === 'development'
      ? {
          keySet: createLocalJWKSet({ keys: [(await devKeys(settings.dataDir)).publicJwk] }),
          issuer: DEV_ISSUER,
          audience: DEV_AUDIENCE,
        }
      : {
          keySet: createRemoteJWKSet(new URL(settings.jwksUrl)),
          issuer: settings.issuer,
          audience: settings.audience,
        };
  return async (token) => {
    let payload: unknown;
    try {
      // A token that never expires is refused: a session must end.
      ({ payload } = await jwtVerify(token, keySet, {
        issuer,
        audience,
        algorithms: ['ES256', 'RS256'],
        requiredClaims: ['exp'],
      }));
    } catch (err) {
      throw new TokenError(`the token is not valid: ${(err as Error).message}`);
    }
    const claims = principalClaims.safeParse(payload);
    if (!claims.success) {
      throw new TokenError(`the token lacks ${claims.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    }
    return principalFrom(claims.data);
  };
}

/** A development token: what `cli token` prints and the tests use. */
export async function issueDevToken(
  dataDir: string,
  who: { userId: string; role: Role; partnerships: string[]; partnerId?: string },
  lifetime = '8h',
): Promise<string> {
  const { privateKey } = await devKeys(dataDir);
  return new SignJWT({
    role: who.role,
    partnerships: who.partnerships,
    ...(who.partnerId && { partner: who.partnerId }),
  })
    .setProtectedHeader({ alg: 'ES256', kid: 'dev' })
    .setSubject(who.userId)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(lifetime)
    .sign(privateKey);
}

/**
 * Temporal's audience: the server checks it (global.authorization.audience), and the API,
 * which wants DEV_AUDIENCE, refuses a token made for Temporal.
 */
export const TEMPORAL_AUDIENCE = 'temporal';

/**
 * A service's token for the Temporal server, from the development issuer (the production
 * topology run locally: scripts/production-local.ts): `permissions` as Temporal's default
 * claim mapper reads them, `namespace:role` (`default:write`, `temporal-system:admin`).
 */
export async function issueDevServiceToken(
  dataDir: string,
  service: { subject: string; permissions: string[] },
  lifetime = '1h',
): Promise<string> {
  const { privateKey } = await devKeys(dataDir);
  return new SignJWT({ permissions: service.permissions })
    .setProtectedHeader({ alg: 'ES256', kid: 'dev' })
    .setSubject(service.subject)
    .setIssuer(DEV_ISSUER)
    .setAudience(TEMPORAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(lifetime)
    .sign(privateKey);
}

/** The development issuer's public keys, as a JWKS endpoint serves them to the Temporal server. */
export async function devJwks(dataDir: string): Promise<{ keys: JWK[] }> {
  return { keys: [(await devKeys(dataDir)).publicJwk] };
}

interface DevKeys {
  privateKey: Awaited<ReturnType<typeof importJWK>>;
  publicJwk: JWK;
}

/** The development key pair, created once (mode 0600) and then read back. */
async function devKeys(dataDir: string): Promise<DevKeys> {
  const file = path.join(dataDir, 'auth', 'dev-signing-key.json');
  let created: string | undefined;
  if (!fs.existsSync(file)) {
    const pair = await generateKeyPair('ES256', { extractable: true });
    created = JSON.stringify({
      privateJwk: { ...(await exportJWK(pair.privateKey)), kid: 'dev', alg: 'ES256' },
      publicJwk: { ...(await exportJWK(pair.publicKey)), kid: 'dev', alg: 'ES256' },
    });
  }
  const stored = JSON.parse(readOrCreateSecretFile(file, () => created!)) as {
    privateJwk: JWK;
    publicJwk: JWK;
  };
  return { privateKey: await importJWK(stored.privateJwk, 'ES256'), publicJwk: stored.publicJwk };
}
