// What the dashboard shows — page, range, filters, drill path — kept in the URL so a view can be
// bookmarked and shared. Parsing is forgiving (an unknown value falls back to the default) and
// serialising leaves defaults out, so URLs stay short.
import { isDay } from './dates';
import { isPreset, type RangePreset } from './range';

export const pages = ['overview', 'sales-team', 'products', 'branches', 'customers', 'operations'] as const;
export type Page = (typeof pages)[number];

export const pageTitles: Record<Page, string> = {
  overview: 'Overview',
  'sales-team': 'Sales team',
  products: 'Products',
  branches: 'Branches',
  customers: 'Customers',
  operations: 'Operations',
};

export const karats = [24, 22, 21, 18, 14] as const;

export interface Filters {
  branch: number | null;
  productLine: number | null;
  category: string | null;
  karat: number | null;
}

export interface ViewState {
  page: Page;
  range: RangePreset;
  from: string | null;
  to: string | null;
  /** Anchors the presets on another day than the shop's today (a past month, demo data). */
  asOf: string | null;
  filters: Filters;
  /** Drill-down path of the page's main chart, e.g. ["2026", "2026-03"] or ["branch:1"]. */
  drill: string[];
}

export const defaultRange: RangePreset = '30d';
export const noFilters: Filters = { branch: null, productLine: null, category: null, karat: null };

function positiveInt(text: string | null): number | null {
  if (!text || !/^\d{1,9}$/.test(text)) return null;
  const value = Number(text);
  return value > 0 ? value : null;
}

export function parseView(pathname: string, search: string): ViewState {
  const params = new URLSearchParams(search);
  const slug = pathname.replace(/^\/+|\/+$/g, '') || 'overview';
  const page = (pages as readonly string[]).includes(slug) ? (slug as Page) : 'overview';
  const range = isPreset(params.get('range')) ? (params.get('range') as RangePreset) : defaultRange;
  const karat = positiveInt(params.get('karat'));
  const category = params.get('category');
  return {
    page,
    range,
    from: isDay(params.get('from')) ? params.get('from') : null,
    to: isDay(params.get('to')) ? params.get('to') : null,
    asOf: isDay(params.get('asOf')) ? params.get('asOf') : null,
    filters: {
      branch: positiveInt(params.get('branch')),
      productLine: positiveInt(params.get('line')),
      category: category && /^[a-z][a-z0-9_-]{0,39}$/.test(category) ? category : null,
      karat: karat !== null && (karats as readonly number[]).includes(karat) ? karat : null,
    },
    drill: (params.get('drill') ?? '').split('/').filter((step) => /^[\w:.-]{1,40}$/.test(step)),
  };
}

export function viewUrl(view: ViewState): string {
  const params = new URLSearchParams();
  if (view.range !== defaultRange) params.set('range', view.range);
  if (view.range === 'custom') {
    if (view.from) params.set('from', view.from);
    if (view.to) params.set('to', view.to);
  }
  if (view.asOf) params.set('asOf', view.asOf);
  if (view.filters.branch !== null) params.set('branch', String(view.filters.branch));
  if (view.filters.productLine !== null) params.set('line', String(view.filters.productLine));
  if (view.filters.category !== null) params.set('category', view.filters.category);
  if (view.filters.karat !== null) params.set('karat', String(view.filters.karat));
  if (view.drill.length > 0) params.set('drill', view.drill.join('/'));
  const query = params.toString();
  return `/${view.page === 'overview' ? '' : view.page}${query ? `?${query}` : ''}`;
}

/** Moving to another page keeps range and filters but starts its own drill-down from the top. */
export function withPage(view: ViewState, page: Page): ViewState {
  return { ...view, page, drill: [] };
}

export function withFilter<K extends keyof Filters>(view: ViewState, name: K, value: Filters[K]): ViewState {
  return { ...view, filters: { ...view.filters, [name]: value }, drill: [] };
}

/** Clicking the same bar again clears the cross-filter: a toggle, as in Power BI. */
export function toggleFilter<K extends keyof Filters>(view: ViewState, name: K, value: Filters[K]): ViewState {
  return withFilter(view, name, view.filters[name] === value ? null : value);
}

export function activeFilterCount(filters: Filters): number {
  return Object.values(filters).filter((v) => v !== null).length;
}

/** The query parameters every KPI and business-question endpoint shares. */
export function filterQuery(filters: Filters): Record<string, string | number | null> {
  return { branch: filters.branch, productLine: filters.productLine, category: filters.category, karat: filters.karat };
}
