/**
 * The national defaults: Working Together to Safeguard Children (2023 edition, where reviews
 * are in chapter 5) and the GOV.UK guidance on reporting a serious child safeguarding
 * incident. A partnership's pack overrides only what it does differently.
 */
import { CASE_FILE_DEFAULTS } from './caseFileSettings';
import type { PolicyPack } from './schema';

export const NATIONAL_DEFAULTS: Omit<
  PolicyPack,
  'id' | 'name' | 'partners' | 'agencies' | 'recipients' | 'delivery'
> = {
  version: '2026-11-23',
  workingTogetherEdition: '2023',
  reviewDecision: {
    rule: 'majority',
    votesNeeded: 2,
    sources: [
      'Working Together 2023 ch.5: the safeguarding partners decide together; where they differ, a majority',
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
      'Working Together 2023 ch.5: a rapid review within 15 working days of the serious incident notification',
    ],
  },
  panelResponse: {
    chaseAfterWorkingDays: 10,
    sources: [
      'no national timescale; chase after 10 working days (a partnership\'s expectation of "about 10 days")',
    ],
  },
  cspr: {
    completionMonths: 6,
    basis: 'decision',
    publicationNoticeWorkingDays: 7,
    onlineMonths: 12,
    sources: [
      'Working Together 2023 ch.5: local reviews completed and published within six months of the decision to initiate',
      'final report to the Panel and the Secretary of State at least 7 working days before publication (to be confirmed against the WT text)',
      'published reports kept on the website for a year (to be confirmed against the WT text)',
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
        sources: ['003: the partners may review cases that are not serious child safeguarding cases'],
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
      'Children Act 2004 s16H (000 §9.5): an agency asked for information must comply; no national timescale, so 5 working days, leaving the rapid review 10 to consider it',
    ],
  },
  learningActions: {
    overseenBy: 'the Learning and Improvement sub-group',
    sources: [
      'Working Together 2023 ch.5: partners act on the learning from reviews; the monitoring group is local',
    ],
  },
  complaints: {
    actionConfirmedWorkingDays: 5,
    outcomeWorkingDays: 20,
    appealResponseWorkingDays: 10,
    sources: ['no national timescale; the Derby and Derbyshire procedure (000 §13) as the default'],
  },
  meetings: {
    agendaRequestWorkingDays: { executive: 15, subgroup: 10 },
    reportsWorkingDays: 7,
    agendaCirculationWorkingDays: 5,
    specialMeetingNoticeDays: 7,
    sources: [
      'no national timescale; the Derby and Derbyshire meeting rules (000 §8.5, §12.23) as the default',
    ],
  },
  audit: {
    everyMonths: 6,
    sources: ['003: the independent scrutineer audits the rapid reviews of the previous six months'],
  },
  reminders: { workingDaysBefore: [3, 1], warningWindowWorkingDays: 3 },
  closureDays: [],
  ...CASE_FILE_DEFAULTS,
};
