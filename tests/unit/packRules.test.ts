/**
 * The local rules each pack states (issue 22): each with its seed clause or marked a product
 * default, the national defaults attributed truly, a pack checked against itself (its bodies,
 * its edition, its Virtual Panel), and what a case and its review keep from the pack.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casePolicyFrom } from '../../src/case/casePolicy';
import { caseDecisions, type CaseFormView } from '../../src/case/decisions';
import type { CaseView } from '../../src/case/types';
import type { Field } from '../../src/decisions/forms';
import { localReviewRulesOf } from '../../src/localReview/localReviewPolicy';
import { deadlineRecipients, obligationOf } from '../../src/policy/deadlineNotices';
import { NATIONAL_DEFAULTS } from '../../src/policy/national';
import { loadPolicies, validatePack } from '../../src/policy/registry';
import { auditScheduleFor } from '../../src/temporal/auditSchedules';

const policies = loadPolicies();
const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'policies');
const partners = [
  { id: 'la', name: 'Council', kind: 'local-authority' },
  { id: 'police', name: 'Police', kind: 'police' },
  { id: 'icb', name: 'ICB', kind: 'health' },
];
const pack = (extra: Record<string, unknown>) => ({ id: 'x-pack', name: 'X', partners, ...extra });

describe('the seed packs’ local rules', () => {
  const setting = (id: string, name: string) => policies.settings(id).find((s) => s.setting === name)!;

  it('follow Working Together 2023, each saying why its own text cites 2018', () => {
    for (const id of policies.ids) {
      expect(policies.get(id).workingTogetherEdition).toBe('2023');
      const edition = setting(id, 'workingTogetherEdition');
      expect(edition.from).toBe('pack');
      expect(edition.sources.join(' ')).toMatch(
        /cites Working Together 2018; the 2023 edition superseded it/,
      );
    }
  });

  it('state each rule where one seed says it, and leave the others the national default', () => {
    const local = {
      'drafting.commentRounds': ['kirklees', 2, '004 §12.6'],
      'communicationStrategy.required': ['kirklees', true, '004 §12.6'],
      'reviewer.independenceRequired': ['dudley', true, 'L399'],
      'afterPublication.notify': ['dudley', ['what-works-centre', 'business-manager'], '002 L401'],
      'audit.enabled': ['durham', true, '003 L383-385'],
      'approvals.signOff.by': ['durham', 'the Extended Safeguarding Executive Group', '003 L387'],
      'approvals.communicationStrategy.by': ['kirklees', 'the Executive Group', '004 §12.6'],
      'urgentSpecialMeetings.chairMayShortenNotice': ['derby-derbyshire', true, '000 §12.23'],
    } as const;
    for (const [name, [owner, value, clause]] of Object.entries(local)) {
      for (const id of policies.ids) {
        const row = setting(id, name);
        if (id === owner) {
          expect([name, row.value, row.from]).toEqual([name, value, 'pack']);
          expect(row.sources.join(' ')).toContain(clause);
        } else if (name !== 'urgentSpecialMeetings.chairMayShortenNotice') {
          expect([name, id, row.from]).toEqual([name, id, 'national']);
          expect(row.value).not.toEqual(value);
        }
      }
    }
  });

  it("keeps Kirklees' Virtual Panel members and when it is used (004 §12.6)", () => {
    expect(policies.get('kirklees').virtualPanel).toMatchObject({
      members: [
        'the Independent Chair',
        'the Chair of the CSPR Sub-group',
        'the Police representative',
        "the Children's Social Care representative",
      ],
      usedWhen: 'it is not possible to convene a meeting within the national timescales',
    });
    expect(policies.ids.filter((id) => policies.get(id).virtualPanel)).toEqual(['kirklees']);
  });

  it("sends Durham's audit to the Extended Safeguarding Executive Group too, and nobody else audits", () => {
    expect(policies.get('durham').audit).toMatchObject({
      enabled: true,
      everyMonths: 6,
      recipients: ['independent-chair', 'business-manager', 'body:extended-safeguarding-executive-group'],
    });
    expect(policies.ids.filter((id) => policies.get(id).audit.enabled)).toEqual(['durham']);
    const schedule = auditScheduleFor('durham', policies.get('durham').audit, 'q');
    expect(schedule.action.args[0]!.recipients).toContain('body:extended-safeguarding-executive-group');
    expect(schedule.spec.calendars[0]!.month).toEqual(['JANUARY', 'JULY']);
    const quarterly = auditScheduleFor('durham', { ...policies.get('durham').audit, everyMonths: 3 }, 'q');
    expect(quarterly.spec.calendars[0]!.month).toEqual(['JANUARY', 'APRIL', 'JULY', 'OCTOBER']);
  });
});

describe('the national defaults', () => {
  it('attribute the majority rule to Durham (003 L377) as a product default, not to Working Together', () => {
    const sources = NATIONAL_DEFAULTS.reviewDecision.sources.join(' ');
    const majority = NATIONAL_DEFAULTS.reviewDecision.sources.find((s) => s.includes('2 of the 3 partners'));
    expect(majority).toMatch(/^product default, from Durham/);
    expect(sources).not.toMatch(
      /Working Together 2023 ch\.5: the safeguarding partners decide together; where they differ/,
    );
  });

  it('cite guidance for every setting, or say it is a product default and where it was taken from', () => {
    const national = policies.settings('dudley').filter((r) => r.from === 'national');
    for (const row of national) {
      const cited = row.sources.join(' ');
      expect(cited, row.setting).toMatch(/product default|Working Together|GOV\.UK|the Panel's guidance/);
    }
  });
});

describe('a pack checked against itself', () => {
  it('may not take the reserved calendar key "national" as its id', () => {
    expect(() => validatePack(pack({ id: 'national' }), 'n.json')).toThrow(/id: is reserved/);
  });

  it('names only its own bodies as recipients', () => {
    const told = {
      afterPublication: { notify: ['body:board'], sources: ['§1'] },
    };
    expect(() => validatePack(pack(told), 'b.json')).toThrow(
      /afterPublication\.notify\.0: must name one of the pack's bodies/,
    );
    const withBoard = pack({ ...told, bodies: [{ id: 'board', name: 'The Board', sources: ['§2'] }] });
    expect(validatePack(withBoard, 'b.json').afterPublication.notify).toEqual(['body:board']);
    expect(() =>
      validatePack(pack({ recipients: { 'body:none': [{ name: 'A', email: 'a@b.example' }] } }), 'r.json'),
    ).toThrow(/recipients\.body:none/);
  });

  it('reads its Working Together edition: a 2018 pack cannot take care leavers’ deaths (a 2023 rule)', () => {
    const edition2018 = { workingTogetherEdition: '2018', workingTogetherEditionSources: ['§1: WT 2018'] };
    expect(() => validatePack(pack(edition2018), 'e.json')).toThrow(
      /caseTypes\.allowed: care-leaver-death is a Working Together 2023 rule/,
    );
    const allowed = ['serious-incident', 'looked-after-child-death', 'local-review-only'];
    const older = validatePack(pack({ ...edition2018, caseTypes: { allowed, sources: ['§2'] } }), 'e.json');
    expect(older.workingTogetherEdition).toBe('2018');
  });

  it('names who sits on a Virtual Panel if it allows one', () => {
    const allows = { rapidReview: { virtualPanelAllowed: true, sources: ['§1'] } };
    expect(() => validatePack(pack(allows), 'v.json')).toThrow(
      /virtualPanel: a pack that allows a Virtual Panel names its members/,
    );
  });

  it('cites a clause for every national setting it changes', () => {
    expect(() => validatePack(pack({ reviewer: { independenceRequired: true } }), 'c.json')).toThrow(
      /reviewer\.independenceRequired \(cite it in reviewer\.sources\)/,
    );
  });
});

describe('what a case keeps from its pack when it starts', () => {
  it('records the edition and pack version, and the local review settings its review will run by', () => {
    const kirklees = casePolicyFrom(policies.get('kirklees'), 'kirklees@v1');
    expect(kirklees).toMatchObject({
      policyVersion: 'kirklees@v1',
      workingTogetherEdition: '2023',
      virtualPanel: { members: expect.arrayContaining(['the Independent Chair']) },
      localReview: {
        policyVersion: 'kirklees@v1',
        drafting: { furtherDrafts: null, commentRounds: 2, commentsBy: 'the CSPR sub-group' },
        communicationStrategyRequired: true,
        reviewerIndependenceRequired: false,
      },
    });
    expect(casePolicyFrom(policies.get('dudley'), 'dudley@v1').virtualPanel).toBeUndefined();
  });

  it('runs a review whose input predates the settings by what every review did then', () => {
    const before = localReviewRulesOf({
      policyVersion: 'durham@old',
      completionMonths: 6,
      basis: 'decision',
      publicationNoticeWorkingDays: 7,
      onlineMonths: 12,
    });
    expect(before).toMatchObject({
      drafting: { furtherDrafts: 1, commentRounds: null },
      reviewerIndependenceRequired: true,
      communicationStrategyRequired: true,
      notifyAfterPublication: ['what-works-centre', 'business-manager'],
    });
    expect(before.approval('signOff')).toEqual({
      by: 'the executive group',
      recordedBy: ['business-manager', 'independent-chair'],
    });
  });
});

describe('reminder and escalation recipients per obligation', () => {
  const wessex = loadPolicies({ dir: FIXTURES }).get('wessex').deadlineNotices;
  const durham = policies.get('durham').deadlineNotices;

  it("go where the pack says for that obligation, else to the deadline's own, else the pack's general", () => {
    expect(deadlineRecipients(wessex, 'rapidReview', {})).toEqual({
      remind: ['business-manager'],
      escalate: ['business-manager', 'independent-chair', 'body:wessex-executive'],
    });
    expect(deadlineRecipients(durham, 'rapidReview', {})).toEqual({
      remind: ['safeguarding-lead', 'business-manager'],
      escalate: ['business-manager', 'independent-chair'],
    });
    // A meeting's owners are reminded of its steps unless the pack routes them.
    expect(
      deadlineRecipients(wessex, 'reports', { remind: ['business-manager', 'safeguarding-partners'] }).remind,
    ).toEqual(['business-manager', 'safeguarding-partners']);
    // A record from before the pack said: the product's recipients.
    expect(deadlineRecipients(undefined, 'notification', {})).toEqual({
      remind: ['safeguarding-lead', 'business-manager'],
      escalate: ['business-manager', 'independent-chair'],
    });
  });

  it("names an agency's clocks by their kind", () => {
    expect(obligationOf('agency-return:durham-constabulary')).toBe('agency-return');
    expect(obligationOf('cspr-agency-return:school-1:escalation')).toBe('cspr-agency-return-escalation');
    expect(obligationOf('csprPublication')).toBe('csprPublication');
  });
});

describe("the dashboard's forms by the case's rules", () => {
  const formView = (partnership: string, stage: CaseView['stage']) => {
    const policy = casePolicyFrom(loadPolicies({ dir: FIXTURES }).get(partnership), `${partnership}@v`);
    const rules = {
      policyVersion: policy.policyVersion,
      reconsiderationOutcomes: policy.reconsideration!.outcomes,
      ...(policy.virtualPanel && { virtualPanel: policy.virtualPanel }),
    };
    return { stage, deadlines: [], returns: [], agencies: [], rules } as unknown as CaseFormView;
  };
  const options = (fields: Field[], name: string) =>
    fields.find((f) => f.name === name)?.options?.map((o) => o.value);

  it("offer the pack's reconsideration outcomes, and a Virtual Panel only where the pack has one", () => {
    const reconsider = caseDecisions.reconsideration.form!;
    expect(options(reconsider.fields(formView('durham', 'reconsideration')), 'outcome')).toEqual([
      'adhere',
      'commission-cspr',
    ]);
    expect(options(reconsider.fields(formView('wessex', 'reconsideration')), 'outcome')).toEqual([
      'adhere',
      'commission-cspr',
      'no-review',
    ]);
    const rapid = caseDecisions.rapidReview.form!;
    expect(options(rapid.fields(formView('dudley', 'rapid-review')), 'format')).toEqual(['meeting']);
    const kirklees = rapid.fields(formView('kirklees', 'rapid-review'));
    expect(options(kirklees, 'format')).toEqual(['meeting', 'virtual-panel']);
    expect(kirklees.find((f) => f.name === 'virtualPanelReason')?.hint).toContain(
      'the Chair of the CSPR Sub-group',
    );
  });
});
