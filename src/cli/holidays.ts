/**
 * `cli holidays refresh --from-file F | --from-url [URL]`: replaces the shipped bank holiday
 * snapshot with GOV.UK's bank-holidays.json, validated before anything is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { holidaySnapshotSchema, isIsoDate } from '../calendar';
import { UsageError } from './usage';

export const GOV_UK_URL = 'https://www.gov.uk/bank-holidays.json';
export const SNAPSHOT_FILE = path.resolve(__dirname, '..', 'calendar', 'data', 'england-and-wales.json');

const govUkSchema = z.object({
  'england-and-wales': z.object({
    division: z.literal('england-and-wales'),
    events: z
      .array(
        z.object({
          title: z.string().min(1),
          date: z.string().refine(isIsoDate, 'must be a real YYYY-MM-DD date'),
        }),
      )
      .min(1),
  }),
});

/** GOV.UK's document turned into the snapshot this project ships. */
export function snapshotFromGovUk(document: unknown, version: string) {
  const parsed = govUkSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`not GOV.UK's bank-holidays.json: ${issue.path.join('.')}: ${issue.message}`);
  }
  const events = [...parsed.data['england-and-wales'].events]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((e) => ({ date: e.date, title: e.title }));
  const years = events.map((e) => Number(e.date.slice(0, 4)));
  return holidaySnapshotSchema.parse({
    division: 'england-and-wales',
    source: 'gov.uk',
    version,
    note: `Bank holidays in England and Wales from GOV.UK's bank-holidays.json, division england-and-wales, refreshed ${version}.`,
    firstYear: Math.min(...years),
    lastYear: Math.max(...years),
    events,
  });
}

export async function holidaysCommand(
  args: string[],
  today: string,
  target = SNAPSHOT_FILE,
): Promise<Record<string, unknown>> {
  const [sub, ...rest] = args;
  if (sub !== 'refresh') throw new UsageError('usage: holidays refresh --from-file FILE | --from-url [URL]');
  const { values } = parseArgs({
    args: rest,
    options: { 'from-file': { type: 'string' }, 'from-url': { type: 'string' } },
    strict: true,
  });
  let document: unknown;
  if (values['from-file'] !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(values['from-file'], 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${values['from-file']}: ${(err as Error).message}`);
    }
    try {
      document = JSON.parse(text);
    } catch {
      throw new UsageError(`${values['from-file']} is not valid JSON`);
    }
  } else if (values['from-url'] !== undefined) {
    const url = values['from-url'] || GOV_UK_URL;
    const res = await fetch(url, { signal: AbortSignal.timeout(15_000) }).catch((err: Error) => {
      throw new Error(`could not fetch ${url}: ${err.message}`);
    });
    if (!res.ok) throw new Error(`could not fetch ${url}: HTTP ${res.status}`);
    document = await res.json();
  } else {
    throw new UsageError('give --from-file FILE or --from-url [URL]');
  }
  const snapshot = snapshotFromGovUk(document, today);
  const tmp = `${target}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(snapshot, null, 1)}\n`);
  fs.renameSync(tmp, target);
  return {
    written: target,
    firstYear: snapshot.firstYear,
    lastYear: snapshot.lastYear,
    events: snapshot.events.length,
  };
}
