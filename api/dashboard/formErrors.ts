/** A refused form, shown as GOV.UK shows one: an error summary linking to each field at fault. */
import type { HttpProblem } from '../problem';

/**
 * The errors of the form `key` (a form's id prefix, or none): each field's message beside it,
 * and the summary's links to the fields (`named`: each message led by its field's name), or
 * to the form when the refusal names no field.
 */
export function formErrors(
  problem: HttpProblem | undefined,
  key?: string,
  options: { named?: boolean } = {},
) {
  if (!problem) return { fieldErrors: {}, errors: [] };
  const id = (field: string) => (key ? `${key}-${field}` : field);
  return {
    fieldErrors: Object.fromEntries(
      problem.errors.map((e) => [key ? `${key}.${e.field}` : e.field, { text: e.message }]),
    ),
    errors: problem.errors.length
      ? problem.errors.map((e) => ({
          text: options.named ? `${e.field}: ${e.message}` : e.message,
          href: `#${id(e.field)}`,
        }))
      : [{ text: problem.detail, href: key ? `#form-${key}` : '#main-content' }],
  };
}
