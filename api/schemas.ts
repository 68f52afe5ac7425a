/** Request bodies, validated with zod before anything reaches a workflow. */
import { z } from 'zod';
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
});
export type StartCaseBody = z.infer<typeof startCaseBody>;
