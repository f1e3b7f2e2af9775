/**
 * The component catalog: built-in NICs (sourced figures) and generic switches, merged with the user's own
 * entries, and the functions that turn an entry into a design element.
 */
import type { ZodError } from 'zod';
import { catalogEntrySchema, type CatalogEntry, type NicCatalogEntry, type SwitchCatalogEntry } from './schema';
import { NIC_CATALOG } from './nics';
import { SWITCH_CATALOG } from './switches';
import { defaultProps, makeElement } from '../model/defaults';
import { elementSchema, type Fex, type Nic, type PcieSwitch, type Tor } from '../model/elements';
import type { ElementId } from '../model/ids';

export * from './schema';
export { NIC_CATALOG } from './nics';
export { SWITCH_CATALOG, pcieSwitchLanes } from './switches';
export { SOURCE_KEYS } from './sources';

/** Every built-in entry: NICs first, then the generic switches. */
export const BUILTIN_CATALOG: CatalogEntry[] = [...NIC_CATALOG, ...SWITCH_CATALOG];

/** The entry with this id, or undefined. */
export function findCatalogEntry(id: string, catalog: readonly CatalogEntry[] = BUILTIN_CATALOG): CatalogEntry | undefined {
  return catalog.find((e) => e.id === id);
}

/** Identity and placement of an element created from an entry. */
export interface ElementCommon {
  id: ElementId;
  name: string;
  parent?: ElementId | null;
  x?: number;
  y?: number;
  notes?: string;
}

/** An entry that cannot become a valid element; `message` says which property and why. */
export class CatalogError extends Error {
  override name = 'CatalogError';
}

const MODEL_MAX = 200;

/** A NIC element with the entry's figures: one physical function per port, no VFs enabled yet. */
export function nicFromCatalog(entry: NicCatalogEntry, common: ElementCommon): Nic {
  return makeElement('nic', common, {
    catalogId: entry.id,
    model: `${entry.vendor} ${entry.model}`.slice(0, MODEL_MAX),
    ports: entry.ports,
    speedGbps: entry.speedGbps,
    ...(entry.speedsGbps ? { speedsGbps: [...entry.speedsGbps] } : {}),
    pcieGen: entry.pcieGen,
    pcieWidth: entry.pcieWidth,
    physicalFunctions: Array.from({ length: entry.ports }, () => ({ totalVfs: entry.totalVfsPerPf, enabledVfs: 0 })),
    maxVfsPerDevice: entry.maxVfsPerDevice,
    vmdqPools: entry.vmdqPools,
  });
}

const describe = (err: ZodError): string => {
  const issue = err.issues[0];
  return issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid value';
};

/** Keys of a switch entry's props that its element kind does not have (identity fields included). */
function unknownPropKeys(entry: SwitchCatalogEntry): string[] {
  const known = new Set(Object.keys(defaultProps(entry.kind)));
  return Object.keys(entry.props).filter((k) => !known.has(k));
}

/** A ToR, FEX or PCIe switch element from a switch entry; throws CatalogError when its props do not fit the kind. */
export function switchFromCatalog(entry: SwitchCatalogEntry, common: ElementCommon): Tor | Fex | PcieSwitch {
  const unknown = unknownPropKeys(entry);
  if (unknown.length) throw new CatalogError(`${entry.id}: a ${entry.kind} has no property ${unknown.join(', ')}`);
  const draft = makeElement(entry.kind, common, entry.props);
  const parsed = elementSchema.safeParse(draft);
  if (!parsed.success) throw new CatalogError(`${entry.id}: ${describe(parsed.error)}`);
  return parsed.data as Tor | Fex | PcieSwitch;
}

/** The element an entry creates when placed; throws CatalogError when the entry's figures are out of range. */
export function elementFromCatalog(entry: CatalogEntry, common: ElementCommon): Nic | Tor | Fex | PcieSwitch {
  if (entry.kind !== 'nic') return switchFromCatalog(entry, common);
  const parsed = elementSchema.safeParse(nicFromCatalog(entry, common));
  if (!parsed.success) throw new CatalogError(`${entry.id}: ${describe(parsed.error)}`);
  return parsed.data as Nic;
}

/** A user entry that was not merged, and why. */
export interface CatalogRejection {
  /** Position in the user's list (0-based). */
  index: number;
  id: string | null;
  reason: string;
}

export interface MergedCatalog {
  entries: CatalogEntry[];
  rejected: CatalogRejection[];
}

const PROBE = { id: 'catalog-probe' as ElementId, name: 'probe' };

/**
 * Built-in entries followed by the user's valid entries (marked `user: true`). A user entry is refused,
 * with a reason, when it does not parse, cannot become a valid element, reuses a built-in id, or repeats
 * an earlier user id.
 */
export function mergeCatalog(builtin: readonly CatalogEntry[], user: readonly unknown[]): MergedCatalog {
  const builtinById = new Map(builtin.map((e) => [e.id, e]));
  const seen = new Set<string>();
  const entries: CatalogEntry[] = [...builtin];
  const rejected: CatalogRejection[] = [];
  user.forEach((raw, index) => {
    const rawId = raw !== null && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null;
    const refuse = (reason: string) => rejected.push({ index, id: rawId, reason });
    const parsed = catalogEntrySchema.safeParse(raw);
    if (!parsed.success) return refuse(`user catalog entry #${index + 1}${rawId ? ` (${rawId.slice(0, 100)})` : ''}: ${describe(parsed.error)}`);
    const entry: CatalogEntry = { ...parsed.data, user: true };
    const clash = builtinById.get(entry.id);
    if (clash) return refuse(`${entry.id}: this id belongs to the built-in entry "${clash.vendor} ${clash.model}"; give the user entry another id`);
    if (seen.has(entry.id)) return refuse(`${entry.id}: this id appears more than once in the user catalog; only the first is kept`);
    try {
      elementFromCatalog(entry, PROBE);
    } catch (e) {
      if (!(e instanceof CatalogError)) throw e;
      return refuse(e.message);
    }
    seen.add(entry.id);
    entries.push(entry);
  });
  return { entries, rejected };
}
