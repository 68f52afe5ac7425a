/**
 * Who may cast a vote, for whom, when and on whose authority, where the pack states the
 * deciding body's rule: the partner's representative, or a nominated party with the partner's
 * written authority where the pack allows proxies (000 §12.31); never an officer in their own
 * right (000 §12.33); at the meeting that decides, where the rule needs one.
 */
import type { PartnerVote } from '../../src/case/types';
import type { VotingRule } from '../../src/case/votingRules';
import { assertRealDate, assertText } from '../decisionChecks';
import { invalidDecision, wrongStage } from '../rejections';
import type { CaseRecord } from './caseRecord';

export function checkVoter(c: CaseRecord, rule: VotingRule, vote: PartnerVote): void {
  if (c.decidesAtMeeting && !c.decisionMeeting)
    throw wrongStage(
      `${rule.decidedBy} decides at a meeting: record its attendance before the votes${rule.quorum ? ` (${rule.quorum.source})` : ''}`,
    );
  if (!c.voters().some((v) => v.id === vote.partnerId))
    throw invalidDecision(
      rule.voters === 'statutory-partners'
        ? `"${vote.partnerId}" is not a statutory partner of ${c.input.partnership}`
        : `"${vote.partnerId}" has no vote: neither a statutory partner of ${c.input.partnership} nor an agency represented at the meeting of ${c.decisionMeeting?.heldOn}`,
      'partnerId',
    );
  if (c.decidesAtMeeting && c.decisionMeeting && vote.votedOn !== c.decisionMeeting.heldOn)
    throw invalidDecision(
      `votedOn (${vote.votedOn}) is not the day of the meeting that decides, ${c.decisionMeeting.heldOn}: a vote is cast there`,
      'votedOn',
    );
  const { proxyAuthorisedBy: by, proxyAuthorisedOn: on } = vote;
  if ((by === undefined) !== (on === undefined))
    throw invalidDecision(
      'a proxy vote names its written authority both ways: from whom and dated',
      by === undefined ? 'proxyAuthorisedBy' : 'proxyAuthorisedOn',
    );
  if (by === undefined) {
    if (vote.actor.role !== 'partner-representative')
      throw invalidDecision(
        `the ${vote.actor.role.replace('-', ' ')} has no vote: a vote is the partner's representative's, or recorded as a proxy with the partner's written authority, from whom and dated (${rule.proxies.source})`,
        'proxyAuthorisedBy',
      );
    return;
  }
  if (!rule.proxies.allowed)
    throw invalidDecision(
      `${c.input.partnership} allows no proxy vote: the partner's representative votes (${rule.proxies.source})`,
      'proxyAuthorisedBy',
    );
  assertText(by, 'proxyAuthorisedBy', 'a proxy names whose written authority it has');
  assertRealDate(on!, 'proxyAuthorisedOn');
  if (on! > vote.votedOn)
    throw invalidDecision(
      `proxyAuthorisedOn (${on}) is after the vote it authorises, cast on ${vote.votedOn}`,
      'proxyAuthorisedOn',
    );
}
