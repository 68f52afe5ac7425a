/**
 * The decisions on a learning action (002, 004): done, with the evidence that shows it, or
 * closed without completion, with the reason.
 */
import { MANAGERS } from '../auth/roles';
import { decisionsOf } from '../decisions/catalogue';
import { date, textarea } from '../decisions/forms';
import { learningActionBodies } from './bodies';
import type { LearningActionView } from './types';

const { decision } = decisionsOf<LearningActionView>();

export const learningActionDecisions = {
  completion: decision({
    route: 'completion',
    update: 'completeAction',
    body: learningActionBodies.completion,
    roles: MANAGERS,
    summary: 'Record the action as done, with its evidence',
    form: {
      title: 'Record the action as done',
      button: 'Record it done',
      stages: ['open', 'overdue'],
      fields: () => [date('doneOn', 'Date done'), textarea('evidence', 'Evidence that it was done')],
    },
  }),
  closure: decision({
    route: 'closure',
    update: 'closeActionWithoutCompletion',
    body: learningActionBodies.closure,
    roles: MANAGERS,
    summary: 'Close the action without completion, with the reason',
    form: {
      title: 'Close the action without completing it',
      button: 'Close the action',
      stages: ['open', 'overdue'],
      fields: () => [date('closedOn', 'Date closed'), textarea('reason', 'Reason')],
    },
  }),
};

/** Agreeing a learning action: who may. */
export const startActionAccess = { roles: MANAGERS, summary: 'Start a learning action' } as const;
