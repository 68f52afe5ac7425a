export { caseWorkflow } from './case/workflow';
export { complaintWorkflow } from './complaint/workflow';
// Registered under the name its histories hold.
export { localReviewWorkflow as csprWorkflow } from './localReview/workflow';
export { meetingWorkflow } from './meeting';
export { rapidReviewAuditWorkflow } from './rapidReviewAudit';
export { learningActionWorkflow } from './learningAction';
