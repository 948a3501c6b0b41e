import { useMemo } from 'react';
import { useApp } from '../app/context';
import type { BranchMonth } from '../api/types';
import { useQuery } from '../api/useQuery';
import { Chart } from '../charts/Chart';
import { PageState } from '../components/PageState';
import { Empty } from '../components/States';
import { businessDate, money, percent } from '../format';
import { filterQuery, toggleFilter } from '../state/view';

// A different marker per branch, so lines read apart without colour.
const symbols = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'roundRect'];

/** Branch performance month by month, side by side. */
export default function Branches() {
  const { api, view, range } = useApp();
  const filters = { ...filterQuery(view.filters), branch: null };
  const query = useQuery<BranchMonth[]>(JSON.stringify(['branch-months', range, filters]), (signal) => api.get('/insights/branches', { ...range, ...filters }, signal));
  return (
    <PageState query={query} what="branch performance">
      {(data) => (data.length === 0 ? <Empty title="No branch sold anything in this period" /> : <BranchCharts months={data} />)}
    </PageState>
  );
}

function BranchCharts({ months }: { months: BranchMonth[] }) {
  const { shop, view, navigate } = useApp();
  const { branches, periods } = useMemo(() => {
    const names = new Map<number, string>();
    for (const m of months) names.set(m.branchId, m.branch);
    return { branches: [...names.entries()], periods: [...new Set(months.map((m) => m.month))].sort() };
  }, [months]);
  const value = (branchId: number, month: string, pick: (m: BranchMonth) => number | null) => {
    const m = months.find((x) => x.branchId === branchId && x.month === month);
    return m ? pick(m) : null;
  };
  const line = (pick: (m: BranchMonth) => number | null, format: (v: number) => string) => ({
    grid: { left: 8, right: 16, top: 40, bottom: 56, containLabel: true },
    legend: { top: 0, selectedMode: 'multiple' },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => format(v) },
    xAxis: { type: 'category', data: periods.map((p) => businessDate(p, shop, 'month')) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => format(v) } },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    series: branches.map(([id, name], i) => ({
      name,
      type: 'line',
      symbol: symbols[i % symbols.length],
      symbolSize: 8,
      lineStyle: { width: view.filters.branch === null || view.filters.branch === id ? 2.5 : 1, type: view.filters.branch === null || view.filters.branch === id ? 'solid' : 'dashed' },
      data: periods.map((p) => value(id, p, pick)),
    })),
  });
  const moneyShort = (v: number) => money(v, shop, true);
  const rows = months.map((m) => [m.month, m.branchId, m.branch, m.revenue, m.netRevenue, m.grossProfit, m.margin]);
  const header = ['month', 'branch id', 'branch', 'revenue', 'net revenue', 'gross profit', 'margin'];
  return (
    <>
      <div className="branch-pills" role="group" aria-label="Highlight a branch">
        {branches.map(([id, name]) => (
          <button key={id} type="button" className="pill" aria-pressed={view.filters.branch === id} onClick={() => navigate(toggleFilter(view, 'branch', id))}>
            {name}
          </button>
        ))}
      </div>
      <SideBySide months={months} />
      {periods.length < 3 && <p className="muted small">The lines below are per month: choose a longer period (a quarter or a year) to see each branch's trend.</p>}
      <Chart title="Net revenue per month" description="Each line a branch. Scroll or drag to zoom." option={line((m) => m.netRevenue, moneyShort)} data={{ header, rows }} testId="chart-branch-revenue" />
      <div className="chart-row two">
        <Chart title="Gross profit per month" option={line((m) => m.grossProfit, moneyShort)} data={{ header, rows }} />
        <Chart title="Margin per month" option={line((m) => m.margin, (v) => percent(v, shop))} data={{ header, rows }} />
      </div>
    </>
  );
}

/** The period's totals per branch next to each other: net revenue and gross profit as bars, margin as labels. */
function SideBySide({ months }: { months: BranchMonth[] }) {
  const { shop, view, navigate } = useApp();
  const totals = useMemo(() => {
    const byBranch = new Map<number, { id: number; name: string; revenue: number; profit: number }>();
    for (const m of months) {
      const t = byBranch.get(m.branchId) ?? { id: m.branchId, name: m.branch, revenue: 0, profit: 0 };
      t.revenue += m.netRevenue;
      t.profit += m.grossProfit;
      byBranch.set(m.branchId, t);
    }
    return [...byBranch.values()].sort((a, b) => b.revenue - a.revenue);
  }, [months]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => money(v, shop) },
      xAxis: { type: 'category', data: totals.map((t) => `${t.name}\n${percent(t.revenue ? t.profit / t.revenue : null, shop)} margin`) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v, shop, true) } },
      series: [
        { name: 'Net revenue', type: 'bar', cursor: 'pointer', data: totals.map((t) => t.revenue), itemStyle: { color: '#c8962e' }, label: { show: true, position: 'top', formatter: (p: { value: number }) => money(p.value, shop, true) } },
        { name: 'Gross profit', type: 'bar', cursor: 'pointer', data: totals.map((t) => t.profit), itemStyle: { color: '#1f6fb2' }, label: { show: true, position: 'top', formatter: (p: { value: number }) => money(p.value, shop, true) } },
      ],
    }),
    [totals, shop],
  );
  return (
    <Chart
      title="Branches side by side"
      description="Totals of the period. Click a branch to filter the other pages to it."
      option={option}
      height={280}
      onSelect={(_, i) => navigate(toggleFilter(view, 'branch', totals[i].id))}
      data={{ header: ['branch id', 'branch', 'net revenue', 'gross profit', 'margin'], rows: totals.map((t) => [t.id, t.name, t.revenue, t.profit, t.revenue ? t.profit / t.revenue : null]) }}
      testId="chart-branch-totals"
    />
  );
}
