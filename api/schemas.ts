/** Request bodies, validated with zod before anything reaches a workflow. */
import { z } from 'zod';
import { paging } from './paging';
import { caseTypes } from '../src/policy/schema';
import { isIsoDate } from '../src/calendar/civilDate';

export const isoDate = z.string().refine(isIsoDate, 'must be a real date in the form YYYY-MM-DD');

export const startCaseBody = z.strictObject({
  partnership: z.string().min(1),
  reference: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, dots, hyphens or underscores'),
  awareAt: isoDate,
  abuseOrNeglectSuspected: z.boolean(),
  childDied: z.boolean(),
  seriouslyHarmed: z.boolean(),
  /** The kind of case; a serious child safeguarding case unless it says otherwise. */
  caseType: z.enum(caseTypes).optional(),
  /** The children of one incident, by pseudonymous reference only; the pack says how many. */
  children: z
    .array(
      z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'must be a pseudonymous reference, never a name'),
    )
    .min(1)
    .max(10)
    .optional(),
  /** For the death of a care leaver: the age at death. */
  ageAtDeath: z.number().int().min(0).max(120).optional(),
});
export type StartCaseBody = z.infer<typeof startCaseBody>;

const text = z.string().trim().min(1).max(2000);

/** Decision bodies. The actor is not in them: it comes from who is asking. */
const agencyId = z.string().regex(/^[a-z][a-z0-9-]*$/, "must be an agency's id from the partnership's pack");

export const decisionBodies = {
  'consideration-meeting': z.strictObject({ heldOn: isoDate, criteriaMet: z.boolean() }),
  'notification-decision': z.discriminatedUnion('outcome', [
    z.strictObject({ outcome: z.literal('notified'), notifiedOn: isoDate }),
    z.strictObject({ outcome: z.literal('not-notifiable'), decidedOn: isoDate, rationale: text }),
  ]),
  'rapid-review': z.strictObject({
    completedOn: isoDate,
    format: z.enum(['meeting', 'virtual-panel']),
    /** The business manager's reason for completing it while required information is outstanding. */
    outstandingReturnsOverride: text.optional(),
  }),
  votes: z.strictObject({
    partnerId: z.string().min(1),
    vote: z.enum(['local-cspr', 'refer-national', 'no-review']),
    rationale: text,
  }),
  'panel-response': z.strictObject({
    receivedOn: isoDate,
    response: z.enum(['agrees', 'disagrees', 'national-review']),
  }),
  reconsideration: z.strictObject({
    decidedOn: isoDate,
    outcome: z.enum(['adhere', 'commission-cspr']),
    justification: text,
  }),
  extensions: z.strictObject({
    key: z.enum(['considerationMeeting', 'notification', 'rapidReview', 'panelResponse']),
    newDueDate: isoDate,
    reason: text,
  }),
  /** Request an agency's information; what it leaves out comes from the partnership's pack. */
  'agency-returns': z.strictObject({
    agency: agencyId,
    requestedOn: isoDate,
    contact: z.strictObject({ name: z.string().trim().min(1).max(200), email: z.email() }).optional(),
    workingDays: z.number().int().min(1).max(60).optional(),
    required: z.boolean().optional(),
  }),
  'agency-return-receipts': z.strictObject({ agency: agencyId, receivedOn: isoDate }),
  'agency-return-withdrawals': z.strictObject({ agency: agencyId, reason: text }),
  'agency-return-chases': z.strictObject({ agency: agencyId }),
} as const;
export type CaseDecisionRoute = keyof typeof decisionBodies;

