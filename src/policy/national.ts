/**
 * The national defaults: Working Together to Safeguard Children (2023 edition, where reviews
 * are in chapter 5), the GOV.UK guidance on reporting a serious child safeguarding incident,
 * and the Panel's guidance for safeguarding partners. Where none of them states a rule, the
 * default is the product's own, marked "product default" with where it was taken from. A
 * partnership's pack overrides only what it does differently.
 */
import { CASE_FILE_DEFAULTS } from './caseFileSettings';
import { ReconsiderationOutcomes } from '../case/values';
import type { PolicyPack } from './schema';

/** Recorded as a product default: the business manager or the independent chair records it. */
const RECORDED_BY_OFFICERS = ['business-manager', 'independent-chair'] as const;
const partnersApprove = (what: string) => ({
  by: 'the safeguarding partners',
  recordedBy: [...RECORDED_BY_OFFICERS],
  sources: [
    `product default: ${what} is for the safeguarding partners, recorded by the business manager or the independent chair; no seed's body is named nationally`,
  ],
});
const officersApprove = (what: string) => ({
  by: 'the business manager or the independent chair',
  recordedBy: [...RECORDED_BY_OFFICERS],
  sources: [`product default: ${what} is approved by the business manager or the independent chair`],
});

export const NATIONAL_DEFAULTS: Omit<
  PolicyPack,
  'id' | 'name' | 'partners' | 'agencies' | 'recipients' | 'delivery' | 'bodies' | 'virtualPanel'
