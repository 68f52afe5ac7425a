/**
 * Why an Update was refused. The failure type tells the API which status to answer:
 * a decision that does not fit the case's current stage is a conflict (409); one whose
 * content is wrong is unprocessable (422).
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { INVALID_DECISION, WRONG_STAGE } from '../src/decisions/refusals';

export function wrongStage(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, WRONG_STAGE);
}

export function invalidDecision(message: string, field?: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, INVALID_DECISION, ...(field ? [{ field }] : []));
}
