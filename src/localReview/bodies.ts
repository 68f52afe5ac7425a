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
  /** The publication date, and the day the final report went to the Panel and the Secretary of State. */
  publicationDate: z.strictObject({ publicationDate: isoDate, sentOn: isoDate }),
  publication: z.strictObject({ publishedOn: isoDate }),
  /**
   * 003: information about improvements published instead of the full report. The
   * justification goes to the Panel and the Secretary of State when the decision is taken;
   * publishing the improvements is its own step (`improvementsPublication`), unless their
   * date is given here.
   */
  notPublishing: z.strictObject({
    decidedOn: isoDate,
    justification: text,
    improvementsPublishedOn: isoDate.optional(),
    /** 002 L401: the exception as agreed with the Panel (required where the pack says so). */
    panelException: text.optional(),
    /** The day the Panel agreed it. */
    panelAgreedOn: isoDate.optional(),
  }),
  improvementsPublication: z.strictObject({ publishedOn: isoDate }),
  /** 003 L390: a pause with no known end, for criminal or coronial proceedings. */
  pause: z.strictObject({ pausedOn: isoDate, reason: z.enum(DelayReasons), details: text }),
  resumption: z.strictObject({ resumedOn: isoDate, details: text.optional() }),
  takedown: z.strictObject({ removedOn: isoDate }),
};

export type LocalReviewBody<K extends keyof typeof localReviewBodies> = z.infer<
  (typeof localReviewBodies)[K]
>;
