/**
 * The catalog channels as the catalog dialog needs them: unlike the shell's IPC client (which reports a
 * failure in the status bar), a failure comes back as a value, so the dialog can show it on one line
 * next to what the user just did.
 */
import type { CatalogEntry } from '../../shared/catalog';
import type { IpcResult, RackplaneApi } from '../../shared/ipc/contract';
import { sentence } from '../ipc/client';

export type CatalogResult = { ok: true; entries: CatalogEntry[] } | { ok: false; reason: string };

/** Import NetBox…: the catalog after it, the ids imported and the report's lines; canceled when the picker was dismissed. */
export type NetboxImportResult = { ok: true; entries: CatalogEntry[]; imported: string[]; lines: string[] } | { ok: false; reason: string } | { ok: false; canceled: true };

type CatalogListener = (entries: readonly CatalogEntry[]) => void;
const listeners = new Set<CatalogListener>();

/**
 * Calls `listener` with the whole catalog after every successful list, add or remove by any client in this
 * window (the palette follows the catalog dialog this way). Returns the unsubscribe function.
 */
export function onCatalogChange(listener: CatalogListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export class CatalogClient {
  constructor(private readonly api: RackplaneApi | undefined) {}

  list(): Promise<CatalogResult> {
    return this.call(() => this.api!.invoke('catalog:list'));
  }

  /** Adds (or replaces) one of the user's entries; returns the whole catalog after the change. */
  add(entry: CatalogEntry): Promise<CatalogResult> {
    return this.call(() => this.api!.invoke('catalog:add', entry));
  }

  /** Removes one of the user's entries; returns the whole catalog after the change. */
  remove(id: string): Promise<CatalogResult> {
    return this.call(() => this.api!.invoke('catalog:remove', id));
  }

  /** Main asks for NetBox device-type YAML files and imports them all or none (the page never names a file). */
  async importNetbox(): Promise<NetboxImportResult> {
    if (!this.api) return { ok: false, reason: 'Rackplane is running without its main process (window.rackplane is missing)' };
    try {
      const r = await this.api.invoke('catalog:importNetbox');
      if (!r.ok) return 'canceled' in r ? { ok: false, canceled: true } : { ok: false, reason: sentence(r.reason) };
      for (const l of [...listeners]) l(r.value.catalog);
      return { ok: true, entries: r.value.catalog, imported: r.value.imported, lines: r.value.lines };
    } catch (e) {
      return { ok: false, reason: `The catalog is unavailable: ${sentence(e instanceof Error ? e.message : String(e))}` };
    }
  }

  private async call(invoke: () => Promise<IpcResult<CatalogEntry[]>>): Promise<CatalogResult> {
    if (!this.api) return { ok: false, reason: 'Rackplane is running without its main process (window.rackplane is missing)' };
    try {
      const r = await invoke();
      if (r.ok) {
        for (const l of [...listeners]) l(r.value);
        return { ok: true, entries: r.value };
      }
      return { ok: false, reason: 'canceled' in r ? 'Canceled' : sentence(r.reason) };
    } catch (e) {
      return { ok: false, reason: `The catalog is unavailable: ${sentence(e instanceof Error ? e.message : String(e))}` };
    }
  }
}
