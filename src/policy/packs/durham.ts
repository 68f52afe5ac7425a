import type { PolicyOverrides } from '../schema';

/** Durham Safeguarding Children Partnership (seed 003). */
export const durham: PolicyOverrides = {
  id: 'durham',
  name: 'Durham Safeguarding Children Partnership',
  workingTogetherEdition: '2018',
  partners: [
    { id: 'durham-county-council', name: 'Durham County Council', kind: 'local-authority' },
    { id: 'durham-constabulary', name: 'Durham Constabulary', kind: 'police' },
    {
      id: 'durham-ccgs',
      name: 'North Durham CCG and Durham Dales, Easington & Sedgefield CCG',
      kind: 'health',
    },
  ],
  reviewDecision: {
    votesNeeded: 2,
    sources: [
      '003 "Local Child Safeguarding Practice Reviews": "a majority decision will be accepted (i.e. 2 of the 3 partners in agreement)"',
    ],
  },
  notification: {
    considerationMeeting: true,
    sources: [
      '003 "Serious Child Safeguarding Cases": a multi-agency notification consideration meeting of single points of contact decides whether the criteria are met',
      '003: the partnership notifies the National Panel on behalf of Durham County Council within 5 working days of becoming aware',
    ],
  },
  rapidReview: {
    basis: 'notification',
    sources: [
      '003 "Rapid Reviews": "completed within 15 working days of notification and will be coordinated by the DSCP Business Manager"',
    ],
  },
  cspr: {
    sources: [
      '003 "Publication of Reviews": "completed and published within six months unless there are extenuating circumstances"',
      'delays approved by the executive group, reasons notified to the Panel and the Secretary of State (003)',
    ],
  },
  audit: {
    everyMonths: 6,
    sources: ['003: the rapid reviews of the previous six months are audited every six months'],
  },
};
