import { useMemo, useState } from 'react';
import { useApp } from '../app/context';
import { ApiError } from '../api/client';
import type { HealthReport, ServiceHealth } from '../api/types';
import { useQuery } from '../api/useQuery';
import { Chart } from '../charts/Chart';
import { PageState } from '../components/PageState';
import { Loading } from '../components/States';
import { count } from '../format';
import { hasRole } from '../state/session';
import { KpiEngines } from './operations/KpiEngines';
import { Orchestrations } from './operations/Orchestrations';
import { Timers } from './operations/Timers';

const services: [keyof Omit<HealthReport, 'status' | 'kpis'>, string][] = [
  ['host', 'Function host'],
  ['database', 'Database'],
  ['blobStorage', 'Blob storage'],
  ['mail', 'Mail'],
];

/** Health of the services, orchestration instances (actions for admins) and timer schedules. */
export default function Operations() {
  const { user } = useApp();
  return (
    <>
      <Health />
      {!user ? (
        <Loading label="Checking your key" />
      ) : hasRole(user.role, 'admin') ? (
        <Orchestrations />
      ) : (
        <section className="card table-card" aria-labelledby="orchestrations-title">
          <h2 id="orchestrations-title">Orchestrations</h2>
          <p className="muted">Orchestration instances and their actions are for admin keys; you are signed in as {user.role}.</p>
        </section>
      )}
      <Timers />
    </>
  );
}

/** The health endpoint answers 503 with the same report when a service is down; show it, not an error. */
async function loadHealth(get: () => Promise<HealthReport>): Promise<HealthReport> {
  try {
    return await get();
  } catch (error) {
    if (error instanceof ApiError && error.status === 503 && (error.problem as unknown as HealthReport).database) {
      return { ...(error.problem as unknown as HealthReport), status: 'unhealthy' };
    }
    throw error;
  }
}

function Health() {
  const { api } = useApp();
  const [attempt, setAttempt] = useState(0);
  const query = useQuery<HealthReport>(`health${attempt}`, (signal) => loadHealth(() => api.get('/health', {}, signal)));
  return (
    <section aria-labelledby="health-title">
      <div className="section-head">
        <h2 id="health-title">Health</h2>
        <button type="button" className="ghost small" onClick={() => setAttempt((n) => n + 1)}>
          Check again
        </button>
      </div>
      <PageState query={query} what="the health of the services">
        {(report) => (
          <>
            <HealthCards report={report} />
            {report.kpis && <KpiEngines readiness={report.kpis} />}
          </>
        )}
      </PageState>
    </section>
  );
}

function HealthCards({ report }: { report: HealthReport }) {
  const { shop } = useApp();
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${count(v, shop, 1)} ms` },
      xAxis: { type: 'value', name: 'ms' },
      yAxis: { type: 'category', inverse: true, data: services.map(([, name]) => name) },
      series: [
        {
          name: 'Latency',
          type: 'bar',
          data: services.map(([k]) => ({ value: report[k].latencyMs, itemStyle: { color: report[k].status === 'healthy' ? '#2f7d4f' : '#b5462c' } })),
          label: { show: true, position: 'right', formatter: (p: { value: number }) => `${count(p.value, shop, 1)} ms` },
        },
      ],
    }),
    [report, shop],
  );
  return (
    <div className="chart-row two">
      <div className="health-grid">
        {services.map(([k, name]) => (
          <ServiceCard key={k} name={name} health={report[k]} id={k} />
        ))}
      </div>
      <Chart
        title="Service latency"
        description={`Overall: ${report.status}.`}
        option={option}
        height={200}
        data={{ header: ['service', 'status', 'latency ms', 'reason'], rows: services.map(([k, name]) => [name, report[k].status, report[k].latencyMs, report[k].reason ?? '']) }}
        testId="chart-health"
      />
    </div>
  );
}

function ServiceCard({ name, health, id }: { name: string; health: ServiceHealth; id: string }) {
  const { shop } = useApp();
  const ok = health.status === 'healthy';
  return (
    <article className={`card kpi status-${ok ? 'success' : 'danger'}`} data-testid={`health-${id}`}>
      <header className="kpi-head">
        <h3>{name}</h3>
        <span className={`status-tag status-${ok ? 'success' : 'danger'}`}>
          <span aria-hidden="true">{ok ? '● ' : '■ '}</span>
          {health.status}
        </span>
      </header>
      <p className="kpi-value small-value" data-testid={`health-latency-${id}`}>
        {count(health.latencyMs, shop, 1)} ms
      </p>
      {health.reason && <p className="small">{health.reason}</p>}
    </article>
  );
}

