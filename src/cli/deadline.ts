/**
 * `cli deadline`: one due date, computed exactly as the workflows compute theirs.
 *   --from D --working-days N      within N working days of D
 *   --before P --working-days N    N working days before P
 *   --from D --months N            within N calendar months of D
 */
import { parseArgs } from 'node:util';
import { computeDueDate, type DeadlineRule, isIsoDate } from '../calendar';
import type { PolicyRegistry } from '../policy/registry';
import { UsageError } from './usage';

export function deadlineCommand(args: string[], policies: PolicyRegistry): Record<string, unknown> {
  const { values } = parseArgs({
    // `--working-days -1` would read as a missing value; join it so the count check explains it.
    args: joinNegativeValues(args),
    options: {
      from: { type: 'string' },
      before: { type: 'string' },
      'working-days': { type: 'string' },
      months: { type: 'string' },
      partnership: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.from !== undefined && values.before !== undefined)
    throw new UsageError('give either --from or --before, not both');
  const basis = values.from ?? values.before;
  if (basis === undefined)
    throw new UsageError('give the basis date with --from YYYY-MM-DD or --before YYYY-MM-DD');
  if (!isIsoDate(basis))
    throw new UsageError(
      `${values.from ? '--from' : '--before'} "${basis}" is not a real date in the form YYYY-MM-DD`,
    );

  const rule = ruleFrom(values['working-days'], values.months, values.before !== undefined);
  const partnership = values.partnership ?? 'national';
  if (values.partnership !== undefined && !policies.has(values.partnership)) {
    throw new UsageError(`unknown partnership "${values.partnership}"; known: ${policies.ids.join(', ')}`);
  }
  const calendar = values.partnership ? policies.calendar(values.partnership) : policies.nationalCalendar();
  const due = computeDueDate(calendar, basis, rule);
  return {
    ...(values.before !== undefined ? { before: basis } : { from: basis }),
    ...(rule.kind === 'calendar-months-after' ? { months: rule.months } : { workingDays: rule.workingDays }),
    due: due.dueDate,
    dueAt: due.dueAt,
    partnership,
    source: due.source,
    calendarVersion: policies.holidays.version,
  };
}

function ruleFrom(
  workingDays: string | undefined,
  months: string | undefined,
  backwards: boolean,
): Exclude<DeadlineRule, { kind: 'calendar-days-before' }> {
  if (workingDays !== undefined && months !== undefined)
    throw new UsageError('give either --working-days or --months, not both');
  if (workingDays !== undefined) {
    const n = count('--working-days', workingDays);
    return backwards
      ? { kind: 'working-days-before', workingDays: n }
      : { kind: 'working-days-after', workingDays: n };
  }
  if (months !== undefined) {
    if (backwards) throw new UsageError('--months counts forwards only: use it with --from');
    return { kind: 'calendar-months-after', months: count('--months', months) };
  }
  throw new UsageError('give a rule: --working-days N or --months N');
}

function count(flag: string, value: string): number {
  if (!/^\d+$/.test(value))
    throw new UsageError(`${flag} must be a whole number of 0 or more, not "${value}"`);
  const n = Number(value);
  if (n > 10_000) throw new UsageError(`${flag} ${value} is too large`);
  return n;
}

function joinNegativeValues(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const next = args[i + 1];
    if (args[i]!.startsWith('--') && !args[i]!.includes('=') && next !== undefined && /^-\d/.test(next)) {
      out.push(`${args[i]}=${next}`);
      i += 1;
    } else {
      out.push(args[i]!);
    }
  }
  return out;
}
