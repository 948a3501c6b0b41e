import type { ReactNode } from 'react';
import type { QueryState } from '../api/useQuery';
import { ErrorState, Loading } from './States';

/** Loading, error (with retry) or the content of one request. */
export function PageState<T>({ query, what, children }: { query: QueryState<T> & { reload: () => void }; what: string; children: (data: T) => ReactNode }) {
  if (query.status === 'error' && query.data === undefined) return <ErrorState error={query.error} onRetry={query.reload} what={what} />;
  if (query.data === undefined) return <Loading label={`Loading ${what}`} />;
  return <>{children(query.data)}</>;
}
