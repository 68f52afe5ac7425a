/**
 * The workflow type of each kind of record, as Temporal knows it: the names of the functions
 * `workflows/index.ts` exports. They are in every history and every visibility row, so they
 * never change; clients start and list workflows by these names, not by importing the code.
 */
export const WorkflowTypes = {
  case: 'caseWorkflow',
  /** A case's local CSPR, its child. */
  localReview: 'csprWorkflow',
  complaint: 'complaintWorkflow',
  meeting: 'meetingWorkflow',
  learningAction: 'learningActionWorkflow',
  audit: 'rapidReviewAuditWorkflow',
} as const;

export type WorkflowType = (typeof WorkflowTypes)[keyof typeof WorkflowTypes];
