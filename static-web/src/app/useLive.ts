import { useEffect, useRef, useState } from 'react';

/** Names of the server events that mean the numbers may have changed; the host's outbox pushes kpis.changed after every committed change. */
export const dataEvents = ['kpis.changed', 'kpi.updated', 'sale.created', 'sale.posted', 'invoice.created', 'invoice.updated', 'refund.created', 'data.changed', 'import.completed'];

export type LiveStatus = 'connecting' | 'live' | 'offline';

/**
 * Subscribes to the host's Server-Sent Events and calls onChange (debounced, so a burst of
 * events is one refresh) when data changed. EventSource reconnects by itself, with Last-Event-ID.
 * A null url waits: the stream holds one of the browser's six connections to the host for good.
 */
export function useLive(url: string | null, onChange: (event: { name: string; data: unknown }) => void): { status: LiveStatus; lastEvent: Date | null } {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [lastEvent, setLastEvent] = useState<Date | null>(null);
  const handler = useRef(onChange);
  handler.current = onChange;

  useEffect(() => {
    if (url === null) return;
    if (typeof EventSource === 'undefined') {
      setStatus('offline');
      return;
    }
    const source = new EventSource(url);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending: { name: string; data: unknown } | null = null;
    const receive = (event: MessageEvent) => {
      let data: unknown = event.data;
      try {
        data = JSON.parse(event.data);
      } catch {
        // keep the text
      }
      pending = { name: event.type, data };
      setLastEvent(new Date());
      clearTimeout(timer);
      timer = setTimeout(() => pending && handler.current(pending), 250);
    };
    source.onopen = () => setStatus('live');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    for (const name of dataEvents) source.addEventListener(name, receive);
    source.addEventListener('message', receive);
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [url]);

  return { status, lastEvent };
}
