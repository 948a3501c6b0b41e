import { describe, expect, it } from 'vitest';
import { activeFilterCount, filterQuery, parseView, toggleFilter, viewUrl, withFilter, withPage } from './view';

describe('view state in the URL', () => {
  it('reads page, range and filters', () => {
    const view = parseView('/products', '?range=custom&from=2026-01-01&to=2026-01-31&branch=2&line=3&category=ring&karat=22&drill=2026/2026-01');
    expect(view).toEqual({
      page: 'products',
      range: 'custom',
      from: '2026-01-01',
      to: '2026-01-31',
      asOf: null,
      filters: { branch: 2, productLine: 3, category: 'ring', karat: 22 },
      drill: ['2026', '2026-01'],
    });
  });
  it('falls back to defaults for values it does not know', () => {
    const view = parseView('/nowhere', '?range=decade&branch=-1&karat=23&category=Ring%20%3Cb%3E&from=2026-02-30');
    expect(view.page).toBe('overview');
    expect(view.range).toBe('30d');
    expect(view.filters).toEqual({ branch: null, productLine: null, category: null, karat: null });
    expect(view.from).toBeNull();
  });
  it('writes a short URL that reads back to the same view', () => {
    const view = parseView('/branches', '?range=quarter&karat=18&branch=1');
    const url = viewUrl(view);
    expect(url).toBe('/branches?range=quarter&branch=1&karat=18');
    const [path, search] = url.split('?');
    expect(parseView(path, `?${search}`)).toEqual(view);
    expect(viewUrl(parseView('/', ''))).toBe('/');
  });
  it('drops custom days from the URL when a preset is chosen', () => {
    const view = { ...parseView('/', '?range=custom&from=2026-01-01&to=2026-01-31'), range: 'month' as const };
    expect(viewUrl(view)).toBe('/?range=month');
  });
});

describe('filters and drill-down', () => {
  const base = parseView('/', '?branch=1&drill=2026');
  it('a new filter starts the drill-down from the top', () => {
    const next = withFilter(base, 'karat', 22);
    expect(next.filters.karat).toBe(22);
    expect(next.drill).toEqual([]);
  });
  it('clicking the selected bar again clears the cross-filter', () => {
    expect(toggleFilter(base, 'branch', 1).filters.branch).toBeNull();
    expect(toggleFilter(base, 'branch', 2).filters.branch).toBe(2);
  });
  it('changing page keeps range and filters', () => {
    const next = withPage(parseView('/', '?range=year&category=chain'), 'sales-team');
    expect(viewUrl(next)).toBe('/sales-team?range=year&category=chain');
  });
  it('counts active filters and names them as the API does', () => {
    const view = parseView('/', '?line=4&karat=21');
    expect(activeFilterCount(view.filters)).toBe(2);
    expect(filterQuery(view.filters)).toEqual({ branch: null, productLine: 4, category: null, karat: 21 });
  });
});
