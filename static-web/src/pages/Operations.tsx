import { useMemo, useState } from 'react';
import { useApp } from '../app/context';
import { ApiError } from '../api/client';
import type { HealthReport, OrchestrationInstance, ServiceHealth, TimerScheduleStatus } from '../api/types';
import { useQuery } from '../api/useQuery';
import { Chart } from '../charts/Chart';
import { PageState } from '../components/PageState';
import { Empty, ErrorState, NotAvailable } from '../components/States';
import { count, shopDateTime } from '../format';
import { hasRole } from '../state/session';

const services: [keyof Omit<HealthReport, 'status'>, string][] = [
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
      {hasRole(user.role, 'admin') ? (
        <Orchestrations />
      ) : (
        <section className="card table-card">
          <h2>Orchestrations</h2>
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
        {(report) => <HealthCards report={report} />}
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

const statuses = ['Running', 'Pending', 'Suspended', 'Completed', 'Failed', 'Terminated'];

function Orchestrations() {
  const { durable, shop } = useApp();
  const [filter, setFilter] = useState('');
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const query = useQuery<OrchestrationInstance[]>(`orch${filter}${version}`, (signal) => durable.get('/instances', { runtimeStatus: filter || null, top: 50 }, signal));
  return (
    <section className="card table-card" aria-labelledby="orchestrations-title">
      <div className="section-head">
        <h2 id="orchestrations-title">Orchestrations</h2>
        <div className="field inline">
          <label htmlFor="orch-status">Status</label>
          <select id="orch-status" value={filter} onChange={(e) => setFilter(e.target.value)}>
            <option value="">All</option>
            {statuses.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <button type="button" className="ghost small" onClick={() => setVersion((v) => v + 1)}>
          Refresh
        </button>
      </div>
      {query.status === 'error' && !query.data ? (
        query.error.notAvailable ? (
          <NotAvailable what="orchestration management" />
        ) : (
          <ErrorState error={query.error} onRetry={query.reload} what="orchestration instances" />
        )
      ) : !query.data ? (
        <p role="status">Loading orchestration instances…</p>
      ) : query.data.length === 0 ? (
        <Empty title="No orchestration instances">{filter ? `None is ${filter.toLowerCase()}.` : 'Nothing has run yet.'}</Empty>
      ) : (
        <div className="table-scroll" tabIndex={0} aria-label="Orchestration instances">
          <table>
            <thead>
              <tr>
                <th scope="col">Orchestration</th>
                <th scope="col">Instance</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((i) => (
                <tr key={i.instanceId}>
                  <th scope="row">{i.name}</th>
                  <td>
                    <code>{i.instanceId}</code>
                  </td>
                  <td>
                    <span className={`tag ${runtimeTone(i.runtimeStatus)}`}>{i.runtimeStatus}</span>
                  </td>
                  <td>{shopDateTime(i.createdTime, shop)}</td>
                  <td>{shopDateTime(i.lastUpdatedTime, shop)}</td>
                  <td>
                    <button type="button" className="ghost small" aria-expanded={selected === i.instanceId} onClick={() => setSelected(selected === i.instanceId ? null : i.instanceId)}>
                      {selected === i.instanceId ? 'Close' : 'Details'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected && <InstanceDetail id={selected} onChanged={() => setVersion((v) => v + 1)} />}
    </section>
  );
}

function runtimeTone(status: string): string {
  if (status === 'Completed') return 'success';
  if (status === 'Failed' || status === 'Terminated') return 'danger';
  if (status === 'Suspended' || status === 'Pending') return 'warning';
  return 'info';
}

function InstanceDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { durable, shop } = useApp();
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [eventName, setEventName] = useState('');
  const [eventBody, setEventBody] = useState('{}');
  const query = useQuery<OrchestrationInstance>(`inst${id}${version}`, (signal) => durable.get(`/instances/${encodeURIComponent(id)}`, { showHistory: true }, signal));
  const act = async (label: string, run: () => Promise<unknown>) => {
    try {
      await run();
      setMessage(`${label}: done.`);
      setVersion((v) => v + 1);
      onChanged();
    } catch (error) {
      setMessage(`${label} failed: ${(error as Error).message}`);
    }
  };
  const running = query.data && ['Running', 'Pending', 'Suspended'].includes(query.data.runtimeStatus);
  return (
    <div className="instance-detail" aria-live="polite">
      <h3>
        Instance <code>{id}</code>
      </h3>
      <PageState query={query} what="the instance">
        {(i) => (
          <>
            <p className="small">
              {i.name} · {i.runtimeStatus} · custom status <code>{JSON.stringify(i.customStatus)}</code>
            </p>
            <div className="actions">
              {running && (
                <button type="button" className="danger" onClick={() => confirm(`Terminate ${id}?`) && act('Terminate', () => durable.send('POST', `/instances/${encodeURIComponent(id)}/terminate`, undefined, { reason: 'Terminated from the dashboard' }))}>
                  Terminate
                </button>
              )}
              {running && (
                <form
                  className="inline-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    let body: unknown;
                    try {
                      body = JSON.parse(eventBody);
                    } catch {
                      setMessage('The event data is not valid JSON.');
                      return;
                    }
                    void act(`Raise ${eventName}`, () => durable.send('POST', `/instances/${encodeURIComponent(id)}/raiseEvent/${encodeURIComponent(eventName)}`, body));
                  }}
                >
                  <label htmlFor="event-name">Event</label>
                  <input id="event-name" value={eventName} onChange={(e) => setEventName(e.target.value)} required pattern="[A-Za-z0-9_.-]+" />
                  <label htmlFor="event-body">Data (JSON)</label>
                  <input id="event-body" value={eventBody} onChange={(e) => setEventBody(e.target.value)} />
                  <button type="submit">Raise event</button>
                </form>
              )}
              {!running && (
                <button type="button" className="danger" onClick={() => confirm(`Purge the history of ${id}?`) && act('Purge', () => durable.send('DELETE', `/instances/${encodeURIComponent(id)}`))}>
                  Purge history
                </button>
              )}
            </div>
            {message && (
              <p className="small" role="status">
                {message}
              </p>
            )}
            <ol className="history small">
              {(i.historyEvents ?? []).map((h, n) => (
                <li key={n}>
                  <strong>{String(h.eventType ?? h.type ?? 'event')}</strong> {h.name ? String(h.name) : ''} {h.timestamp ? <span className="muted">{shopDateTime(String(h.timestamp), shop)}</span> : null}
                </li>
              ))}
            </ol>
          </>
        )}
      </PageState>
    </div>
  );
}

function Timers() {
  const { api, shop } = useApp();
  const query = useQuery<TimerScheduleStatus[]>('timers', (signal) => api.get('/operations/timers', {}, signal));
  return (
    <section className="card table-card" aria-labelledby="timers-title">
      <h2 id="timers-title">Timer schedules</h2>
      {query.status === 'error' && !query.data ? (
        <ErrorState error={query.error} onRetry={query.reload} what="timer schedules" />
      ) : !query.data ? (
        <p role="status">Loading timer schedules…</p>
      ) : query.data.length === 0 ? (
        <Empty title="No timer functions" />
      ) : (
        <div className="table-scroll" tabIndex={0} aria-label="Timer schedules, scrolls sideways on small screens">
          <table aria-label="Timer schedules">
            <thead>
              <tr>
                <th scope="col">Function</th>
                <th scope="col">Schedule</th>
                <th scope="col">Last run</th>
                <th scope="col">Next run</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((t) => (
                <tr key={t.functionName}>
                  <th scope="row">{t.functionName}</th>
                  <td>
                    <code>{t.schedule}</code>
                  </td>
                  <td>{t.last ? shopDateTime(t.last, shop) : 'never'}</td>
                  <td>{t.next ? shopDateTime(t.next, shop) : '—'}</td>
                  <td>{t.isRunning ? <span className="tag info">running</span> : t.lastError ? (
                      <>
                        <span className="tag danger">failed</span> <span className="small">{t.lastError}</span>
                      </>
                    ) : t.lastCompletedAt ? <span className="tag success">ok</span> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
