/**
 * The building blocks of every request schema (the API's bodies, and the same schemas the
 * workflows check their Updates' arguments with). Pure zod: safe in workflow code.
 */
import { z } from 'zod';
import { isIsoDate } from './calendar/civilDate';
import { roles } from './auth/roles';
import { DomainError, type FieldProblem } from './errors';

export const isoDate = z.string().refine(isIsoDate, 'must be a real date in the form YYYY-MM-DD');

/** Free text a person wrote: a rationale, a reason, a summary. */
export const text = z.string().trim().min(1).max(2000);

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
