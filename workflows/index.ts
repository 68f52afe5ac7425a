export { caseWorkflow } from './case';
export { csprWorkflow } from './cspr';
