/**
 * What the worker makes of a payload its codec refuses (not encrypted with a key it holds):
 * not an error, which would fail the workflow task on every retry and so jam the case for
 * good, but this marker, which the workflow's inbound interceptor (workflows/interceptors.ts)
 * refuses. Shared by the worker and the workflow sandbox, so it imports nothing.
 */
export const REFUSED_PAYLOAD = '$refusedPayload';

/** The failure type of an input the interceptor refuses. */
export const REFUSED_INPUT = 'RefusedInput';

export interface RefusedPayload {
  /** Why the codec refused it. */
  [REFUSED_PAYLOAD]: string;
}

export function isRefusedPayload(value: unknown): value is RefusedPayload {
  return typeof value === 'object' && value !== null && REFUSED_PAYLOAD in value;
}

/**
 * Why an input (a workflow start's, a signal's or an update's arguments) is refused, or
 * undefined if it may be handled. Every input of this product is exactly one object that a
 * client of ours encrypted; anything else came around the API.
 */
export function inputRefusal(args: readonly unknown[]): string | undefined {
  if (args.length !== 1) return `it takes one input, not ${args.length}`;
  const [arg] = args;
  if (isRefusedPayload(arg)) return arg[REFUSED_PAYLOAD];
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return 'its input is not an object';
  return undefined;
}
