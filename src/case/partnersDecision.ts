/**
 * The partners' decision whether to review (003: "a majority decision will be accepted
 * (i.e. 2 of the 3 partners in agreement)"). Pure: the workflow asks it after each vote.
 * Missing votes and ties are reported as such; the outcome is never guessed.
 */
import { REVIEW_OUTCOMES, type ReviewOutcome } from './values';

export type Tally =
  | { status: 'decided'; outcome: ReviewOutcome; votesFor: number }
  | { status: 'awaiting'; awaiting: string[] }
  | { status: 'tied'; counts: Partial<Record<ReviewOutcome, number>> };

export function tallyVotes(
  partnerIds: readonly string[],
  votes: readonly { partnerId: string; vote: ReviewOutcome }[],
  votesNeeded: number,
): Tally {
  const counts: Partial<Record<ReviewOutcome, number>> = {};
  for (const v of votes) counts[v.vote] = (counts[v.vote] ?? 0) + 1;
  const carried = (Object.entries(counts) as [ReviewOutcome, number][]).find(([, n]) => n >= votesNeeded);
  if (carried) return { status: 'decided', outcome: carried[0], votesFor: carried[1] };
  const voted = new Set(votes.map((v) => v.partnerId));
  const awaiting = partnerIds.filter((id) => !voted.has(id));
  const stillPossible = REVIEW_OUTCOMES.some((o) => (counts[o] ?? 0) + awaiting.length >= votesNeeded);
  return stillPossible ? { status: 'awaiting', awaiting } : { status: 'tied', counts };
}
