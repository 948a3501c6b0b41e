import { useEffect, useMemo, useRef, useState } from 'react';
import { useApp } from '../app/context';
import { useLive } from '../app/useLive';
import type { CustomerKpiReport, FinancialKpiReport, InventoryKpiReport, KpiResult } from '../api/types';
import { useQuery } from '../api/useQuery';
import { KpiCard, PlainCard } from '../components/KpiCard';
import { Empty, ErrorState, Loading } from '../components/States';
import { businessDate, grams, money, shopTime, wholeMoney } from '../format';
import { filterQuery } from '../state/view';
import { RevenueDrill } from './overview/RevenueDrill';
import { BranchBars, LineBars } from './overview/CrossFilterBars';

const financialOrder = ['revenue', 'gross_profit', 'gross_margin', 'average_transaction_value', 'net_revenue', 'transactions', 'cost_ratio', 'discounts', 'refunds', 'gold_grams_sold', 'units_per_transaction', 'grams_per_transaction', 'discount_rate', 'refund_rate', 'tax'];
const customerOrder = ['active_customers', 'new_customers', 'retention', 'churn', 'repeat_purchase_rate', 'acquisition_rate', 'average_order_value', 'purchase_frequency'];

function ordered(kpis: KpiResult[], order: string[]): KpiResult[] {
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  return [...kpis].sort((a, b) => rank(a.code) - rank(b.code));
}

export function Overview() {
  const { api, view, range, shop } = useApp();
  const [version, setVersion] = useState(0);
  const previous = useRef<Map<string, number | null>>(new Map());
  const filters = filterQuery(view.filters);
  const key = JSON.stringify([range, filters, version]);
  const financial = useQuery<FinancialKpiReport>(`f${key}`, (signal) => api.get('/kpis/financial', { ...range, ...filters }, signal));
  const customers = useQuery<CustomerKpiReport>(`c${key}`, (signal) => api.get('/kpis/customers', { ...range, branch: view.filters.branch }, signal));
  const inventory = useQuery<InventoryKpiReport>(`i${key}`, (signal) => api.get('/kpis/inventory', { ...range, ...filters }, signal));
  // The stream opens once the cards have their first answers: over HTTP/1.1 a browser keeps six connections to a host,
  // and the page's first requests (seven with the key check) should not queue behind one that never ends.
  const [subscribed, setSubscribed] = useState(false);
  const answered = [financial, customers, inventory].every((q) => q.data !== undefined || q.status === 'error');
  useEffect(() => {
    if (answered) setSubscribed(true);
  }, [answered]);
  const live = useLive(subscribed ? api.eventsUrl() : null, () => setVersion((v) => v + 1));

  // Cards whose value moved since the last answer glow briefly after a live update.
  const changed = useMemo(() => {
    const moved = new Set<string>();
    const all = [...(financial.data?.kpis ?? []), ...(customers.data?.kpis ?? [])];
    for (const kpi of all) {
      if (previous.current.has(kpi.code) && previous.current.get(kpi.code) !== kpi.value && version > 0) moved.add(kpi.code);
      previous.current.set(kpi.code, kpi.value);
    }
    return moved;
  }, [financial.data, customers.data, version]);

  const productFilter = view.filters.productLine !== null || view.filters.category !== null || view.filters.karat !== null;

  return (
    <div className="overview">
      <p className="live small" data-testid="live-status" data-version={version}>
        <span className={`dot ${live.status}`} aria-hidden="true" />
        {live.status === 'live' ? 'Live' : live.status === 'connecting' ? 'Connecting to live updates…' : 'Live updates unavailable'}
        {live.lastEvent && <> · last update {shopTime(live.lastEvent, shop)}</>}
        {financial.data && (
          <span className="muted">
            {' '}
            · compared with {businessDate(financial.data.previousRange.from, shop)} – {businessDate(financial.data.previousRange.to, shop)} and the same period last year
          </span>
        )}
      </p>

      <section aria-labelledby="financial-title" className="kpi-group">
        <h2 id="financial-title">Financial</h2>
        <KpiGrid query={financial} what="the financial KPIs" order={financialOrder} changed={changed} />
      </section>

      <div className="chart-row">
        <RevenueDrill version={version} whole={financial} />
      </div>
      <div className="chart-row two">
        <BranchBars version={version} />
        <LineBars version={version} />
      </div>

      <section aria-labelledby="operational-title" className="kpi-group">
        <h2 id="operational-title">Operational</h2>
        {inventory.status === 'error' && !inventory.data ? (
          <ErrorState error={inventory.error} onRetry={inventory.reload} what="the operational KPIs" />
        ) : !inventory.data ? (
          <Loading label="Loading operational KPIs" />
        ) : (
          <div className="kpi-grid">
            {inventory.data.kpis.map((k) => (
              <PlainCard key={k.code} code={k.code} name={k.name} value={k.value} unit={k.unit} reason={k.nullReason} shop={shop} />
            ))}
            <article className="card kpi status-info gold-card" aria-labelledby="kpi-gold-stock">
              <header className="kpi-head">
                <h3 id="kpi-gold-stock">Gold stock</h3>
              </header>
              <p className="kpi-value" data-testid="kpi-value-gold_stock" title={String(inventory.data.goldStockValue ?? '')}>
                {wholeMoney(inventory.data.goldStockValue, shop)}
              </p>
              <table className="karat-table small">
                <caption className="visually-hidden">Gold stock by karat: grams and value at the buy rate</caption>
                <tbody>
                  {inventory.data.goldStock.map((k) => (
                    <tr key={k.karat}>
                      <th scope="row">{k.karat}K</th>
                      <td className="num">{grams(k.closingGrams, shop)}</td>
                      <td className="num muted">{money(k.value, shop, true)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </article>
          </div>
        )}
      </section>

      <section aria-labelledby="customer-title" className="kpi-group">
        <h2 id="customer-title">Customer</h2>
        {productFilter && <p className="muted small">Customer KPIs follow the period and branch; product line, category and karat do not apply to them.</p>}
        <KpiGrid query={customers} what="the customer KPIs" order={customerOrder} changed={changed} />
      </section>
    </div>
  );
}

function KpiGrid({ query, what, order, changed }: { query: ReturnType<typeof useQuery<{ kpis: KpiResult[] }>>; what: string; order: string[]; changed: Set<string> }) {
  const { shop } = useApp();
  if (query.status === 'error' && !query.data) return <ErrorState error={query.error} onRetry={query.reload} what={what} />;
  if (!query.data) return <Loading label={`Loading ${what}`} rows={4} />;
  if (query.data.kpis.length === 0) return <Empty title="Nothing to show">No KPI came back for this period.</Empty>;
  return (
    <div className="kpi-grid" aria-busy={query.status === 'loading'}>
      {ordered(query.data.kpis, order).map((kpi) => (
        <KpiCard key={kpi.code} kpi={kpi} shop={shop} updated={changed.has(kpi.code)} />
      ))}
    </div>
  );
}

