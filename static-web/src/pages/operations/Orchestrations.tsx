import { useState } from 'react';
import { useApp } from '../../app/context';
import type { OrchestrationInstance } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { Empty, ErrorState, NotAvailable } from '../../components/States';
import { ShopTime } from './ShopTime';
import { InstanceDetail } from './InstanceDetail';
import { RuntimeStatus } from './RuntimeStatus';

const statuses = ['Running', 'Pending', 'Suspended', 'Completed', 'Failed', 'Terminated'];

/** Orchestration instances with their status; one opens with its history and the admin's actions. */
export function Orchestrations() {
  const { durable } = useApp();
  const [filter, setFilter] = useState('');
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery<OrchestrationInstance[]>(`orch${filter}${version}`, (signal) => durable.get('/instances', { runtimeStatus: filter || null, top: 50 }, signal));
  const refresh = () => setVersion((v) => v + 1);
  const purged = (id: string) => {
    setSelected(null);
    setNotice(`Purged the history of ${id}.`);
    refresh();
  };
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
        <button type="button" className="ghost small" onClick={refresh}>
          Refresh
        </button>
      </div>
      {notice && (
        <p className="small" role="status">
          {notice}
        </p>
      )}
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
        <div className="table-scroll" tabIndex={0} aria-label="Orchestration instances, scrolls sideways on small screens">
          <table aria-label="Orchestration instances">
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
                <tr key={i.instanceId} data-instance={i.instanceId}>
                  <th scope="row">{i.name}</th>
                  <td>
                    <code>{i.instanceId}</code>
                  </td>
                  <td>
                    <RuntimeStatus status={i.runtimeStatus} />
                  </td>
                  <td>
                    <ShopTime iso={i.createdTime} />
                  </td>
                  <td>
                    <ShopTime iso={i.lastUpdatedTime} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="ghost small"
                      aria-expanded={selected === i.instanceId}
                      aria-label={`${selected === i.instanceId ? 'Close' : 'Details of'} ${i.instanceId}`}
                      onClick={() => setSelected(selected === i.instanceId ? null : i.instanceId)}
                    >
                      {selected === i.instanceId ? 'Close' : 'Details'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected && <InstanceDetail key={selected} id={selected} onChanged={refresh} onPurged={purged} />}
    </section>
  );
}
