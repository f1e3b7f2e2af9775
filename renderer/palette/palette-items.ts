/**
 * What the palette lists: every element kind with default properties, then the catalog's NICs and switches,
 * built-in and the user's own (from the catalog dialog, marked as theirs).
 */
import { BUILTIN_CATALOG, type CatalogEntry } from '../../shared/catalog';
import { ELEMENT_KINDS, HOSTED_KINDS, KIND_LABELS } from '../../shared/model/elements';
import type { DropItem } from '../../shared/scene/drop';
import { describePcie } from '../../shared/scene/format';
import { pcieUnknownReason } from '../catalog/catalog-view';

export interface PaletteItem {
  /** Stable key, also the `data-palette-item` attribute tests address items by. */
  key: string;
  label: string;
  /** A short second line: where it goes, or the model's figures. */
  detail: string;
  /** The detail's tooltip when a figure in it is unknown: why (from the catalog entry). */
  detailHint?: string;
  group: 'Elements' | 'NICs' | 'Switches';
  /** An entry the user added to their own catalog. */
  yours: boolean;
  item: DropItem;
}

const kindDetail = (k: (typeof ELEMENT_KINDS)[number]): string => (k === 'host' ? 'with a root complex per socket' : HOSTED_KINDS.has(k) ? 'drop onto a server' : 'top level');

function entryDetail(e: CatalogEntry): string {
  if (e.kind === 'nic') return `${e.ports} × ${e.speedGbps} Gb/s · PCIe ${describePcie(e.pcieGen, e.pcieWidth)}`;
  return KIND_LABELS[e.kind];
}

/** The palette's items in display order. */
export function paletteItems(catalog: readonly CatalogEntry[] = BUILTIN_CATALOG): PaletteItem[] {
  const kinds: PaletteItem[] = ELEMENT_KINDS.map((k) => ({ key: `kind:${k}`, label: KIND_LABELS[k], detail: kindDetail(k), group: 'Elements', yours: false, item: { type: 'kind', kind: k } }));
  const entries: PaletteItem[] = catalog.map((e) => ({
    key: `catalog:${e.id}`,
    label: `${e.vendor} ${e.model}`,
    detail: entryDetail(e),
    ...(e.kind === 'nic' && (e.pcieGen === null || e.pcieWidth === null) ? { detailHint: `PCIe link ${describePcie(e.pcieGen, e.pcieWidth)}: ${pcieUnknownReason(e)}` } : {}),
    group: e.kind === 'nic' ? 'NICs' : 'Switches',
    yours: e.user,
    item: { type: 'catalog', entry: e },
  }));
  return [...kinds, ...entries];
}

/** Items whose label, detail or kind (or "yours" for the user's entries) contains every word of `query` (case-insensitive). */
export function filterPalette(items: readonly PaletteItem[], query: string): PaletteItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((it) => {
    const hay = `${it.label} ${it.detail} ${it.group} ${it.item.type === 'kind' ? it.item.kind : it.item.entry.kind}${it.yours ? ' yours' : ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
