/**
 * What each decision on a case carries, as request bodies: the API checks a request against
 * these, the workflow checks the Update's argument against the same (with its actor), and
 * the argument types in ./types.ts are read off them, so the two cannot differ.
 */
import { z } from 'zod';
import { caseTypes } from '../policy/schema';
import { isoDate, reference, text } from '../validation';
import {
  CASE_DEADLINE_KEYS,
  ChairConsents,
  FamilyToldHow,
  MeetingChairs,
  NotificationOutcomes,
  PanelResponses,
  ReconsiderationOutcomes,
  ReviewFormats,
  ReviewOutcomes,
  TieResolutions,
  WithdrawalReasons,
} from './values';

/** Starting a case: the incident, as a partner became aware of it. */
export const startCaseBody = z.strictObject({
  partnership: z.string().min(1),
  reference,
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

export const caseBodies = {
  considerationMeeting: z.strictObject({ heldOn: isoDate, criteriaMet: z.boolean() }),
  notificationDecision: z.discriminatedUnion('outcome', [
    z.strictObject({ outcome: z.literal(NotificationOutcomes.notified), notifiedOn: isoDate }),
    z.strictObject({
      outcome: z.literal(NotificationOutcomes.notNotifiable),
      decidedOn: isoDate,
      rationale: text,
    }),
  ]),
  rapidReview: z.strictObject({
    completedOn: isoDate,
    format: z.enum(ReviewFormats),
    /** The business manager's reason for completing it while required information is outstanding. */
    outstandingReturnsOverride: text.optional(),
    /** By Virtual Panel: why a meeting could not be convened in time (004 §12.6). */
    virtualPanelReason: text.optional(),
  }),
  /** A partner's vote, on the day it was cast; a second vote by the same partner is a change of it. */
  vote: z.strictObject({
    partnerId: z.string().min(1),
    vote: z.enum(ReviewOutcomes),
    rationale: text,
    votedOn: isoDate,
    /**
     * A vote cast for the partner by someone else (000 §12.31): whose written authority, and
     * its date. Needed whenever the one recording it is not the partner's representative.
     */
    proxyAuthorisedBy: text.optional(),
    proxyAuthorisedOn: isoDate.optional(),
  }),
  /** Who attended the meeting that decides, where the pack states its quorum (000 §11.2, 004 §8.1). */
  decisionMeeting: z.strictObject({
    heldOn: isoDate,
    /** The statutory partners and relevant agencies represented, by the pack's ids. */
    represented: z.array(z.string().min(1)).min(1).max(60),
    /** Members present, all agencies together. */
    members: z.number().int().min(1).max(200),
    chairedBy: z.enum(MeetingChairs),
  }),
  /** The Chair's consent to the majority's outcome, where the majority must include it (000 §12.34). */
  chairConsent: z.strictObject({
    outcome: z.enum(ReviewOutcomes),
    consent: z.enum(ChairConsents),
    decidedOn: isoDate,
    rationale: text,
  }),
  /** The independent chair's resolution of a tied vote (000 §12.19, §12.8). */
  tieResolution: z.discriminatedUnion('resolution', [
    z.strictObject({
      resolution: z.literal(TieResolutions.outcome),
      decidedOn: isoDate,
      outcome: z.enum(ReviewOutcomes),
      rationale: text,
      /** Who settled it, where not the chair: the body it was escalated to. */
      decidedBy: text.optional(),
    }),
    z.strictObject({
      resolution: z.literal(TieResolutions.escalated),
      decidedOn: isoDate,
      escalatedTo: text,
      rationale: text,
    }),
  ]),
  /** The child and family told the outcome and its rationale (003): when, how, and by which practitioner. */
  familyTold: z.strictObject({
    toldOn: isoDate,
    how: z.enum(FamilyToldHow),
    /** The practitioner's role (social worker, police officer): never the family's names. */
    toldBy: z.string().trim().min(1).max(200),
  }),
  /** The awareness date was recorded wrongly: the deadlines it began are planned again from the right one. */
  awarenessCorrection: z.strictObject({ awareAt: isoDate, reason: text }),
  /** A case opened in error, or a duplicate of another: closed with its reason, not deleted. */
  withdrawal: z.strictObject({
    withdrawnOn: isoDate,
    reason: z.enum(WithdrawalReasons),
    details: text,
    /** The reference of the case this one duplicates. */
    duplicateOf: reference.optional(),
  }),
  /** The local review that could not start is tried again, once what stopped it is put right. */
  handOverRetry: z.strictObject({ details: text }),
  panelResponse: z.strictObject({ receivedOn: isoDate, response: z.enum(PanelResponses) }),
  reconsideration: z.strictObject({
    decidedOn: isoDate,
    outcome: z.enum(ReconsiderationOutcomes),
    justification: text,
  }),
  extension: z.strictObject({
    key: z.enum(CASE_DEADLINE_KEYS),
    newDueDate: isoDate,
    reason: text,
    /** The date the extension was approved. */
    approvedOn: isoDate,
  }),
};

export type CaseBody<K extends keyof typeof caseBodies> = z.infer<(typeof caseBodies)[K]>;
