/**
 * What each decision on a local review carries: the API's request bodies, and (with the
 * actor) the Updates' arguments the workflow checks, whose types ./types.ts reads off these.
 */
import { z } from 'zod';
import { isoDate, text, words } from '../validation';
import { DelayReasons, Drafts } from './values';

export const localReviewBodies = {
  reviewer: z.strictObject({
    commissionedOn: isoDate,
    /** The reviewer or their organisation: a professional, never the family. */
    reviewer: words(200),
    /** Whether the reviewer is independent: required where the pack asks (Dudley, 002 L399). */
    independent: z.boolean(),
    termsOfReference: text,
  }),
  draft: z.strictObject({ receivedOn: isoDate, draft: z.enum(Drafts) }),
  /** A round of comments on the latest draft, sent back to the reviewer (004 §12.6). */
  comments: z.strictObject({ sentOn: isoDate }),
  signOff: z.strictObject({ signedOffOn: isoDate }),
  delay: z.strictObject({
    approvedOn: isoDate,
    reason: z.enum(DelayReasons),
    details: text,
    newDueDate: isoDate,
  }),
  publicationDate: z.strictObject({ publicationDate: isoDate }),
  publication: z.strictObject({ publishedOn: isoDate }),
  /** 003: information about improvements published instead of the full report. */
  notPublishing: z.strictObject({
    decidedOn: isoDate,
    justification: text,
    improvementsPublishedOn: isoDate,
    /** 002 L401: an exception agreed with the Panel, if there was one. */
    panelException: text.optional(),
  }),
  takedown: z.strictObject({ removedOn: isoDate }),
};

export type LocalReviewBody<K extends keyof typeof localReviewBodies> = z.infer<
  (typeof localReviewBodies)[K]
>;
