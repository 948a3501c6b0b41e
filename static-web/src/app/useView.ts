import { useCallback, useEffect, useState } from 'react';
import { parseView, viewUrl, type ViewState } from '../state/view';

/** The view state parsed from the address bar, and a navigate that writes it back (history entries). */
export function useView(): [ViewState, (view: ViewState, replace?: boolean) => void] {
  const [view, setView] = useState(() => parseView(location.pathname, location.search));
  useEffect(() => {
    const onPop = () => setView(parseView(location.pathname, location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((next: ViewState, replace = false) => {
    const url = viewUrl(next);
    if (url !== location.pathname + location.search) {
      if (replace) history.replaceState(null, '', url);
      else history.pushState(null, '', url);
    }
    setView(parseView(location.pathname, location.search));
  }, []);
  return [view, navigate];
}
