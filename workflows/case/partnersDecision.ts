/**
 * The partners' decision (step 3): each partner's vote, on the day it was cast, a partner's
 * change of vote while the outcome is unsettled (kept as a change, not an overwrite), and a
 * tie, which opens a step of its own for the independent chair: the outcome with its
 * rationale, or an escalation and where to (000 §12.19: "In the event of a deadlock, the
 * Chair … will decide whether the matter should be escalated"; §12.8: disputes under the
 * Inter Agency Agreement), whose outcome is then recorded the same way. The tally itself is
 * the pure function in src/case/partnersDecision.ts.
 */
import { patched } from '@temporalio/workflow';
import type { IsoDate } from '../../src/calendar/civilDate';
import { londonDate } from '../../src/calendar/london';
import { type DatedVote, decidedOnOf, tallyVotes } from '../../src/case/partnersDecision';
import { withChairConsent } from '../../src/case/votingRules';
import { checkVoter } from './voters';
import type { CaseView, PartnerVote, RecordedVote, TieResolution } from '../../src/case/types';
import {
  CaseStages,
  NotificationOutcomes,
  REVIEW_OUTCOME_WORDS,
  ReviewOutcomes,
  TieResolutions,
} from '../../src/case/values';
import { CHAIRS } from '../../src/auth/roles';
import { assertPastDate, assertText, dateOrToday } from '../decisionChecks';
import type { DecisionHandler } from '../decisions';
import { invalidDecision, wrongStage } from '../rejections';
import type { CaseRecord } from './caseRecord';

/** Patch marker: from here on a tie opens the independent chair's step, with its deadline. */
const TIE_STEP = 'tie-resolution-step';

/** The votes as they stand, each with the day it was cast. */
export function datedVotes(c: CaseRecord): DatedVote[] {
  return c.votes.map((v) => ({
    vote: v.vote,
    rationale: v.rationale,
    votedOn: v.votedOn ?? londonDate(new Date(v.at)),
  }));
}

export function voteHandler(c: CaseRecord): DecisionHandler<CaseView, PartnerVote> {
  return {
    validate: (vote) => {
      c.requireStage(CaseStages.partnersDecision, 'a vote');
      if (c.policy.voting) checkVoter(c, c.policy.voting, vote);
      else if (!c.policy.partners.some((p) => p.id === vote.partnerId))
        throw invalidDecision(
          `"${vote.partnerId}" is not a statutory partner of ${c.input.partnership}`,
          'partnerId',
        );
      if (c.outcome) throw wrongStage('the outcome is settled: a vote can no longer change it');
      const previous = c.votes.find((v) => v.partnerId === vote.partnerId);
      if (previous?.vote === vote.vote) throw wrongStage(`${vote.partnerId} has already voted ${vote.vote}`);
      if (
        vote.vote === ReviewOutcomes.referNational &&
        c.notification?.outcome !== NotificationOutcomes.notified
      )
        throw invalidDecision('only a notified incident can be referred to the National Panel', 'vote');
      assertText(vote.rationale, 'rationale', 'a vote needs its rationale');
      assertPastDate(vote.votedOn, 'votedOn', c.votingOpensOn);
      if (previous?.votedOn && vote.votedOn < previous.votedOn)
        throw invalidDecision(
          `votedOn (${vote.votedOn}) is before the vote it changes, cast on ${previous.votedOn}`,
          'votedOn',
        );
    },
    decide: async (vote) => {
      const votedOn = dateOrToday(vote.votedOn);
      const recorded: RecordedVote = {
        partnerId: vote.partnerId,
        vote: vote.vote,
        rationale: vote.rationale,
        votedOn,
        at: new Date().toISOString(),
        actor: vote.actor,
        ...(vote.proxyAuthorisedBy &&
          vote.proxyAuthorisedOn && {
            proxy: { authorisedBy: vote.proxyAuthorisedBy, authorisedOn: vote.proxyAuthorisedOn },
          }),
      };
      const by = recorded.proxy
        ? ` (by proxy, on the written authority of ${recorded.proxy.authorisedBy} dated ${recorded.proxy.authorisedOn})`
        : '';
      const index = c.votes.findIndex((v) => v.partnerId === vote.partnerId);
      if (index < 0) {
        c.votes.push(recorded);
        c.file.record('vote', `${vote.partnerId} voted ${vote.vote} on ${votedOn}${by}`, vote.actor, votedOn);
      } else {
        const { changedFrom = [], ...previous } = c.votes[index]!;
        c.votes[index] = { ...recorded, changedFrom: [...changedFrom, previous] };
        c.file.record(
          'vote-changed',
          `${vote.partnerId} changed its vote from ${previous.vote} to ${vote.vote} on ${votedOn}${by}`,
          vote.actor,
          votedOn,
        );
      }
      // Nothing is awaited unless a tie opens its step: votes replay tick for tick as they ran.
      if (tallied(c, votedOn) && patched(TIE_STEP)) await openTie(c, votedOn);
      return c.answer();
    },
  };
}

