/** Bearer token verification in production: against an OIDC issuer's published keys. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/auth/tokens';

describe('tokens from an OIDC issuer', () => {
  it('are verified against the issuer’s JWKS, with its issuer and audience', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    try {
      const verify = await createVerifier({
        mode: 'oidc',
        issuer: 'https://idp.example',
        audience: 'cases',
        jwksUrl,
      });
      const sign = (issuer: string) =>
        new SignJWT({ role: 'independent-chair', partnerships: ['kirklees'] })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setSubject('chair@kirklees')
          .setIssuer(issuer)
          .setAudience('cases')
          .setExpirationTime('5m')
          .sign(privateKey);
      expect(await verify(await sign('https://idp.example'))).toEqual({
        userId: 'chair@kirklees',
        role: 'independent-chair',
        partnerships: ['kirklees'],
      });
      await expect(verify(await sign('https://elsewhere.example'))).rejects.toThrow(/not valid/);
    } finally {
      server.close();
    }
  });
});
