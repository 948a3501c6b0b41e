import { describe, expect, it } from 'vitest';
import { customRangeProblem, resolveRange } from './range';
import { addDays, daysBetween, isDay, isoWeekStart, monthEnd } from './dates';

describe('time-range presets', () => {
  const today = '2026-11-21'; // a Saturday
  it('resolves periods to date', () => {
    expect(resolveRange('today', today)).toEqual({ from: today, to: today });
    expect(resolveRange('week', today)).toEqual({ from: '2026-11-16', to: today });
    expect(resolveRange('month', today)).toEqual({ from: '2026-11-01', to: today });
    expect(resolveRange('quarter', today)).toEqual({ from: '2026-10-01', to: today });
    expect(resolveRange('year', today)).toEqual({ from: '2026-01-01', to: today });
  });
  it('resolves rolling windows including today', () => {
    expect(resolveRange('30d', today)).toEqual({ from: '2026-10-23', to: today });
    expect(daysBetween(resolveRange('90d', today).from, today)).toBe(90);
    expect(daysBetween(resolveRange('365d', today).from, today)).toBe(365);
  });
  it('keeps a valid custom range and falls back when it is not', () => {
    expect(resolveRange('custom', today, { from: '2025-02-01', to: '2025-02-28' })).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(resolveRange('custom', today, { from: '2025-02-28', to: '2025-02-01' })).toEqual(resolveRange('30d', today));
  });
  it('says what is wrong with a custom range', () => {
    expect(customRangeProblem({ from: '2025-02-01' })).toBe('Enter both days of the range.');
    expect(customRangeProblem({ from: '2025-02-10', to: '2025-02-01' })).toBe('The last day is before the first day.');
    expect(customRangeProblem({ from: '2015-01-01', to: '2025-01-01' })).toMatch(/at most 1830 days/);
    expect(customRangeProblem({ from: '2025-01-01', to: '2025-01-01' })).toBeNull();
  });
});

describe('calendar arithmetic', () => {
  it('handles ISO weeks across a year end and leap days', () => {
    expect(isoWeekStart('2027-01-01')).toBe('2026-12-28');
    expect(isoWeekStart('2026-11-16')).toBe('2026-11-16');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(monthEnd('2024-02-10')).toBe('2024-02-29');
    expect(monthEnd('2025-02-10')).toBe('2025-02-28');
  });
  it('accepts only real days', () => {
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2026-1-5')).toBe(false);
    expect(isDay(null)).toBe(false);
  });
});
