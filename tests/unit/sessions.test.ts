/** Sessions end when they should: signed out for good, and never without an expiry. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { RevokedSessions } from '../../src/auth/revocations';
import { createVerifier, DEV_AUDIENCE, DEV_ISSUER, issueDevToken, TokenError } from '../../src/auth/tokens';

const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sessions-'));
const who = { userId: 'bm-1', role: 'business-manager' as const, partnerships: ['durham'] };

describe('a session', () => {
  it('signed out opens nothing again, though its token has not expired', async () => {
    const dir = dataDir();
    const sessions = new RevokedSessions(path.join(dir, 'auth', 'revoked'));
    const verify = sessions.guard(await createVerifier({ mode: 'development', dataDir: dir }));
    const token = await issueDevToken(dir, who);
    const other = await issueDevToken(dir, { ...who, userId: 'bm-2' });
    expect(await verify(token)).toMatchObject({ userId: 'bm-1' });
    sessions.revoke(token);
    await expect(verify(token)).rejects.toThrow(TokenError);
    await expect(verify(token)).rejects.toThrow(/signed out/);
    expect(await verify(other)).toMatchObject({ userId: 'bm-2' });
    // Remembered by its hash, never the token itself.
    const kept = fs.readdirSync(path.join(dir, 'auth', 'revoked'));
    expect(kept.join()).not.toContain(token.slice(0, 20));
  });

  it('is refused if its token carries no expiry', async () => {
    const dir = dataDir();
    const verify = await createVerifier({ mode: 'development', dataDir: dir });
    // Signed with the development key, as a real token is, but with no `exp`.
    await issueDevToken(dir, who);
    const { importJWK } = await import('jose');
    const stored = JSON.parse(fs.readFileSync(path.join(dir, 'auth', 'dev-signing-key.json'), 'utf8')) as {
      privateJwk: Parameters<typeof importJWK>[0];
    };
    const key = await importJWK(stored.privateJwk, 'ES256');
    const forever = await new SignJWT({ role: who.role, partnerships: who.partnerships })
      .setProtectedHeader({ alg: 'ES256', kid: 'dev' })
      .setSubject(who.userId)
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .sign(key);
    await expect(verify(forever)).rejects.toThrow(/exp/);
  });
});
