/**
 * The parts templates are built from, taken from the built-in catalog so their figures (and the sources behind
 * them) live in one place: the NIC is the catalog's Intel E810-XXV, the switches its generic leaf and spine.
 */
import { findCatalogEntry, nicFromCatalog, switchFromCatalog, type ElementCommon, type NicCatalogEntry, type SwitchCatalogEntry } from '../catalog';
import type { Lag, Nic, Tor } from '../model/elements';

/** Intel E810-XXV dual-port 25GbE adapter (Gen4 x8, 256 VFs per device). */
export const TEMPLATE_NIC = 'intel-e810-xxv-2x25g';
/** Leaf with 48 × 25G server ports (p0-p47) and 8 × 100G uplinks (p48-p55). */
export const TEMPLATE_LEAF = 'generic-tor-48x25g-8x100g';
/** Spine whose port speed the templates use; the port count is sized to the fabric. */
export const TEMPLATE_SPINE = 'generic-spine-32x100g';

function entry<K extends 'nic' | 'tor'>(id: string, kind: K): K extends 'nic' ? NicCatalogEntry : SwitchCatalogEntry {
  const e = findCatalogEntry(id);
  if (!e || e.kind !== kind) throw new Error(`template bug: catalog ${kind} ${id} is missing`);
  return e as K extends 'nic' ? NicCatalogEntry : SwitchCatalogEntry;
}

/** The template NIC (one PF per port, no VFs enabled). */
export function templateNic(common: ElementCommon): Nic {
  return nicFromCatalog(entry(TEMPLATE_NIC, 'nic'), common);
}

/** A leaf switch with the given LAGs. */
export function templateLeaf(common: ElementCommon, lags: Lag[]): Tor {
  return { ...(switchFromCatalog(entry(TEMPLATE_LEAF, 'tor'), common) as Tor), lags };
}

/** A spine with `ports` ports at the catalog spine's line rate. */
export function templateSpine(common: ElementCommon, ports: number): Tor {
  const spine = switchFromCatalog(entry(TEMPLATE_SPINE, 'tor'), common) as Tor;
  const port = spine.ports[0];
  if (!port) throw new Error(`template bug: catalog spine ${TEMPLATE_SPINE} has no ports`);
  return {
    ...spine,
    tier: 'spine',
    model: `Generic spine ${ports}×${port.speedGbps}G`,
    ports: Array.from({ length: ports }, () => ({ ...port })),
    lags: [],
  };
}
