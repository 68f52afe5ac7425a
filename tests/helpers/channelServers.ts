/**
 * Real servers on loopback for the delivery channels: an SMTP server that keeps what it
 * receives (and can hold a message, to kill a sender mid-send, be slow to take it, or
 * refuse it), a stand-in that speaks the GOV.UK Notify API, and a webhook receiver that
 * checks signatures and drops repeats.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { SMTPServer } from 'smtp-server';
import { verifySignature } from '../../src/notify/channels/webhook';

export interface Running {
  url: string;
  close(): Promise<void>;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface Mail {
  messageId: string;
  to: string;
  raw: string;
}

/**
 * An SMTP server; while `hold` is set, each message is kept unanswered until released; with
 * `dataDelayMs`, the reply to each message's final dot (DATA termination) comes that late;
 * with `refuse`, each message is answered with that code (after it was received, and not
 * kept). `down()` stops listening (senders get "connection refused"); `up()` listens again
 * on the same port, as a mail server back from an outage. `copies(id)` counts the messages
 * taken with that Message-ID.
 */
export async function smtpCapture() {
  const received: Mail[] = [];
  const held: (() => void)[] = [];
  const state: { hold: boolean; dataDelayMs: number; refuse: number | undefined; refused: number } = {
    hold: false,
    dataDelayMs: 0,
    refuse: undefined,
    refused: 0,
  };
  const listening = (port: number) => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, done) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c));
        stream.on('end', () => {
          if (state.refuse !== undefined) {
            state.refused += 1;
            const err = Object.assign(new Error('refused by the test'), { responseCode: state.refuse });
            return done(err);
          }
          // Taken now: a sender that gives up waiting for the reply has sent it all the same.
          received.push({
            messageId: raw.match(/^Message-ID:\s*(\S+)/im)?.[1] ?? '',
            to: session.envelope.rcptTo.map((r) => r.address).join(','),
            raw,
          });
          if (state.hold) held.push(() => done());
          else setTimeout(() => done(), state.dataDelayMs);
        });
      },
    });
    return new Promise<SMTPServer>((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
  };
  let server: SMTPServer | undefined = await listening(0);
  const { port } = server.server.address() as AddressInfo;
  const close = async () => {
    const s = server;
    server = undefined;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    state,
    release: () => held.splice(0).forEach((answer) => answer()),
    copies: (messageId: string) => received.filter((m) => m.messageId === messageId).length,
    down: close,
    up: async () => {
      server ??= await listening(port);
    },
    close,
  };
}

/** A server that takes connections and never says a word: an SMTP server that does not greet. */
export async function silentServer() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => r());
      }),
  };
}

export interface NotifyEmail {
  email_address: string;
  template_id: string;
  reference: string;
  personalisation: Record<string, string>;
}

/** The GOV.UK Notify API, as far as e-mail goes: HS256 JWT, send, and look up by reference. */
export async function notifyStandIn() {
  const serviceId = randomUUID();
  const secret = randomUUID();
  const templateId = randomUUID();
  const sent: NotifyEmail[] = [];
  /** While `down`, every call is answered 500 as Notify does in an outage, and counted. */
  const state = { down: false, refused: 0 };
  const server = http.createServer(async (req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (state.down) {
      state.refused += 1;
      return reply(500, { errors: [{ error: 'Exception', message: 'Internal server error' }] });
    }
    try {
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      const { payload } = await jwtVerify(token, new TextEncoder().encode(secret));
      if (payload.iss !== serviceId)
        return reply(403, { errors: [{ error: 'AuthError', message: 'service not found' }] });
    } catch {
      return reply(403, { errors: [{ error: 'AuthError', message: 'Invalid token' }] });
    }
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/v2/notifications') {
      const reference = url.searchParams.get('reference');
      return reply(200, { notifications: sent.filter((n) => n.reference === reference), links: {} });
    }
    if (req.method === 'POST' && url.pathname === '/v2/notifications/email') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const body = JSON.parse(raw) as NotifyEmail;
      if (body.template_id !== templateId) {
        return reply(400, { errors: [{ error: 'BadRequestError', message: 'Template not found' }] });
      }
      sent.push(body);
      return reply(201, {
        id: randomUUID(),
        reference: body.reference,
        content: {
          subject: body.personalisation.subject,
          body: body.personalisation.body,
          from_email: 'x@notify',
        },
        uri: '',
        template: { id: templateId, version: 1, uri: '' },
      });
    }
    reply(404, { errors: [{ error: 'NotFound' }] });
  });
  const url = await listen(server);
  return {
    url,
    apiKey: `test_key-${serviceId}-${secret}`,
    templateId,
    sent,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A webhook receiver: checks the signature (401 if wrong), keeps the first of each key. */
export async function webhookReceiver(secret: string) {
  const accepted = new Map<string, Record<string, unknown>>();
  const state = { posts: 0, answer: 200 };
  const server = http.createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    state.posts += 1;
    if (!verifySignature(secret, req.headers['x-signature'] as string | undefined, raw)) {
      res.writeHead(401).end();
      return;
    }
    const key = req.headers['idempotency-key'] as string;
    if (!accepted.has(key)) accepted.set(key, JSON.parse(raw) as Record<string, unknown>);
    res.writeHead(state.answer).end();
  });
  const base = await listen(server);
  return {
    url: `${base}/notices`,
    accepted,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
