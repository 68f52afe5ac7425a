import type { PolicyOverrides } from '../schema';

/**
 * Dudley Safeguarding People Partnership, children and adults together (seed 002, 2019).
 * 002 has no numbered clauses: citations give the heading and the line of the seed text.
 */
export const dudley: PolicyOverrides = {
  id: 'dudley',
  name: 'Dudley Safeguarding People Partnership',
  workingTogetherEdition: '2023',
  workingTogetherEditionSources: [
    "002 L40 cites Working Together 2018; the 2023 edition superseded it (December 2023), and the national rules this pack inherits (care leavers' deaths among them) are 2023's",
  ],
  partnersSources: ['002 "Signatures", L66-72; L78: the Local Authority, the Police and the CCG'],
  partners: [
    { id: 'dudley-mbc', name: 'Dudley Metropolitan Borough Council', kind: 'local-authority' },
    { id: 'west-midlands-police', name: 'West Midlands Police', kind: 'police' },
    { id: 'dudley-ccg', name: 'Dudley Clinical Commissioning Group', kind: 'health' },
  ],
  learningActions: {
    overseenBy: 'the joint Learning and Improvement sub-group (LIG)',
    sources: [
      '002 "Learning from serious safeguarding cases", L403: "Any action plans resulting from case reviews will be monitored via the LIG"',
    ],
  },
  publicationExceptions: {
    agreedWithPanel: true,
    sources: [
      '002 "Learning from serious safeguarding cases", L401: "Any exceptions to publication will be discussed and agreed with the Panel"',
    ],
  },
  cspr: {
    sources: [
      '002 "Learning from serious safeguarding cases", L399: the LIG commissions an Independent Reviewer',
      '002 L401: copies to the National Panel "seven days prior to publication" (national default kept: 7 working days, the stricter)',
      '002 L401: to the What Works Centre "following publication"; "Any exceptions to publication will be discussed and agreed with the Panel"',
    ],
  },
  reviewer: {
    independenceRequired: true,
    sources: [
      '002 "Learning from serious safeguarding cases", L399: "The LIG will have responsibility for commissioning an Independent Reviewer"',
    ],
  },
  afterPublication: {
    notify: ['what-works-centre', 'business-manager'],
    sources: [
      '002 L401: copies "to the What Works Centre for Children\'s Social Care following publication"',
      'product default: the business manager, who takes the report down when its time online ends',
    ],
  },
};
