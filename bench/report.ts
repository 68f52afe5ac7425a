/** What each benchmark reports: rows for the table, each against its target where it has one. */
export interface Row {
  benchmark: string;
  measure: string;
  value: string;
  target?: string;
  /** Undefined where there is no target to meet. */
  met?: boolean;
}

export interface Section {
  title: string;
  /** How it was measured, in a sentence or two, for BENCHMARKS.md. */
  method: string;
  rows: Row[];
}

export function table(rows: readonly Row[]): string {
  const lines = [
    '| Benchmark | Measure | Value | Target | Met |',
    '| --------- | ------- | ----: | ------ | --- |',
    ...rows.map(
      (r) =>
        `| ${r.benchmark} | ${r.measure} | ${r.value} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} |`,
    ),
  ];
  return lines.join('\n');
}
