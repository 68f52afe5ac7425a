/**
 * Payload encryption (AES-256-GCM, key id in the metadata, several keys for rotation) and the
 * codec endpoint the Temporal Web UI calls, on the real Express app over HTTP.
 */
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Payload, defaultPayloadConverter } from '@temporalio/common';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServices, createApp } from '../../api/app';
import { bearerAuthentication } from '../../api/auth';
import { IdempotencyStore } from '../../api/idempotency';
import { createMetrics } from '../../api/metrics';
import { createVerifier } from '../../src/auth/tokens';
import { ConfigError, loadConfig } from '../../src/config';
import { loadPolicies } from '../../src/policy/registry';
import { dataConverterWith, forWorker } from '../../src/temporal/dataConverter';
import {
  AesGcmPayloadCodec,
  PayloadKeyError,
  PayloadRefusedError,
  devPayloadKeys,
  newPayloadKeySpec,
  parsePayloadKeys,
} from '../../src/temporal/payloadCodec';
import { REFUSED_PAYLOAD, inputRefusal } from '../../src/temporal/refusedInput';
import { bearer } from '../helpers/auth';

const decision = { rationale: 'Jayden was known to services', partnerId: 'durham-police' };
const plain = (): Payload => defaultPayloadConverter.toPayload(decision);
const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString();

const [oldKey] = parsePayloadKeys(newPayloadKeySpec('2026-05'));
const [newKey] = parsePayloadKeys(newPayloadKeySpec('2026-11'));

describe('AesGcmPayloadCodec', () => {
  it('encrypts with the active key, naming it in the metadata, and decrypts back', async () => {
    const codec = new AesGcmPayloadCodec([newKey!, oldKey!]);
    const [sealed] = await codec.encode([plain()]);
    expect(text(sealed!.metadata!.encoding)).toBe('binary/encrypted');
    expect(text(sealed!.metadata!['encryption-key-id'])).toBe('2026-11');
    expect(text(sealed!.data)).not.toContain('Jayden');
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(decision);
  });

  it('uses a fresh nonce, so the same payload never encrypts the same way twice', async () => {
    const codec = new AesGcmPayloadCodec([newKey!]);
    const [a, b] = await codec.encode([plain(), plain()]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('after rotation, still reads payloads written under the old key', async () => {
    const [before] = await new AesGcmPayloadCodec([oldKey!]).encode([plain()]);
    const rotated = new AesGcmPayloadCodec([newKey!, oldKey!]);
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([before!]))[0]!)).toEqual(decision);
    const [after] = await rotated.encode([plain()]);
    expect(text(after!.metadata!['encryption-key-id'])).toBe('2026-11');
  });

  it('refuses a payload whose key was dropped, naming the key id', async () => {
    const [before] = await new AesGcmPayloadCodec([oldKey!]).encode([plain()]);
    await expect(new AesGcmPayloadCodec([newKey!]).decode([before!])).rejects.toThrow(
      'unknown key id "2026-05"',
    );
  });

  it('refuses a tampered payload and one relabelled to another key', async () => {
    const codec = new AesGcmPayloadCodec([newKey!, oldKey!]);
    const [sealed] = await codec.encode([plain()]);
    const flipped = Buffer.from(sealed!.data!);
    flipped[20] = flipped[20]! ^ 1;
    await expect(codec.decode([{ ...sealed!, data: flipped }])).rejects.toThrow();
    const relabelled = {
      ...sealed!,
      metadata: { ...sealed!.metadata, 'encryption-key-id': Buffer.from('2026-05') },
    };
    await expect(codec.decode([relabelled])).rejects.toThrow();
  });

  it('refuses a plaintext payload, such as an update sent around the API with plain JSON input', async () => {
    const codec = new AesGcmPayloadCodec([newKey!]);
    await expect(codec.decode([plain()])).rejects.toThrow(PayloadRefusedError);
    await expect(codec.decode([plain()])).rejects.toThrow('not encrypted');
  });

  it('reads plaintext only with the opt-in for histories recorded before encryption', async () => {
    const codec = new AesGcmPayloadCodec([newKey!], { acceptPlaintext: true });
    const old = plain();
    expect(await codec.decode([old])).toEqual([old]);
  });

  it("lets a search attribute's value through, which the server keeps in the clear", async () => {
    const codec = new AesGcmPayloadCodec([newKey!]);
    const attribute = (type: string, value: unknown): Payload => ({
      metadata: { encoding: Buffer.from('json/plain'), type: Buffer.from(type) },
      data: Buffer.from(JSON.stringify(value)),
    });
    for (const ok of [
      attribute('Keyword', 'durham'),
      attribute('KeywordList', ['a', 'b']),
      attribute('Bool', true),
    ])
      expect(await codec.decode([ok])).toEqual([ok]);
    // An input dressed up as one is not: every input of the product is an object.
    for (const forged of [
      attribute('Keyword', { reason: 'forged', actor: { userId: 'x' } }),
      attribute('Unknown', 'durham'),
      {
        ...attribute('Keyword', 'durham'),
        metadata: { ...attribute('Keyword', 'x').metadata, extra: Buffer.from('1') },
      },
    ])
      await expect(codec.decode([forged])).rejects.toThrow(PayloadRefusedError);
  });
});

