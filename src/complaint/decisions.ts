/**
 * The decisions on a complaint (000 §13): the action confirmed within 5 working days of
 * receipt, the outcome (or a timescale for further action) within 20, an appeal to the
 * independent chair answered within 10, or a closure when there is no appeal.
 */
import { CHAIRS, MANAGERS } from '../auth/roles';
import { decisionsOf } from '../decisions/catalogue';
import { complaintBodies } from './bodies';
import type { ComplaintView } from './types';

const { decision } = decisionsOf<ComplaintView>();

export const complaintDecisions = {
  action: decision({
    route: 'action',
    update: 'confirmAction',
    body: complaintBodies.action,
    roles: MANAGERS,
    summary: 'Record the action confirmed',
  }),
  outcome: decision({
    route: 'outcome',
    update: 'recordComplaintOutcome',
    body: complaintBodies.outcome,
    roles: MANAGERS,
    summary: 'Record the outcome or a timescale',
  }),
  appeal: decision({
    route: 'appeal',
    update: 'recordAppeal',
    body: complaintBodies.appeal,
    roles: MANAGERS,
    summary: 'Record an appeal',
  }),
  appealAnswer: decision({
    route: 'appeal-answer',
    update: 'answerAppeal',
    body: complaintBodies.appealAnswer,
    roles: CHAIRS,
    summary: 'Answer an appeal',
  }),
  closure: decision({
    route: 'closure',
    update: 'closeComplaint',
    body: complaintBodies.closure,
    roles: MANAGERS,
    summary: 'Close the complaint',
  }),
};

/** Starting a complaint: who may. */
export const startComplaintAccess = { roles: MANAGERS, summary: 'Start a complaint' } as const;
