export { caseWorkflow } from './case';
export { complaintWorkflow } from './complaint';
export { csprWorkflow } from './cspr';
export { meetingWorkflow } from './meeting';
export { rapidReviewAuditWorkflow } from './rapidReviewAudit';
export { learningActionWorkflow } from './learningAction';
