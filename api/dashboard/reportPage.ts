/**
 * The timeliness report as a page: the numbers in tables, and the same numbers drawn as bar
 * charts (SVG, server-rendered, each with a text title and description, so the chart adds
 * nothing a screen reader or a print-out misses).
 */
import type { TimelinessReport } from '../../src/reports/timeliness';

export interface Bar {
  label: string;
  value: number;
  /** Percentage of the chart's width. */
  width: number;
  y: number;
}

export interface BarChart {
  id: string;
  title: string;
  description: string;
  unit: string;
  height: number;
  bars: Bar[];
}

const BAR_HEIGHT = 28;
const GAP = 8;

export function barChart(
  id: string,
  title: string,
  unit: string,
  items: { label: string; value: number }[],
): BarChart {
  const max = Math.max(1, ...items.map((i) => i.value));
  return {
    id,
    title,
    unit,
    description: items.map((i) => `${i.label}: ${i.value} ${unit}`).join('; '),
    height: items.length * (BAR_HEIGHT + GAP),
    bars: items.map((i, n) => ({
      ...i,
      width: Math.round((i.value / max) * 1000) / 10,
      y: n * (BAR_HEIGHT + GAP),
    })),
  };
}

export function timelinessCharts(r: TimelinessReport): BarChart[] {
  return [
    barChart('chart-rapid-reviews', 'Rapid reviews due in the period', 'reviews', [
      { label: 'On time', value: r.rapidReviews.onTime },
      { label: 'Late', value: r.rapidReviews.late },
      { label: 'Still open', value: r.rapidReviews.open },
    ]),
    barChart(
      'chart-stages',
      'Average working days at each stage',
      'working days',
      r.stages
        .filter((s) => s.averageWorkingDays !== null)
        .map((s) => ({ label: s.stage, value: s.averageWorkingDays! })),
    ),
  ];
}
