import { useApp } from '../../app/context';
import type { TimerScheduleStatus } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { Empty, ErrorState } from '../../components/States';
import { ShopTime } from './ShopTime';

/** Timer functions: schedule, when a run last started, when the next is due, and how the last one went. */
export function Timers() {
  const { api } = useApp();
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
                <tr key={t.functionName} data-timer={t.functionName}>
                  <th scope="row">{t.functionName}</th>
                  <td>
                    <code>{t.schedule}</code>
                  </td>
                  <td data-column="last">
                    {/* The last slot is also set when a host first registers the timer; only a started run is a run. */}
                    <ShopTime iso={t.lastStartedAt} fallback="never" />
                  </td>
                  <td data-column="next">
                    <ShopTime iso={t.next} />
                  </td>
                  <td>
                    <Outcome timer={t} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Outcome({ timer }: { timer: TimerScheduleStatus }) {
  if (timer.isRunning) return <span className="tag info">running</span>;
  if (timer.lastError)
    return (
      <>
        <span className="tag danger">failed</span> <span className="small">{timer.lastError}</span>
      </>
    );
  return timer.lastCompletedAt ? <span className="tag success">ok</span> : <>—</>;
}
