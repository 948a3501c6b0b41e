import { useMemo } from 'react';
import { useApp } from '../../app/context';
import type { BranchMonth, PagedList, ProfitRow } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { Chart } from '../../charts/Chart';
import { Empty, ErrorState, Loading } from '../../components/States';
import { money, percent } from '../../format';
import { filterQuery, toggleFilter } from '../../state/view';

interface Bar {
  id: number;
  name: string;
  revenue: number;
  profit: number;
  margin: number | null;
}

function barOption(bars: Bar[], selected: number | null, shop: ReturnType<typeof useApp>['shop']) {
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items: { dataIndex: number }[]) => {
        const bar = bars[items[0].dataIndex];
        return `<strong>${escapeHtml(bar.name)}</strong><br/>Net revenue ${money(bar.revenue, shop)}<br/>Gross profit ${money(bar.profit, shop)}<br/>Margin ${percent(bar.margin, shop)}`;
      },
    },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v, shop, true) } },
    yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.name), axisLabel: { width: 110, overflow: 'truncate' } },
    series: [
      {
        name: 'Net revenue',
        type: 'bar',
        cursor: 'pointer',
        data: bars.map((b) => ({
          value: b.revenue,
          itemStyle: { color: selected === null || selected === b.id ? '#c8962e' : '#e8dcc0', borderColor: selected === b.id ? '#5c3f0a' : undefined, borderWidth: selected === b.id ? 2 : 0 },
        })),
        label: { show: true, position: 'right', formatter: (p: { value: number }) => money(p.value, shop, true), color: '#3d3526' },
      },
    ],
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Net revenue per branch; clicking a bar filters the whole page to that branch (again to clear). */
export function BranchBars({ version }: { version: number }) {
  const { api, view, range, shop, navigate } = useApp();
  // Without the branch filter, so the other branches stay visible next to the selected one.
  const filters = { ...filterQuery(view.filters), branch: null };
  const query = useQuery<BranchMonth[]>(JSON.stringify(['branches', range, filters, version]), (signal) => api.get('/insights/branches', { ...range, ...filters }, signal));
  const bars = useMemo<Bar[]>(() => {
    const totals = new Map<number, Bar>();
    for (const m of query.data ?? []) {
      const bar = totals.get(m.branchId) ?? { id: m.branchId, name: m.branch, revenue: 0, profit: 0, margin: null };
      bar.revenue += m.netRevenue;
      bar.profit += m.grossProfit;
      totals.set(m.branchId, bar);
    }
    return [...totals.values()].map((b) => ({ ...b, margin: b.revenue ? b.profit / b.revenue : null })).sort((a, b) => b.revenue - a.revenue);
  }, [query.data]);
  const option = useMemo(() => barOption(bars, view.filters.branch, shop), [bars, view.filters.branch, shop]);
  if (query.status === 'error' && !query.data) return <ErrorState error={query.error} onRetry={query.reload} what="sales by branch" />;
  if (!query.data) return <Loading label="Loading sales by branch" />;
  if (bars.length === 0) return <Empty title="No branch sold anything in this period" />;
  return (
    <Chart
      title="Net revenue by branch"
      description="Click a branch to filter the page to it; click it again to clear."
      option={option}
      height={Math.max(160, bars.length * 44)}
      onSelect={(_, index) => navigate(toggleFilter(view, 'branch', bars[index].id))}
      data={{ header: ['branch id', 'branch', 'net revenue', 'gross profit', 'margin'], rows: bars.map((b) => [b.id, b.name, b.revenue, b.profit, b.margin]) }}
      testId="chart-branches"
      choicesLabel="Filter the page by branch"
      choices={bars.map((b) => ({ label: b.name, pressed: view.filters.branch === b.id, onSelect: () => navigate(toggleFilter(view, 'branch', b.id)) }))}
    />
  );
}

/** Net revenue per product line; clicking a bar filters the page to that line. */
export function LineBars({ version }: { version: number }) {
  const { api, view, range, shop, navigate } = useApp();
  const filters = { ...filterQuery(view.filters), productLine: null };
  const query = useQuery<PagedList<ProfitRow>>(JSON.stringify(['lines', range, filters, version]), (signal) =>
    api.get('/insights/product-lines', { ...range, ...filters, pageSize: 20 }, signal),
  );
  const bars = useMemo<Bar[]>(() => (query.data?.items ?? []).map((r) => ({ id: r.id, name: r.name, revenue: r.netRevenue, profit: r.grossProfit, margin: r.margin })), [query.data]);
  const option = useMemo(() => barOption(bars, view.filters.productLine, shop), [bars, view.filters.productLine, shop]);
  if (query.status === 'error' && !query.data) return <ErrorState error={query.error} onRetry={query.reload} what="sales by product line" />;
  if (!query.data) return <Loading label="Loading sales by product line" />;
  if (bars.length === 0) return <Empty title="No product line sold anything in this period" />;
  return (
    <Chart
      title="Net revenue by product line"
      description="Ranked by gross profit. Click a line to filter the page to it."
      option={option}
      height={Math.max(160, bars.length * 40)}
      onSelect={(_, index) => navigate(toggleFilter(view, 'productLine', bars[index].id))}
      data={{ header: ['line id', 'product line', 'net revenue', 'gross profit', 'margin'], rows: bars.map((b) => [b.id, b.name, b.revenue, b.profit, b.margin]) }}
      testId="chart-lines"
      choicesLabel="Filter the page by product line"
      choices={bars.map((b) => ({ label: b.name, pressed: view.filters.productLine === b.id, onSelect: () => navigate(toggleFilter(view, 'productLine', b.id)) }))}
    />
  );
}
