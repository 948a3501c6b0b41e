// Time drill-down: year → month → day. A drill step is a period key: "2026" or "2026-03".
import type { SparkPoint } from '../api/types';
import { monthEnd, yearEnd } from './dates';
import type { DayRange } from './range';

export type DrillLevel = 'range' | 'year' | 'month';

export function levelOf(step: string | undefined): DrillLevel {
  if (!step) return 'range';
  return /^\d{4}$/.test(step) ? 'year' : 'month';
}

/** The days a drill step covers, clipped to the page's range. */
export function drillRange(step: string | undefined, page: DayRange): DayRange {
  if (!step) return page;
  const full = /^\d{4}$/.test(step) ? { from: `${step}-01-01`, to: yearEnd(`${step}-01-01`) } : { from: `${step}-01`, to: monthEnd(`${step}-01`) };
  return { from: full.from > page.from ? full.from : page.from, to: full.to < page.to ? full.to : page.to };
}

/**
 * The step a click on a sparkline bucket leads to: a month bucket opens its days; a year bucket
 * its months; days and weeks are the bottom.
 */
export function nextStep(point: Pick<SparkPoint, 'start'>, bucketDays: number): string | null {
  if (bucketDays >= 300) return point.start.slice(0, 4);
  if (bucketDays >= 28) return point.start.slice(0, 7);
  return null;
}

/** Days between consecutive buckets: 1 daily, 7 weekly, ~30 monthly. */
export function bucketDays(points: Pick<SparkPoint, 'start'>[]): number {
  // The first bucket may be clipped to the range, so measure between later ones.
  if (points.length < 2) return 1;
  const i = points.length >= 3 ? 1 : 0;
  return Math.round((Date.parse(points[i + 1].start) - Date.parse(points[i].start)) / 86_400_000);
}

export interface YearTotal {
  year: string;
  values: number[];
}

/** Sums monthly buckets into years, for additive KPIs (revenue, profit) over ranges longer than a year. */
export function sumByYear(series: SparkPoint[][]): YearTotal[] {
  const years = new Map<string, number[]>();
  series.forEach((points, s) => {
    for (const p of points) {
      const year = p.start.slice(0, 4);
      const totals = years.get(year) ?? series.map(() => 0);
      totals[s] += p.value ?? 0;
      years.set(year, totals);
    }
  });
  return [...years.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([year, values]) => ({ year, values }));
}
