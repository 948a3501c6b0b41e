import { useMemo } from 'react';
import { useApp } from '../../app/context';
import type { FinancialKpiReport, SparkPoint } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { Chart } from '../../charts/Chart';
import { Breadcrumbs, type Crumb } from '../../components/Breadcrumbs';
import { Empty, ErrorState, Loading } from '../../components/States';
import { businessDate, money } from '../../format';
import { daysBetween } from '../../state/dates';
import { bucketDays, drillRange, nextStep, sumByYear } from '../../state/drill';
import { filterQuery } from '../../state/view';

interface Bucket {
  key: string;
  label: string;
  start: string;
  revenue: number | null;
  profit: number | null;
}

type FinancialQuery = ReturnType<typeof useQuery<FinancialKpiReport>>;

/**
 * Revenue and gross profit over time, drilling year → month → day, with zoom and exact tooltips. Undrilled it
 * draws the page's own financial report (the cards' request, with the sparklines), so the overview asks once.
 */
export function RevenueDrill({ version, whole }: { version: number; whole: FinancialQuery }) {
  const { api, view, range, shop, navigate } = useApp();
  const step = view.drill[view.drill.length - 1];
  const window = drillRange(step, range);
  const drilled = useQuery<FinancialKpiReport>(step ? JSON.stringify(['drill', window, view.filters, version]) : null, (signal) =>
    api.get('/kpis/financial', { ...window, ...filterQuery(view.filters) }, signal),
  );
  const query = step ? drilled : whole;

  const buckets = useMemo<Bucket[]>(() => {
    if (!query.data) return [];
    const spark = (code: string): SparkPoint[] => query.data!.kpis.find((k) => k.code === code)?.sparkline ?? [];
    const revenue = spark('revenue');
    const profit = spark('gross_profit');
    if (!step && daysBetween(window.from, window.to) > 400) {
      return sumByYear([revenue, profit]).map((y) => ({ key: y.year, label: y.year, start: `${y.year}-01-01`, revenue: y.values[0], profit: y.values[1] }));
    }
    const days = bucketDays(revenue);
    return revenue.map((p, i) => ({
      key: p.start,
      label: days >= 28 ? businessDate(p.start, shop, 'month') : businessDate(p.start, shop, 'short'),
      start: p.start,
      revenue: p.value,
      profit: profit[i]?.value ?? null,
    }));
  }, [query.data, step, window.from, window.to, shop]);

  const yearly = !step && daysBetween(window.from, window.to) > 400;
  const days = yearly ? 365 : bucketDays(buckets.map((b) => ({ start: b.start })));
  const drillInto = (index: number) => {
    const bucket = buckets[index];
    if (!bucket) return;
    const next = yearly ? bucket.key : nextStep({ start: bucket.start }, days);
    if (next && next !== step) navigate({ ...view, drill: [...view.drill, next] });
  };

  const crumbs: Crumb[] = [{ label: 'Whole period', onSelect: () => navigate({ ...view, drill: [] }) }];
  view.drill.forEach((d, i) =>
    crumbs.push({
      label: /^\d{4}$/.test(d) ? d : businessDate(`${d}-01`, shop, 'month'),
      onSelect: () => navigate({ ...view, drill: view.drill.slice(0, i + 1) }),
    }),
  );

  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 40, bottom: 56, containLabel: true },
      legend: { top: 0, data: ['Revenue', 'Gross profit'] },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number) => money(v, shop),
      },
      xAxis: { type: 'category', data: buckets.map((b) => b.label) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v, shop, true) } },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
      series: [
        { name: 'Revenue', type: 'bar', data: buckets.map((b) => b.revenue), itemStyle: { color: '#c8962e' }, cursor: 'pointer' },
        { name: 'Gross profit', type: 'line', data: buckets.map((b) => b.profit), symbolSize: 6, itemStyle: { color: '#1f6fb2' } },
      ],
    }),
    [buckets, shop],
  );

  const grain = yearly ? 'year' : days >= 28 ? 'month' : days >= 7 ? 'week' : 'day';
  return (
    <div className="drill" data-testid="revenue-drill" data-grain={grain}>
      <Breadcrumbs crumbs={crumbs} label="Revenue drill-down" />
      {query.status === 'error' && !query.data ? (
        <ErrorState error={query.error} onRetry={query.reload} what="revenue over time" />
      ) : !query.data ? (
        <Loading label="Loading revenue over time" />
      ) : buckets.every((b) => !b.revenue) ? (
        <Empty title="No sales in this period">Pick a longer period or clear a filter.</Empty>
      ) : (
        <Chart
          title={`Revenue and gross profit by ${grain}`}
          description={`${businessDate(window.from, shop)} – ${businessDate(window.to, shop)}. ${grain === 'day' || grain === 'week' ? 'Drag or scroll to zoom.' : 'Click a bar to see it in detail.'}`}
          option={option}
          onSelect={(_, index) => drillInto(index)}
          data={{ header: ['period start', 'revenue', 'gross profit'], rows: buckets.map((b) => [b.start, b.revenue, b.profit]) }}
          testId="chart-revenue"
          choicesLabel="Open a period"
          choices={
            yearly || days >= 28
              ? buckets.filter((b) => b.revenue).map((b) => ({ label: `Open ${b.label}`, onSelect: () => drillInto(buckets.indexOf(b)) }))
              : undefined
          }
        />
      )}
    </div>
  );
}
