/**
 * The codec endpoint for the Temporal Web UI (its "remote codec"): it decrypts payloads so
 * that authorised staff can read a case's history there, and encrypts what the UI sends
 * (signals, queries). The wire format is the UI's: payloads as proto JSON, bytes in base64.
 *
 * Only business managers may use it: decrypted payloads hold a case's decisions and reasons.
 * A payload's partnership is unknown until it is decrypted, so the user must work in every
 * partnership the deployment serves (in the usual one-partnership deployment, their own).
 * The UI calls it from the browser, with the user's bearer token or, where the UI shares the
 * dashboard's site, the dashboard's session cookie; CORS admits the configured UI origins.
 * Encrypting is served only where the deployment asks for it (CODEC_ENCODE): reading a
 * history needs decrypting alone.
 */
import type { Payload } from '@temporalio/common';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { type AesGcmPayloadCodec, isEncryptedPayload } from '../../src/temporal/payloadCodec';
import { type AnyOperation, operation } from '../operations';
import { HttpProblem } from '../problem';

const base64 = z
  .string()
  .max(200_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const jsonPayload = z.object({
  metadata: z.record(z.string().max(256), base64).optional(),
  data: base64.optional(),
});
const payloads = z.object({ payloads: z.array(jsonPayload).max(1000) });
type JsonPayload = z.infer<typeof jsonPayload>;

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
  ),
  data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
});

const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [
      k,
      Buffer.from(v ?? new Uint8Array()).toString('base64'),
    ]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

export function codecEndpoints(
  codec: AesGcmPayloadCodec,
  partnerships: readonly string[],
  options: { encode: boolean },
): AnyOperation[] {
  const route = (name: 'encode' | 'decode', summary: string) =>
    operation({
      method: 'post',
      path: `/codec/${name}`,
      tag: 'codec',
      summary,
      roles: ['business-manager'],
      sessionCookie: true,
      partnership: () => [...partnerships],
      body: payloads,
      ok: { status: 200, description: 'the payloads, in order', schema: payloads },
      errors: [422],
      async handle({ body }) {
        const out: JsonPayload[] = [];
        for (const [i, payload] of body.payloads.entries()) {
          try {
            const given = fromJson(payload);
            // The UI sends every payload of a history, Temporal's own plaintext ones (patch
            // markers) too: those come back as they are. Nothing is decided on what the UI
            // shows; the worker alone refuses plaintext as input.
            const plain = name === 'decode' && !isEncryptedPayload(given);
            out.push(toJson(plain ? given : (await codec[name]([given]))[0]!));
          } catch (err) {
            throw new HttpProblem(422, 'Payload not readable', `payloads.${i}: ${(err as Error).message}`, [
              { field: `payloads.${i}`, message: (err as Error).message },
            ]);
          }
        }
        return { body: { payloads: out } };
      },
    });
  return [
    route('decode', 'Decrypt payloads for the Temporal Web UI'),
    ...(options.encode ? [route('encode', 'Encrypt payloads for the Temporal Web UI')] : []),
  ];
}

/** CORS for the codec routes: the Web UI is served from another origin and calls from the browser. */
export function codecCors(origins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    if (!req.path.startsWith('/codec/')) return next();
    const origin = req.get('origin');
    if (origin && origins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'POST');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}
