/** What each decision on a learning action carries: request bodies, and (with the actor) the Updates' arguments. */
import { z } from 'zod';
import { CASE_ID_PATTERN } from '../ids';
import { agencyId, isoDate, reference, text } from '../validation';

export const learningActionBodies = {
  completion: z.strictObject({ doneOn: isoDate, evidence: text }),
  closure: z.strictObject({ closedOn: isoDate, reason: text }),
};

export type LearningActionBody<K extends keyof typeof learningActionBodies> = z.infer<
  (typeof learningActionBodies)[K]
>;

export const LEARNING_SOURCES = ['rapid-review', 'cspr'] as const;

export const startActionBody = z.strictObject({
  partnership: z.string().min(1),
  reference,
  /** The case whose rapid review or CSPR recommended it. */
  caseId: z.string().regex(CASE_ID_PATTERN, 'must be a case id'),
  source: z.enum(LEARNING_SOURCES),
  recommendation: text,
  action: text,
  /** The agency that owns it: an agency id from the partnership's pack. */
  owner: agencyId,
  dueDate: isoDate,
});
export type StartActionBody = z.infer<typeof startActionBody>;
