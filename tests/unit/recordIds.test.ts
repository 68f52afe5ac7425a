/**
 * Record ids (src/ids.ts): no partnership and reference can make the id of another record,
 * of another kind of record, or of a case's local review; records started before ids had
 * their namespace keep their local review's id, which their histories hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CASE_ID_PATTERN,
  caseIdFor,
  idPath,
  localReviewIdFor,
  RecordKinds,
  recordIdFor,
} from '../../src/ids';
import { partnershipId, reference } from '../../src/validation';

const aPartnership = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
const aReference = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/);
const kinds = Object.values(RecordKinds);
const aRecord = fc.record({
  kind: fc.constantFrom(...kinds),
  partnership: aPartnership,
  reference: aReference,
});

describe('record ids', () => {
  it('are the same only for the same kind, partnership and reference', () => {
    fc.assert(
      fc.property(aRecord, aRecord, (a, b) => {
        const same = a.kind === b.kind && a.partnership === b.partnership && a.reference === b.reference;
        expect(
          recordIdFor(a.kind, a.partnership, a.reference) === recordIdFor(b.kind, b.partnership, b.reference),
        ).toBe(same);
      }),
      { numRuns: 2000 },
    );
  });

  it("never make a case's local review id, whatever the reference", () => {
    fc.assert(
      fc.property(aRecord, aPartnership, aReference, (r, p, ref) => {
        const review = localReviewIdFor(caseIdFor(p, ref));
        expect(recordIdFor(r.kind, r.partnership, r.reference)).not.toBe(review);
      }),
      { numRuns: 2000 },
    );
    // The takeover that used to work: another case's reference with the review's suffix.
    expect(caseIdFor('durham', 'D1-cspr')).not.toBe(localReviewIdFor(caseIdFor('durham', 'D1')));
    expect(caseIdFor('durham', 'D1-local-review')).not.toBe(localReviewIdFor(caseIdFor('durham', 'D1')));
    // A hyphenated partnership cannot be read as a shorter one with a longer reference.
    expect(caseIdFor('derby-derbyshire', 'X')).not.toBe(caseIdFor('derby', 'derbyshire-X'));
  });

  it('cannot be given a colon by the schemas that take partnerships and references', () => {
    expect(reference.safeParse('D1:local-review').success).toBe(false);
    expect(partnershipId.safeParse('durham:x').success).toBe(false);
    expect(() => caseIdFor('durham', 'D1:local-review')).toThrow();
    expect(() => caseIdFor('', 'D1')).toThrow();
  });

  it("keep a case's local review id as it was for cases started before the namespace", () => {
    expect(localReviewIdFor('case-durham-D1')).toBe('case-durham-D1-cspr');
    expect(localReviewIdFor(caseIdFor('durham', 'D1'))).toBe('case:durham:D1:local-review');
  });

  it('name a case in either form for a learning action, and nothing else', () => {
    expect(CASE_ID_PATTERN.test(caseIdFor('dudley', 'DUD-1'))).toBe(true);
    expect(CASE_ID_PATTERN.test('case-dudley-DUD-1')).toBe(true);
    expect(CASE_ID_PATTERN.test(recordIdFor(RecordKinds.complaint, 'dudley', 'DUD-1'))).toBe(false);
    expect(CASE_ID_PATTERN.test(localReviewIdFor(caseIdFor('dudley', 'DUD-1')))).toBe(false);
  });

  it('go into a URL path with their colons kept and everything else escaped', () => {
    expect(idPath(caseIdFor('durham', 'D.1_x'))).toBe('case:durham:D.1_x');
    expect(idPath('a/b c')).toBe('a%2Fb%20c');
  });
});
