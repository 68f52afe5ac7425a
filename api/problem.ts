/**
 * RFC 9457 problem details: every error the API answers has this shape, names the field at
 * fault where there is one, and never carries internals.
 */
import { isGrpcServiceError } from '@temporalio/client';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { DomainError, type FieldProblem, type RefusalKind } from '../src/errors';
import { invalidRequest } from '../src/validation';

export type { FieldProblem };

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    /** Headers the answer must carry, e.g. Allow on a 405 or WWW-Authenticate on a 401. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/** How each kind of refusal from the domain is answered over HTTP. */
const STATUS_OF: Record<RefusalKind, number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  exists: 409,
  'wrong-stage': 409,
  refused: 422,
  unavailable: 503,
};

/** A domain refusal as the problem the API answers with. */
export function problemFor(err: DomainError): HttpProblem {
  return new HttpProblem(
    STATUS_OF[err.kind],
    err.title,
    err.detail,
    err.fields,
    err.retryAfterSeconds !== undefined ? { 'Retry-After': String(err.retryAfterSeconds) } : {},
  );
}

/** The problem an error stands for, if it is one the API answers as it is (not a 500). */
export function asProblem(err: unknown): HttpProblem | undefined {
  if (err instanceof HttpProblem) return err;
  if (err instanceof DomainError) return problemFor(err);
  return undefined;
}

/** A refusal of the client's own making (4xx): shown on the form that sent it, kept for its key. */
export function clientProblem(err: unknown): HttpProblem | undefined {
  const problem = asProblem(err);
  return problem && problem.status < 500 ? problem : undefined;
}

/** A body or query that fails its schema: 400, each field named. */
export function badRequest(error: z.ZodError): HttpProblem {
  return problemFor(invalidRequest(error));
}

export function sendProblem(res: Response, problem: HttpProblem, instance?: string): void {
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({
      type: 'about:blank',
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      ...(instance && { instance }),
      ...(problem.errors.length > 0 && { errors: problem.errors }),
    });
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(
    res,
    new HttpProblem(404, 'Not found', `nothing at ${req.method} ${req.path}`),
    req.originalUrl,
  );
};

/** Last middleware: known problems as they are; body-parser failures as 4xx; anything else a 500. */
export function errorHandler(log: (message: string, err: unknown) => void): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const known = asProblem(err);
    if (known) return sendProblem(res, known, req.originalUrl);
    const status =
      typeof err?.status === 'number'
        ? err.status
        : typeof err?.statusCode === 'number'
          ? err.statusCode
          : 500;
    if (status >= 400 && status < 500) {
      const detail =
        err?.type === 'entity.parse.failed'
          ? 'the body is not valid JSON'
          : String(err?.message ?? 'bad request');
      return sendProblem(
        res,
        new HttpProblem(status, 'The request could not be read', detail),
        req.originalUrl,
      );
    }
    if (temporalUnreachable(err)) {
      return sendProblem(
        res,
        new HttpProblem(503, 'Service unavailable', 'Temporal is not reachable; try again shortly', [], {
          'Retry-After': '10',
        }),
        req.originalUrl,
      );
    }
    log(`unhandled error on ${req.method} ${req.path}`, err);
    sendProblem(
      res,
      new HttpProblem(500, 'Internal server error', 'something went wrong; it has been logged'),
      req.originalUrl,
    );
  };
}

const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/** gRPC UNAVAILABLE or DEADLINE_EXCEEDED anywhere in the error's causes: Temporal is down. */
function temporalUnreachable(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    depth += 1
  ) {
    if (isGrpcServiceError(e) && (e.code === GRPC_UNAVAILABLE || e.code === GRPC_DEADLINE_EXCEEDED))
      return true;
    e = e.cause as typeof e;
  }
  return false;
}
