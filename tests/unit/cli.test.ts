/** The CLI contract others script against (issue: "CLI (others will script against this exact contract)"). */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createVerifier, issueDevToken } from '../../src/auth/tokens';
import { holidaysCommand } from '../../src/cli/holidays';
import { runCli } from '../../src/cli/run';
import { parsePayloadKeys } from '../../src/temporal/payloadCodec';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err, json: () => JSON.parse(out) as Record<string, unknown> };
}

describe('cli deadline', () => {
  it('answers the SPEC example as one JSON object', async () => {
    const r = await cli('deadline', '--from', '2025-12-19', '--working-days', '5');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.json()).toMatchObject({
      from: '2025-12-19',
      workingDays: 5,
      due: '2025-12-30',
      dueAt: '2025-12-30T23:59:59.999Z',
      partnership: 'national',
      source: 'gov.uk',
    });
  });

  it('counts backwards with --before and forwards in months with --months', async () => {
    expect(
      (
        await cli('deadline', '--before', '2026-03-10', '--working-days', '7', '--partnership', 'durham')
      ).json(),
    ).toMatchObject({ before: '2026-03-10', workingDays: 7, due: '2026-02-27', partnership: 'durham' });
    expect((await cli('deadline', '--from', '2025-08-31', '--months', '6')).json()).toMatchObject({
      months: 6,
      due: '2026-02-28',
      dueAt: '2026-02-28T23:59:59.999Z',
    });
  });

  it("reports the fallback source beyond GOV.UK's years", async () => {
    expect((await cli('deadline', '--from', '2031-12-19', '--working-days', '5')).json()).toMatchObject({
      due: '2031-12-30',
      source: 'date-holidays',
    });
  });

  const bad: [string, string[], RegExp][] = [
    ['an impossible date', ['--from', '2025-02-30', '--working-days', '5'], /not a real date/],
    ['a negative count', ['--from', '2025-02-03', '--working-days', '-1'], /whole number/],
    ['a fractional count', ['--from', '2025-02-03', '--working-days', '1.5'], /whole number/],
    [
      'an unknown partnership',
      ['--from', '2025-02-03', '--working-days', '5', '--partnership', 'atlantis'],
      /unknown partnership "atlantis"/,
    ],
    ['no rule', ['--from', '2025-02-03'], /give a rule/],
    ['no date', ['--working-days', '5'], /basis date/],
    ['an unknown option', ['--from', '2025-02-03', '--working-days', '5', '--bogus'], /--bogus/],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 with one line on stderr and nothing on stdout for ${what}`, async () => {
      const r = await cli('deadline', ...args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(message);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    });
  }
});

describe('cli policy', () => {
  type Row = { setting: string; value: unknown; from: string; sources: string[]; national?: unknown };
  const WESSEX = path.resolve(__dirname, '..', 'fixtures', 'policies', 'wessex.json');

  it('shows every setting of the pack with where it comes from', async () => {
    const r = await cli('policy', 'show', 'durham');
    expect(r.code).toBe(0);
    const shown = r.json() as { id: string; workingTogetherEdition: string; settings: Row[] };
    expect(shown).toMatchObject({ id: 'durham', workingTogetherEdition: '2023' });
    const row = (setting: string) => shown.settings.find((s) => s.setting === setting);
    // Durham's own rule, with Durham's clause; a national one, with the national source.
    expect(row('notification.considerationMeeting')).toMatchObject({ value: true, from: 'pack' });
    expect(row('notification.considerationMeeting')!.sources.join(' ')).toContain('003');
    expect(row('rapidReview.workingDays')).toMatchObject({ value: 15, from: 'national' });
    expect(row('rapidReview.workingDays')!.sources.join(' ')).toContain("the Panel's guidance");
    expect(row('audit.enabled')).toMatchObject({ value: true, from: 'pack' });
    expect(row('audit.enabled')!.sources.join(' ')).toContain('003 L383-385');
    expect(row('reviewer.independenceRequired')).toMatchObject({ value: false, from: 'national' });
    expect(row('reviewer.independenceRequired')!.sources.join(' ')).toContain('product default');
    // Every setting has a source: the pack's, the national guidance, or "product default".
    const unsourced = shown.settings.filter(
      (s) => s.sources.length === 0 && !['id', 'name'].includes(s.setting) && s.from === 'national',
    );
    expect(unsourced).toEqual([]);
  });

  it('exits 2 for an unknown pack', async () => {
    const r = await cli('policy', 'show', 'atlantis');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });

  it("checks a fifth partnership's pack and prints what it changes from the national defaults", async () => {
    const r = await cli('policy', 'check', WESSEX);
    expect([r.code, r.err]).toEqual([0, '']);
    const checked = r.json() as { valid: boolean; id: string; changes: Row[] };
    expect(checked).toMatchObject({ valid: true, id: 'wessex' });
    const change = (setting: string) => checked.changes.find((c) => c.setting === setting);
    expect(change('rapidReview.basis')).toMatchObject({ value: 'awareness', national: 'notification' });
    expect(change('drafting.commentRounds')).toMatchObject({ value: 3, national: null });
    expect(change('approvals.signOff.recordedBy')).toMatchObject({
      value: ['independent-chair'],
      national: ['business-manager', 'independent-chair'],
      sources: [expect.stringContaining('§7.6')],
    });
    // What it leaves as the national rule is not a change.
    expect(change('notification.workingDays')).toBeUndefined();
    expect(change('workingTogetherEdition')).toBeUndefined();
  });

  it('exits 2 naming the field for a pack that is invalid, unsourced, reserved or taken', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-'));
    const wessex = JSON.parse(fs.readFileSync(WESSEX, 'utf8')) as Record<string, unknown>;
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['bad-field', { ...wessex, drafting: { commentRounds: 0 } }, /drafting\.commentRounds/],
      [
        'unsourced',
        { ...wessex, notification: { workingDays: 4 } },
        /notification\.workingDays \(cite it in notification\.sources\)/,
      ],
      ['reserved', { ...wessex, id: 'national' }, /id: is reserved/],
      ['taken', { ...wessex, id: 'durham' }, /built-in pack/],
      ['no-body', { ...wessex, bodies: [] }, /body:wessex-executive|bodies/],
    ];
    for (const [name, pack, message] of cases) {
      const file = path.join(dir, `${name}.json`);
      fs.writeFileSync(file, JSON.stringify(pack));
      const r = await cli('policy', 'check', file);
      expect([name, r.code, r.out]).toEqual([name, 2, '']);
      expect(r.err).toMatch(message);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    }
    expect((await cli('policy', 'check')).code).toBe(2);
  });
});

describe('cli replan', () => {
  const good = ['--partnership', 'durham', '--reason', 'closure day added', '--user', 'bm-1'];
  const bad: [string, string[], RegExp][] = [
    ['no partnership', good.slice(2), /--partnership/],
    ['an unknown partnership', ['--partnership', 'atlantis', ...good.slice(2)], /unknown partnership/],
    ['no reason', [...good.slice(0, 2), ...good.slice(4)], /--reason/],
    ['a blank reason', [...good.slice(0, 2), '--reason', ' ', ...good.slice(4)], /--reason/],
    ['no user', good.slice(0, 4), /--user/],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 before connecting to Temporal for ${what}`, async () => {
      const r = await cli('replan', ...args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(message);
    });
  }
});