/**
 * After each vote, meeting or consent: the outcome if one has the votes needed (and the
 * Chair's consent, where the pack's rule needs it), or a tie (reported, never guessed).
 * True when a tie has arisen that has no step yet.
 */
export function tallied(c: CaseRecord, votedOn: IsoDate): boolean {
  const votesNeeded = c.votesNeeded();
  const rule = c.policy.voting;
  const tally = withChairConsent(
    tallyVotes(
      c.voters().map((p) => p.id),
      c.votes,
      votesNeeded,
    ),
    rule?.chairConsent.required ?? false,
    c.chairConsents,
  );
  c.awaitingChairConsent = undefined;
  if (tally.status === 'decided') {
    c.outcome = tally.outcome;
    const byVotes = decidedOnOf(datedVotes(c), tally.outcome, votesNeeded);
    c.outcomeDecidedOn = tally.consentedOn && tally.consentedOn > byVotes ? tally.consentedOn : byVotes;
    c.tied = false;
    c.reacting = true;
    c.file.record(
      'review-decided',
      `partners decided on ${c.outcomeDecidedOn}: ${REVIEW_OUTCOME_WORDS[tally.outcome]} (${tally.votesFor} votes${rule?.chairConsent.required ? `, with the consent of ${rule.chairConsent.chair}` : ''})`,
      undefined,
      c.outcomeDecidedOn,
    );
    if (c.tie && !c.tie.resolution) {
      c.tie.settledByVotes = true;
      for (const key of ['tieResolution', 'tieEscalation'] as const) {
        const step = c.file.deadline(key);
        if (step?.isOpen) step.markNotApplicable('the partners settled the tie by a change of vote');
      }
    }
  } else if (tally.status === 'awaiting-consent') {
    c.awaitingChairConsent = tally.outcome;
    c.tied = false;
  } else if (tally.status === 'tied') {
    if (c.tied) return false;
    c.tied = true;
    c.file.record(
      'review-tied',
      rule?.chairConsent.required
        ? `no outcome has the ${votesNeeded} votes needed with the consent of ${rule.chairConsent.chair}: a deadlock, which the chair resolves`
        : `no outcome has the ${votesNeeded} votes needed; the independent chair resolves it`,
      undefined,
      votedOn,
    );
    return !c.tie;
  } else {
    c.tied = false;
  }
  return false;
}

/** The independent chair's step: its deadline, and the notice that asks for the resolution. */
export async function openTie(c: CaseRecord, since: IsoDate): Promise<void> {
  c.tie = { since };
  const step = await c.file.plan(
    {
      key: 'tieResolution',
      basisDate: since,
      rule: { kind: 'working-days-after', workingDays: c.rules.tieResolution.workingDays },
    },
    { remindTo: ['independent-chair', 'business-manager'] },
  );
  await c.file.notify('review-tied', 'review-tied', ['independent-chair', 'business-manager'], {
    since,
    votesNeeded: String(c.votesNeeded()),
    dueDate: step.dueDate,
  });
}

