/**
 * How a partnership's deciding body reaches its decision whether to review, as its pack
 * states it: who votes, how many carry it, whether the majority needs the Chair's consent,
 * who may cast a vote for a partner, and what makes the deciding meeting quorate (Derby and
 * Derbyshire's subgroup rules, 000 §11.2 and §12.28–12.34; Durham's "2 of the 3", 003).
 * Pure: the workflow's validators and its tally ask these, the pack's clauses in hand.
 */
import type { PolicyPack } from '../policy/schema';
import type { Tally } from './partnersDecision';
import { ChairConsents, MeetingChairs, type ReviewOutcome } from './values';

export interface VotingRule {
  decidedBy: string;
  voters: PolicyPack['reviewDecision']['voters'];
  chairConsent: { required: boolean; chair: string; source: string };
  proxies: { allowed: boolean; source: string };
  quorum: Quorum | null;
  /** The relevant agencies (beyond the statutory partners) that may be represented, and vote where they do. */
  agencies: { id: string; name: string }[];
}

/** The rule a case's decision runs by, as its view shows it. */
export interface VotingRuleView {
  decidedBy: string;
  voters: VotingRule['voters'];
  chairConsentRequired: boolean;
  chair: string;
  proxiesAllowed: boolean;
  meetingRequired: boolean;
  /** The quorum's requirements and their clauses, where the pack states one. */
  quorum?: string;
}

type Quorum = Omit<NonNullable<PolicyPack['reviewDecision']['quorum']>, 'sources'> & { source: string };

/** What a meeting's attendance record says, as the quorum reads it. */
export interface Attendance {
  represented: readonly string[];
  members: number;
  chairedBy: (typeof MeetingChairs)[keyof typeof MeetingChairs];
}

/** A rule's clauses in one line, as a refusal names them. */
const cited = (sources: readonly string[]) => sources.join('; ');

export function votingRuleFrom(pack: PolicyPack): VotingRule {
  const { reviewDecision: d } = pack;
  return {
    decidedBy: d.decidedBy,
    voters: d.voters,
    chairConsent: {
      required: d.chairConsent.required,
      chair: d.chairConsent.chair,
      source: cited(d.chairConsent.sources),
    },
    proxies: { allowed: d.proxies.allowed, source: cited(d.proxies.sources) },
    quorum: d.quorum && {
      allStatutoryPartners: d.quorum.allStatutoryPartners,
      moreThanHalfOfAgencies: d.quorum.moreThanHalfOfAgencies,
      agencies: [...d.quorum.agencies],
      minMembers: d.quorum.minMembers,
      minAgencies: d.quorum.minAgencies,
      chairOrViceChair: d.quorum.chairOrViceChair,
      source: cited(d.quorum.sources),
    },
    agencies: pack.agencies.map((a) => ({ id: a.id, name: a.name })),
  };
}

/** Votes wait for a meeting's attendance where the rule has a quorum, or the voters are those present. */
export const meetingRequired = (rule: VotingRule): boolean =>
  rule.quorum !== null || rule.voters === 'statutory-partners-and-agencies-present';

/**
 * Why a meeting with this attendance is not quorate, naming each requirement it falls short
 * of and the clause it comes from; undefined when it is quorate (or the rule states none).
 */
export function quorumShortfall(
  rule: VotingRule,
  partners: readonly { id: string; name: string }[],
  attendance: Attendance,
): string | undefined {
  const { quorum } = rule;
  if (!quorum) return undefined;
  const present = new Set(attendance.represented);
  const short: string[] = [];
  if (quorum.allStatutoryPartners) {
    const absent = partners.filter((p) => !present.has(p.id)).map((p) => p.name);
    if (absent.length > 0) short.push(`every statutory partner represented (not: ${absent.join(', ')})`);
  }
  if (quorum.moreThanHalfOfAgencies && quorum.agencies.length > 0) {
    const there = quorum.agencies.filter((id) => present.has(id)).length;
    const needed = Math.floor(quorum.agencies.length / 2) + 1;
    if (there < needed)
      short.push(
        `more than half of the ${quorum.agencies.length} relevant agencies on its terms of reference (${needed}; ${there} represented)`,
      );
  }
  if (attendance.members < quorum.minMembers)
    short.push(`${quorum.minMembers} members (${attendance.members} present)`);
  if (present.size < quorum.minAgencies)
    short.push(`${quorum.minAgencies} separate agencies (${present.size} represented)`);
  if (quorum.chairOrViceChair && attendance.chairedBy === MeetingChairs.other)
    short.push('the chair or vice chair present');
  if (short.length === 0) return undefined;
  return `the meeting was not quorate: it needs ${short.join('; ')} (${quorum.source})`;
}

/**
 * Who votes at a meeting with this attendance: each statutory partner (000 §12.29), and
 * where the rule says so each relevant agency represented there (§12.30).
 */
export function votersAt(
  rule: VotingRule | undefined,
  partners: readonly { id: string; name: string }[],
  attendance: Attendance | undefined,
): { id: string; name: string }[] {
  if (rule?.voters !== 'statutory-partners-and-agencies-present' || !attendance) return [...partners];
  const present = new Set(attendance.represented);
  return [...partners, ...rule.agencies.filter((a) => present.has(a.id))];
}

/** Votes that carry an outcome: the pack's number for the partners alone, else a majority of those voting there. */
export function votesNeededFor(rule: VotingRule | undefined, votesNeeded: number, voters: number): number {
  if (rule?.voters !== 'statutory-partners-and-agencies-present' || voters <= 0) return votesNeeded;
  return Math.floor(voters / 2) + 1;
}

/** The Chair's answer on an outcome, as the record keeps it. */
export interface ConsentAnswer {
  outcome: ReviewOutcome;
  consent: (typeof ChairConsents)[keyof typeof ChairConsents];
  decidedOn: string;
}

export type ConsentedTally =
  (Tally & { consentedOn?: string }) | { status: 'awaiting-consent'; outcome: ReviewOutcome };

/**
 * A majority that must include the Chair's consent (000 §12.34) carries only once the Chair
 * consents to its outcome; a consent withheld from it is a deadlock, which the Chair's step
 * then takes up. A consent on another outcome says nothing of this majority. A majority
 * consented to carries the date of the consent, since it is decided no earlier.
 */
export function withChairConsent(
  tally: Tally,
  required: boolean,
  consents: readonly ConsentAnswer[],
): ConsentedTally {
  if (!required || tally.status !== 'decided') return tally;
  const answer = consents.filter((c) => c.outcome === tally.outcome).at(-1);
  if (!answer) return { status: 'awaiting-consent', outcome: tally.outcome };
  if (answer.consent === ChairConsents.given) return { ...tally, consentedOn: answer.decidedOn };
  return { status: 'tied', counts: { [tally.outcome]: tally.votesFor } };
}

/**
 * The rule as a case's view shows it, so its forms and readers know what the decision needs;
 * `decidesAtMeeting` is the case's own answer (a Virtual Panel decides without one).
 */
export function votingRuleView(rule: VotingRule, decidesAtMeeting: boolean): VotingRuleView {
  return {
    decidedBy: rule.decidedBy,
    voters: rule.voters,
    chairConsentRequired: rule.chairConsent.required,
    chair: rule.chairConsent.chair,
    proxiesAllowed: rule.proxies.allowed,
    meetingRequired: decidesAtMeeting,
    ...(rule.quorum && { quorum: rule.quorum.source }),
  };
}
