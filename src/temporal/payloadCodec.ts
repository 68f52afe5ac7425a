/**
 * Encryption of every payload Temporal stores: workflow inputs, decisions, activity results,
 * queries' answers. Temporal's history then holds ciphertext only, so a database backup, the
 * server's operators and its Web UI without the codec endpoint see nothing about a child.
 *
 * AES-256-GCM with a fresh 96-bit nonce per payload. The key id travels in the payload's
 * metadata, so keys can be rotated: new payloads use the active key, and every key still
 * listed decrypts the history written under it. Search attributes stay plaintext (the server
 * indexes them); they hold no personal data by design (see searchAttributes.ts).
 *
 * Decoding refuses what it cannot authenticate: a payload encrypted under a key it does not
 * hold, tampered with, or not encrypted at all, such as an Update or Signal sent around the
 * API with plain JSON input (`temporal workflow update execute --input '{…}'`). The one
 * plaintext let through is a search attribute's value: the worker's SDK passes those through
 * the codec too (see isSearchAttributeValue). Reading histories written before encryption was
 * turned on needs the explicit opt-in `acceptPlaintext`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import path from 'node:path';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { readOrCreateSecretFile } from '../files';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const CIPHER = 'encryption-cipher';
const CIPHER_NAME = 'AES256-GCM';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKey {
  id: string;
  /** 32 bytes. */
  secret: Buffer;
}

/** A payload this codec will not decode: see the module comment. */
export class PayloadRefusedError extends ValueError {}

export interface AesGcmPayloadCodecOptions {
  /**
   * Let plaintext payloads through on decode. Only for reading histories recorded before
   * encryption was turned on (the replay test of tests/fixtures/histories v1 to v3); never
   * in a deployment, where it would let anyone who reaches Temporal forge a decision.
   */
  acceptPlaintext?: boolean;
}

export class PayloadKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadKeyError';
  }
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => (b ? new TextDecoder().decode(b) : undefined);

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  private readonly active: PayloadKey;

  private readonly acceptPlaintext: boolean;

  /** `keys[0]` encrypts; all of them decrypt. */
  constructor(keys: readonly PayloadKey[], options: AesGcmPayloadCodecOptions = {}) {
    if (keys.length === 0) throw new PayloadKeyError('at least one payload key is needed');
    this.active = keys[0]!;
    this.byId = new Map(keys.map((k) => [k.id, k.secret]));
    this.acceptPlaintext = options.acceptPlaintext ?? false;
  }

  get activeKeyId(): string {
    return this.active.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.active.secret, nonce);
      // The key id is authenticated too: a payload cannot be relabelled to another key.
      cipher.setAAD(Buffer.from(this.active.id));
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const sealed = Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING),
          [KEY_ID]: utf8(this.active.id),
          [CIPHER]: utf8(CIPHER_NAME),
        },
        data: sealed,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decodeOne(payload));
  }

  private decodeOne(payload: Payload): Payload {
    if (!isEncryptedPayload(payload)) {
      if (this.acceptPlaintext || isSearchAttributeValue(payload)) return payload;
      throw new PayloadRefusedError('payload is not encrypted: refused');
    }
    const keyId = text(payload.metadata?.[KEY_ID]);
    const secret = keyId === undefined ? undefined : this.byId.get(keyId);
    if (!secret)
      throw new PayloadRefusedError(`payload encrypted with unknown key id ${JSON.stringify(keyId)}`);
    const sealed = Buffer.from(payload.data ?? new Uint8Array());
    if (sealed.length < NONCE_BYTES + TAG_BYTES)
      throw new PayloadRefusedError('encrypted payload is truncated');
    const decipher = createDecipheriv('aes-256-gcm', secret, sealed.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(keyId!));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([
        decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new PayloadRefusedError(`payload does not authenticate under key ${JSON.stringify(keyId)}`);
    }
    return temporal.api.common.v1.Payload.decode(plain) as Payload;
  }
}

export function isEncryptedPayload(payload: Payload): boolean {
  return text(payload.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING;
}

/** The value types Temporal indexes, as the server labels a search attribute's payload. */
const SEARCH_ATTRIBUTE_TYPES = new Set([
  'Keyword',
  'KeywordList',
  'Text',
  'Datetime',
  'Bool',
  'Int',
  'Double',
]);

/**
 * A search attribute's value, as the server hands it to the worker (whose SDK decodes it
 * with the payload codec like any payload): JSON labelled with its indexed type, and only a
 * scalar or a list of scalars. Every input of this product is an object, so a forged input
 * dressed up as a search attribute cannot pass for one (workflows/interceptors.ts refuses
 * anything but one object).
 */
export function isSearchAttributeValue(payload: Payload): boolean {
  const metadata = payload.metadata ?? {};
  const keys = Object.keys(metadata).sort();
  if (keys.length !== 2 || keys[0] !== METADATA_ENCODING_KEY || keys[1] !== 'type') return false;
  if (text(metadata[METADATA_ENCODING_KEY]) !== 'json/plain') return false;
  if (!SEARCH_ATTRIBUTE_TYPES.has(text(metadata.type) ?? '')) return false;
  let value: unknown;
  try {
    value = JSON.parse(text(payload.data) ?? '');
  } catch {
    return false;
  }
  const scalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
  return scalar(value) || (Array.isArray(value) && value.every(scalar));
}

const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Keys as configured: `id:base64,id:base64`, the first one active. Rotation is adding a new
 * key in front and keeping the old ones for as long as histories written under them are kept.
 */
export function parsePayloadKeys(spec: string): PayloadKey[] {
  const keys = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const colon = entry.indexOf(':');
      const id = colon > 0 ? entry.slice(0, colon) : '';
      if (!KEY_ID_PATTERN.test(id))
        throw new PayloadKeyError(`key ${i + 1}: write it as id:base64, the id of letters, digits, . _ or -`);
      const secret = Buffer.from(entry.slice(colon + 1), 'base64');
      if (secret.length !== 32)
        throw new PayloadKeyError(`key ${id}: must be 32 bytes (base64), not ${secret.length}`);
      return { id, secret };
    });
  if (keys.length === 0) throw new PayloadKeyError('no key given');
  const ids = keys.map((k) => k.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new PayloadKeyError(`key id ${repeated} is listed twice`);
  return keys;
}

/** A new key, as `parsePayloadKeys` reads it. */
export function newPayloadKeySpec(id: string): string {
  if (!KEY_ID_PATTERN.test(id)) throw new PayloadKeyError('a key id is letters, digits, . _ or -');
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/** The development key, created under DATA_DIR on first use like the development signing key. */
export function devPayloadKeys(dataDir: string): PayloadKey[] {
  const file = path.join(dataDir, 'keys', 'payload-keys');
  return parsePayloadKeys(readOrCreateSecretFile(file, () => newPayloadKeySpec('dev-1')));
}
