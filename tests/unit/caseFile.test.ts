/**
 * The pure rules of a truthful case file (issue 21): "N working days before P" and the
 * earliest publication it allows, which extensions a pack allows, the date and rationale of
 * the partners' decision, the words for a deadline against its statute, a kind of case's
 * obligations, and the packs' new settings with their sources.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { earliestDateAfterNotice, formatIsoDate, parseIsoDate, workingDaysBefore } from '../../src/calendar';
import { casePolicyFrom } from '../../src/case/casePolicy';
import { extensionRefusal } from '../../src/case/extensions';
import { decidedOnOf, rationaleOf } from '../../src/case/partnersDecision';
import { statuteWords } from '../../src/case/statuteWords';
import { loadPolicies } from '../../src/policy/registry';

const policies = loadPolicies();
const calendar = policies.calendar('durham');
const day = (iso: string) => parseIsoDate(iso);

describe('"N working days before P", one rule for the final report and the earliest publication', () => {
  it('counts back from P, P being day 0 (SPEC), across Christmas', () => {
    // P Monday 4 January 2027: back over 1 January, 28 December (Boxing Day's substitute) and 25 December.
    expect(formatIsoDate(workingDaysBefore(calendar, day('2027-01-04'), 3))).toBe('2026-12-29');
    expect(formatIsoDate(workingDaysBefore(calendar, day('2027-01-04'), 7))).toBe('2026-12-21');
  });

  it('gives, for a report sent on Christmas Day or a Saturday, the first date whose notice it meets', () => {
    // Sent on Friday 25 December 2026: the first working day on or after is Tuesday 29 December.
    expect(formatIsoDate(earliestDateAfterNotice(calendar, day('2026-12-25'), 7))).toBe('2027-01-08');
    // Counting 7 working days forward from the holiday gives a day earlier, whose notice it misses.
    expect(formatIsoDate(calendar.addWorkingDays(day('2026-12-25'), 7))).toBe('2027-01-07');
    expect(workingDaysBefore(calendar, day('2027-01-07'), 7)).toBeLessThan(day('2026-12-25'));
    expect(formatIsoDate(earliestDateAfterNotice(calendar, day('2026-11-28'), 7))).toBe('2026-12-09');
  });

  it('is the first P whose notice date is on or after the day sent, for any day and any N', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: day('2025-01-01'), max: day('2029-12-31') }),
        fc.integer({ min: 0, max: 20 }),
        (sent, n) => {
          const p = earliestDateAfterNotice(calendar, sent, n);
          expect(workingDaysBefore(calendar, p, n)).toBeGreaterThanOrEqual(sent);
          expect(workingDaysBefore(calendar, p - 1, n)).toBeLessThan(sent);
        },
      ),
    );
  });
});

describe('an extension', () => {
  const request = { key: 'rapidReview', statutoryDueDate: '2026-11-23', newDueDate: '2026-11-30' };
  it('of a deadline the pack does not name is refused; the notification is statutory', () => {
    expect(extensionRefusal(calendar, { ...request, key: 'notification', limit: null })).toContain(
      'by statute',
    );
    expect(extensionRefusal(calendar, { ...request, key: 'panelResponse', limit: null })).toContain(
      'allows no extension',
    );
  });
  it('ends on a working day, within the pack’s limit beyond the statutory date', () => {
    const limit = { workingDays: 10 };
    expect(extensionRefusal(calendar, { ...request, limit })).toBeUndefined();
    expect(extensionRefusal(calendar, { ...request, newDueDate: '2026-11-28', limit })).toContain(
      'not a working day',
    );
    expect(extensionRefusal(calendar, { ...request, newDueDate: '2026-12-08', limit })).toContain(
      'to 2026-12-07',
    );
    expect(
      extensionRefusal(calendar, { ...request, newDueDate: '2027-11-23', limit: { months: 12 } }),
    ).toBeUndefined();
    expect(
      extensionRefusal(calendar, { ...request, newDueDate: '2027-11-24', limit: { months: 12 } }),
    ).toContain('at most 12 months');
  });
});

describe("the partners' decision", () => {
  it('is dated by the day its deciding vote was cast, in the order cast, not typed', () => {
    const votes = [
      { vote: 'local-cspr' as const, votedOn: '2026-11-20', rationale: 'later' },
      { vote: 'no-review' as const, votedOn: '2026-11-02', rationale: 'x' },
      { vote: 'local-cspr' as const, votedOn: '2026-11-03', rationale: 'first' },
      { vote: 'local-cspr' as const, votedOn: '2026-11-10', rationale: 'second' },
    ];
    expect(decidedOnOf(votes, 'local-cspr', 2)).toBe('2026-11-10');
    expect(rationaleOf(votes, 'local-cspr')).toBe('first / second / later');
  });
});

describe('a deadline against its statute, in words', () => {
  it('says the extension beside the statute, never instead of it', () => {
    expect(statuteWords({ late: false })).toBe('on time against the statute');
    expect(statuteWords({ late: true, withinExtension: true })).toBe(
      'late against the statute; within the approved extension',
    );
    expect(statuteWords({ late: true, withinExtension: false })).toBe(
      'late against the statute; beyond the approved extension',
    );
    expect(statuteWords({ late: true, withinExtension: null })).toBe('late against the statute');
  });
});

describe('the obligations of a kind of case (WT 2023 ch.5)', () => {
  const pack = policies.get('dudley');
  it("a care leaver's death goes to the Secretary of State and Ofsted, not the Panel, with no review", () => {
    expect(casePolicyFrom(pack, 'v', 'care-leaver-death', false).obligations).toEqual({
      notification: true,
      notifiesPanel: false,
      rapidReview: false,
      partnersDecision: false,
      alsoNotify: ['secretary-of-state', 'ofsted'],
    });
  });
  it("a looked-after child's death goes to Ofsted and the Secretary of State; to the Panel only when serious", () => {
    expect(casePolicyFrom(pack, 'v', 'looked-after-child-death', true).obligations).toMatchObject({
      notifiesPanel: true,
      rapidReview: true,
      alsoNotify: ['ofsted', 'secretary-of-state'],
    });
    expect(casePolicyFrom(pack, 'v', 'looked-after-child-death', false).obligations).toMatchObject({
      notifiesPanel: false,
      rapidReview: false,
      partnersDecision: false,
    });
  });
});

describe('the packs’ settings for a truthful case file', () => {
  it('extend no notification nationally, and name their sources', () => {
    for (const id of policies.ids) {
      const p = policies.get(id);
      expect(p.extensions.limits.notification, id).toBeUndefined();
      expect(p.extensions.limits.rapidReview, id).toEqual({ workingDays: 10 });
      expect(p.notificationCalendar.closureDaysCount, id).toBe(false);
      expect(p.extensions.sources.join(' ')).toContain('GOV.UK');
    }
  });
  it('give Derby and Derbyshire the Chair’s deadlock rule (000 §12.19, §12.8) and Dudley the Panel’s agreement (002)', () => {
    expect(policies.get('derby-derbyshire').tieResolution.sources.join(' ')).toMatch(/§12\.19.*§12\.8/s);
    expect(policies.get('dudley').publicationExceptions).toMatchObject({ agreedWithPanel: true });
    expect(policies.get('dudley').publicationExceptions.sources.join(' ')).toContain('002');
    expect(policies.get('durham').publicationExceptions.agreedWithPanel).toBe(false);
  });
});
