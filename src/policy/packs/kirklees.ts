import type { PolicyOverrides } from '../schema';

/** Kirklees Safeguarding Children Partnership constitution (seed 004, numbered clauses). */
export const kirklees: PolicyOverrides = {
  id: 'kirklees',
  name: 'Kirklees Safeguarding Children Partnership',
  workingTogetherEdition: '2023',
  workingTogetherEditionSources: [
    "004 §2.1 cites Working Together 2018; the 2023 edition superseded it (December 2023), and the national rules this pack inherits (care leavers' deaths among them) are 2023's",
  ],
  learningActions: {
    overseenBy: 'the CSPR sub-group',
    sources: [
      '004 "CSPR Sub-group", L580: members are challenged on "their contributions to the completion of action plans"',
    ],
  },
  partnersSources: [
    '004 §5.1 names the partners by kind; the bodies are named in §11.4 (Kirklees Council) and §12.6 (West Yorkshire Police); the CCG is not named',
  ],
  partners: [
    { id: 'kirklees-council', name: 'Kirklees Council', kind: 'local-authority' },
    { id: 'west-yorkshire-police', name: 'West Yorkshire Police', kind: 'police' },
    { id: 'kirklees-ccgs', name: 'Clinical Commissioning Groups (Kirklees)', kind: 'health' },
  ],
  reviewDecision: {
    decidedBy:
      'the CSPR Sub-group, or its Virtual Panel where a meeting cannot be convened within the national timescales',
    quorum: {
      allStatutoryPartners: false,
      moreThanHalfOfAgencies: false,
      agencies: [],
      minMembers: 0,
      minAgencies: 3,
      chairOrViceChair: false,
      sources: [
        '004 "CSPR Sub-group", Quoracy, L675: "There should be representatives from at least three different agencies at each meeting"',
        '004 §8.1 ("eight members representing four separate agencies, always including the chair or vice chair") is the quorum of KSCP meetings, not of the sub-group that decides',
        "a decision by the Virtual Panel (004 §12.6, L606) records no meeting: its members are the pack's virtualPanel",
      ],
    },
    sources: [
      '004 §12.6 "Virtual Panel", L606: the Virtual Panel decides "whether a serious incident reaches the criteria for a Local Child Safeguarding Practice Review" where "it is not possible to convene a meeting within the national timescales": otherwise the CSPR Sub-group decides at its meeting',
    ],
  },
  rapidReview: {
    virtualPanelAllowed: true,
    sources: [
      '004 §12.6 "Virtual Panel": the Independent Chair, the sub-group Chair and the Police and Children\'s Social Care representatives decide "where it is not possible to convene a meeting within the national timescales"',
    ],
  },
  virtualPanel: {
    members: [
      'the Independent Chair',
      'the Chair of the CSPR Sub-group',
      'the Police representative',
      "the Children's Social Care representative",
    ],
    usedWhen: 'it is not possible to convene a meeting within the national timescales',
    sources: [
      '004 §12.6 "Virtual Panel", L606: "the Independent Chair, The Chair of this Sub-group and the representatives for the Police and Children\'s Social Care will participate in the Virtual Panel … where it is not possible to convene a meeting within the national timescales"',
    ],
  },
  drafting: {
    furtherDrafts: null,
    commentRounds: 2,
    commentsBy: 'the CSPR sub-group',
    sources: [
      '004 §12.6, L570: the sub-group reviews "the first draft of any new review and any significant amendments", and "will only get one further opportunity before it is signed off": two rounds of comments; the drafts themselves are not limited',
    ],
  },
  communicationStrategy: {
    required: true,
    sources: [
      '004 §12.6 "Information sharing", L671: "A Communication Strategy will be developed in relation to the publication of each safeguarding practice review and this will be signed off by the Executive Group prior to any decision regarding publication being implemented"',
    ],
  },
  approvals: {
    communicationStrategy: {
      by: 'the Executive Group',
      sources: ['004 §12.6, L671: the communication strategy "will be signed off by the Executive Group"'],
    },
  },
};
