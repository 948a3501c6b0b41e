import { useEffect, useState } from 'react';
import { useApp } from '../../app/context';
import type { OrchestrationInstance } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { PageState } from '../../components/PageState';
import { RuntimeStatus } from './RuntimeStatus';
import { ShopTime } from './ShopTime';

const active = ['Running', 'Pending', 'Suspended'];
// How long the page keeps looking for an accepted action to take effect before saying it is still pending.
const settleMs = 15_000;

interface Awaiting {
  label: string;
  from: string;
  until: number;
}

/** One instance: status, output, history, and the admin's actions (raise event, terminate while active; purge once finished). */
export function InstanceDetail({ id, onChanged, onPurged }: { id: string; onChanged: () => void; onPurged: (id: string) => void }) {
  const { durable } = useApp();
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [awaiting, setAwaiting] = useState<Awaiting | null>(null);
  const path = `/instances/${encodeURIComponent(id)}`;
  const query = useQuery<OrchestrationInstance>(`inst${id}${version}`, (signal) => durable.get(path, { showHistory: true }, signal));
  const status = query.data?.runtimeStatus;

  // The management API accepts an action and the instance's worker applies it moments later: look again until the status moves.
  useEffect(() => {
    if (!awaiting || query.status !== 'ready' || !status) return;
    if (status !== awaiting.from || Date.now() > awaiting.until) {
      setMessage(status !== awaiting.from ? `${awaiting.label}: the instance is now ${status}.` : `${awaiting.label}: accepted; the instance is still ${status}.`);
      setAwaiting(null);
      onChanged();
      return;
    }
    const timer = setTimeout(() => setVersion((v) => v + 1), 400);
    return () => clearTimeout(timer);
    // onChanged is a fresh closure on every render of the list; the status is what matters here.
  }, [awaiting, query.status, query.data, status]);

  const act = async (label: string, run: () => Promise<unknown>) => {
    if (!status) return;
    setMessage(`${label}…`);
    try {
      await run();
    } catch (error) {
      setMessage(`${label} failed: ${(error as Error).message}`);
      return;
    }
    setAwaiting({ label, from: status, until: Date.now() + settleMs });
    setVersion((v) => v + 1);
  };

  const purge = async () => {
    if (!confirm(`Purge the history of ${id}? This cannot be undone.`)) return;
    try {
      await durable.send('DELETE', path);
      onPurged(id);
    } catch (error) {
      setMessage(`Purge failed: ${(error as Error).message}`);
    }
  };

  return (
    <section className="instance-detail" aria-labelledby="instance-title" data-testid="instance-detail">
      <h3 id="instance-title">
        Instance <code>{id}</code>
      </h3>
      <PageState query={query} what="the instance">
        {(i) => (
          <>
            <p className="small" data-testid="instance-status">
              {i.name} · <RuntimeStatus status={i.runtimeStatus} />
              {i.customStatus !== null && i.customStatus !== undefined && (
                <>
                  {' '}
                  · custom status <code>{JSON.stringify(i.customStatus)}</code>
                </>
              )}
              {i.output !== null && i.output !== undefined && (
                <>
                  {' '}
                  · output <code data-testid="instance-output">{JSON.stringify(i.output)}</code>
                </>
              )}
            </p>
            <div className="actions">
              {active.includes(i.runtimeStatus) ? (
                <>
                  <RaiseEvent disabled={awaiting !== null} onRaise={(name, body) => act(`Raise ${name}`, () => durable.send('POST', `${path}/raiseEvent/${encodeURIComponent(name)}`, body))} onInvalid={setMessage} />
                  <button
                    type="button"
                    className="danger"
                    disabled={awaiting !== null}
                    onClick={() => confirm(`Terminate ${id}?`) && act('Terminate', () => durable.send('POST', `${path}/terminate`, undefined, { reason: 'Terminated from the dashboard' }))}
                  >
                    Terminate
                  </button>
                </>
              ) : (
                <button type="button" className="danger" onClick={() => void purge()}>
                  Purge history
                </button>
              )}
            </div>
            {message && (
              <p className="small" role="status">
                {message}
              </p>
            )}
            <h4>History</h4>
            <ol className="history small" aria-label={`History of ${id}`}>
              {(i.historyEvents ?? []).map((h, n) => (
                <li key={n}>
                  <strong>{String(h.eventType ?? h.type ?? 'event')}</strong>
                  {h.name ? ` ${String(h.name)}` : ''}
                  {h.reason ? ` (${String(h.reason)})` : ''}{' '}
                  <span className="muted">
                    <ShopTime iso={h.timestamp ? String(h.timestamp) : null} fallback="" />
                  </span>
                </li>
              ))}
            </ol>
          </>
        )}
      </PageState>
    </section>
  );
}

function RaiseEvent({ disabled, onRaise, onInvalid }: { disabled: boolean; onRaise: (name: string, body: unknown) => void; onInvalid: (message: string) => void }) {
  const [name, setName] = useState('');
  const [body, setBody] = useState('{}');
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        try {
          onRaise(name, JSON.parse(body));
        } catch {
          onInvalid('The event data is not valid JSON.');
        }
      }}
    >
      <label htmlFor="event-name">Event</label>
      <input id="event-name" value={name} onChange={(e) => setName(e.target.value)} required pattern="[A-Za-z0-9_.\-]+" />
      <label htmlFor="event-body">Data (JSON)</label>
      <input id="event-body" value={body} onChange={(e) => setBody(e.target.value)} />
      <button type="submit" disabled={disabled}>
        Raise event
      </button>
    </form>
  );
}
