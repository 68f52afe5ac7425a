/**
 * RFC 9457 problem details: every error the API answers has this shape, names the field at
 * fault where there is one, and never carries internals.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { DomainError, type FieldProblem, type RefusalKind } from '../src/errors';
import { invalidRequest } from '../src/validation';
import { asDomainError } from '../src/client/temporalErrors';

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
    // A Temporal error that escaped its service is read the way the services read them.
    const temporal = asDomainError(err, `nothing at ${req.method} ${req.path}`);
    if (temporal) return sendProblem(res, problemFor(temporal), req.originalUrl);
    log(`unhandled error on ${req.method} ${req.path}`, err);
    sendProblem(
      res,
      new HttpProblem(500, 'Internal server error', 'something went wrong; it has been logged'),
      req.originalUrl,
    );
  };
}
