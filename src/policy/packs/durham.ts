import { ReconsiderationOutcomes } from '../../case/values';
import { bodyRoleOf, type PolicyOverrides } from '../schema';

const EXTENDED_GROUP = 'extended-safeguarding-executive-group';
const byExtendedGroup = (clause: string) => ({
  by: 'the Extended Safeguarding Executive Group',
  sources: [clause],
});

/**
 * Durham Safeguarding Children Partnership (seed 003, "Our new arrangements April 2019").
 * 003 has no numbered clauses: citations give the heading and the line of the seed text.
 */
export const durham: PolicyOverrides = {
  id: 'durham',
  name: 'Durham Safeguarding Children Partnership',
  workingTogetherEdition: '2023',
  workingTogetherEditionSources: [
    '003 "Introduction", L45 cites Working Together 2018; the 2023 edition superseded it (December 2023), and the national rules this pack inherits (care leavers\' deaths among them) are 2023\'s',
  ],
  partnersSources: [
    '003 "Durham Safeguarding Children Partnership", L57-63: "The 3 Statutory Safeguarding Partners"',
  ],
  partners: [
    {
      id: 'durham-county-council',
      name: "Durham County Council (Children and Young People's Service)",
      kind: 'local-authority',
    },
    { id: 'durham-constabulary', name: 'Durham Constabulary', kind: 'police' },
    {
      id: 'county-durham-ccgs',
      name: 'County Durham CCGs (North Durham; Durham Dales, Easington and Sedgefield)',
      kind: 'health',
    },
  ],
  reviewDecision: {
    decidedBy: 'the three safeguarding partners',
    votesNeeded: 2,
    sources: [
      '003 "Child Safeguarding Practice Reviews", L362 and L369: the rapid review lets the safeguarding partners "decide … whether or not to undertake a child safeguarding practice review"',
      '003 "Child Safeguarding Practice Reviews", L377: "a majority decision will be accepted (i.e. 2 of the 3 partners in agreement)"',
    ],
  },
  notification: {
    considerationMeeting: true,
    sources: [
      '003 "Notification of incidents", L343: "a multiagency notification consideration meeting to determine if the criteria is met … within 5 working days of becoming aware"',
      '003 "Notification of incidents", L349: the DSCP notifies the National Panel "on behalf of Durham County Council … within 5 working days of becoming aware"',
    ],
  },
  rapidReview: {
    basis: 'notification',
    sources: [
      '003 "Rapid Review", L366: "completed within 15 working days of notification and will be coordinated by the DSCP Business Manager"',
    ],
  },
  cspr: {
    sources: [
      '003 "Child Safeguarding Practice Reviews", L390: "completed and published within six months unless there are extenuating circumstances" (start not stated: national default, the decision)',
      '003 L390: a delay is approved by the Extended Safeguarding Executive Group, reasons notified to the National Panel and Secretary of State',
      '003 L392: reports "remain on the website for a one year period and thereafter will be available on request"',
    ],
  },
  bodies: [
    {
      id: EXTENDED_GROUP,
      name: 'Extended Safeguarding Executive Group',
      sources: [
        '003 "Durham Safeguarding Children Partnership Membership", L117-127: the Independent Chair, the three partners, the sub-group chairs, the Designated Doctor and the Business Manager',
      ],
    },
  ],
  audit: {
    enabled: true,
    everyMonths: 6,
    recipients: ['independent-chair', 'business-manager', bodyRoleOf(EXTENDED_GROUP)],
    sources: [
      '003 L383-385: "The Independent Chair will complete a 6 monthly audit of the Rapid Reviews undertaken during the previous period to provide assurance to the Extended Safeguarding Executive Group"',
    ],
  },
  approvals: {
    signOff: byExtendedGroup(
      '003 L387: "the Review Report will be presented to the Extended Safeguarding Executive Group for sign off"',
    ),
    delay: byExtendedGroup(
      '003 L390: "Any delay to the completion or publication of a review will be approved by the Extended Safeguarding Executive Group"',
    ),
    notPublishing: byExtendedGroup(
      '003 L390: "the Extended Safeguarding Executive Group may consider it not to be appropriate to publish a review report"',
    ),
  },
  reconsideration: {
    outcomes: [ReconsiderationOutcomes.adhere, ReconsiderationOutcomes.commissionCspr],
    by: 'the DSCP Executive Group, with advice from the Independent Chair',
    sources: [
      '003 L379: the Business Manager convenes "a meeting/telephone conference of the DSCP Executive Group"; the partners "may decide to adhere to their initial decision or conclude that a Child Safeguarding Practice Review should be commissioned"',
    ],
  },
};
