import type { PolicyOverrides } from '../schema';

/** Kirklees Safeguarding Children Partnership constitution (seed 004, numbered clauses). */
export const kirklees: PolicyOverrides = {
  id: 'kirklees',
  name: 'Kirklees Safeguarding Children Partnership',
  workingTogetherEdition: '2018', // 004 §2.1
  // 004 §5.1 names the partners only by kind; the bodies are named in §11.4 (Kirklees
  // Council) and §12.6 (West Yorkshire Police); the CCG is not named.
  learningActions: {
    overseenBy: 'the CSPR sub-group',
    sources: [
      '004 "CSPR Sub-group", L580: members are challenged on "their contributions to the completion of action plans"',
    ],
  },
  partners: [
    { id: 'kirklees-council', name: 'Kirklees Council', kind: 'local-authority' },
    { id: 'west-yorkshire-police', name: 'West Yorkshire Police', kind: 'police' },
    { id: 'kirklees-ccgs', name: 'Clinical Commissioning Groups (Kirklees)', kind: 'health' },
  ],
  rapidReview: {
    virtualPanelAllowed: true,
    sources: [
      '004 §12.6 "Virtual Panel": the Independent Chair, the sub-group Chair and the Police and Children\'s Social Care representatives decide "where it is not possible to convene a meeting within the national timescales"',
    ],
  },
};
