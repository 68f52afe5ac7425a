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

/** A vote as the tally's companions read it: its outcome, the day it was cast, its reasons. */
export interface DatedVote {
  vote: ReviewOutcome;
  votedOn: string;
  rationale: string;
}

/**
 * The day an outcome was decided: the day its `votesNeeded`-th vote was cast, counting the
 * votes for it in the order they were cast (not typed). Entering votes late moves no clock.
 */
export function decidedOnOf(
  votes: readonly DatedVote[],
  outcome: ReviewOutcome,
  votesNeeded: number,
): string {
  const days = votes
    .filter((v) => v.vote === outcome)
    .map((v) => v.votedOn)
    .sort();
  return days[Math.min(votesNeeded, days.length) - 1]!;
}

/** The rationale of an outcome, in the partners' own words: each vote for it, in the order cast. */
export function rationaleOf(votes: readonly DatedVote[], outcome: ReviewOutcome): string {
  return [...votes]
    .filter((v) => v.vote === outcome)
    .sort((a, b) => a.votedOn.localeCompare(b.votedOn))
    .map((v) => v.rationale)
    .join(' / ');
}
