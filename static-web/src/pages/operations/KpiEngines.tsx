import { useApp } from '../../app/context';
import type { KpiReadinessReport } from '../../api/types';
import { count } from '../../format';

const statusTone: Record<string, string> = { ready: 'success', warming: 'info', disabled: 'info', pending: 'info', failed: 'danger', cancelled: 'warning' };

/** Whether the KPI engines are warm after the host started, and how long each engine's fill took. */
export function KpiEngines({ readiness }: { readiness: KpiReadinessReport }) {
  const { shop } = useApp();
  const tone = statusTone[readiness.status] ?? 'info';
  return (
    <section className="card table-card" aria-labelledby="kpi-engines-title" data-testid="kpi-engines">
      <div className="section-head">
        <h3 id="kpi-engines-title">KPI engines</h3>
        <span className={`status-tag status-${tone}`} data-testid="kpi-engines-status">
          {readiness.status}
        </span>
      </div>
      <p className="small muted">
        {readiness.status === 'disabled'
          ? 'This host does not warm its KPI engines when it starts; each fills on its first request.'
          : readiness.readyAfterMs != null
            ? `Warm ${count(readiness.readyAfterMs / 1000, shop, 1)} s after the host process started.`
            : 'Filling the in-memory state after a start; requests are answered meanwhile, more slowly.'}
      </p>
      {readiness.engines.length > 0 && (
        <div className="table-scroll" tabIndex={0} aria-label="KPI engine warm-up, scrolls sideways on small screens">
          <table aria-label="KPI engine warm-up">
            <thead>
              <tr>
                <th scope="col">Engine</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Fill time
                </th>
              </tr>
            </thead>
            <tbody>
              {readiness.engines.map((e) => (
                <tr key={e.engine}>
                  <th scope="row">{e.engine}</th>
                  <td>
                    {e.status}
                    {e.reason ? ` (${e.reason})` : ''}
                  </td>
                  <td className="num">{e.milliseconds == null ? '–' : `${count(e.milliseconds, shop, 0)} ms`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
