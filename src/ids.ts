/**
 * The workflow id of every kind of record, made here and nowhere else. A partnership's id and
 * a record's reference can never hold a colon (their schemas refuse one), so an id is
 * `<kind>:<partnership>:<reference>` and a case's local review `<case id>:local-review`: no
 * reference can make another record's id, another kind's, or another case's child's. Ids are
 * in every history, so records started before this keep theirs (`case-<partnership>-<ref>`,
 * its review `…-cspr`); no new record can be given one of those, since every new id has a colon.
 */
const SEPARATOR = ':';

export const RecordKinds = {
  case: 'case',
  complaint: 'complaint',
  meeting: 'meeting',
  learningAction: 'action',
} as const;
export type RecordKind = (typeof RecordKinds)[keyof typeof RecordKinds];

/** The id of the record of `kind` with this partnership and reference. */
export function recordIdFor(kind: RecordKind, partnership: string, reference: string): string {
  for (const [part, value] of [
    ['partnership', partnership],
    ['reference', reference],
  ] as const) {
    // The schemas already refuse these; an id is too important to rest on that alone.
    if (value === '' || value.includes(SEPARATOR))
      throw new Error(`a ${part} for an id must be non-empty and hold no '${SEPARATOR}'`);
  }
  return [kind, partnership, reference].join(SEPARATOR);
}

/**
 * The id a record with the same kind, partnership and reference was given before ids held
 * colons: a new record must not share a reference with one of those.
 */
export function legacyIdOf(id: string): string | undefined {
  const [kind, partnership, reference, ...rest] = id.split(SEPARATOR);
  if (rest.length > 0 || reference === undefined) return undefined;
  return [kind, partnership, reference].join('-');
}

export const caseIdFor = (partnership: string, reference: string) =>
  recordIdFor(RecordKinds.case, partnership, reference);

/** A case's local review runs as its child under this id: one review per case. */
export function localReviewIdFor(caseId: string): string {
  return caseId.includes(SEPARATOR) ? `${caseId}${SEPARATOR}local-review` : `${caseId}-cspr`;
}

/** Whether `id` is a case's, in either form, as a learning action names its case. */
export const CASE_ID_PATTERN = /^case(:[a-z][a-z0-9-]*:|-[a-z0-9-]+-)[A-Za-z0-9._-]+$/;

/** An id as a URL path segment: escaped, but with its colons kept, as a path may hold them. */
export const idPath = (id: string) => encodeURIComponent(id).replaceAll('%3A', ':');
