/**
 * All the policy packs a deployment serves: the built-in ones for the seed partnerships and
 * any JSON packs in the configured directory, each merged over the national defaults and
 * validated. A partnership's calendar (bank holidays plus its closure days) comes from here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BankHolidays, shippedSnapshot } from '../calendar/bankHolidays';
import { dateHolidaysFallback } from '../calendar/fallbackHolidays';
import { WorkingDayCalendar } from '../calendar/workingDays';
import { changeLine, changesOf, type SettingRow, settingsOf, unsourcedChanges } from './describe';
import { NATIONAL_DEFAULTS } from './national';
import { builtInPacks } from './packs';
import { type PolicyOverrides, type PolicyPack, policyPackSchema } from './schema';

export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

export class UnknownPartnershipError extends PolicyError {
  constructor(
    readonly partnership: string,
    known: readonly string[],
  ) {
    super(`unknown partnership "${partnership}"; known: ${known.join(', ')}`);
    this.name = 'UnknownPartnershipError';
  }
}

export class PolicyRegistry {
  private readonly calendars = new Map<string, WorkingDayCalendar>();

  constructor(
    private readonly packs: ReadonlyMap<string, PolicyPack>,
    readonly holidays: BankHolidays,
    /** What each pack states itself, as its file or module says it: the rest is national. */
    private readonly stated: ReadonlyMap<string, object> = new Map(),
  ) {}

  /** Every setting of the pack, with whether the pack or the national defaults give it, and why. */
  settings(id: string): SettingRow[] {
    return settingsOf(this.get(id), this.stated.get(id) ?? {}, NATIONAL_DEFAULTS);
  }

  get ids(): string[] {
    return [...this.packs.keys()].sort();
  }

  has(id: string): boolean {
    return this.packs.has(id);
  }

  get(id: string): PolicyPack {
    const pack = this.packs.get(id);
    if (!pack) throw new UnknownPartnershipError(id, this.ids);
    return pack;
  }

  /** England and Wales bank holidays alone, for dates not tied to one partnership. */
  nationalCalendar(): WorkingDayCalendar {
    return this.calendarWith('national', []);
  }

  calendar(id: string): WorkingDayCalendar {
    return this.calendarWith(id, this.get(id).closureDays);
  }

  private calendarWith(id: string, closureDays: readonly string[]): WorkingDayCalendar {
    let calendar = this.calendars.get(id);
    if (!calendar) {
      calendar = new WorkingDayCalendar(this.holidays, closureDays);
      this.calendars.set(id, calendar);
    }
    return calendar;
  }

  /** What a planned date was computed with, recorded beside it. */
  versions(id: string): { calendarVersion: string; policyVersion: string } {
    return { calendarVersion: this.holidays.version, policyVersion: `${id}@${this.get(id).version}` };
  }
}

export function loadPolicies(
  options: { dir?: string | undefined; holidays?: BankHolidays } = {},
): PolicyRegistry {
  const packs = new Map<string, PolicyPack>();
  const stated = new Map<string, object>();
  const add = (overrides: unknown, origin: string) => {
    const pack = validatePack(overrides, origin);
    if (packs.has(pack.id)) throw new PolicyError(`${origin}: a pack with id "${pack.id}" is already loaded`);
    packs.set(pack.id, pack);
    stated.set(pack.id, overrides as object);
  };
  for (const pack of builtInPacks) add(pack, `built-in pack ${pack.id}`);
  if (options.dir) {
    for (const file of jsonFilesIn(options.dir)) add(readJson(file), file);
  }
  return new PolicyRegistry(
    packs,
    options.holidays ?? new BankHolidays(shippedSnapshot(), dateHolidaysFallback),
    stated,
  );
}

/**
 * A pack file checked as `loadPolicies` would load it beside the built-in packs: valid, with
 * an id of its own, and what it changes from the national defaults.
 */
export function checkPackFile(file: string): {
  id: string;
  name: string;
  changes: Omit<SettingRow, 'from'>[];
} {
  const overrides = readJson(file);
  const pack = validatePack(overrides, file);
  if (builtInPacks.some((p) => p.id === pack.id))
    throw new PolicyError(`${file}: the id "${pack.id}" is a built-in pack's; choose another`);
  return {
    id: pack.id,
    name: pack.name,
    changes: changesOf(settingsOf(pack, overrides as object, NATIONAL_DEFAULTS), NATIONAL_DEFAULTS).map(
      changeLine,
    ),
  };
}

/** Merges a pack over the national defaults and validates the result, naming the bad field. */
export function validatePack(overrides: unknown, origin: string): PolicyPack {
  const merged = isPlainObject(overrides) ? deepMerge(NATIONAL_DEFAULTS, overrides) : overrides;
  const parsed = policyPackSchema.safeParse(merged);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(pack)'}: ${i.message}`);
    throw new PolicyError(`${origin}: invalid policy pack: ${issues.join('; ')}`);
  }
  const rows = settingsOf(parsed.data, overrides as object, NATIONAL_DEFAULTS);
  const unsourced = unsourcedChanges(rows, NATIONAL_DEFAULTS);
  if (unsourced.length > 0)
    throw new PolicyError(
      `${origin}: invalid policy pack: changed without naming the clause it follows: ${unsourced.join('; ')}`,
    );
  return parsed.data;
}

function jsonFilesIn(dir: string): string[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch (err) {
    throw new PolicyError(`POLICY_DIR ${dir} cannot be read: ${(err as Error).message}`);
  }
  return entries
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new PolicyError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and values from the override replace the default's. */
function deepMerge(base: object, override: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

export type { PolicyOverrides, PolicyPack };
