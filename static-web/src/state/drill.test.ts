import { describe, expect, it } from 'vitest';
import { bucketDays, drillRange, levelOf, nextStep, sumByYear } from './drill';

describe('time drill-down', () => {
  const page = { from: '2024-11-22', to: '2026-11-21' };
  it('clips a drilled year or month to the page range', () => {
    expect(drillRange('2024', page)).toEqual({ from: '2024-11-22', to: '2024-12-31' });
    expect(drillRange('2025-02', page)).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(drillRange(undefined, page)).toEqual(page);
  });
  it('names the level of a step', () => {
    expect(levelOf(undefined)).toBe('range');
    expect(levelOf('2025')).toBe('year');
    expect(levelOf('2025-03')).toBe('month');
  });
  it('opens a month from a monthly bucket and stops at days', () => {
    expect(nextStep({ start: '2025-03-01' }, 31)).toBe('2025-03');
    expect(nextStep({ start: '2025-03-03' }, 7)).toBeNull();
    expect(nextStep({ start: '2025-03-03' }, 1)).toBeNull();
  });
  it('measures the bucket size past a clipped first bucket', () => {
    expect(bucketDays([{ start: '2025-03-20' }, { start: '2025-04-01' }, { start: '2025-05-01' }])).toBe(30);
    expect(bucketDays([{ start: '2025-03-20' }, { start: '2025-03-21' }])).toBe(1);
  });
  it('sums monthly buckets into years per series', () => {
    const revenue = [
      { period: '2024-12', start: '2024-12-01', value: 10 },
      { period: '2025-01', start: '2025-01-01', value: 5 },
      { period: '2025-02', start: '2025-02-01', value: null },
    ];
    const profit = revenue.map((p) => ({ ...p, value: p.value === null ? null : p.value / 2 }));
    expect(sumByYear([revenue, profit])).toEqual([
      { year: '2024', values: [10, 5] },
      { year: '2025', values: [5, 2.5] },
    ]);
  });
});
