/**
 * Why the domain refused a request, in its own words: the services and the CLI throw these,
 * and the API alone decides how each kind is answered over HTTP (api/problem.ts).
 */
export type RefusalKind =
  /** The request is malformed: a field fails its schema, or a page token was not ours. */
  | 'invalid'
  /** The user may not do this (role, partnership, or whom they act for). */
  | 'forbidden'
  | 'not-found'
  /** The record already exists. */
  | 'exists'
  /** The decision does not fit the record's stage. */
  | 'wrong-stage'
  /** Well-formed, but the rules refuse it. */
  | 'refused'
  /** A part the service depends on (Temporal, a worker) is not answering now. */
  | 'unavailable';

export interface FieldProblem {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly title: string,
    readonly detail: string,
    readonly fields: FieldProblem[] = [],
    /** For `unavailable`: when trying again is worth it. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export const notFound = (detail: string) => new DomainError('not-found', 'Not found', detail);

/** Refused by a rule, naming the field to change. */
export const refused = (title: string, detail: string, field?: string, message = detail) =>
  new DomainError('refused', title, detail, field ? [{ field, message }] : []);

export const wrongStage = (detail: string) => new DomainError('wrong-stage', 'Not at this stage', detail);

export const forbidden = (detail: string) => new DomainError('forbidden', 'Not allowed', detail);
