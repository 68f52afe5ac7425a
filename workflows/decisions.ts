/**
 * A workflow's side of its decision catalogue: one handler per entry, each registered for the
 * entry's Update with a validator that first checks the argument is one the entry takes (the
 * same schema the API checks requests with), then the handler's own rules for the stage.
 */
import { allHandlersFinished, condition, patched, setHandler } from '@temporalio/workflow';
import type { Decision } from '../src/decisions/catalogue';
import { invalidDecision } from './rejections';

/** What a workflow does with one decision: refuse it (by throwing) or take it. */
export interface DecisionHandler<V, A> {
  /** The rules of the record as it stands; runs before the decision is accepted. */
  validate(arg: A): void;
  /** Takes the accepted decision and answers with the record as it leaves it. */
  decide(arg: A): Promise<V> | V;
}

/** A handler for every decision of the catalogue `C`, each typed by its entry's argument. */
export type DecisionHandlers<C> = {
  [K in keyof C]: C[K] extends Decision<infer V, infer A, infer _FV> ? DecisionHandler<V, A> : never;
};

/** Any catalogue, whatever its entries' argument types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCatalogue = Record<string, Decision<any, any, any>>;

/** Registers a handler for each decision of `catalogue`; a missing one does not compile. */
export function registerDecisions<C extends AnyCatalogue>(catalogue: C, handlers: DecisionHandlers<C>): void {
  for (const name of Object.keys(catalogue) as (keyof C & string)[])
    register(catalogue[name]!, handlers[name]);
}

function register<V, A>(decision: Decision<V, A, unknown>, handler: DecisionHandler<V, A>): void {
  setHandler(decision.update, (arg) => handler.decide(arg), {
    validator: (arg) => {
      const [problem] = decision.problems(arg);
      if (problem) throw invalidDecision(`${problem.field}: ${problem.message}`, problem.field);
      handler.validate(arg);
    },
  });
}

/** Patch marker: from here on a record ends only once every decision's handler has answered. */
const HANDLERS_FINISH_FIRST = 'handlers-finish-first';

/**
 * Waits until every decision's handler has answered, so a record never completes under a
 * decision still being answered (its caller would get an error for a decision recorded).
 * Records that ended before this rule replay as they ran.
 */
export async function allDecisionsAnswered(): Promise<void> {
  if (patched(HANDLERS_FINISH_FIRST)) await condition(allHandlersFinished);
}
