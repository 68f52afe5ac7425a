/** Which kinds of case a pack takes, and what makes a case one (the refusals the API gives). */
import { describe, expect, it } from 'vitest';
import { asProblem } from '../../api/problem';
import { assertCaseOfKind } from '../../src/client/caseKinds';
import { casePolicyFrom } from '../../src/case/casePolicy';
import { loadPolicies } from '../../src/policy/registry';

const policies = loadPolicies();
const facts = {
  partnership: 'durham',
  reference: 'R',
  awareAt: '2026-11-02',
  abuseOrNeglectSuspected: true,
  childDied: true,
  seriouslyHarmed: false,
};

const refusal = (run: () => void) => {
  try {
    run();
  } catch (err) {
    // The refusal as the API answers it.
    const problem = asProblem(err);
    expect(problem).toBeDefined();
    return { status: problem!.status, fields: problem!.errors.map((e) => e.field) };
  }
  throw new Error('not refused');
};

describe('kinds of case', () => {
  it("are refused where the partnership's pack does not allow them", () => {
    const pack = {
      ...policies.get('durham'),
      caseTypes: { ...policies.get('durham').caseTypes, allowed: ['serious-incident' as const] },
    };
    expect(refusal(() => assertCaseOfKind(pack, 'local-review-only', facts))).toEqual({
      status: 422,
      fields: ['caseType'],
    });
    expect(() => assertCaseOfKind(pack, 'serious-incident', facts)).not.toThrow();
  });

  it("give each case its kind's obligations, and Durham's consideration meeting only to serious incidents", () => {
    const pack = policies.get('durham');
    const obligations = (t: Parameters<typeof casePolicyFrom>[2]) => casePolicyFrom(pack, 'v', t);
    expect(obligations('serious-incident')).toMatchObject({
      considerationMeeting: true,
      obligations: { notification: true, rapidReview: true, partnersDecision: true, alsoNotify: [] },
    });
    expect(obligations('looked-after-child-death').obligations!.alsoNotify).toEqual([
      'ofsted',
      'secretary-of-state',
    ]);
    expect(obligations('care-leaver-death')).toMatchObject({
      considerationMeeting: false,
      obligations: { notification: true, rapidReview: false, partnersDecision: false },
    });
    expect(obligations('local-review-only').obligations).toMatchObject({
      notification: false,
      partnersDecision: true,
    });
    expect(pack.caseTypes.rules['care-leaver-death'].maxAgeAtDeath).toBe(24);
    expect(pack.caseTypes.maxChildren).toBe(4);
  });
});
