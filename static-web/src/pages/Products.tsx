import { useMemo } from 'react';
import { useApp } from '../app/context';
import type { BoughtTogetherReport, CategoryMovers, PagedList, ProfitRow } from '../api/types';
import { useQuery } from '../api/useQuery';
import { Chart } from '../charts/Chart';
import { PageState } from '../components/PageState';
import { Empty } from '../components/States';
import { count, money, percent } from '../format';
import { filterQuery, toggleFilter } from '../state/view';
import { LineBars, escapeHtml } from './overview/CrossFilterBars';

/** Profitability by product and line, fast and slow movers, products bought together. */
export default function Products() {
  const { api, view, range } = useApp();
  const filters = filterQuery(view.filters);
  const key = JSON.stringify([range, filters]);
  const products = useQuery<PagedList<ProfitRow>>(`p${key}`, (signal) => api.get('/insights/products', { ...range, ...filters, pageSize: 15 }, signal));
  const movers = useQuery<CategoryMovers[]>(`m${key}`, (signal) => api.get('/insights/movers', { ...range, ...filters, perCategory: 3 }, signal));
  const pairs = useQuery<BoughtTogetherReport>(`b${key}`, (signal) => api.get('/insights/bought-together', { ...range, ...filters, pageSize: 15 }, signal));
  return (
    <>
      <div className="chart-row two">
        <PageState query={products} what="product profitability">
          {(data) => (data.items.length === 0 ? <Empty title="No product sold in this period" /> : <ProductBars rows={data.items} />)}
        </PageState>
        <LineBars version={0} />
      </div>
      <PageState query={movers} what="fast and slow movers">
        {(data) => (data.length === 0 ? <Empty title="No products offered in this period" /> : <Movers categories={data} />)}
      </PageState>
      <PageState query={pairs} what="products bought together">
        {(data) => <Pairs report={data} />}
      </PageState>
    </>
  );
}

function ProductBars({ rows }: { rows: ProfitRow[] }) {
  const { shop } = useApp();
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: { dataIndex: number }[]) => {
          const r = rows[items[0].dataIndex];
          return `<strong>${escapeHtml(r.code)}</strong> ${escapeHtml(r.name)}<br/>Gross profit ${money(r.grossProfit, shop)}<br/>Net revenue ${money(r.netRevenue, shop)}<br/>Margin ${percent(r.margin, shop)}<br/>${count(r.units, shop)} units`;
        },
      },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v, shop, true) } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.code), axisLabel: { width: 100, overflow: 'truncate' } },
      series: [{ name: 'Gross profit', type: 'bar', data: rows.map((r) => r.grossProfit), itemStyle: { color: '#c8962e' } }],
    }),
    [rows, shop],
  );
  return (
    <Chart
      title="Most profitable products"
      description="Top 15 SKUs by gross profit."
      option={option}
      height={Math.max(200, rows.length * 26)}
      data={{ header: ['rank', 'sku', 'name', 'gross profit', 'net revenue', 'margin', 'units'], rows: rows.map((r) => [r.rank, r.code, r.name, r.grossProfit, r.netRevenue, r.margin, r.units]) }}
      testId="chart-products"
    />
  );
}

function Movers({ categories }: { categories: CategoryMovers[] }) {
  const { shop, view, navigate } = useApp();
  return (
    <section className="card table-card" aria-labelledby="movers-title">
      <h2 id="movers-title">Fast and slow movers</h2>
      <p className="muted small">Units sold per day in the period, net of refunds. Choose a category to filter the page.</p>
      <div className="movers">
        {categories.map((c) => (
          <div key={c.category} className="mover-block">
            <h3>
              <button type="button" className="link" aria-pressed={view.filters.category === c.category} onClick={() => navigate(toggleFilter(view, 'category', c.category))}>
                {c.category}
              </button>
            </h3>
            <p className="small">
              <span className="tag success">Fast</span>{' '}
              {c.fast.map((m) => `${m.sku} (${count(m.unitsPerDay, shop, 2)}/day)`).join(', ') || '—'}
            </p>
            <p className="small">
              <span className="tag danger">Slow</span> {c.slow.map((m) => `${m.sku} (${count(m.units, shop)} sold)`).join(', ') || '—'}
            </p>
          </div>
        ))}
      </div>
    </section>
  );
}

function Pairs({ report }: { report: BoughtTogetherReport }) {
  const { shop } = useApp();
  if (report.pairs.items.length === 0) return <Empty title="No products bought together often enough">Minimum support {percent(report.minimumSupport, shop, 2)} of {count(report.baskets, shop)} baskets.</Empty>;
  return (
    <section className="card table-card" aria-labelledby="pairs-title">
      <h2 id="pairs-title">Products bought together</h2>
      <p className="muted small">
        {count(report.baskets, shop)} baskets; pairs in at least {count(report.minimumInvoices, shop)} invoices. Lift above 1 means bought together more often than by chance.
      </p>
      <div className="table-scroll" tabIndex={0} aria-label="Products bought together, scrolls sideways on small screens">
        <table>
          <thead>
            <tr>
              <th scope="col">Product A</th>
              <th scope="col">Product B</th>
              <th scope="col" className="num">Invoices</th>
              <th scope="col" className="num">Support</th>
              <th scope="col" className="num">Confidence A→B</th>
              <th scope="col" className="num">Confidence B→A</th>
              <th scope="col" className="num">Lift</th>
            </tr>
          </thead>
          <tbody>
            {report.pairs.items.map((p) => (
              <tr key={`${p.productA}-${p.productB}`}>
                <td>{p.skuA}</td>
                <td>{p.skuB}</td>
                <td className="num">{count(p.invoices, shop)}</td>
                <td className="num">{percent(p.support, shop, 2)}</td>
                <td className="num">{percent(p.confidenceAToB, shop)}</td>
                <td className="num">{percent(p.confidenceBToA, shop)}</td>
                <td className="num">{count(p.lift, shop, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
