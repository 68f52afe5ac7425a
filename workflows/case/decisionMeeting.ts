/**
 * The two decisions the deciding body's rule adds, where the pack states one
 * (src/case/votingRules.ts): the attendance of the meeting that decides, refused when it is
 * not quorate (000 §11.2, 004 §8.1); and the Chair's consent a majority must include
 * (000 §12.34), which settles the decision or deadlocks it.
 */
import type { CaseView, ChairConsent, DecisionMeeting } from '../../src/case/types';
import { CaseStages, ChairConsents, REVIEW_OUTCOME_WORDS } from '../../src/case/values';
import { meetingRequired, quorumShortfall } from '../../src/case/votingRules';
import { CHAIRS } from '../../src/auth/roles';
import { assertPastDate, assertText } from '../decisionChecks';
import type { DecisionHandler } from '../decisions';
import { invalidDecision, wrongStage } from '../rejections';
import type { CaseRecord } from './caseRecord';
import { openTie, tallied } from './partnersDecision';

export function decisionMeetingHandler(c: CaseRecord): DecisionHandler<CaseView, DecisionMeeting> {
  return {
    validate: (meeting) => {
      c.requireStage(CaseStages.partnersDecision, 'the attendance of the meeting that decides');
      const rule = c.policy.voting;
      if (!rule || !c.decidesAtMeeting)
        throw wrongStage(
          rule && meetingRequired(rule)
            ? 'the Virtual Panel decides, where no meeting could be convened: no attendance is recorded'
            : `${c.input.partnership}'s partners decide without a meeting's attendance being recorded`,
        );
      if (c.outcome) throw wrongStage('the outcome is settled');
      assertPastDate(
        meeting.heldOn,
        'heldOn',
        c.decisionMeeting
          ? { date: c.decisionMeeting.heldOn, what: 'the meeting recorded before, held on' }
          : c.votingOpensOn,
      );
      const known = new Set([...c.policy.partners, ...rule.agencies].map((a) => a.id));
      const unknown = meeting.represented.filter((id) => !known.has(id));
      if (unknown.length > 0)
        throw invalidDecision(
          `${unknown.join(', ')}: not a statutory partner or agency of ${c.input.partnership} (one of ${[...known].join(', ')})`,
          'represented',
        );
      if (new Set(meeting.represented).size !== meeting.represented.length)
        throw invalidDecision('each partner or agency is named once', 'represented');
      if (meeting.members < meeting.represented.length)
        throw invalidDecision(
          `${meeting.members} members cannot represent ${meeting.represented.length} partners and agencies`,
          'members',
        );
      const shortfall = quorumShortfall(rule, c.policy.partners, meeting);
      if (shortfall) throw invalidDecision(shortfall, 'represented');
    },
    decide: async (meeting) => {
      const { actor, ...attended } = meeting;
      c.decisionMeeting = { ...attended, actor, at: new Date().toISOString() };
      c.file.record(
        'decision-meeting',
        `${c.policy.voting!.decidedBy} met on ${meeting.heldOn}, quorate: ${meeting.members} members for ${meeting.represented.length} partners and agencies`,
        actor,
        meeting.heldOn,
      );
      if (tallied(c, meeting.heldOn)) await openTie(c, meeting.heldOn);
      return c.answer();
    },
  };
}

export function chairConsentHandler(c: CaseRecord): DecisionHandler<CaseView, ChairConsent> {
  return {
    validate: (answer) => {
      c.requireStage(CaseStages.partnersDecision, "the Chair's consent");
      const rule = c.policy.voting;
      if (!rule?.chairConsent.required)
        throw wrongStage(`${c.input.partnership}'s partners decide without the consent of a chair`);
      if (c.outcome) throw wrongStage('the outcome is settled');
      if (!CHAIRS.includes(answer.actor.role))
        throw invalidDecision(
          `the consent is ${rule.chairConsent.chair}'s (${rule.chairConsent.source})`,
          'actor',
        );
      assertPastDate(
        answer.decidedOn,
        'decidedOn',
        c.decisionMeeting
          ? { date: c.decisionMeeting.heldOn, what: 'the meeting that decides, held on' }
          : c.votingOpensOn,
      );
      assertText(answer.rationale, 'rationale', "the Chair's answer needs its rationale");
    },
    decide: async (answer) => {
      c.chairConsents.push({ ...answer, at: new Date().toISOString() });
      const words = REVIEW_OUTCOME_WORDS[answer.outcome];
      c.file.record(
        'chair-consent',
        answer.consent === ChairConsents.given
          ? `${c.policy.voting!.chairConsent.chair} consented on ${answer.decidedOn} to: ${words}`
          : `${c.policy.voting!.chairConsent.chair} withheld consent on ${answer.decidedOn} from: ${words}`,
        answer.actor,
        answer.decidedOn,
      );
      if (tallied(c, answer.decidedOn)) await openTie(c, answer.decidedOn);
      return c.answer();
    },
  };
}
