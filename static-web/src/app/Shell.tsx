import { lazy, Suspense, useMemo } from 'react';
import { createClient } from '../api/client';
import type { CurrentKey, FilterOptions } from '../api/types';
import { useQuery } from '../api/useQuery';
import { shopDay, type ShopSettings } from '../format';
import { resolveRange } from '../state/range';
import { pages, pageTitles, viewUrl, withPage, type Page } from '../state/view';
import { FilterBar } from '../components/FilterBar';
import { Loading } from '../components/States';
import { App, type AppContext } from './context';
import { useView } from './useView';
import { Overview } from '../pages/Overview';

// The overview is what the owner opens every morning; the other pages load when first visited.
const SalesTeam = lazy(() => import('../pages/SalesTeam'));
const Products = lazy(() => import('../pages/Products'));
const Branches = lazy(() => import('../pages/Branches'));
const Customers = lazy(() => import('../pages/Customers'));
const Operations = lazy(() => import('../pages/Operations'));

const pageComponents: Record<Page, React.ComponentType> = {
  overview: Overview,
  'sales-team': SalesTeam,
  products: Products,
  branches: Branches,
  customers: Customers,
  operations: Operations,
};

interface Props {
  shop: ShopSettings;
  apiKey: string;
  user: CurrentKey | null;
  onSignOut: () => void;
}

export function Shell({ shop, apiKey, user, onSignOut }: Props) {
  const [view, navigate] = useView();
  const api = useMemo(() => createClient(apiKey), [apiKey]);
  const durable = useMemo(() => createClient(apiKey, '/runtime/webhooks/durabletask'), [apiKey]);
  const today = view.asOf ?? shopDay(new Date(), shop.timeZone);
  const range = resolveRange(view.range, today, { from: view.from ?? undefined, to: view.to ?? undefined });
  const options = useQuery<FilterOptions>('filters', (signal) => api.get('/dashboard/filters', {}, signal));
  const context: AppContext = { shop, api, durable, user, view, range, today, options: options.status === 'ready' ? options.data : null, navigate };
  const Current = pageComponents[view.page];

  return (
    <App.Provider value={context}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {shop.name}
        </div>
        <nav aria-label="Pages" className="pages">
          {pages.map((page) => (
            <a
              key={page}
              href={viewUrl(withPage(view, page))}
              aria-current={view.page === page ? 'page' : undefined}
              onClick={(e) => {
                if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                e.preventDefault();
                navigate(withPage(view, page));
              }}
            >
              {pageTitles[page]}
            </a>
          ))}
        </nav>
        <div className="who">
          {user ? (
            <>
              <span className="who-name" title={`Signed in with the key "${user.name}"`}>
                {user.name}
              </span>
              <span className={`role role-${user.role}`} data-testid="role">
                {user.role}
              </span>
            </>
          ) : (
            <span className="who-name muted" role="status">
              Checking key…
            </span>
          )}
          <button type="button" className="ghost small" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      {view.page !== 'operations' && <FilterBar />}
      <main id="main" tabIndex={-1}>
        <h1 className="page-title">{pageTitles[view.page]}</h1>
        <Suspense fallback={<Loading label={`Loading ${pageTitles[view.page]}`} />}>
          <Current />
        </Suspense>
      </main>
    </App.Provider>
  );
}
