/**
 * What the catalog dialog shows of an entry: its group, whether a search matches it, and its key figures
 * with units. Unknown figures (null in the entry) read "unknown", never blank or 0, so a reader can tell a
 * figure nobody documented from a zero.
 */
import { switchFromCatalog, type CatalogEntry, type NicCatalogEntry, type SwitchCatalogEntry } from '../../shared/catalog';
import type { ElementId } from '../../shared/model/ids';
import { breakoutLabel, type TorPort } from '../../shared/model/elements';
import { describePcie, formatGbps, formatGen, formatNumber, formatPortMix, formatWidth } from '../../shared/scene/format';

export const UNKNOWN = 'unknown';

export type CatalogKind = CatalogEntry['kind'];

/** Groups in display order; every entry kind has exactly one. */
export const CATALOG_GROUPS: readonly { kind: CatalogKind; label: string }[] = [
  { kind: 'nic', label: 'NICs' },
  { kind: 'tor', label: 'ToR / spine switches' },
  { kind: 'fex', label: 'Fabric extenders' },
  { kind: 'pcieSwitch', label: 'PCIe switches' },
];

/** True when every word of the query occurs in the entry's vendor, model or id (case-insensitive). */
export function matchesQuery(entry: CatalogEntry, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = `${entry.vendor} ${entry.model} ${entry.id}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

export interface CatalogGroup {
  kind: CatalogKind;
  label: string;
  entries: CatalogEntry[];
}

/** The entries matching `query`, grouped by kind in CATALOG_GROUPS order; empty groups are left out. */
export function groupEntries(entries: readonly CatalogEntry[], query: string): CatalogGroup[] {
  return CATALOG_GROUPS.map((g) => ({ ...g, entries: entries.filter((e) => e.kind === g.kind && matchesQuery(e, query)) })).filter((g) => g.entries.length > 0);
}

export interface Figure {
  label: string;
  /** The label in a list row, where space is short. */
  short: string;
  value: string;
  /** Why a figure is unknown (or partly), when the entry says; shown beside the value and as its tooltip. */
  reason?: string;
}

const count = (n: number | null): string => (n === null ? UNKNOWN : formatNumber(n, 0));

/** Ports × speed, PCIe capability and the SR-IOV/VMDq limits of a NIC entry. */
export function nicFigures(e: NicCatalogEntry): Figure[] {
  return [
    { label: 'Ports', short: 'Ports', value: `${e.ports} × ${formatGbps(e.speedGbps)}` },
    { label: 'PCIe', short: 'PCIe', value: describePcie(e.pcieGen, e.pcieWidth), ...(e.pcieGen === null || e.pcieWidth === null ? { reason: pcieUnknownReason(e) } : {}) },
    { label: 'TotalVFs per PF', short: 'VFs/PF', value: count(e.totalVfsPerPf) },
    { label: 'Max VFs per device', short: 'VFs/device', value: count(e.maxVfsPerDevice) },
    { label: 'VMDq pools', short: 'VMDq', value: count(e.vmdqPools) },
  ];
}

/**
 * Why a NIC's PCIe link is (partly) unknown: the entry's own sentence about it when its notes have one (they cite
 * what the sources did and did not say), else the general reason and how to find out.
 */
export function pcieUnknownReason(e: NicCatalogEntry): string {
  const sentence = (e.notes ?? '').split(/(?<=[.;])\s+/).find((s) => /\b(PCIe|link|LnkCap)\b/.test(s) && /unknown|not (given|recorded|readable)/i.test(s));
  return sentence ? sentence.trim() : 'the cited sources do not give it; read LnkCap with lspci -vv on a real card';
}

const PROBE = { id: 'catalog-view-probe' as ElementId, name: 'probe' };

/** The breakouts a switch's ports allow: "4×25G, 4×10G on 8 ports", or "none". */
function breakoutFigure(ports: readonly TorPort[]): string {
  const allowing = ports.filter((p) => p.breakoutModes?.length);
  if (!allowing.length) return 'none';
  const modes = [...new Set(allowing.flatMap((p) => p.breakoutModes!.map(breakoutLabel)))];
  return `${modes.join(', ')} on ${allowing.length} port${allowing.length === 1 ? '' : 's'}`;
}

/** Port layout or lanes of a switch entry, read from the element it creates (so defaults count too). */
export function switchFigures(e: SwitchCatalogEntry): Figure[] {
  let el;
  try {
    el = switchFromCatalog(e, PROBE);
  } catch (err) {
    // mergeCatalog refuses such entries, so this only guards against a list from an older main process.
    return [{ label: 'Problem', short: 'Problem', value: err instanceof Error ? err.message : String(err) }];
  }
  switch (el.kind) {
    case 'tor':
      return [
        { label: 'Tier', short: 'Tier', value: el.tier === 'spine' ? 'spine' : 'ToR / leaf' },
        { label: 'Ports', short: 'Ports', value: formatPortMix(el.ports.map((p) => p.speedGbps)).replace(/×/g, ' × ') },
        { label: 'Breakout', short: 'Breakout', value: breakoutFigure(el.ports) },
        { label: 'EVB', short: 'EVB', value: el.ports.some((p) => p.evb) ? 'yes' : 'no' },
        { label: 'Controlling bridge', short: 'Ctrl bridge', value: el.controllingBridge ? 'yes' : 'no' },
      ];
    case 'fex':
      return [
        { label: 'Host ports', short: 'Host ports', value: `${el.hostPorts} × ${formatGbps(el.hostPortSpeedGbps)}` },
        { label: 'Uplinks', short: 'Uplinks', value: `${el.uplinks} × ${formatGbps(el.uplinkSpeedGbps)}` },
      ];
    case 'pcieSwitch': {
      const down = el.downstreamWidths;
      const lanes = el.upstreamPorts * el.upstreamWidth + down.reduce((a, w) => a + w, 0);
      return [
        { label: 'PCIe', short: 'PCIe', value: formatGen(el.gen) },
        { label: 'Upstream', short: 'Up', value: `${el.upstreamPorts} × ${formatWidth(el.upstreamWidth)}` },
        { label: 'Downstream', short: 'Down', value: down.length ? formatWidthMix(down) : 'none' },
        { label: 'Lanes', short: 'Lanes', value: formatNumber(lanes, 0) },
      ];
    }
  }
}

/** [16,16,8] → `2 × x16 + 1 × x8`. */
function formatWidthMix(widths: readonly number[]): string {
  const runs: { w: number; n: number }[] = [];
  for (const w of widths) {
    const last = runs.at(-1);
    if (last && last.w === w) last.n++;
    else runs.push({ w, n: 1 });
  }
  return runs.map((r) => `${r.n} × ${formatWidth(r.w)}`).join(' + ');
}

/** The key figures of any entry. */
export function entryFigures(e: CatalogEntry): Figure[] {
  return e.kind === 'nic' ? nicFigures(e) : switchFigures(e);
}
