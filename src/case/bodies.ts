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
  NotificationOutcomes,
  PanelResponses,
  ReconsiderationOutcomes,
  ReviewFormats,
  ReviewOutcomes,
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
  vote: z.strictObject({ partnerId: z.string().min(1), vote: z.enum(ReviewOutcomes), rationale: text }),
  panelResponse: z.strictObject({ receivedOn: isoDate, response: z.enum(PanelResponses) }),
  reconsideration: z.strictObject({
    decidedOn: isoDate,
    outcome: z.enum(ReconsiderationOutcomes),
    justification: text,
  }),
  extension: z.strictObject({ key: z.enum(CASE_DEADLINE_KEYS), newDueDate: isoDate, reason: text }),
};

export type CaseBody<K extends keyof typeof caseBodies> = z.infer<(typeof caseBodies)[K]>;
