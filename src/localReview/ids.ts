/** A case's local CSPR runs as its child under this id: one review per case. */
export function localReviewIdFor(caseId: string): string {
  return `${caseId}-cspr`;
}
