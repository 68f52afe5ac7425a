/**
 * The decisions of step 3, how the partners decide whether to review (SPEC "The case
 * lifecycle"): each partner's vote, the attendance of the meeting that decides and the
 * Chair's consent where the pack's rule needs them (000 §11.2, §12.28–12.34), and the
 * resolution of a tie or deadlock. Part of the case's catalogue (./decisions.ts).
 */
import { APPROVERS, CHAIRS, PARTNERS } from '../auth/roles';
import { decisionsOf } from '../decisions/catalogue';
import { checkboxes, date, type Field, select, textarea } from '../decisions/forms';
import { caseBodies } from './bodies';
import type { CaseFormView, CaseView } from './types';
import { CaseStages, ChairConsents, MeetingChairs, REVIEW_OUTCOME_CHOICES, TieResolutions } from './values';

const { decision } = decisionsOf<CaseView, CaseFormView>();
const rationale = textarea('rationale', 'Rationale');

export const votingDecisions = {
  vote: decision({
    route: 'votes',
    update: 'recordVote',
    body: caseBodies.vote,
    roles: PARTNERS,
    summary: "Record a partner's vote",
    forOwnPartner: true,
    form: {
      title: "Record a partner's vote",
      button: 'Record the vote',
      stages: [CaseStages.partnersDecision],
      when: (view) => !view.decision?.rule?.meetingRequired || Boolean(view.decision.meeting),
      fields: (view) => [
        {
          name: 'partnerId',
          label: 'Partner',
          kind: 'select',
          options: (view.decision?.voters ?? view.decision?.partners ?? []).map((p) => ({
            value: p.id,
            text: p.name,
          })),
        },
        select('vote', 'Vote', REVIEW_OUTCOME_CHOICES),
        rationale,
        date('votedOn', 'Date voted'),
        ...proxyFields(view),
      ],
    },
  }),

  tieResolution: decision({
    route: 'tie-resolution',
    update: 'resolveTie',
    body: caseBodies.tieResolution,
    roles: CHAIRS,
    summary: 'Record the resolution of a tied vote',
    form: {
      title: 'Resolve the tied vote or deadlock (the chair)',
      button: 'Record the resolution',
      stages: [CaseStages.partnersDecision],
      when: (view) => Boolean(view.decision?.tied && !view.decision.outcome),
      fields: () => [
        date('decidedOn', 'Date decided'),
        select('resolution', 'Resolution', {
          [TieResolutions.outcome]: 'The outcome is decided',
          [TieResolutions.escalated]:
            'Escalated (to the Executive Board, the Chief Officer Group or dispute resolution)',
        }),
        select('outcome', 'Outcome (if decided)', REVIEW_OUTCOME_CHOICES),
        { name: 'escalatedTo', label: 'Escalated to (if escalated)', kind: 'text' },
        {
          name: 'decidedBy',
          label: 'Decided by (if not the chair: the body it was escalated to)',
          kind: 'text',
        },
        rationale,
      ],
      toBody: ({ outcome, escalatedTo, decidedBy, ...rest }) =>
        rest.resolution === TieResolutions.escalated
          ? { ...rest, escalatedTo }
          : { ...rest, outcome, ...(decidedBy !== undefined && { decidedBy }) },
    },
  }),

  decisionMeeting: decision({
    route: 'decision-meeting',
    update: 'recordDecisionMeeting',
    body: caseBodies.decisionMeeting,
    roles: APPROVERS,
    summary: 'Record the attendance of the meeting that decides',
    form: {
      title: 'Record the attendance of the meeting that decides',
      button: 'Record the attendance',
      stages: [CaseStages.partnersDecision],
      when: (view) => Boolean(view.decision?.rule?.meetingRequired && !view.decision.outcome),
      fields: (view) => [
        date('heldOn', 'Date of the meeting'),
        checkboxes(
          'represented',
          'Partners and agencies represented',
          // The pack's agencies: its statutory partners first, then those it adds under them.
          view.agencies.map((a) => ({ value: a.id, text: a.name })),
        ),
        { name: 'members', label: 'Members present', kind: 'text' },
        select('chairedBy', 'Chaired by', {
          [MeetingChairs.chair]: 'The chair',
          [MeetingChairs.viceChair]: 'The vice chair',
          [MeetingChairs.other]: 'Someone else',
        }),
      ],
      toBody: ({ members, ...rest }) => ({
        ...rest,
        ...(members !== undefined && { members: Number(members) }),
      }),
    },
  }),

  chairConsent: decision({
    route: 'chair-consent',
    update: 'recordChairConsent',
    body: caseBodies.chairConsent,
    roles: CHAIRS,
    summary: "Record the Chair's consent to the majority's outcome",
    form: {
      title: "Record the Chair's consent to the majority's outcome",
      button: 'Record the answer',
      stages: [CaseStages.partnersDecision],
      when: (view) => Boolean(view.decision?.rule?.chairConsentRequired && !view.decision.outcome),
      fields: () => [
        select('outcome', 'Outcome', REVIEW_OUTCOME_CHOICES),
        select('consent', 'Consent', {
          [ChairConsents.given]: 'Given',
          [ChairConsents.withheld]: 'Withheld',
        }),
        date('decidedOn', 'Date decided'),
        rationale,
      ],
    },
  }),
};

/** Whose written authority a proxy vote has, asked for where the pack allows proxies (000 §12.31). */
function proxyFields(view: CaseFormView): Field[] {
  if (view.decision?.rule && !view.decision.rule.proxiesAllowed) return [];
  return [
    {
      name: 'proxyAuthorisedBy',
      label: "If by proxy: whose written authority (the partner's, naming the nominated party)",
      kind: 'text',
    },
    date('proxyAuthorisedOn', 'If by proxy: the date of the written authority'),
  ];
}
