/**
 * Who decides whether to review, and by what rule, as each pack says it (issue 22): Derby
 * and Derbyshire's subgroup (000 §11.2 quorum, §12.29–12.30 voters, §12.31 proxies, §12.34 the
 * Chair's consent), Durham's 2 of the 3 partners (003 L377), and a fifth partnership's quorum
 * of members, agencies and chair (tests/fixtures/policies/wessex.json, after 004 §8.1).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tallyVotes } from '../../src/case/partnersDecision';
import {
  type Attendance,
  meetingRequired,
  quorumShortfall,
  votersAt,
  votesNeededFor,
  votingRuleFrom,
  withChairConsent,
} from '../../src/case/votingRules';
import { loadPolicies, validatePack } from '../../src/policy/registry';

const policies = loadPolicies({ dir: path.resolve(__dirname, '..', 'fixtures', 'policies') });
const derbyPack = policies.get('derby-derbyshire');
const derby = votingRuleFrom(derbyPack);
const durham = votingRuleFrom(policies.get('durham'));
const wessexPack = policies.get('wessex');
const wessex = votingRuleFrom(wessexPack);
const DERBY_PARTNERS = derbyPack.partners.map((p) => p.id);

const meeting = (represented: string[], members = 10, chairedBy: Attendance['chairedBy'] = 'chair') => ({
  represented,
  members,
  chairedBy,
});

describe('the deciding body and its rule', () => {
  it('are Derby and Derbyshire’s Child Safeguarding Practice Review Group, and Durham’s three partners', () => {
    expect(derby).toMatchObject({
      decidedBy: expect.stringContaining('Child Safeguarding Practice Review Group'),
      voters: 'statutory-partners-and-agencies-present',
      chairConsent: { required: true, source: expect.stringContaining('000 §12.34') },
      proxies: { allowed: true, source: expect.stringContaining('000 §12.31') },
    });
    expect(derby.quorum?.source).toContain('000 §11.2');
    expect(meetingRequired(derby)).toBe(true);
    expect(durham).toMatchObject({
      decidedBy: 'the three safeguarding partners',
      voters: 'statutory-partners',
      chairConsent: { required: false },
      quorum: null,
    });
    expect(meetingRequired(durham)).toBe(false);
  });
});

describe('a quorum', () => {
  it("lists only the pack's own agencies as those on the body's terms of reference", () => {
    const stated = {
      id: 'x-pack',
      name: 'X',
      partners: [
        { id: 'la', name: 'Council', kind: 'local-authority' },
        { id: 'police', name: 'Police', kind: 'police' },
        { id: 'icb', name: 'ICB', kind: 'health' },
      ],
      reviewDecision: {
        quorum: {
          allStatutoryPartners: true,
          moreThanHalfOfAgencies: true,
          agencies: ['schools'],
          minMembers: 0,
          minAgencies: 0,
          chairOrViceChair: false,
          sources: ['X §1'],
        },
        sources: ['X §1'],
      },
    };
    expect(() => validatePack(stated, 'x.json')).toThrow(/reviewDecision\.quorum\.agencies\.0/);
  });

  it('in Derby and Derbyshire needs every statutory partner represented, and names the clause', () => {
    const without = meeting(DERBY_PARTNERS.filter((id) => id !== 'derbyshire-constabulary'));
    expect(quorumShortfall(derby, derbyPack.partners, without)).toMatch(
      /not quorate: it needs every statutory partner represented \(not: Derbyshire Constabulary\) \(000 §11\.2/,
    );
    expect(quorumShortfall(derby, derbyPack.partners, meeting(DERBY_PARTNERS))).toBeUndefined();
  });

  it('counts more than half of the relevant agencies on the terms of reference, where the pack lists them', () => {
    const listed = {
      ...derby,
      quorum: { ...derby.quorum!, agencies: ['a1', 'a2', 'a3', 'a4'] },
      agencies: ['a1', 'a2', 'a3', 'a4'].map((id) => ({ id, name: id })),
    };
    expect(quorumShortfall(listed, derbyPack.partners, meeting([...DERBY_PARTNERS, 'a1', 'a2']))).toContain(
      'more than half of the 4 relevant agencies on its terms of reference (3; 2 represented)',
    );
    expect(
      quorumShortfall(listed, derbyPack.partners, meeting([...DERBY_PARTNERS, 'a1', 'a2', 'a3'])),
    ).toBeUndefined();
  });

  it('of eight members, four agencies and the chair or vice chair, each shortfall named', () => {
    const short = quorumShortfall(
      wessex,
      wessexPack.partners,
      meeting(['wessex-council', 'wessex-police', 'wessex-icb'], 7, 'other'),
    );
    expect(short).toContain('8 members (7 present)');
    expect(short).toContain('4 separate agencies (3 represented)');
    expect(short).toContain('the chair or vice chair present');
    expect(short).toContain('Wessex arrangements §6.1');
    expect(
      quorumShortfall(
        wessex,
        wessexPack.partners,
        meeting(['wessex-council', 'wessex-police', 'wessex-icb', 'wessex-schools'], 8, 'vice-chair'),
      ),
    ).toBeUndefined();
  });
});

describe('who votes, and how many carry it', () => {
  const withAgencies = {
    ...derby,
    agencies: [
      { id: 'emas', name: 'EMAS' },
      { id: 'dhu', name: 'DHU' },
    ],
  };

  it('is each statutory partner and each relevant agency present (000 §12.29–12.30): a majority of them', () => {
    const voters = votersAt(withAgencies, derbyPack.partners, meeting([...DERBY_PARTNERS, 'emas']));
    expect(voters.map((v) => v.id)).toEqual([...DERBY_PARTNERS, 'emas']);
    expect(votesNeededFor(withAgencies, 3, voters.length)).toBe(3);
    expect(votesNeededFor(withAgencies, 3, 6)).toBe(4);
  });

  it('is the statutory partners alone, by the pack’s number, where the pack says so', () => {
    expect(votersAt(durham, policies.get('durham').partners, undefined)).toHaveLength(3);
    expect(votesNeededFor(durham, 2, 3)).toBe(2);
  });
});

describe('the Chair’s consent (000 §12.34)', () => {
  const votes = (...outcomes: string[]) =>
    outcomes.map((vote, i) => ({ partnerId: DERBY_PARTNERS[i]!, vote: vote as 'local-cspr' | 'no-review' }));

  it('a 2-2 split is a deadlock, whatever the Chair says', () => {
    const tally = tallyVotes(DERBY_PARTNERS, votes('local-cspr', 'local-cspr', 'no-review', 'no-review'), 3);
    expect(tally.status).toBe('tied');
    expect(withChairConsent(tally, true, []).status).toBe('tied');
  });

  it('a majority without the Chair’s consent waits for it; consent carries it; consent withheld deadlocks it', () => {
    const majority = tallyVotes(
      DERBY_PARTNERS,
      votes('local-cspr', 'local-cspr', 'local-cspr', 'no-review'),
      3,
    );
    expect(majority).toMatchObject({ status: 'decided', outcome: 'local-cspr' });
    expect(withChairConsent(majority, true, [])).toEqual({
      status: 'awaiting-consent',
      outcome: 'local-cspr',
    });
    // A consent on another outcome says nothing of this majority.
    expect(
      withChairConsent(majority, true, [{ outcome: 'no-review', consent: 'given', decidedOn: '2026-11-02' }]),
    ).toEqual({ status: 'awaiting-consent', outcome: 'local-cspr' });
    expect(
      withChairConsent(majority, true, [
        { outcome: 'local-cspr', consent: 'given', decidedOn: '2026-11-02' },
      ]),
    ).toEqual({ ...majority, consentedOn: '2026-11-02' });
    expect(
      withChairConsent(majority, true, [
        { outcome: 'local-cspr', consent: 'withheld', decidedOn: '2026-11-02' },
      ]).status,
    ).toBe('tied');
    // Where the pack needs no consent, the majority carries alone (Durham, 003).
    expect(withChairConsent(majority, false, [])).toEqual(majority);
  });
});
