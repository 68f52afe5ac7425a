/**
 * One reading of what Temporal's errors mean for a request, so every service answers the
 * same way: Temporal not answering (down, or past the call's deadline) and no worker polling
 * are "unavailable, try again"; a record that is not there, or is another kind of record, is
 * "not found". Anything else is a fault of ours and is left to surface as one.
 */
import { isGrpcServiceError, QueryNotRegisteredError, WorkflowNotFoundError } from '@temporalio/client';
import { DomainError, notFound } from '../errors';

/** gRPC status codes Temporal answers with. */
const GRPC = {
  cancelled: 1,
  deadlineExceeded: 4,
  notFound: 5,
  failedPrecondition: 9,
  unavailable: 14,
} as const;

/** The server answers a query or an update no worker can take with FAILED_PRECONDITION saying so. */
const NO_WORKER = /no poller|no worker/i;

/** How the workflow answers a query it has no handler for. */
const NO_HANDLER = /did not register a handler/;

export const temporalUnavailable = () =>
  new DomainError(
    'unavailable',
    'Service unavailable',
    'Temporal is not answering; try again shortly',
    [],
    5,
  );

export const workerUnavailable = () =>
  new DomainError(
    'unavailable',
    'Service unavailable',
    'no worker is taking the case workflows just now; try again shortly',
    [],
    10,
  );

/** The worker refused what the API sent as not sealed with a key it holds: a deployment's keys out of step. */
export const workerCannotRead = () =>
  new DomainError(
    'unavailable',
    'Service unavailable',
    'the worker could not read the request (the API and the worker hold different payload keys); try again shortly',
    [],
    30,
  );

/** The gRPC error `err` is, or the first one it was caused by. */
function grpcErrorIn(err: unknown) {
  for (let e = err as { cause?: unknown } | undefined, depth = 0; e && depth < 6; depth += 1) {
    if (isGrpcServiceError(e)) return e;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** The gRPC status of `err` or of any error it was caused by. */
export const grpcCode = (err: unknown): number | undefined => grpcErrorIn(err)?.code;

function grpcDetails(err: unknown): string {
  const e = grpcErrorIn(err);
  return e ? String(e.details ?? e.message) : '';
}

/** `err` as a domain refusal, if Temporal's answer means one; otherwise undefined. */
export function asDomainError(err: unknown, missing: string): DomainError | undefined {
  if (err instanceof DomainError) return err;
  if (err instanceof WorkflowNotFoundError) return notFound(missing);
  // The SDK calls every query a workflow failed "not registered": only one that has no handler
  // is an id of another kind of record (a case's id under /api/actions); a handler that threw
  // is a fault of ours, and the record is there.
  if (err instanceof QueryNotRegisteredError)
    return NO_HANDLER.test(err.message) ? notFound(missing) : undefined;
  const code = grpcCode(err);
  if (code === GRPC.unavailable || wentUnanswered(err)) return temporalUnavailable();
  if (code === GRPC.failedPrecondition && NO_WORKER.test(grpcDetails(err))) return workerUnavailable();
  if (code === GRPC.notFound) return notFound(missing);
  return undefined;
}

/**
 * Whether the call ran out of its deadline (rather than being refused or failing). gRPC says
 * so as DEADLINE_EXCEEDED, and at times as CANCELLED (a query sent just after the worker
 * died, about one in three); nothing here cancels a call otherwise.
 */
export const wentUnanswered = (err: unknown) => {
  const code = grpcCode(err);
  return code === GRPC.deadlineExceeded || code === GRPC.cancelled;
};
