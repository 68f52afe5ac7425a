/**
 * Working-day arithmetic, the pure core of every statutory clock: due dates computed per
 * second over varied basis dates and rules, and the cost of planning all of a case's
 * deadlines (what the planning activity does, reminders included).
 */
import { computeDueDate, type DeadlineRule, formatIsoDate, parseIsoDate } from '../src/calendar';
import type { PolicyRegistry } from '../src/policy/registry';
import { createPlanningActivities } from '../activities/planning';
import type { Section } from './report';

const RULES: DeadlineRule[] = [
  { kind: 'working-days-after', workingDays: 5 },
  { kind: 'working-days-after', workingDays: 15 },
  { kind: 'working-days-before', workingDays: 7 },
  { kind: 'calendar-months-after', months: 6 },
];

/** Calls `work` in batches until `seconds` have passed; returns calls per second. */
function rate(seconds: number, work: (i: number) => void): number {
  let calls = 0;
  const began = performance.now();
  while (performance.now() - began < seconds * 1000) {
    for (let j = 0; j < 1000; j++) work(calls++);
  }
  return (calls / (performance.now() - began)) * 1000;
}

export async function arithmeticBenchmark(
  policies: PolicyRegistry,
  progress: (line: string) => void,
): Promise<Section> {
  const calendar = policies.calendar('durham');
  // Basis dates over three years, so bank holidays and month ends are all met.
  const start = parseIsoDate('2025-01-01');
  const dates = Array.from({ length: 1096 }, (_, i) => formatIsoDate(start + i));
  rate(0.5, (i) => computeDueDate(calendar, dates[i % dates.length]!, RULES[i % RULES.length]!)); // warm up
  progress('working-day arithmetic: due dates');
  const perSecond = rate(2, (i) =>
    computeDueDate(calendar, dates[i % dates.length]!, RULES[i % RULES.length]!),
  );

  progress('working-day arithmetic: planning a case');
  const { planDeadline } = createPlanningActivities(policies);
  const caseDeadlines = [
    { key: 'notification', rule: RULES[0]! },
    { key: 'considerationMeeting', rule: RULES[0]! },
    { key: 'rapidReview', rule: RULES[1]! },
    { key: 'panelResponse', rule: { kind: 'working-days-after', workingDays: 20 } as DeadlineRule },
    { key: 'csprPublication', rule: RULES[3]! },
  ] as const;
  let planned = 0;
  const began = performance.now();
  while (performance.now() - began < 2000) {
    const basisDate = dates[planned % dates.length]!;
    for (const d of caseDeadlines)
      await planDeadline({ partnership: 'durham', key: d.key as never, basisDate, rule: d.rule });
    planned++;
  }
  const caseMs = (performance.now() - began) / planned;

  return {
    title: 'Working-day arithmetic',
    method:
      'In-process, one core: `computeDueDate` over 1,096 basis dates (2025–2027) cycling through four rules ' +
      '(5 and 15 working days after, 7 working days before, 6 calendar months after) for 2 s after a 0.5 s warm-up; ' +
      "then the planning activity's work for all five deadlines of a Durham case, reminders included, for 2 s.",
    rows: [
      {
        benchmark: 'Working-day arithmetic',
        measure: 'due dates computed per second',
        value: Math.round(perSecond).toLocaleString('en-GB'),
        target: '> 1,000,000',
        met: perSecond > 1_000_000,
      },
      {
        benchmark: 'Working-day arithmetic',
        measure: 'planning all five deadlines of a case',
        value: `${(caseMs * 1000).toFixed(1)} µs`,
      },
    ],
  };
}
