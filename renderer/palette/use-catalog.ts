/**
 * The catalog the palette lists: the built-in entries at once, then the whole catalog (built-in and the
 * user's own) from the main process, kept current as the catalog dialog adds or removes entries, and
 * fetched again when the window regains focus (another window may have changed the user's catalog file).
 */
import { useEffect, useState } from 'react';
import { BUILTIN_CATALOG, type CatalogEntry } from '../../shared/catalog';
import { CatalogClient, onCatalogChange } from '../catalog/catalog-client';

export interface PaletteCatalog {
  entries: readonly CatalogEntry[];
  /** Why the user's entries are missing (the catalog file is damaged, say); null when they are listed. */
  problem: string | null;
}

export function usePaletteCatalog(): PaletteCatalog {
  const [state, setState] = useState<PaletteCatalog>({ entries: BUILTIN_CATALOG, problem: null });
  useEffect(() => {
    let live = true;
    const client = new CatalogClient(window.rackplane);
    // Successful fetches arrive through the change listener, like the catalog dialog's adds and removes.
    const unsubscribe = onCatalogChange((entries) => live && setState({ entries, problem: null }));
    const refresh = () =>
      void client.list().then((r) => {
        if (live && !r.ok) setState((s) => ({ entries: s.entries, problem: r.reason }));
      });
    refresh();
    window.addEventListener('focus', refresh);
    return () => {
      live = false;
      unsubscribe();
      window.removeEventListener('focus', refresh);
    };
  }, []);
  return state;
}
