/**
 * How a deadline stands against its statutory due date, in the words every view of it uses
 * (the case page, the cases list and its CSV, the audit and the timeliness report): an
 * approved extension is shown beside the statute, never instead of it (issue 21).
 */
export interface StatuteStanding {
  /** Met after the statutory due date, or still open past it. */
  late: boolean;
  /** Late: whether within the approved extension; null or absent where none was approved. */
  withinExtension?: boolean | null;
}

export function statuteWords(s: StatuteStanding): string {
  if (!s.late) return 'on time against the statute';
  if (s.withinExtension === true) return 'late against the statute; within the approved extension';
  if (s.withinExtension === false) return 'late against the statute; beyond the approved extension';
  return 'late against the statute';
}
