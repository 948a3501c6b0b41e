import { useMemo } from 'react';
import { useApp } from '../app/context';
import type { PagedList, SalespersonRank } from '../api/types';
import { useQuery } from '../api/useQuery';
import { Chart } from '../charts/Chart';
import { Breadcrumbs, type Crumb } from '../components/Breadcrumbs';
import { PageState } from '../components/PageState';
import { Empty } from '../components/States';
import { count, money, percent } from '../format';
import { filterQuery } from '../state/view';
import { escapeHtml } from './overview/CrossFilterBars';

/** Leaderboard by gross profit; drills shop → branch → salesperson (product mix). */
export default function SalesTeam() {
  const { api, view, range, shop, navigate, options } = useApp();
  const branchStep = view.drill.find((d) => d.startsWith('branch:'));
  const personStep = view.drill.find((d) => d.startsWith('person:'));
  const drillBranch = branchStep ? Number(branchStep.slice(7)) : null;
  const branch = drillBranch ?? view.filters.branch;
  const filters = { ...filterQuery(view.filters), branch };
  const query = useQuery<PagedList<SalespersonRank>>(JSON.stringify(['leaders', range, filters]), (signal) => api.get('/insights/salespeople', { ...range, ...filters, pageSize: 200 }, signal));
  const branchName = (id: number) => options?.branches.find((b) => b.id === String(id))?.name ?? `Branch ${id}`;

  const crumbs: Crumb[] = [{ label: 'Whole shop', onSelect: () => navigate({ ...view, drill: [] }) }];
  if (drillBranch !== null) crumbs.push({ label: branchName(drillBranch), onSelect: () => navigate({ ...view, drill: [branchStep!] }) });
  const person = personStep ? query.data?.items.find((p) => p.salespersonId === Number(personStep.slice(7))) : undefined;
  if (personStep) crumbs.push({ label: person?.name ?? 'Salesperson' });

  return (
    <>
      <Breadcrumbs crumbs={crumbs} label="Sales team drill-down" />
      <PageState query={query} what="the salesperson leaderboard">
        {(data) =>
          data.items.length === 0 ? (
            <Empty title="No sales by anyone in this period">Pick a longer period or clear a filter.</Empty>
          ) : person ? (
            <PersonMix person={person} />
          ) : drillBranch === null && view.filters.branch === null ? (
            <BranchLevel people={data.items} onBranch={(id) => navigate({ ...view, drill: [`branch:${id}`] })} branchName={branchName} />
          ) : (
            <PeopleLevel people={data.items} onPerson={(id) => navigate({ ...view, drill: [...view.drill.filter((d) => d.startsWith('branch:')), `person:${id}`] })} />
          )
        }
      </PageState>
      {query.data && query.data.items.length > 0 && <Leaderboard people={query.data.items} shop={shop} branchName={branchName} />}
    </>
  );
}

function BranchLevel({ people, onBranch, branchName }: { people: SalespersonRank[]; onBranch: (id: number) => void; branchName: (id: number) => string }) {
  const { shop } = useApp();
  const branches = useMemo(() => {
    const totals = new Map<number, { id: number; profit: number; revenue: number; people: number }>();
    for (const p of people) {
      const t = totals.get(p.branchId) ?? { id: p.branchId, profit: 0, revenue: 0, people: 0 };
      t.profit += p.grossProfit;
      t.revenue += p.netRevenue;
      t.people += 1;
      totals.set(p.branchId, t);
    }
    return [...totals.values()].sort((a, b) => b.profit - a.profit);
  }, [people]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => money(v, shop) },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v, shop, true) } },
      yAxis: { type: 'category', inverse: true, data: branches.map((b) => branchName(b.id)) },
      series: [{ name: 'Gross profit', type: 'bar', cursor: 'pointer', data: branches.map((b) => b.profit), itemStyle: { color: '#c8962e' }, label: { show: true, position: 'right', formatter: (p: { value: number }) => money(p.value, shop, true) } }],
    }),
    [branches, shop, branchName],
  );
  return (
    <Chart
      title="Gross profit by branch"
      description="Click a branch to see its salespeople."
      option={option}
      height={Math.max(160, branches.length * 48)}
      onSelect={(_, i) => onBranch(branches[i].id)}
      data={{ header: ['branch id', 'branch', 'gross profit', 'net revenue', 'salespeople'], rows: branches.map((b) => [b.id, branchName(b.id), b.profit, b.revenue, b.people]) }}
      testId="chart-team-branches"
      choicesLabel="Open a branch"
      choices={branches.map((b) => ({ label: branchName(b.id), onSelect: () => onBranch(b.id) }))}
    />
  );
}

