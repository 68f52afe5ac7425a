/**
 * The building blocks of every request schema (the API's bodies, and the same schemas the
 * workflows check their Updates' arguments with). Pure zod: safe in workflow code.
 */
import { z } from 'zod';
import { isIsoDate } from './calendar/civilDate';
import { roles } from './auth/roles';
import { DomainError, type FieldProblem } from './errors';

export const isoDate = z.string().refine(isIsoDate, 'must be a real date in the form YYYY-MM-DD');

/** Something a reader can see: a letter, a digit, a mark or a symbol, not only spaces and invisible marks. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** Free text a person wrote, up to `max` characters, with something in it to read. */
export const words = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => VISIBLE.test(s), 'must contain visible text');

/** Free text a person wrote: a rationale, a reason, a summary. */
export const text = words(2000);

/**
 * The dates a person can plausibly mean: none before the Children Act 2004 set up the
 * arrangements this serves, none more than ten years ahead. A date outside (9999-12-31,
 * 1900-01-01) is a slip of the keyboard, refused with its field named, not a deadline.
 */
export const PLAUSIBLE_DATES = { from: '2004-01-01', yearsAhead: 10 } as const;

/** Why `date` is not one a person can mean, given today's date; undefined if it is. */
export function implausibleDate(date: string, today: string): string | undefined {
  const until = `${Number(today.slice(0, 4)) + PLAUSIBLE_DATES.yearsAhead}${today.slice(4)}`;
  if (date < PLAUSIBLE_DATES.from) return `must not be before ${PLAUSIBLE_DATES.from}`;
  if (date > until) return `must not be after ${until}, ${PLAUSIBLE_DATES.yearsAhead} years from today`;
  return undefined;
}

/** A partnership's own reference for a record: never a child's name. */
export const reference = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, dots, hyphens or underscores');

export const partnershipId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a partnership id');

export const agencyId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, "must be an agency's id from the partnership's pack");

/** Who decided: recorded with every decision, so the history is the audit trail. */
export const actor = z.strictObject({ userId: z.string().min(1), role: z.enum(roles) });

/** Each issue of a failed parse, naming the field at fault. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
}

/** What is wrong with `value` by `schema`: nothing if it fits. */
export function problemsOf(schema: z.ZodType, value: unknown): FieldProblem[] {
  const result = schema.safeParse(value);
  return result.success ? [] : fieldProblems(result.error);
}

/** A request that fails its schema: refused as invalid, each field named. */
export function invalidRequest(error: z.ZodError): DomainError {
  const fields = fieldProblems(error);
  const detail = fields.map((e) => `${e.field}: ${e.message}`).join('; ');
  return new DomainError('invalid', 'The request is not valid', detail, fields);
}
