/**
 * Visibility's page tokens, sealed with a keyed MAC before they leave the service. The server
 * answers a damaged token with a retryable error that a client would retry for twenty
 * seconds, so anything this service did not hand out, made up or altered, is refused at once.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { readOrCreateSecretFile } from '../files';
import { DomainError } from '../errors';

const MAC_BYTES = 16;

export class PageTokenSeal {
  constructor(private readonly key: string | Buffer) {}

  seal(serverToken: Uint8Array): string {
    return Buffer.concat([this.mac(serverToken), serverToken]).toString('base64url');
  }

  /** The server's token inside `token`, or invalid if this service did not seal it. */
  open(token: string): Buffer {
    const bytes = Buffer.from(token, 'base64url');
    const serverToken = bytes.subarray(MAC_BYTES);
    if (bytes.length <= MAC_BYTES || !timingSafeEqual(this.mac(serverToken), bytes.subarray(0, MAC_BYTES)))
      throw badPageToken();
    return serverToken;
  }

  private mac(serverToken: Uint8Array): Buffer {
    return createHmac('sha256', this.key).update(serverToken).digest().subarray(0, MAC_BYTES);
  }
}

export const badPageToken = () =>
  new DomainError('invalid', 'Bad request', 'the page token is not one this list gave out', [
    { field: 'pageToken', message: 'must be a nextPageToken from this list' },
  ]);

/** The deployment's secret, or in development one kept under DATA_DIR for every API process there. */
export function pageTokenKey(configured: string | undefined, dataDir: string): string {
  return (
    configured ??
    readOrCreateSecretFile(path.join(dataDir, 'auth', 'page-token-secret'), () =>
      randomBytes(32).toString('hex'),
    )
  );
}