describe("the worker's codec", () => {
  const codec = new AesGcmPayloadCodec([newKey!]);
  const workerCodec = forWorker(dataConverterWith(codec)).payloadCodecs![0]!;

  it('decodes what a client of the deployment encrypted', async () => {
    const [opened] = await workerCodec.decode(await codec.encode([plain()]));
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(decision);
  });

  it('turns a refused payload into a refusal marker, not an error that would fail the workflow task', async () => {
    const [foreign] = await new AesGcmPayloadCodec([oldKey!]).encode([plain()]);
    const [sealed] = await codec.encode([plain()]);
    const decoded = await workerCodec.decode([plain(), foreign!, sealed!]);
    const values = decoded.map((p) => defaultPayloadConverter.fromPayload(p));
    expect(values[0]).toEqual({ [REFUSED_PAYLOAD]: 'payload is not encrypted: refused' });
    expect(values[1]).toEqual({ [REFUSED_PAYLOAD]: 'payload encrypted with unknown key id "2026-05"' });
    expect(values[2]).toEqual(decision);
    expect(JSON.stringify(values[0])).not.toContain('Jayden');
  });

  it('lets other errors through: a bug is not a refusal', async () => {
    const broken = forWorker({
      payloadCodecs: [{ encode: async (p) => p, decode: async () => Promise.reject(new Error('bug')) }],
    }).payloadCodecs![0]!;
    await expect(broken.decode([plain()])).rejects.toThrow('bug');
  });
});

describe('which inputs the workflows refuse', () => {
  it('anything but exactly one object, and every refusal marker', () => {
    expect(inputRefusal([{ reason: 'new bank holidays' }])).toBeUndefined();
    expect(inputRefusal([])).toBe('it takes one input, not 0');
    expect(inputRefusal([{}, {}])).toBe('it takes one input, not 2');
    for (const scalar of ['durham', 1, null, ['a']])
      expect(inputRefusal([scalar])).toBe('its input is not an object');
    expect(inputRefusal([{ [REFUSED_PAYLOAD]: 'payload is not encrypted: refused' }])).toBe(
      'payload is not encrypted: refused',
    );
  });
});

describe('payload keys', () => {
  it('are read as id:base64 pairs, the first active', () => {
    const keys = parsePayloadKeys(`${newPayloadKeySpec('b')}, ${newPayloadKeySpec('a')}`);
    expect(keys.map((k) => k.id)).toEqual(['b', 'a']);
    expect(keys.every((k) => k.secret.length === 32)).toBe(true);
  });

  it.each([
    ['', 'no key given'],
    ['nocolon', 'write it as id:base64'],
    ['k1:c2hvcnQ=', 'must be 32 bytes'],
    [`${newPayloadKeySpec('k')},${newPayloadKeySpec('k')}`, 'key id k is listed twice'],
  ])('refuse %j: %s', (spec, message) => {
    expect(() => parsePayloadKeys(spec)).toThrow(PayloadKeyError);
    expect(() => parsePayloadKeys(spec)).toThrow(message);
  });

  it('are required in production, and a bad one names PAYLOAD_KEYS', () => {
    const oidc = {
      AUTH_MODE: 'oidc',
      AUTH_ISSUER: 'https://id.example',
      AUTH_AUDIENCE: 'cases',
      AUTH_JWKS_URL: 'https://id.example/jwks',
    };
    expect(() => loadConfig(oidc)).toThrow(/PAYLOAD_KEYS: required when AUTH_MODE=oidc/);
    expect(() => loadConfig({ PAYLOAD_KEYS: 'k1:short' })).toThrow(ConfigError);
    expect(() => loadConfig({ PAYLOAD_KEYS: 'k1:short' })).toThrow(/PAYLOAD_KEYS: key k1: must be 32 bytes/);
    const keys = { PAYLOAD_KEYS: newPayloadKeySpec('prod-1') };
    // Every API replica must open the page tokens the others seal: production names the secret.
    expect(() => loadConfig({ ...oidc, ...keys })).toThrow(/PAGE_TOKEN_SECRET: required when AUTH_MODE=oidc/);
    const config = loadConfig({ ...oidc, ...keys, PAGE_TOKEN_SECRET: 'x'.repeat(32) });
    expect(config.payloadKeys?.map((k) => k.id)).toEqual(['prod-1']);
    expect(config.api.pageTokenSecret).toBe('x'.repeat(32));
  });

  it('in development are made once under DATA_DIR, private to the user', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-'));
    const first = devPayloadKeys(dir);
    expect(devPayloadKeys(dir)).toEqual(first);
    expect(fs.statSync(path.join(dir, 'keys', 'payload-keys')).mode & 0o777).toBe(0o600);
  });
});