describe('cli payload-key', () => {
  it('prints a new key that PAYLOAD_KEYS accepts', async () => {
    const r = await cli('payload-key', '--id', '2026-11');
    expect(r.code).toBe(0);
    const keys = parsePayloadKeys(r.out.trim());
    expect(keys.map((k) => k.id)).toEqual(['2026-11']);
    expect((await cli('payload-key', '--id', '2026-11')).out).not.toBe(r.out);
  });

  it.each([[[]], [['--id', 'has space']]])('exits 2 for %j', async (args) => {
    const r = await cli('payload-key', ...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/--id/);
  });
});

describe('cli holidays refresh', () => {
  const govUk = {
    'england-and-wales': {
      division: 'england-and-wales',
      events: [
        { title: 'Boxing Day', date: '2030-12-26', notes: '', bunting: true },
        { title: 'Christmas Day', date: '2030-12-25', notes: '', bunting: true },
      ],
    },
    scotland: { division: 'scotland', events: [] },
  };

  it("converts GOV.UK's document into the snapshot and replaces the file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-'));
    const source = path.join(dir, 'bank-holidays.json');
    const target = path.join(dir, 'snapshot.json');
    fs.writeFileSync(source, JSON.stringify(govUk));
    const result = await holidaysCommand(['refresh', '--from-file', source], '2030-01-01', target);
    expect(result).toMatchObject({ firstYear: 2030, lastYear: 2030, events: 2 });
    const written = JSON.parse(fs.readFileSync(target, 'utf8'));
    expect(written.events.map((e: { date: string }) => e.date)).toEqual(['2030-12-25', '2030-12-26']);
    expect(written.version).toBe('2030-01-01');
  });

  it("refuses a document that is not GOV.UK's, leaving the snapshot alone", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-'));
    const source = path.join(dir, 'bad.json');
    const target = path.join(dir, 'snapshot.json');
    fs.writeFileSync(target, 'unchanged');
    fs.writeFileSync(
      source,
      JSON.stringify({
        'england-and-wales': { division: 'england-and-wales', events: [{ title: 'X', date: '2030-02-30' }] },
      }),
    );
    await expect(holidaysCommand(['refresh', '--from-file', source], '2030-01-01', target)).rejects.toThrow(
      /events\.0\.date/,
    );
    expect(fs.readFileSync(target, 'utf8')).toBe('unchanged');
  });
});

