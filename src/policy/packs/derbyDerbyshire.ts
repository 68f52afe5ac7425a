import type { PolicyOverrides } from '../schema';

/**
 * Derby and Derbyshire Safeguarding Children Partnership: governance arrangements (seed 000,
 * version 03/10/2022, numbered clauses) and the 2019 plan (seed 001). Where they differ on
 * the partners, 000 is the current text.
 */
export const derbyDerbyshire: PolicyOverrides = {
  id: 'derby-derbyshire',
  name: 'Derby and Derbyshire Safeguarding Children Partnership',
  workingTogetherEdition: '2023',
  workingTogetherEditionSources: [
    "000 §9.3 cites Working Together 2018; the 2023 edition superseded it (December 2023), and the national rules this pack inherits (care leavers' deaths among them) are 2023's",
  ],
  partnersSources: ['000 §1.3 and §12.5: two local authorities, so four statutory partners with a vote each'],
  partners: [
    { id: 'derby-city-council', name: 'Derby City Council', kind: 'local-authority' },
    { id: 'derbyshire-county-council', name: 'Derbyshire County Council', kind: 'local-authority' },
    { id: 'derbyshire-constabulary', name: 'Derbyshire Constabulary', kind: 'police' },
    { id: 'derby-derbyshire-icb', name: 'NHS Derby and Derbyshire Integrated Care Board', kind: 'health' },
  ],
  reviewDecision: {
    decidedBy: 'the Child Safeguarding Practice Review Group for the area (Derby, or Derbyshire)',
    voters: 'statutory-partners-and-agencies-present',
    votesNeeded: 3,
    chairConsent: {
      required: true,
      chair: 'the Chair of the Child Safeguarding Practice Review Group',
      sources: [
        '000 §12.34: "the decision of the subgroup will be taken by a majority vote. In all cases the majority vote must include the consent of the Chair"',
      ],
    },
    proxies: {
      allowed: true,
      sources: [
        '000 §12.31: "Proxy voting is only permissible in exceptional circumstances where a party is unable to provide a representative within 24 hours of a meeting. Confirmation of a proxy vote will be provided in writing"',
        '000 §12.33: "The legal representative and Officers of the Partnership will not have a voting role": an officer records a vote only as a proxy',
      ],
    },
    quorum: {
      allStatutoryPartners: true,
      moreThanHalfOfAgencies: true,
      agencies: [],
      minMembers: 0,
      minAgencies: 0,
      chairOrViceChair: false,
      sources: [
        '000 §11.2: "A subgroup will be considered quorate in the event that there is a representative from as a minimum the statutory partners … and more than half of the relevant agencies (in addition to the statutory partners) listed on the terms of reference for the subgroup"',
        "the Child Safeguarding Practice Review Group's terms of reference are not among the seeds: no relevant agency is listed until the partnership lists them here (by agency id)",
      ],
    },
    sources: [
      '001 "Arrangements for commissioning and publishing local child safeguarding practice reviews": a partnership group for the Derby area and one for Derbyshire commission rapid reviews and local reviews; 000 §3.2 lists the Child Safeguarding Practice Review Group among the standing subgroups',
      '000 §12.28: "Where a consensus is not agreed a vote will be sought"; §12.29: a single vote for each of the four statutory partners; §12.30: "a single vote … on behalf of each of the relevant agencies represented at the subgroup and present at the time of the vote"',
      '000 §12.34: a majority vote; with the four statutory partners alone, three of four',
    ],
  },
  tieResolution: {
    workingDays: 5,
    escalationWorkingDays: 20,
    sources: [
      '000 §12.34 (subgroups; the Executive Board §12.19): "In the event of a deadlock the Chair, or in his/her absence the Vice Chair, will decide whether the matter should be escalated to the Executive Board"; no timescale stated: 5 working days',
      '000 §12.8: "Disputed decisions will be resolved in accordance with the Inter Agency Agreement" (Clause 19, Dispute Resolution); no timescale stated: 20 working days',
    ],
  },
  complaints: {
    actionConfirmedWorkingDays: 5,
    outcomeWorkingDays: 20,
    appealResponseWorkingDays: 10,
    sources: [
      '000 §13.4: the Partnership Manager confirms the action taken "within 5 working days of receipt"',
      '000 §13.5: the subgroup Chair confirms the outcome or a timescale "within 20 working days of the date of the referral"',
      '000 §13.7: the Independent Chair answers an appeal "within 10 working days of date the appeal was raised"',
    ],
  },
  meetings: {
    agendaRequestWorkingDays: { executive: 15, subgroup: 10 },
    reportsWorkingDays: 7,
    agendaCirculationWorkingDays: 5,
    specialMeetingNoticeDays: 7,
    sources: [
      '000 §8.5: agenda item requests "no later than 15 working days before meetings (Chief Officer Group and Executive Board) and 10 working days (subgroup meetings)"',
      '000 §8.5: reports "no later than 7 working days before meetings"; agenda circulation "5 working days before meetings"',
      '000 §12.23 (subgroups §12.38): "7 days\' notice of a special meeting" to reconsider a decision (calendar days)',
    ],
  },
  urgentSpecialMeetings: {
    chairMayShortenNotice: true,
    sources: [
      '000 §12.23 (subgroups §12.38): "Where the Chair considers the matter requires urgent consideration s/he can determine a shorter time period"',
    ],
  },
};
