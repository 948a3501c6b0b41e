import { useMemo } from 'react';
import { useApp } from '../app/context';
import type { CohortRow, IdealCustomerProfile, PagedList, RfmReport, ValuableCustomer } from '../api/types';
import { useQuery } from '../api/useQuery';
import { Chart } from '../charts/Chart';
import { PageState } from '../components/PageState';
import { Empty } from '../components/States';
import { businessDate, count, money, percent } from '../format';

const segmentNames: Record<string, string> = {
  champions: 'Champions',
  loyal: 'Loyal',
  potential_loyalist: 'Potential loyalists',
  new: 'New',
  promising: 'Promising',
  need_attention: 'Need attention',
  about_to_sleep: 'About to sleep',
  cannot_lose: 'Cannot lose',
  at_risk: 'At risk',
  hibernating: 'Hibernating',
  lost: 'Lost',
};

/** Most valuable customers, the ideal-customer profile, RFM segments and the cohort retention heat map. */
export default function Customers() {
  const { api, view, range } = useApp();
  const query = { ...range, branch: view.filters.branch };
  const key = JSON.stringify(query);
  const valuable = useQuery<PagedList<ValuableCustomer>>(`v${key}`, (s) => api.get('/insights/customers', { ...query, pageSize: 10 }, s));
  const profile = useQuery<IdealCustomerProfile>(`p${key}`, (s) => api.get('/insights/customers/ideal-profile', query, s));
  const rfm = useQuery<RfmReport>(`r${key}`, (s) => api.get('/kpis/customers/rfm', { ...query, pageSize: 1 }, s));
  const cohorts = useQuery<CohortRow[]>(`c${key}`, (s) => api.get('/kpis/customers/cohorts', query, s));
  const productFilter = view.filters.productLine !== null || view.filters.category !== null || view.filters.karat !== null;
  return (
    <>
      {productFilter && <p className="muted small">Customer figures follow the period and branch; product line, category and karat do not apply here.</p>}
      <div className="chart-row two">
        <PageState query={rfm} what="RFM segments">
          {(data) => (data.customers === 0 ? <Empty title="No identified customer bought in this period" /> : <RfmChart report={data} />)}
        </PageState>
        <PageState query={profile} what="the ideal-customer profile">
          {(data) => (data.customers === 0 ? <Empty title="No customers to profile" /> : <Profile profile={data} />)}
        </PageState>
      </div>
      <PageState query={cohorts} what="cohort retention">
        {(data) => (data.length === 0 ? <Empty title="No cohorts in this period" /> : <CohortHeatmap rows={data} />)}
      </PageState>
      <PageState query={valuable} what="the most valuable customers">
        {(data) => (data.items.length === 0 ? <Empty title="No identified customer bought in this period" /> : <Valuable customers={data.items} />)}
      </PageState>
    </>
  );
}

function RfmChart({ report }: { report: RfmReport }) {
  const { shop } = useApp();
  const segments = [...report.segments].sort((a, b) => b.customers - a.customers);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: { dataIndex: number }[]) => {
          const s = segments[items[0].dataIndex];
          return `<strong>${segmentNames[s.segment] ?? s.segment}</strong><br/>${count(s.customers, shop)} customers (${percent(s.share, shop)})<br/>Average revenue ${money(s.averageRevenue, shop)}`;
        },
      },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: segments.map((s) => segmentNames[s.segment] ?? s.segment) },
      series: [{ name: 'Customers', type: 'bar', data: segments.map((s) => s.customers), label: { show: true, position: 'right' }, itemStyle: { color: '#1f6fb2' } }],
    }),
    [segments, shop],
  );
  return (
    <Chart
      title="RFM segments"
      description={`${count(report.customers, shop)} customers scored on recency, frequency and money spent.`}
      option={option}
      height={Math.max(220, segments.length * 28)}
      data={{ header: ['segment', 'customers', 'share', 'average revenue'], rows: segments.map((s) => [s.segment, s.customers, s.share, s.averageRevenue]) }}
      testId="chart-rfm"
    />
  );
}