describe('npm run --silent cli', () => {
  it('keeps the contract as a real process: JSON on stdout, exit 2 and one stderr line on bad input', async () => {
    const run = promisify(execFile);
    const root = path.resolve(__dirname, '..', '..');
    const ok = await run(
      'npm',
      ['run', '--silent', 'cli', '--', 'deadline', '--from', '2025-12-19', '--working-days', '5'],
      { cwd: root },
    );
    expect(JSON.parse(ok.stdout)).toMatchObject({ due: '2025-12-30' });

    const failed = await run(
      'npm',
      ['run', '--silent', 'cli', '--', 'deadline', '--from', 'yesterday', '--working-days', '5'],
      {
        cwd: root,
      },
    ).then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stdout).toBe('');
    expect(failed?.stderr.split('\n').filter((l) => l.startsWith('cli:'))).toEqual([
      'cli: --from "yesterday" is not a real date in the form YYYY-MM-DD',
    ]);
  }, 30_000);
});

describe('cli token', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-'));
  const withDataDir = async (...argv: string[]) => {
    const before = process.env.DATA_DIR;
    process.env.DATA_DIR = dataDir;
    try {
      return await cli(...argv);
    } finally {
      if (before === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = before;
    }
  };

  it('prints a development token the API accepts, carrying the role and partnerships', async () => {
    const r = await withDataDir(
      'token',
      '--role',
      'business-manager',
      '--partnership',
      'durham',
      '--user',
      'u1',
    );
    expect(r.code).toBe(0);
    const token = r.out.trim();
    expect(token.split('.')).toHaveLength(3);
    const verify = await createVerifier({ mode: 'development', dataDir });
    expect(await verify(token)).toEqual({ userId: 'u1', role: 'business-manager', partnerships: ['durham'] });
  });

  it('binds a partner representative to a partner of the partnership', async () => {
    const r = await withDataDir(
      'token',
      ...['--role', 'partner-representative', '--partnership', 'durham', '--user', 'rep'],
      ...['--partner', 'durham-constabulary'],
    );
    const verify = await createVerifier({ mode: 'development', dataDir });
    expect((await verify(r.out.trim())).partnerId).toBe('durham-constabulary');
  });

  const bad: [string, string[]][] = [
    ['an unknown role', ['--role', 'mayor', '--partnership', 'durham', '--user', 'u1']],
    ['no partnership', ['--role', 'viewer', '--user', 'u1']],
    ['an unknown partnership', ['--role', 'viewer', '--partnership', 'atlantis', '--user', 'u1']],
    ['no user', ['--role', 'viewer', '--partnership', 'durham']],
    [
      'a partner rep without a partner',
      ['--role', 'partner-representative', '--partnership', 'durham', '--user', 'u'],
    ],
    [
      'a partner of another partnership',
      [
        '--role',
        'partner-representative',
        '--partnership',
        'durham',
        '--user',
        'u',
        '--partner',
        'dudley-mbc',
      ],
    ],
  ];
  for (const [what, args] of bad) {
    it(`exits 2 for ${what}`, async () => {
      const r = await withDataDir('token', ...args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
    });
  }

  it('refuses a token that was not signed with this data directory’s key', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'token-other-'));
    const foreign = await issueDevToken(other, { userId: 'x', role: 'viewer', partnerships: ['durham'] });
    const verify = await createVerifier({ mode: 'development', dataDir });
    await expect(verify(foreign)).rejects.toThrow(/not valid/);
  });
});
