/**
 * A pack as its settings, one by one, each with where it comes from: the pack (with the
 * clauses the pack cites for it) or the national defaults (with theirs). What `cli policy
 * show` lists and `cli policy check` compares; and the rule that a pack changing a setting
 * says which clause it follows.
 */
import { isDeepStrictEqual } from 'node:util';

export interface SettingRow {
  /** Its path in the pack, e.g. `rapidReview.workingDays`. */
  setting: string;
  value: unknown;
  from: 'pack' | 'national';
  /** The clauses of its group (the pack's, if the pack states the setting; else the national's). */
  sources: string[];
  /** Where the clauses for it are written (`rapidReview.sources`), if it has any. */
  citedAt?: string;
}

const PRODUCT_DEFAULT = 'product default';

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const sourcesOf = (v: unknown): string[] | undefined =>
  isNode(v) && Array.isArray(v.sources) ? (v.sources as string[]) : undefined;

/** Settings whose sources sit beside them rather than in their group. */
const SIDE_SOURCES: Record<string, string> = {
  workingTogetherEdition: 'workingTogetherEditionSources',
  partners: 'partnersSources',
};
const NOT_SETTINGS = new Set(['sources', ...Object.values(SIDE_SOURCES)]);

/**
 * Every setting of `pack` (the merged, validated pack), attributed by `overrides` (what the pack
 * file or module states) and `national` (the defaults it was merged over).
 */
export function settingsOf(pack: object, overrides: object, national: object): SettingRow[] {
  const rows: SettingRow[] = [];
  const visit = (
    merged: unknown,
    stated: unknown,
    base: unknown,
    path: string[],
    group: { stated?: string[]; national?: string[]; at?: string },
  ): void => {
    if (isNode(merged)) {
      const inner =
        'sources' in merged
          ? { stated: sourcesOf(stated), national: sourcesOf(base), at: [...path, 'sources'].join('.') }
          : group;
      for (const [key, value] of Object.entries(merged)) {
        if (NOT_SETTINGS.has(key)) continue;
        const side = SIDE_SOURCES[key];
        const here = side
          ? { stated: sideSources(stated, side), national: sideSources(base, side), at: side }
          : inner;
        visit(
          value,
          isNode(stated) ? stated[key] : undefined,
          isNode(base) ? base[key] : undefined,
          [...path, key],
          here,
        );
      }
      return;
    }
    // What neither states is the schema's own default (no closure days, the outbox, …).
    const fromPack = stated !== undefined;
    rows.push({
      setting: path.join('.'),
      value: merged,
      from: fromPack ? 'pack' : 'national',
      sources: (fromPack ? group.stated : group.national) ?? (fromPack ? [] : [PRODUCT_DEFAULT]),
      ...(group.at && { citedAt: group.at }),
    });
  };
  visit(pack, overrides, national, [], {});
  return rows;
}

function sideSources(node: unknown, key: string): string[] | undefined {
  return isNode(node) && Array.isArray(node[key]) ? (node[key] as string[]) : undefined;
}

/** The settings whose value the pack makes different from the national default, with that default. */
export function changesOf(
  rows: readonly SettingRow[],
  national: object,
): (SettingRow & { national?: unknown })[] {
  return rows
    .filter((r) => r.from === 'pack' && !isDeepStrictEqual(r.value, valueAt(national, r.setting)))
    .map((r) => {
      const base = valueAt(national, r.setting);
      return base === undefined ? r : { ...r, national: base };
    });
}

/** A change as `policy check` shows it: the setting, the national value it replaces, and why. */
export function changeLine({ from: _from, ...row }: SettingRow & { national?: unknown }) {
  return row;
}

function valueAt(node: unknown, setting: string): unknown {
  return setting.split('.').reduce<unknown>((n, key) => (isNode(n) ? n[key] : undefined), node);
}

/**
 * Where a pack changes a national setting without citing its own clause for it, the pack
 * would be shown as following the national sources for a rule they do not state.
 */
export function unsourcedChanges(rows: readonly SettingRow[], national: object): string[] {
  return changesOf(rows, national)
    .filter((r) => 'national' in r && r.citedAt !== undefined && r.sources.length === 0)
    .map((r) => `${r.setting} (cite it in ${r.citedAt})`);
}
