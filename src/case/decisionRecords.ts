/**
 * How a case's record keeps the partners' votes, a tie's resolution and the family told:
 * each with the date it was decided, when it was recorded and by whom. Types only.
 */
import type { Actor } from '../auth/roles';
import type { IsoDate } from '../calendar/civilDate';
import type { ReviewOutcome } from './values';

/** A vote as the record keeps it: when it was cast, when recorded and by whom. */
export interface RecordedVote {
  partnerId: string;
  vote: ReviewOutcome;
  rationale: string;
  /** The day the partner voted (absent in votes recorded before it was kept). */
  votedOn?: IsoDate;
  /** When it was recorded. */
  at: string;
  actor: Actor;
  /** Cast for the partner by a nominated party: whose written authority, and its date (000 §12.31). */
  proxy?: { authorisedBy: string; authorisedOn: IsoDate };
  /** The partner's earlier votes, oldest first, when it changed its vote before the outcome was settled. */
  changedFrom?: Omit<RecordedVote, 'changedFrom'>[];
}

/** A tie and how it stands: open for the independent chair, escalated, or resolved. */
export interface TieView {
  /** The day the vote became tied (the last vote's date). */
  since: IsoDate;
  escalation?: { decidedOn: IsoDate; escalatedTo: string; rationale: string; at: string; actor: Actor };
  resolution?: {
    decidedOn: IsoDate;
    outcome: ReviewOutcome;
    rationale: string;
    decidedBy?: string;
    at: string;
    actor: Actor;
  };
  /** Settled by a partner changing its vote before the chair resolved it. */
  settledByVotes?: boolean;
}

/** When the child and family were told the decision, how, and by whom. */
export interface FamilyToldView {
  key: 'familyTold' | 'familyToldAgain';
  toldOn: IsoDate;
  how: string;
  toldBy: string;
  at: string;
  actor: Actor;
}
