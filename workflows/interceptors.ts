/**
 * The workflows' inbound guard: a start, signal or update whose input did not come from a
 * client of this deployment (see src/temporal/refusedInput.ts) is refused without touching
 * the case. An update is rejected before it is accepted, so it leaves nothing in the history;
 * a signal, already in the history, is ignored, the same way on every replay; a start fails
 * the new run. None of them fails the workflow task, which would retry forever and stop the
 * case's clocks.
 */
import {
  ApplicationFailure,
  log,
  type Next,
  type SignalInput,
  type UpdateInput,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptorsFactory,
} from '@temporalio/workflow';
import { inputRefusal, REFUSED_INPUT } from '../src/temporal/refusedInput';

const refused = (what: string, why: string) =>
  ApplicationFailure.create({ type: REFUSED_INPUT, nonRetryable: true, message: `${what} refused: ${why}` });

// No method is async: an extra await on the way through would reorder the commands of
// existing cases (their timers against their update completions) and break their replay.
class RefuseForeignInput implements WorkflowInboundCallsInterceptor {
  execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>) {
    const why = inputRefusal(input.args);
    return why ? Promise.reject(refused('workflow start', why)) : next(input);
  }

  handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>) {
    const why = inputRefusal(input.args);
    if (!why) return next(input);
    log.warn('signal refused', { signal: input.signalName, reason: why });
    return Promise.resolve();
  }

  validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>) {
    const why = inputRefusal(input.args);
    if (why) throw refused(`update ${input.name}`, why);
    next(input);
  }

  // For an update without a validator, and for one accepted before its key was dropped.
  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>) {
    const why = inputRefusal(input.args);
    return why ? Promise.reject(refused(`update ${input.name}`, why)) : next(input);
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ inbound: [new RefuseForeignInput()] });
