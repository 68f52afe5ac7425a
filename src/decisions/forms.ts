/**
 * A decision as the dashboard offers it: a form with fields, shown at the stages it fits.
 * Part of each decision's catalogue entry, so the form and the API's body cannot drift.
 */
export interface Field {
  name: string;
  label: string;
  kind: 'date' | 'text' | 'textarea' | 'select' | 'yes-no' | 'checkboxes';
  hint?: string;
  options?: { value: string; text: string }[];
}

export interface DecisionForm<V, S extends string = string> {
  title: string;
  button: string;
  stages: readonly S[];
  fields: (view: V) => Field[];
  /** Offered only when this holds (by default, whenever the stage fits). */
  when?: (view: V) => boolean;
  /** The body the API takes from the form's values, where it is not the fields as they are. */
  toBody?: (values: Record<string, unknown>) => Record<string, unknown>;
}

export const date = (name: string, label: string): Field => ({
  name,
  label,
  kind: 'date',
  hint: 'For example, 2026-11-23',
});

export const textarea = (name: string, label: string): Field => ({ name, label, kind: 'textarea' });

export const select = (name: string, label: string, options: Record<string, string>): Field => ({
  name,
  label,
  kind: 'select',
  options: Object.entries(options).map(([value, text]) => ({ value, text })),
});

/** Several of the options, each ticked or not (a form sends the ticked ones, one or many). */
export const checkboxes = (name: string, label: string, options: Field['options']): Field => ({
  name,
  label,
  kind: 'checkboxes',
  options: options ?? [],
});

/** The submitted values of the fields: blanks left out, yes/no as booleans, ticked boxes as a list. */
export function fieldValues(
  fields: readonly Field[],
  submitted: Record<string, unknown>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = submitted[field.name];
    if (field.kind === 'checkboxes') {
      const ticked = (Array.isArray(raw) ? raw : [raw]).filter(
        (v): v is string => typeof v === 'string' && v !== '',
      );
      if (ticked.length > 0) body[field.name] = ticked;
      continue;
    }
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    body[field.name] = field.kind === 'yes-no' ? raw === 'yes' : raw.trim();
  }
  return body;
}

/** A submitted form as the API's body for its decision. */
export function bodyFrom<V>(form: DecisionForm<V>, view: V, submitted: Record<string, unknown>) {
  const values = fieldValues(form.fields(view), submitted);
  return form.toBody ? form.toBody(values) : values;
}
