import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './client';

export type QueryState<T> =
  | { status: 'loading'; data?: T }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError; data?: T };

/**
 * Runs a request whenever its key changes, cancels the one before, and keeps the last data while
 * refreshing so a live update never blanks a card. A null key sends nothing (another query answers).
 */
export function useQuery<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): QueryState<T> & { reload: () => void } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    if (key === null) return;
    const abort = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data }));
    loader
      .current(abort.signal)
      .then((data) => !abort.signal.aborted && setState({ status: 'ready', data }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        const apiError = error instanceof ApiError ? error : new ApiError({ status: 0, detail: (error as Error).message, code: 'client_error' });
        setState((previous) => ({ status: 'error', error: apiError, data: previous.data }));
      });
    return () => abort.abort();
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
