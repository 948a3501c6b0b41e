import type { KpiResult, KpiStatus } from '../api/types';
import { byUnit, percent, signedPercent, wholeMoney, type ShopSettings } from '../format';
import { Sparkline } from './Sparkline';

export const statusLabels: Record<KpiStatus, string> = { success: 'On track', warning: 'Watch', danger: 'Behind', info: 'For information' };
const statusIcons: Record<KpiStatus, string> = { success: '●', warning: '▲', danger: '■', info: '○' };

export function arrow(change: number | null): string {
  if (change === null || change === 0) return '→';
  return change > 0 ? '↑' : '↓';
}

export function trendText(kpi: KpiResult, shop: ShopSettings): string {
  const trend = kpi.trend;
  if (!trend || trend.reason) return trend?.reason ? `No trend test: ${trend.reason}` : 'No trend test';
  const p = trend.pValue === null ? '' : `, p = ${trend.pValue < 0.001 ? '< 0.001' : trend.pValue.toFixed(3)}`;
  if (!trend.significant) return `No significant trend (${trend.test}${p})`;
  const slope = trend.senSlopePerDay === null ? '' : `, ${byUnit(trend.senSlopePerDay, kpi.unit, shop)} a day`;
  return `Significant ${trend.direction === 'up' ? 'upward' : 'downward'} trend (${trend.test}${p}${slope})`;
}

/** The big number of a card: whole currency units from a thousand up (the exact amount is in the tooltip and the export). */
export function cardValue(value: number, unit: string, shop: ShopSettings): string {
  if ((unit === 'money' || unit === 'currency') && Math.abs(value) >= 1000) return wholeMoney(value, shop);
  return byUnit(value, unit, shop);
}

/** One KPI: value, target and achievement, comparisons, trend with its significance, sparkline and status. */
export function KpiCard({ kpi, shop, updated }: { kpi: KpiResult; shop: ShopSettings; updated?: boolean }) {
  const format = (v: number | null) => byUnit(v, kpi.unit, shop);
  const headline = (v: number) => cardValue(v, kpi.unit, shop);
  const trend = kpi.trend;
  const trendArrow = trend?.significant ? (trend.direction === 'up' ? '⬆' : trend.direction === 'down' ? '⬇' : '➡') : '➡';
  return (
    <article className={`card kpi status-${kpi.status}${updated ? ' just-updated' : ''}`} aria-labelledby={`kpi-${kpi.code}`} data-kpi={kpi.code}>
      <header className="kpi-head">
        <h3 id={`kpi-${kpi.code}`}>{kpi.name}</h3>
        <span className={`status-tag status-${kpi.status}`}>
          <span aria-hidden="true">{statusIcons[kpi.status]} </span>
          {statusLabels[kpi.status]}
        </span>
      </header>
      <div className="kpi-value-row">
        <p className={`kpi-value${kpi.value !== null && headline(kpi.value).length > 12 ? ' long' : ''}`} data-testid={`kpi-value-${kpi.code}`} title={kpi.value === null ? undefined : String(kpi.value)}>
          {kpi.value === null ? <span className="muted">—</span> : headline(kpi.value)}
        </p>
        <span className={`trend-arrow${trend?.significant ? ' significant' : ''}`} title={trendText(kpi, shop)} aria-label={trendText(kpi, shop)} role="img">
          {trendArrow}
        </span>
      </div>
      {kpi.value === null && kpi.nullReason && <p className="muted small">{kpi.nullReason}</p>}
      {kpi.target !== null && (
        <div className="target">
          <div className="meter" role="meter" aria-valuemin={0} aria-valuemax={150} aria-valuenow={Math.round((kpi.achievement ?? 0) * 100)} aria-label={`${kpi.name} achievement`}>
            <span style={{ width: `${Math.min(100, Math.max(0, (kpi.achievement ?? 0) * 100))}%` }} />
          </div>
          <p className="small">
            {percent(kpi.achievement, shop, 0)} of target {format(kpi.target)}
          </p>
        </div>
      )}
      <dl className="comparisons small">
        <div>
          <dt>vs previous</dt>
          <dd title={kpi.previous === null ? undefined : `Previous period: ${format(kpi.previous)}`}>
            <span aria-hidden="true">{arrow(kpi.changeVsPrevious)} </span>
            {signedPercent(kpi.changeVsPrevious, shop)}
          </dd>
        </div>
        <div>
          <dt>vs last year</dt>
          <dd title={kpi.samePeriodLastYear === null ? undefined : `Same period last year: ${format(kpi.samePeriodLastYear)}`}>
            <span aria-hidden="true">{arrow(kpi.changeVsLastYear)} </span>
            {signedPercent(kpi.changeVsLastYear, shop)}
          </dd>
        </div>
      </dl>
      <Sparkline points={kpi.sparkline ?? []} label={kpi.name} format={format} />
    </article>
  );
}

/** An inventory KPI: a value without comparisons (the API gives none for stock figures). */
export function PlainCard({ code, name, value, unit, reason, shop }: { code: string; name: string; value: number | null; unit: string; reason?: string | null; shop: ShopSettings }) {
  return (
    <article className="card kpi status-info" aria-labelledby={`kpi-${code}`} data-kpi={code}>
      <header className="kpi-head">
        <h3 id={`kpi-${code}`}>{name}</h3>
      </header>
      <p className="kpi-value" data-testid={`kpi-value-${code}`}>
        {value === null ? <span className="muted">—</span> : cardValue(value, unit, shop)}
      </p>
      {value === null && reason && <p className="muted small">{reason}</p>}
    </article>
  );
}
