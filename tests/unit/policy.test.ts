/** Policy packs: national defaults, the four seed partnerships, and packs from a directory. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicies, PolicyError, UnknownPartnershipError, validatePack } from '../../src/policy/registry';

const policies = loadPolicies();

describe('built-in policy packs', () => {
  it('has a pack for each seed partnership', () => {
    expect(policies.ids).toEqual(['derby-derbyshire', 'dudley', 'durham', 'kirklees']);
  });

  it("keeps Durham's local rules (003): consideration meeting, 2 of 3, rapid review from notification", () => {
    const durham = policies.get('durham');
    expect(durham.partners).toHaveLength(3);
    expect(durham.reviewDecision.votesNeeded).toBe(2);
    expect(durham.notification).toMatchObject({ workingDays: 5, considerationMeeting: true });
    expect(durham.rapidReview).toMatchObject({
      workingDays: 15,
      basis: 'notification',
      virtualPanelAllowed: false,
    });
    expect(durham.rapidReview.sources.join(' ')).toContain('003');
  });

  it('gives Derby and Derbyshire four statutory partners and its complaint and meeting timescales (000)', () => {
    const dd = policies.get('derby-derbyshire');
    expect(dd.partners.map((p) => p.kind)).toEqual([
      'local-authority',
      'local-authority',
      'police',
      'health',
    ]);
    expect(dd.reviewDecision.votesNeeded).toBe(3);
    expect(dd.complaints).toMatchObject({
      actionConfirmedWorkingDays: 5,
      outcomeWorkingDays: 20,
      appealResponseWorkingDays: 10,
    });
    expect(dd.complaints.sources.join(' ')).toMatch(/§13\.4.*§13\.5.*§13\.7/s);
    expect(dd.meetings).toMatchObject({
      agendaRequestWorkingDays: { executive: 15, subgroup: 10 },
      reportsWorkingDays: 7,
      agendaCirculationWorkingDays: 5,
      specialMeetingNoticeDays: 7,
    });
  });

  it('allows Kirklees a Virtual Panel (004 §12.6) and nobody else', () => {
    expect(policies.ids.filter((id) => policies.get(id).rapidReview.virtualPanelAllowed)).toEqual([
      'kirklees',
    ]);
  });

  it('fills what a pack leaves out with the national defaults', () => {
    const dudley = policies.get('dudley');
    expect(dudley.notification.workingDays).toBe(5);
    expect(dudley.cspr).toMatchObject({ completionMonths: 6, publicationNoticeWorkingDays: 7 });
    expect(dudley.cspr.sources.join(' ')).toContain('002');
  });

  it('names the unknown partnership and the known ones', () => {
    expect(() => policies.get('atlantis')).toThrow(UnknownPartnershipError);
    expect(() => policies.get('atlantis')).toThrow(/durham/);
  });
});

describe('packs from a directory', () => {
  function dirWith(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packs-'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  }
  const partners = [
    { id: 'la', name: 'Council', kind: 'local-authority' },
    { id: 'police', name: 'Police', kind: 'police' },
    { id: 'icb', name: 'ICB', kind: 'health' },
  ];

  it('loads a valid pack with its closure days into the partnership calendar', () => {
    const dir = dirWith({
      'trafford.json': JSON.stringify({
        id: 'trafford',
        name: 'Trafford Strategic Safeguarding Partnership',
        partners,
        rapidReview: { basis: 'awareness', sources: ['counted from awareness'] },
        closureDays: ['12-24'],
      }),
    });
    const loaded = loadPolicies({ dir });
    expect(loaded.ids).toContain('trafford');
    expect(loaded.get('trafford').rapidReview.basis).toBe('awareness');
    expect(loaded.calendar('trafford').isWorkingDay(Date.UTC(2026, 11, 24) / 86_400_000)).toBe(false);
    expect(loaded.calendar('durham').isWorkingDay(Date.UTC(2026, 11, 24) / 86_400_000)).toBe(true);
  });

  it('fails with the file and the field named', () => {
    const dir = dirWith({
      'bad.json': JSON.stringify({
        id: 'bad-pack',
        name: 'Bad',
        partners,
        notification: { workingDays: -5 },
      }),
    });
    expect(() => loadPolicies({ dir })).toThrow(PolicyError);
    expect(() => loadPolicies({ dir })).toThrow(/bad\.json: invalid policy pack: notification\.workingDays/);
  });

  it('refuses unknown settings, bad closure days, JSON that does not parse, and duplicate ids', () => {
    expect(() => validatePack({ id: 'x-1', name: 'X', partners, rapidReviw: {} }, 'x.json')).toThrow(
      /rapidReviw/,
    );
    expect(() => validatePack({ id: 'x-1', name: 'X', partners, closureDays: ['02-30'] }, 'x.json')).toThrow(
      /closureDays\.0/,
    );
    expect(() => loadPolicies({ dir: dirWith({ 'broken.json': '{' }) })).toThrow(
      /broken\.json: not valid JSON/,
    );
    const durhamAgain = JSON.stringify({ id: 'durham', name: 'Durham again', partners });
    expect(() => loadPolicies({ dir: dirWith({ 'durham.json': durhamAgain }) })).toThrow(/already loaded/);
  });
});
