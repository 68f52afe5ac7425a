/**
 * The checks a local review makes by its partnership's rules (src/localReview/localReviewPolicy):
 * how many drafts and rounds of comments before sign-off (004 §12.6), whether the reviewer must
 * be independent (002 L399), and whether a communication strategy comes first (004 §12.6).
 */
import type { LocalReviewRules } from '../../src/localReview/localReviewPolicy';
import type { CommentRound, DraftReceived, ReviewerCommission } from '../../src/localReview/types';
import { Drafts } from '../../src/localReview/values';
import { invalidDecision, wrongStage } from '../rejections';

export function checkReviewer(rules: LocalReviewRules, commission: ReviewerCommission): void {
  if (rules.reviewerIndependenceRequired && !commission.independent)
    throw invalidDecision("this partnership's local reviews are by an independent reviewer", 'independent');
}

export function checkDraft(
  rules: LocalReviewRules,
  drafts: readonly DraftReceived[],
  draft: DraftReceived,
): void {
  const first = drafts.some((d) => d.draft === Drafts.first);
  if (draft.draft === Drafts.first) {
    if (first) throw wrongStage('the first draft has already been recorded');
    return;
  }
  if (!first) throw wrongStage('the first draft must be recorded before a further draft');
  const allowed = rules.drafting.furtherDrafts;
  const further = drafts.filter((d) => d.draft === Drafts.further).length;
  if (allowed !== null && further >= allowed)
    throw wrongStage(
      allowed === 1
        ? 'there is one further draft opportunity before sign-off, already used'
        : `there are ${allowed} further drafts before sign-off, all used`,
    );
}

/** A round of comments is on the latest draft, once, within the pack's number of rounds. */
export function checkComments(
  rules: LocalReviewRules,
  drafts: readonly DraftReceived[],
  comments: readonly CommentRound[],
): void {
  if (drafts.length === 0) throw wrongStage('there is no draft to comment on yet');
  const { commentRounds, commentsBy } = rules.drafting;
  if (commentRounds !== null && comments.length >= commentRounds)
    throw wrongStage(
      `${commentsBy} ${commentRounds === 1 ? 'comments once' : `has ${commentRounds} rounds of comments`} before sign-off (${ordinal(comments.length)} already recorded): the next step is the sign-off`,
    );
  if (comments.some((c) => c.onDraft === drafts.length))
    throw wrongStage(
      'the comments on the latest draft are already recorded: a further round is on a further draft',
    );
}

/** A publication decision waits for the communication strategy where the partnership asks for one. */
export function checkStrategyFirst(
  rules: LocalReviewRules,
  signedOffOn: string | undefined,
  what: string,
): void {
  if (rules.communicationStrategyRequired && !signedOffOn)
    throw wrongStage(`the communication strategy must be signed off before ${what}`);
}

function ordinal(n: number): string {
  return n === 1 ? 'one' : String(n);
}
