/**
 * Who an agency return's notices reach: the contact the request named, and the safeguarding
 * partner lead of the statutory partner the agency falls under, from the pack. Delivered to a
 * real outbox on disk.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { createNoticeActivities } from '../../activities/notices';
import { OutboxNotifier } from '../../src/notify/outbox';
import { validatePack, PolicyError } from '../../src/policy/registry';
import { agenciesOf } from '../../src/policy/schema';
import { policiesWith } from '../helpers/cases';

const lead = { name: 'Detective Superintendent, Public Protection', email: 'ds.pp@police.example' };
const dudley = policiesWith('dudley', (pack) => ({
  ...pack,
  partners: pack.partners.map((p) => (p.id === 'west-midlands-police' ? { ...p, lead } : p)),
  agencies: [{ id: 'custody', name: 'Custody Suite', partner: 'west-midlands-police' }],
}));

describe("an agency return's recipients", () => {
  it("reach the request's contact and the agency's partner lead; a role the pack leaves unnamed is still filed", async () => {
    const outbox = new OutboxNotifier(fs.mkdtempSync(path.join(os.tmpdir(), 'agency-')));
    const activities = createNoticeActivities(dudley, outbox);
    const sendNotice = (request: Parameters<typeof activities.sendNotice>[0]) =>
      new MockActivityEnvironment().run(activities.sendNotice, request);
    await sendNotice({
      id: 'case-dudley-R1:agency-return:custody:v0:breach',
      caseId: 'case-dudley-R1',
      partnership: 'dudley',
      reference: 'R1',
      type: 'return-escalated',
      to: ['agency-contact', 'partner-lead'],
      facts: { agencyName: 'Custody Suite', returnDueDate: '2026-12-01', escalateAfterWorkingDays: '2' },
      agency: { id: 'custody', contact: { name: 'Custody Sergeant', email: 'custody@police.example' } },
    });
    const [filed] = await outbox.list({ caseId: 'case-dudley-R1' });
    expect(filed!.to).toEqual([
      { role: 'agency-contact', name: 'Custody Sergeant', email: 'custody@police.example' },
      { role: 'partner-lead', ...lead },
    ]);
    expect(filed!.subject).toBe('Case R1: information from Custody Suite still outstanding');

    await sendNotice({
      id: 'case-dudley-R2:x',
      caseId: 'case-dudley-R2',
      partnership: 'dudley',
      reference: 'R2',
      type: 'return-chase',
      to: ['partner-lead'],
      facts: { agencyName: 'Dudley MBC', dueDate: '2026-12-01', escalateAfterWorkingDays: '2' },
      agency: { id: 'dudley-mbc' },
    });
    const [unnamed] = await outbox.list({ caseId: 'case-dudley-R2' });
    expect(unnamed!.to).toEqual([{ role: 'partner-lead', name: 'partner-lead' }]);
  });
});

describe("a pack's agencies", () => {
  it('are the statutory partners and the agencies the pack adds, each under a partner of the pack', () => {
    expect(agenciesOf(dudley.get('dudley')).map((a) => `${a.id}<${a.partner}`)).toEqual([
      'dudley-mbc<dudley-mbc',
      'west-midlands-police<west-midlands-police',
      'dudley-ccg<dudley-ccg',
      'custody<west-midlands-police',
    ]);
    const pack = (agencies: unknown) =>
      validatePack(
        {
          id: 'x-pack',
          name: 'X',
          partners: [
            { id: 'la', name: 'LA', kind: 'local-authority' },
            { id: 'police', name: 'Police', kind: 'police' },
            { id: 'icb', name: 'ICB', kind: 'health' },
          ],
          agencies,
        },
        'x.json',
      );
    expect(() => pack([{ id: 'school', name: 'School', partner: 'nobody' }])).toThrow(
      /agencies\.0\.partner: must be one of the pack's partners \(la, police, icb\)/,
    );
    expect(() => pack([{ id: 'police', name: 'Police again', partner: 'police' }])).toThrow(PolicyError);
    expect(pack([{ id: 'school', name: 'School', partner: 'la' }]).agencies).toHaveLength(1);
  });
});
