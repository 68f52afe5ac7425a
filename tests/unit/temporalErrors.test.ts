/**
 * How the API reads Temporal's errors: what a client is told while a part is down, and a
 * record of another kind told apart from a fault of ours.
 */
import { QueryNotRegisteredError, ServiceError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors';
import { asDomainError, wentUnanswered } from '../../src/client/temporalErrors';

/** A gRPC status error as grpc-js raises it, wrapped as the SDK wraps it. */
function grpc(code: number, details: string): ServiceError {
  const status = Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
  return new ServiceError('Failed to query Workflow', { cause: status });
}

const read = (err: unknown) => {
  const known = asDomainError(err, 'no case X');
  return known && { kind: known.kind, retryAfter: known.retryAfterSeconds };
};

describe('Temporal errors as the API answers them', () => {
  it('reads a call cut off at its deadline, however gRPC words it, as unavailable', () => {
    // A query sent just after the worker died is cut off at the deadline as CANCELLED at times.
    for (const code of [1, 4]) {
      expect(wentUnanswered(grpc(code, 'Call cancelled'))).toBe(true);
      expect(read(grpc(code, 'Call cancelled'))).toEqual({ kind: 'unavailable', retryAfter: 5 });
    }
    expect(read(grpc(14, 'No connection established'))).toEqual({ kind: 'unavailable', retryAfter: 5 });
    expect(wentUnanswered(grpc(14, 'No connection established'))).toBe(false);
  });

  it('reads no worker polling as unavailable for longer, and other refusals as nothing it knows', () => {
    const noPoller = grpc(9, 'No poller seen for task queue recently, worker may be down.');
    expect(read(noPoller)).toEqual({ kind: 'unavailable', retryAfter: 10 });
    expect(read(grpc(9, 'Workflow task is not scheduled yet.'))).toBeUndefined();
    expect(read(grpc(13, 'internal error'))).toBeUndefined();
  });

  it('reads a missing record, or one without the query, as not found, and a query that threw as a fault', () => {
    expect(read(grpc(5, 'workflow not found'))).toMatchObject({ kind: 'not-found' });
    const otherKind = new QueryNotRegisteredError(
      'Workflow did not register a handler for caseView. Registered queries: [actionView]',
      3,
    );
    expect(read(otherKind)).toMatchObject({ kind: 'not-found' });
    const threw = new QueryNotRegisteredError("Cannot read properties of undefined (reading 'due')", 3);
    expect(read(threw)).toBeUndefined();
  });

  it('passes a domain refusal through as it is', () => {
    const refusal = new DomainError('refused', 'Refused', 'no');
    expect(asDomainError(refusal, 'no case X')).toBe(refusal);
  });
});
