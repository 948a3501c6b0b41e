import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client';
import type { CurrentKey, FilterOptions } from '../api/types';
import type { ShopSettings } from '../format';
import type { DayRange } from '../state/range';
import type { ViewState } from '../state/view';

export interface AppContext {
  shop: ShopSettings;
  api: ApiClient;
  durable: ApiClient;
  /** The signed-in key's name and role; null while a kept key is being confirmed. */
  user: CurrentKey | null;
  view: ViewState;
  range: DayRange;
  today: string;
  options: FilterOptions | null;
  navigate: (view: ViewState, replace?: boolean) => void;
}

export const App = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const value = useContext(App);
  if (!value) throw new Error('useApp outside the signed-in shell');
  return value;
}