function Profile({ profile }: { profile: IdealCustomerProfile }) {
  const { shop } = useApp();
  const shares = profile.categories;
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => percent(v, shop) },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => percent(v, shop, 0) } },
      yAxis: { type: 'category', inverse: true, data: shares.map((s) => s.key) },
      series: [
        { name: 'Top 10 %', type: 'bar', data: shares.map((s) => s.topDecileShare), itemStyle: { color: '#c8962e' } },
        { name: 'All customers', type: 'bar', data: shares.map((s) => s.allCustomersShare), itemStyle: { color: '#8c8c8c' } },
      ],
    }),
    [shares, shop],
  );
  return (
    <div>
      <section className="card facts" aria-label="Ideal-customer profile">
        <h3>Ideal customer</h3>
        <p className="small">
          The top {count(profile.topDecileCustomers, shop)} customers bring <strong>{percent(profile.topDecileProfitShare, shop)}</strong> of gross profit. They spend{' '}
          <strong>{money(profile.topDecileTicketSize, shop)}</strong> a visit (all: {money(profile.allTicketSize, shop)}) and come <strong>{count(profile.topDecileFrequency, shop, 1)}</strong> times (all:{' '}
          {count(profile.allFrequency, shop, 1)}).
        </p>
        <p className="small muted">Karats: {profile.karats.map((k) => `${k.key.endsWith("K") ? k.key : `${k.key}K`} ${percent(k.topDecileShare, shop, 0)}`).join(' · ')}</p>
        <p className="small muted">Branches: {profile.branches.map((b) => `${b.key} ${percent(b.topDecileShare, shop, 0)}`).join(' · ')}</p>
      </section>
      <Chart
        title="What the best customers buy"
        description="Share of net revenue per category: top decile against everyone."
        option={option}
        height={Math.max(220, shares.length * 30)}
        data={{ header: ['category', 'top decile share', 'all customers share'], rows: shares.map((s) => [s.key, s.topDecileShare, s.allCustomersShare]) }}
      />
    </div>
  );
}

function CohortHeatmap({ rows }: { rows: CohortRow[] }) {
  const { shop } = useApp();
  const width = Math.max(...rows.map((r) => r.retention.length));
  const option = useMemo(() => {
    const data: [number, number, number][] = [];
    rows.forEach((r, y) => r.retention.forEach((v, x) => data.push([x, y, v])));
    return {
      grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
      tooltip: {
        formatter: (p: { value: [number, number, number] }) =>
          `Cohort ${businessDate(rows[p.value[1]].month, shop, 'month')} (${count(rows[p.value[1]].customers, shop)} customers)<br/>Month ${p.value[0]}: ${percent(p.value[2], shop)} came back`,
      },
      xAxis: { type: 'category', name: 'months after first purchase', nameLocation: 'middle', nameGap: 28, data: Array.from({ length: width }, (_, i) => String(i)), splitArea: { show: true } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => businessDate(r.month, shop, 'month')), splitArea: { show: true } },
      visualMap: { min: 0, max: 1, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#fbf6ea', '#e7c77d', '#a8741a', '#5c3f0a'] }, formatter: (v: number) => percent(v, shop, 0) },
      series: [{ name: 'Retention', type: 'heatmap', data, label: { show: width <= 13, formatter: (p: { value: [number, number, number] }) => percent(p.value[2], shop, 0), fontSize: 10 } }],
    };
  }, [rows, width, shop]);
  return (
    <Chart
      title="Cohort retention"
      description="Rows: month of first purchase. Columns: months after it. Each cell: share of the cohort that bought again that month."
      option={option}
      height={Math.max(260, rows.length * 26 + 90)}
      data={{ header: ['cohort month', 'customers', ...Array.from({ length: width }, (_, i) => `month ${i}`)], rows: rows.map((r) => [r.month, r.customers, ...r.retention]) }}
      testId="chart-cohorts"
    />
  );
}

function Valuable({ customers }: { customers: ValuableCustomer[] }) {
  const { shop } = useApp();
  return (
    <section className="card table-card" aria-labelledby="valuable-title">
      <h2 id="valuable-title">Most valuable customers</h2>
      <div className="table-scroll" tabIndex={0} aria-label="Most valuable customers, scrolls sideways on small screens">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Customer</th>
              <th scope="col" className="num">Gross profit</th>
              <th scope="col" className="num">Net revenue</th>
              <th scope="col" className="num">Invoices</th>
              <th scope="col">Last purchase</th>
            </tr>
          </thead>
          <tbody>
            {customers.map((c) => (
              <tr key={c.customerId}>
                <td>{c.rank}</td>
                <th scope="row">{c.name}</th>
                <td className="num">{money(c.grossProfit, shop)}</td>
                <td className="num">{money(c.netRevenue, shop)}</td>
                <td className="num">{count(c.invoices, shop)}</td>
                <td>{businessDate(c.lastPurchase, shop)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