function PeopleLevel({ people, onPerson }: { people: SalespersonRank[]; onPerson: (id: number) => void }) {
  const { shop } = useApp();
  const top = people.slice(0, 20);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: { dataIndex: number }[]) => {
          const p = top[items[0].dataIndex];
          return `<strong>${escapeHtml(p.name)}</strong><br/>Gross profit ${money(p.grossProfit, shop)}<br/>Net revenue ${money(p.netRevenue, shop)}<br/>Margin ${percent(p.margin, shop)}<br/>${count(p.transactions, shop)} sales`;
        },
      },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v, shop, true) } },
      yAxis: { type: 'category', inverse: true, data: top.map((p) => p.name) },
      series: [{ name: 'Gross profit', type: 'bar', cursor: 'pointer', data: top.map((p) => p.grossProfit), itemStyle: { color: '#c8962e' } }],
    }),
    [top, shop],
  );
  return (
    <Chart
      title="Gross profit by salesperson"
      description="Click a person to see their product mix."
      option={option}
      height={Math.max(180, top.length * 30)}
      onSelect={(_, i) => onPerson(top[i].salespersonId)}
      data={{ header: ['rank', 'salesperson', 'gross profit', 'net revenue', 'margin', 'sales'], rows: top.map((p) => [p.rank, p.name, p.grossProfit, p.netRevenue, p.margin, p.transactions]) }}
      testId="chart-team-people"
      choicesLabel="Open a salesperson"
      choices={top.map((p) => ({ label: p.name, onSelect: () => onPerson(p.salespersonId) }))}
    />
  );
}

function PersonMix({ person }: { person: SalespersonRank }) {
  const { shop } = useApp();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number; percent: number }) => `${escapeHtml(p.name)}: ${money(p.value, shop)} (${p.percent}%)` },
      legend: { bottom: 0 },
      series: [{ name: 'Product mix', type: 'pie', radius: ['40%', '70%'], data: person.productMix.map((m) => ({ name: m.category, value: m.netRevenue })), label: { formatter: '{b}\n{d}%' } }],
    }),
    [person, shop],
  );
  return (
    <div className="chart-row two">
      <Chart
        title={`${person.name}: product mix`}
        description="Share of net revenue per category."
        option={option}
        data={{ header: ['category', 'net revenue', 'share'], rows: person.productMix.map((m) => [m.category, m.netRevenue, m.share]) }}
        testId="chart-person-mix"
      />
      <section className="card facts" aria-label={`${person.name} in numbers`}>
        <h3>{person.name}</h3>
        <dl>
          <dt>Rank</dt>
          <dd>#{person.rank}</dd>
          <dt>Gross profit</dt>
          <dd>{money(person.grossProfit, shop)}</dd>
          <dt>Net revenue</dt>
          <dd>{money(person.netRevenue, shop)}</dd>
          <dt>Margin</dt>
          <dd>{percent(person.margin, shop)}</dd>
          <dt>Sales</dt>
          <dd>{count(person.transactions, shop)}</dd>
          <dt>Average margin per sale</dt>
          <dd>{money(person.averageMarginPerSale, shop)}</dd>
        </dl>
      </section>
    </div>
  );
}

function Leaderboard({ people, shop, branchName }: { people: SalespersonRank[]; shop: ReturnType<typeof useApp>['shop']; branchName: (id: number) => string }) {
  return (
    <section className="card table-card" aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title">Leaderboard</h2>
      <div className="table-scroll" tabIndex={0} aria-label="Leaderboard table, scrolls sideways on small screens">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Salesperson</th>
              <th scope="col">Branch</th>
              <th scope="col" className="num">Gross profit</th>
              <th scope="col" className="num">Net revenue</th>
              <th scope="col" className="num">Margin</th>
              <th scope="col" className="num">Sales</th>
              <th scope="col" className="num">Margin per sale</th>
              <th scope="col">Top categories</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.salespersonId}>
                <td>{p.rank}</td>
                <th scope="row">{p.name}</th>
                <td>{branchName(p.branchId)}</td>
                <td className="num">{money(p.grossProfit, shop)}</td>
                <td className="num">{money(p.netRevenue, shop)}</td>
                <td className="num">{percent(p.margin, shop)}</td>
                <td className="num">{count(p.transactions, shop)}</td>
                <td className="num">{money(p.averageMarginPerSale, shop)}</td>
                <td className="small">
                  {[...p.productMix]
                    .sort((a, b) => b.netRevenue - a.netRevenue)
                    .slice(0, 3)
                    .map((m) => `${m.category} ${percent(m.share, shop, 0)}`)
                    .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