/** Decisions on a case's local CSPR: `POST /api/cases/:id/cspr/<route>`. */
export const csprDecisionBodies = {
  reviewer: z.strictObject({
    commissionedOn: isoDate,
    reviewer: z.string().trim().min(1).max(200),
    independent: z.boolean(),
    termsOfReference: text,
  }),
  drafts: z.strictObject({ receivedOn: isoDate, draft: z.enum(['first', 'further']) }),
  'sign-off': z.strictObject({ signedOffOn: isoDate }),
  delays: z.strictObject({
    approvedOn: isoDate,
    reason: z.enum(['criminal-proceedings', 'coronial-proceedings', 'other']),
    details: text,
    newDueDate: isoDate,
  }),
  'communication-strategy': z.strictObject({ signedOffOn: isoDate }),
  'publication-date': z.strictObject({ publicationDate: isoDate }),
  publication: z.strictObject({ publishedOn: isoDate }),
  'not-publishing': z.strictObject({
    decidedOn: isoDate,
    justification: text,
    improvementsPublishedOn: isoDate,
    panelException: text.optional(),
  }),
  takedown: z.strictObject({ removedOn: isoDate }),
  'agency-returns': decisionBodies['agency-returns'],
  'agency-return-receipts': decisionBodies['agency-return-receipts'],
  'agency-return-withdrawals': decisionBodies['agency-return-withdrawals'],
  'agency-return-chases': decisionBodies['agency-return-chases'],
} as const;
export type CsprDecisionRoute = keyof typeof csprDecisionBodies;

export const caseListQuery = z.strictObject({
  ...paging,
  partnership: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .optional(),
  stage: z
    .enum([
      'notification',
      'rapid-review',
      'review-decision',
      'panel-response',
      'reconsideration',
      'cspr-commissioned',
      'local-review',
      'national-review',
      'closed',
    ])
    .optional(),
  status: z.enum(['open', 'closed']).optional(),
  breached: z.enum(['true', 'false']).optional(),
  deadlineBefore: isoDate.optional(),
});

const reference = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, dots, hyphens or underscores');
const partnershipId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a partnership id');
const openOrClosed = z.enum(['open', 'closed']);

export const startComplaintBody = z.strictObject({
  partnership: z.string().min(1),
  reference,
  receivedOn: isoDate,
});
export type StartComplaintBody = z.infer<typeof startComplaintBody>;

export const complaintDecisionBodies = {
  action: z.strictObject({ confirmedOn: isoDate, action: text }),
  outcome: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('outcome'), decidedOn: isoDate, summary: text }),
    z.strictObject({
      kind: z.literal('timescale'),
      decidedOn: isoDate,
      summary: text,
      furtherActionBy: isoDate,
    }),
  ]),
  appeal: z.strictObject({ appealedOn: isoDate }),
  'appeal-answer': z.strictObject({
    answeredOn: isoDate,
    response: z.enum(['responded', 'referred-to-partners']),
    summary: text,
  }),
  closure: z.strictObject({ closedOn: isoDate, reason: text }),
} as const;
export type ComplaintDecisionRoute = keyof typeof complaintDecisionBodies;

export const startActionBody = z.strictObject({
  partnership: z.string().min(1),
  reference,
  /** The case whose rapid review or CSPR recommended it. */
  caseId: z.string().regex(/^case-[a-z0-9-]+-[A-Za-z0-9._-]+$/, 'must be a case id'),
  source: z.enum(['rapid-review', 'cspr']),
  recommendation: text,
  action: text,
  /** The agency that owns it: an agency id from the partnership's pack. */
  owner: agencyId,
  dueDate: isoDate,
});
export type StartActionBody = z.infer<typeof startActionBody>;

export const actionDecisionBodies = {
  completion: z.strictObject({ doneOn: isoDate, evidence: text }),
  closure: z.strictObject({ closedOn: isoDate, reason: text }),
} as const;

export const startMeetingBody = z.strictObject({
  partnership: z.string().min(1),
  reference,
  kind: z.enum(['executive', 'subgroup', 'special']),
  title: z.string().trim().min(1).max(120),
  meetingDate: isoDate,
});
export type StartMeetingBody = z.infer<typeof startMeetingBody>;

export const meetingDecisionBodies = {
  milestones: z.strictObject({
    milestone: z.enum(['agendaRequests', 'reports', 'agendaCirculation']),
    doneOn: isoDate,
  }),
  cancellation: z.strictObject({ reason: text }),
} as const;
export type MeetingDecisionRoute = keyof typeof meetingDecisionBodies;

/** `GET /api/complaints` and `GET /api/meetings`. */
export const simpleListQuery = z.strictObject({
  ...paging,
  partnership: partnershipId.optional(),
  status: openOrClosed.optional(),
});
