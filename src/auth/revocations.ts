/**
 * Sessions signed out before they expire. A signed token cannot be unsigned, so each one
 * signed out is remembered (by its hash, never the token) until it would have expired, and
 * every verification asks: a cookie kept after sign-out opens nothing, as a page or as a
 * bearer token. One file each under DATA_DIR/auth/revoked/ (the database of a later release
 * will hold them); older than their expiry, they are swept.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { TokenError, type Verifier } from './tokens';

const SWEEP_EVERY_MS = 60 * 60 * 1000;

export class RevokedSessions {
  private lastSweep = 0;

  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Signs `token` out until it expires. */
  revoke(token: string): void {
    let exp: number | undefined;
    try {
      exp = decodeJwt(token).exp;
    } catch {
      return; // not a token: there is nothing it could open
    }
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(this.file(token), JSON.stringify({ until: (exp ?? 0) * 1000 }), { mode: 0o600 });
  }

  isRevoked(token: string): boolean {
    this.sweepNowAndThen();
    return fs.existsSync(this.file(token));
  }

  /** The verifier, refusing a session that was signed out. */
  guard(verify: Verifier): Verifier {
    return async (token) => {
      const principal = await verify(token);
      if (this.isRevoked(token)) throw new TokenError('the session has been signed out');
      return principal;
    };
  }

  private file(token: string): string {
    return path.join(this.dir, createHash('sha256').update(token).digest('hex'));
  }

  private sweepNowAndThen(): void {
    if (this.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = this.now();
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      const file = path.join(this.dir, name);
      try {
        const { until } = JSON.parse(fs.readFileSync(file, 'utf8')) as { until: number };
        // Past its expiry the token is refused anyway: nothing to remember.
        if (until < this.now()) fs.rmSync(file, { force: true });
      } catch {
        // another process swept it first
      }
    }
  }
}
