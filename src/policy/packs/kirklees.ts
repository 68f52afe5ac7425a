import type { PolicyOverrides } from '../schema';

/** Kirklees Safeguarding Children Partnership (seed 004). */
export const kirklees: PolicyOverrides = {
  id: 'kirklees',
  name: 'Kirklees Safeguarding Children Partnership',
  workingTogetherEdition: '2018',
  partners: [
    { id: 'kirklees-council', name: 'Kirklees Council', kind: 'local-authority' },
    { id: 'west-yorkshire-police', name: 'West Yorkshire Police', kind: 'police' },
    { id: 'kirklees-ccgs', name: 'NHS Greater Huddersfield and North Kirklees CCGs', kind: 'health' },
  ],
  rapidReview: {
    virtualPanelAllowed: true,
    sources: [
      '004 "Virtual Panel": the Independent Chair, the sub-group chair, Police and Children\'s Social Care decide "where it is not possible to convene a meeting within the national timescales"',
    ],
  },
};