describe('the codec endpoint for the Temporal Web UI', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'codec-'));
  const codec = new AesGcmPayloadCodec([newKey!, oldKey!]);
  const uiOrigin = 'http://127.0.0.1:8233';
  let server: http.Server;
  let url: string;
  let services: AppServices;

  beforeAll(async () => {
    services = {
      health: { temporal: async () => undefined },
      authenticate: bearerAuthentication(await createVerifier({ mode: 'development', dataDir })),
      idempotency: new IdempotencyStore(path.join(dataDir, 'idempotency')),
      metrics: createMetrics({ openCases: async () => [], policies: loadPolicies() }),
      requestLog: pino({ level: 'silent' }),
      rateLimitPerMinute: 1000,
      codec,
      partnerships: ['durham', 'dudley'],
      codecCorsOrigins: [uiOrigin],
      codecEncode: true,
      log: () => undefined,
    } as unknown as AppServices;
    server = createApp(services).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server?.close());

  const asJson = (p: Payload) => ({
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v!).toString('base64')]),
    ),
    data: Buffer.from(p.data ?? []).toString('base64'),
  });
  const call = (route: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${url}/codec/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers },
      body: JSON.stringify(body),
    });

  it('decrypts for a business manager, with a bearer token or the dashboard session cookie', async () => {
    const sealed = await codec.encode([plain()]);
    const manager = await bearer(dataDir, 'business-manager');
    const viaCookie = { cookie: `case_review_session=${manager.authorization!.slice('Bearer '.length)}` };
    for (const credentials of [manager, viaCookie]) {
      const res = await call('decode', { payloads: sealed.map(asJson) }, credentials);
      expect(res.status).toBe(200);
      const { payloads } = (await res.json()) as {
        payloads: { metadata: Record<string, string>; data: string }[];
      };
      expect(Buffer.from(payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('json/plain');
      expect(JSON.parse(Buffer.from(payloads[0]!.data, 'base64').toString())).toEqual(decision);
    }
  });

  it('encrypts what the UI sends, under the active key', async () => {
    const res = await call(
      'encode',
      { payloads: [asJson(plain())] },
      await bearer(dataDir, 'business-manager'),
    );
    expect(res.status).toBe(200);
    const { payloads } = (await res.json()) as { payloads: { metadata: Record<string, string> }[] };
    expect(Buffer.from(payloads[0]!.metadata['encryption-key-id']!, 'base64').toString()).toBe('2026-11');
  });

  it('encrypts nothing unless the deployment asks for it (CODEC_ENCODE)', async () => {
    const readOnly = createApp({ ...services, codecEncode: false }).listen(0, '127.0.0.1');
    await new Promise((r) => readOnly.once('listening', r));
    try {
      const at = `http://127.0.0.1:${(readOnly.address() as AddressInfo).port}/codec`;
      const post = async (route: string) =>
        fetch(`${at}/${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await bearer(dataDir, 'business-manager')) },
          body: JSON.stringify({ payloads: [asJson(plain())] }),
        });
      expect((await post('encode')).status).toBe(404);
      expect((await post('decode')).status).toBe(200);
    } finally {
      readOnly.close();
    }
  });

  it('refuses anyone else: no token 401; another role, or a manager of one partnership of two, 403', async () => {
    const sealed = (await codec.encode([plain()])).map(asJson);
    expect((await call('decode', { payloads: sealed }, {})).status).toBe(401);
    const viewer = await call('decode', { payloads: sealed }, await bearer(dataDir, 'viewer'));
    expect(viewer.status).toBe(403);
    expect(await viewer.text()).not.toContain('Jayden');
    const durhamOnly = await bearer(dataDir, 'business-manager', { partnerships: ['durham'] });
    const partial = await call('decode', { payloads: sealed }, durhamOnly);
    expect(partial.status).toBe(403);
    expect(((await partial.json()) as { detail: string }).detail).toContain('dudley');
  });

  it('names the payload it cannot read, and the field of a malformed body', async () => {
    const manager = await bearer(dataDir, 'business-manager');
    const [foreign] = await new AesGcmPayloadCodec(parsePayloadKeys(newPayloadKeySpec('gone'))).encode([
      plain(),
    ]);
    const [sealed] = await codec.encode([plain()]);
    const unreadable = await call('decode', { payloads: [asJson(sealed!), asJson(foreign!)] }, manager);
    expect(unreadable.status).toBe(422);
    expect(((await unreadable.json()) as { detail: string }).detail).toMatch(
      /^payloads\.1: .*unknown key id "gone"/,
    );
    // What is plaintext already (Temporal's patch markers in a history) comes back as it is.
    const plaintext = await call('decode', { payloads: [asJson(plain())] }, manager);
    expect(plaintext.status).toBe(200);
    expect(((await plaintext.json()) as { payloads: unknown[] }).payloads).toEqual([asJson(plain())]);
    const malformed = await call('decode', { payloads: [{ data: 'not base64!' }] }, manager);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe(
      'payloads.0.data',
    );
  });

  it('answers the browser preflight for the configured Web UI origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${url}/codec/decode`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-namespace',
        },
      });
    const allowed = await preflight(uiOrigin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/X-Namespace/i);
    const other = await preflight('https://elsewhere.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
