import type { PolicyOverrides } from '../schema';

/** Derby and Derbyshire Safeguarding Children Partnership (seeds 000 and 001). */
export const derbyDerbyshire: PolicyOverrides = {
  id: 'derby-derbyshire',
  name: 'Derby and Derbyshire Safeguarding Children Partnership',
  workingTogetherEdition: '2018',
  // Two local authorities make four statutory partners.
  partners: [
    { id: 'derby-city-council', name: 'Derby City Council', kind: 'local-authority' },
    { id: 'derbyshire-county-council', name: 'Derbyshire County Council', kind: 'local-authority' },
    { id: 'derbyshire-constabulary', name: 'Derbyshire Constabulary', kind: 'police' },
    { id: 'derby-derbyshire-ccg', name: 'NHS Derby and Derbyshire CCG', kind: 'health' },
  ],
  reviewDecision: {
    votesNeeded: 3,
    sources: ['000 §12.19: decisions that need a vote are taken by majority (3 of the 4 statutory partners)'],
  },
  complaints: {
    actionConfirmedWorkingDays: 5,
    outcomeWorkingDays: 20,
    appealResponseWorkingDays: 10,
    sources: [
      '000 §13.4: the Partnership Manager confirms the action taken within 5 working days of receipt',
      '000 §13.5: the subgroup chair confirms the outcome or a timescale within 20 working days of the referral',
      '000 §13.7: the Independent Chair answers an appeal within 10 working days of it being raised',
    ],
  },
  meetings: {
    agendaRequestWorkingDays: { executive: 15, subgroup: 10 },
    reportsWorkingDays: 7,
    agendaCirculationWorkingDays: 5,
    specialMeetingNoticeDays: 7,
    sources: [
      '000 §8.5: agenda items 15 working days before COG and Executive Board, 10 before subgroups; reports 7; agenda 5',
      "000 §12.23: 7 days' notice of a special meeting to reconsider a decision",
    ],
  },
};