export function tieResolutionHandler(c: CaseRecord): DecisionHandler<CaseView, TieResolution> {
  return {
    validate: (resolution) => {
      c.requireStage(CaseStages.partnersDecision, 'the resolution of a tie');
      if (c.outcome) throw wrongStage('the outcome is already settled');
      if (!c.tied) throw wrongStage('the vote is not tied');
      if (!CHAIRS.includes(resolution.actor.role))
        throw invalidDecision('a tie is resolved by the independent chair (000 §12.19)', 'actor');
      const since = c.tie?.escalation?.decidedOn ?? c.tie?.since ?? latestVote(c);
      assertPastDate(resolution.decidedOn, 'decidedOn', {
        date: since,
        what: 'the tie, or its escalation, on',
      });
      assertText(resolution.rationale, 'rationale', 'a resolution needs its rationale');
      if (resolution.resolution === TieResolutions.escalated) {
        if (c.tie?.escalation)
          throw wrongStage(
            `the tie is already escalated to ${c.tie.escalation.escalatedTo}: record its outcome`,
          );
        assertText(resolution.escalatedTo, 'escalatedTo', 'say where the tie is escalated to');
      } else if (
        resolution.outcome === ReviewOutcomes.referNational &&
        c.notification?.outcome !== NotificationOutcomes.notified
      ) {
        throw invalidDecision('only a notified incident can be referred to the National Panel', 'outcome');
      }
    },
    decide: async (resolution) => {
      const recorded = { at: new Date().toISOString(), actor: resolution.actor };
      const tie = (c.tie ??= { since: latestVote(c) });
      const step = [c.file.deadline('tieEscalation'), c.file.deadline('tieResolution')].find(
        (d) => d?.isOpen,
      );
      step?.meet(resolution.decidedOn);
      if (resolution.resolution === TieResolutions.escalated) {
        const { decidedOn, escalatedTo, rationale } = resolution;
        tie.escalation = { decidedOn, escalatedTo, rationale, ...recorded };
        c.file.record(
          'tie-escalated',
          `the tie was escalated on ${decidedOn} to ${escalatedTo}: ${rationale}`,
          resolution.actor,
          decidedOn,
        );
        const settle = await c.file.plan(
          {
            key: 'tieEscalation',
            basisDate: decidedOn,
            rule: { kind: 'working-days-after', workingDays: c.rules.tieResolution.escalationWorkingDays },
          },
          { remindTo: ['independent-chair', 'business-manager'] },
        );
        await c.file.notify(
          'tie-escalated',
          'tie-escalated',
          ['independent-chair', 'business-manager', 'safeguarding-partners'],
          {
            decidedOn,
            escalatedTo,
            dueDate: settle.dueDate,
          },
        );
      } else {
        const { decidedOn, outcome, rationale, decidedBy } = resolution;
        tie.resolution = { decidedOn, outcome, rationale, ...(decidedBy && { decidedBy }), ...recorded };
        c.outcome = outcome;
        c.outcomeDecidedOn = decidedOn;
        c.reacting = true;
        c.file.record(
          'review-decided',
          `the tie was resolved on ${decidedOn} by ${decidedBy ?? 'the independent chair'}: ${REVIEW_OUTCOME_WORDS[outcome]}: ${rationale}`,
          resolution.actor,
          decidedOn,
        );
      }
      c.publish();
      return c.answer();
    },
  };
}

/** The day of the latest vote cast: when the vote became tied, for ties from before the step was kept. */
function latestVote(c: CaseRecord): IsoDate {
  return datedVotes(c)
    .map((v) => v.votedOn)
    .sort()
    .at(-1)!;
}
