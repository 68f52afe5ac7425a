/** List page tokens are sealed with a keyed MAC: a made-up or altered one is refused at once. */
import { describe, expect, it } from 'vitest';
import { PageTokenSeal } from '../../src/client/pageTokens';
import { DomainError } from '../../src/errors';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    return err instanceof DomainError ? { kind: err.kind, fields: err.fields.map((f) => f.field) } : err;
  }
  throw new Error('not refused');
};

describe('page tokens', () => {
  const seal = new PageTokenSeal('a deployment secret of some length');
  const server = Buffer.from('visibility page 2');

  it('open to the server token they were sealed from', () => {
    expect(seal.open(seal.seal(server))).toEqual(server);
  });

  it('refuse a token made up, altered, sealed with another key, or the server token bare', () => {
    const refused = { kind: 'invalid', fields: ['pageToken'] };
    const token = seal.seal(server);
    const altered = Buffer.from(token, 'base64url');
    altered[altered.length - 1] = altered[altered.length - 1]! ^ 1;
    expect(refusal(() => seal.open(altered.toString('base64url')))).toEqual(refused);
    expect(refusal(() => seal.open(new PageTokenSeal('another secret').seal(server)))).toEqual(refused);
    expect(refusal(() => seal.open(server.toString('base64url')))).toEqual(refused);
    expect(refusal(() => seal.open('AAAA'))).toEqual(refused);
    // An unkeyed checksum could be computed by anyone; the MAC cannot without the secret.
    expect(refusal(() => seal.open(`${'A'.repeat(22)}${server.toString('base64url')}`))).toEqual(refused);
  });
});
