/**
 * How a workflow says why it refused an Update: the failure's type. The client turns a
 * decision that does not fit the record's stage into a wrong-stage refusal (409), and one
 * whose content is wrong into a refusal naming the field (422).
 */
export const WRONG_STAGE = 'WrongStage';
export const INVALID_DECISION = 'InvalidDecision';
