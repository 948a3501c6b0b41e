// The time-range selector: presets resolved against the shop's today, or a custom pair of days.
import { addDays, daysBetween, isDay, isoWeekStart, monthStart, quarterStart, yearStart } from './dates';

export const rangePresets = ['today', 'week', 'month', 'quarter', 'year', '30d', '90d', '365d', 'custom'] as const;
export type RangePreset = (typeof rangePresets)[number];

export const rangeLabels: Record<RangePreset, string> = {
  today: 'Today',
  week: 'This week',
  month: 'This month',
  quarter: 'This quarter',
  year: 'This year',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  '365d': 'Last 365 days',
  custom: 'Custom',
};

export interface DayRange {
  from: string;
  to: string;
}

/** The API accepts at most five years of days in one request. */
export const maxRangeDays = 1830;

export function isPreset(text: string | null): text is RangePreset {
  return text !== null && (rangePresets as readonly string[]).includes(text);
}

/** The days a preset covers, ending on the shop's today (periods to date, as owners read them). */
export function resolveRange(preset: RangePreset, today: string, custom?: Partial<DayRange>): DayRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'week':
      return { from: isoWeekStart(today), to: today };
    case 'month':
      return { from: monthStart(today), to: today };
    case 'quarter':
      return { from: quarterStart(today), to: today };
    case 'year':
      return { from: yearStart(today), to: today };
    case '30d':
      return { from: addDays(today, -29), to: today };
    case '90d':
      return { from: addDays(today, -89), to: today };
    case '365d':
      return { from: addDays(today, -364), to: today };
    case 'custom':
      return validCustom(custom) ?? { from: addDays(today, -29), to: today };
  }
}

/** A custom range the API will accept, or null with the reason given by customRangeProblem. */
export function validCustom(custom?: Partial<DayRange>): DayRange | null {
  return customRangeProblem(custom) === null ? { from: custom!.from!, to: custom!.to! } : null;
}

export function customRangeProblem(custom?: Partial<DayRange>): string | null {
  if (!isDay(custom?.from) || !isDay(custom?.to)) return 'Enter both days of the range.';
  if (custom.to! < custom.from!) return 'The last day is before the first day.';
  if (daysBetween(custom.from!, custom.to!) > maxRangeDays) return `Choose at most ${maxRangeDays} days (five years).`;
  return null;
}
