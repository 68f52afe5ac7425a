import type { PolicyOverrides } from '../schema';

/** Dudley Safeguarding People Partnership, children and adults together (seed 002). */
export const dudley: PolicyOverrides = {
  id: 'dudley',
  name: 'Dudley Safeguarding People Partnership',
  workingTogetherEdition: '2018',
  partners: [
    { id: 'dudley-mbc', name: 'Dudley Metropolitan Borough Council', kind: 'local-authority' },
    { id: 'west-midlands-police', name: 'West Midlands Police', kind: 'police' },
    { id: 'dudley-ccg', name: 'NHS Dudley CCG', kind: 'health' },
  ],
  cspr: {
    sources: [
      '002: an independent reviewer is commissioned; the Learning and Improvement Group oversees the review',
      '002: the final report goes to the Panel seven days prior to publication; after publication to the What Works Centre',
    ],
  },
};
