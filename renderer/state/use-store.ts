/** React binding of the store: components subscribe to exactly the slice they render. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AppState, AppStore } from './store';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <StoreContext.Provider>');
  return store;
}

/** A slice of the app state; the selector must return a value from the state (or a primitive) so React can compare it. */
export function useStoreState<T>(selector: (s: AppState) => T): T {
  const store = useAppStore();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