> = {
  version: '2026-12-01',
  workingTogetherEdition: '2023',
  workingTogetherEditionSources: [
    'Working Together to Safeguard Children 2023 (December 2023), the edition in force: it superseded the 2018 edition',
  ],
  reviewDecision: {
    rule: 'majority',
    decidedBy: 'the safeguarding partners',
    voters: 'statutory-partners',
    votesNeeded: 2,
    chairConsent: {
      required: false,
      chair: 'the independent chair',
      sources: ["product default: Working Together 2023 gives no chair a say in the partners' decision"],
    },
    proxies: {
      allowed: true,
      sources: [
        "product default: Working Together 2023 is silent; a partner's vote recorded by anyone else (an officer of the partnership among them) needs the partner's written authority, from whom and dated",
      ],
    },
    quorum: null,
    sources: [
      'Working Together 2023 ch.5: the safeguarding partners decide whether a local review is appropriate; it states no voting rule',
      'product default, from Durham: "a majority decision will be accepted (i.e. 2 of the 3 partners in agreement)" (003 L377)',
    ],
  },
  notification: {
    workingDays: 5,
    considerationMeeting: false,
    sources: [
      'Working Together 2023 ch.5: the local authority notifies the Panel within 5 working days of becoming aware',
    ],
  },
  rapidReview: {
    workingDays: 15,
    basis: 'notification',
    virtualPanelAllowed: false,
    sources: [
      "the Panel's guidance for safeguarding partners (re-issued June 2025): a rapid review within 15 working days of the notification, a non-statutory expectation (003 L366 states the same)",
    ],
  },
  panelResponse: {
    chaseAfterWorkingDays: 10,
    sources: [
      'product default: no national timescale for the Panel\'s reply; chase after 10 working days (one partnership\'s expectation of a reply in "about 10 days")',
    ],
  },
  cspr: {
    completionMonths: 6,
    basis: 'decision',
    publicationNoticeWorkingDays: 7,
    onlineMonths: 12,
    sources: [
      'Working Together 2023 ch.5: local reviews completed and published within six months; counted from the decision to initiate (the start is a product default, to be confirmed against the WT text)',
      'final report to the Panel and the Secretary of State at least 7 working days before publication (to be confirmed against the WT text)',
      'product default: published reports kept on the website for a year (003 L392; to be confirmed against the WT text)',
    ],
  },
  caseTypes: {
    allowed: ['serious-incident', 'looked-after-child-death', 'care-leaver-death', 'local-review-only'],
    rules: {
      'serious-incident': {
        criteria: 'serious',
        notification: true,
        rapidReview: true,
        partnersDecision: true,
        alsoNotify: [],
        panel: 'always',
        sources: [
          'Working Together 2023 ch.5: abuse or neglect known or suspected, and the child died or was seriously harmed',
        ],
      },
      'looked-after-child-death': {
        criteria: 'death-of-looked-after-child',
        notification: true,
        rapidReview: true,
        partnersDecision: true,
        alsoNotify: ['ofsted', 'secretary-of-state'],
        panel: 'when-serious',
        sources: [
          'Working Together 2023 ch.5; GOV.UK guidance: the death of a looked-after child is notified to Ofsted and the Secretary of State whether or not abuse or neglect is known or suspected; it is a serious incident for the National Panel (with a rapid review) only when it is',
        ],
      },
      'care-leaver-death': {
        criteria: 'care-leaver-death',
        notification: true,
        rapidReview: false,
        partnersDecision: false,
        alsoNotify: ['secretary-of-state', 'ofsted'],
        maxAgeAtDeath: 24,
        panel: 'never',
        sources: [
          'Working Together 2023 ch.5; GOV.UK guidance: the death of a care leaver up to and including age 24 is notified through the DfE service to the Secretary of State and Ofsted, not to the National Panel; no rapid review or local review is required',
        ],
      },
      'local-review-only': {
        criteria: 'none',
        notification: false,
        rapidReview: false,
        partnersDecision: true,
        alsoNotify: [],
        panel: 'never',
        sources: [
          'product default, from Durham: the partners may review cases that are not serious child safeguarding cases (003 L377)',
        ],
      },
    },
    maxChildren: 4,
    sources: [
      'GOV.UK, reporting a serious child safeguarding incident: one notification per incident, with up to 4 children',
    ],
  },
  agencyReturns: {
    workingDays: 5,
    escalateAfterWorkingDays: 2,
    sources: [
      'product default: 5 working days, leaving the rapid review 10 to consider it; Children Act 2004 s16H (cited at 000 §9.5) obliges an agency asked for information to comply, but sets no timescale',
    ],
  },
  learningActions: {
    overseenBy: 'the Learning and Improvement sub-group',
    sources: [
      'product default: the monitoring group is local (Working Together 2023 ch.5 asks the partners to act on the learning from reviews)',
    ],
  },
  complaints: {
    actionConfirmedWorkingDays: 5,
    outcomeWorkingDays: 20,
    appealResponseWorkingDays: 10,
    sources: [
      'product default: no national timescale; the Derby and Derbyshire procedure (000 §13.4, §13.5, §13.7)',
    ],
  },
  meetings: {
    agendaRequestWorkingDays: { executive: 15, subgroup: 10 },
    reportsWorkingDays: 7,
    agendaCirculationWorkingDays: 5,
    specialMeetingNoticeDays: 7,
    sources: [
      'product default: no national timescale; the Derby and Derbyshire meeting rules (000 §8.5, §12.23)',
    ],
  },
  audit: {
    enabled: false,
    everyMonths: 6,
    recipients: ['independent-chair', 'business-manager'],
    sources: [
      "product default: off; no national rule asks for a periodic audit of rapid reviews. Durham's Independent Chair audits them every six months (003 L383-385), and Durham's pack turns it on",
    ],
  },
  reminders: { workingDaysBefore: [3, 1], warningWindowWorkingDays: 3 },
  closureDays: [],
  ...CASE_FILE_DEFAULTS,
  approvals: {
    signOff: partnersApprove("a local review's sign-off"),
    delay: partnersApprove("a delay to a local review's completion"),
    communicationStrategy: partnersApprove('a communication strategy'),
    notPublishing: partnersApprove('a decision not to publish in full'),
    extension: officersApprove("an extension of a case's deadline"),
    returnsOverride: officersApprove('recording a rapid review with information outstanding'),
  },
  drafting: {
    furtherDrafts: null,
    commentRounds: null,
    commentsBy: 'the safeguarding partners',
    sources: ['product default: no limit on drafts or rounds of comments; none is stated nationally'],
  },
  reviewer: {
    independenceRequired: false,
    sources: ["product default: no rule on the reviewer's independence is stated nationally"],
  },
  communicationStrategy: {
    required: false,
    sources: ['product default: no communication strategy is required nationally before publication'],
  },
  afterPublication: {
    notify: ['business-manager'],
    sources: ['product default: the business manager, who takes the report down when its time online ends'],
  },
  deadlineNotices: {
    remind: ['safeguarding-lead', 'business-manager'],
    escalate: ['business-manager', 'independent-chair'],
    obligations: {},
    sources: [
      'product default: reminders to the safeguarding lead and the business manager; a missed deadline escalated to the business manager and the independent chair (SPEC "The notices"); a deadline whose notices go elsewhere by nature (a meeting\'s, an agency\'s) keeps its own',
    ],
  },
  reconsideration: {
    outcomes: [ReconsiderationOutcomes.adhere, ReconsiderationOutcomes.commissionCspr],
    by: 'the safeguarding partners',
    sources: [
      'product default, from Durham: when the Panel disagrees the partners "may decide to adhere to their initial decision or conclude that a Child Safeguarding Practice Review should be commissioned" (003 L379); no national process is stated',
    ],
  },
  urgentSpecialMeetings: {
    chairMayShortenNotice: true,
    sources: [
      'product default, from Derby and Derbyshire: "Where the Chair considers the matter requires urgent consideration s/he can determine a shorter time period" (000 §12.23)',
    ],
  },
};
