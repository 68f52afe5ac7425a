/**
 * One log line per request, from pino-http, holding only what operations need: method, the
 * route pattern and path, status, time, and the staff user. Never a body, a query string, a
 * header (so never a token), nor anything typed about a child or family.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    serializers: {
      req: (req: IncomingMessage & { raw?: Request }) => {
        const raw = (req.raw ?? req) as Request;
        return { method: raw.method, path: (raw.originalUrl ?? raw.url ?? '').split('?')[0] };
      },
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: (err: Error) => ({ type: err.name }),
    },
    customProps: (req) => {
      const route = (req as Request).route?.path as string | undefined;
      return route ? { route } : {};
    },
    customSuccessObject: (_req, res, value) => ({ ...value, ...(!res.writableEnded && { abandoned: true }) }),
    // A client that gave up before the answer was written is not told it was answered.
    customSuccessMessage: (_req, res) =>
      res.writableEnded ? `answered ${res.statusCode}` : 'abandoned: the client went away before the answer',
    customErrorMessage: (_req, res) => `failed ${res.statusCode}`,
  });
}
