/**
 * Import of a real machine's PCIe tree from the text of `lspci -vvv` / `-vvvnn` (optionally with `lspci -tv` for
 * the tree): one host with a root complex per root bus, PCIe switches, NICs with their SR-IOV capability and other
 * endpoints, LnkCap as each device's capability and LnkSta as each link's trained state (so PCI-003 reports a
 * downgraded link), ACS and ARI from the ports. What is mapped, derived and left unknown is in docs/lspci-import.md.
 */
import type { Design } from '../model/design';
import { makeElement } from '../model/defaults';
import type { Element } from '../model/elements';
import { asElementId, randomIds, type IdSource } from '../model/ids';
import type { Link } from '../model/links';
import { printableLine } from '../text/printable';
import { notesDescription, verifyImported } from './import-check';
import { DEFAULT_NIC_SPEED_GBPS, PLACEHOLDER_WIDTH } from './hwloc-design';
import { layoutForest } from './hwloc-layout';
import { buildLspciElements } from './lspci-design';
import { buildForest } from './lspci-forest';
import { compareIommuGroups } from './lspci-iommu';
import { parseLspciText } from './lspci-text';
import { parseLspciTree, type LspciTree } from './lspci-tree';

export interface LspciImportOptions {
  /** The text of `lspci -tv` from the same machine, for the tree when the listing alone cannot give it. */
  treeText?: string;
  /** Name of the host element (and the design); "lspci host" by default. */
  hostName?: string;
  /** Source of element and link ids; random ids by default. */
  ids?: IdSource;
  /**
   * 'important' (default) keeps what hwloc keeps by default (network, storage, display, accelerators, …) and any
   * function with SR-IOV; 'all' also imports chipset and uncore functions (USB, SMBus, host bridges, audio).
   */
  devices?: 'important' | 'all';
}

/** A refusal names which input it is about: the listing (default) or the tree text. */
export type LspciImportResult = { ok: true; design: Design; notes: string[] } | { ok: false; reason: string; source?: 'tree' };

/** The schema's most sockets per host. */
const MAX_SOCKETS = 16;
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Imports an lspci capture as a design with one host. Never throws: a capture it cannot use gets a one-line reason. */
export function importLspci(text: string, opts: LspciImportOptions = {}): LspciImportResult {
  let r: LspciImportResult;
  try {
    r = importUnchecked(text, opts);
  } catch (err) {
    r = { ok: false, reason: `the lspci capture could not be imported: ${oneLine(err instanceof Error ? err.message : String(err))}` };
  }
  // A reason may quote the file: its control characters are shown escaped.
  return r.ok ? r : { ...r, reason: printableLine(r.reason, 1000) };
}

function importUnchecked(text: string, opts: LspciImportOptions): LspciImportResult {
  const parsed = parseLspciText(text);
  if (!parsed.ok) return parsed;
  let tree: LspciTree | null = null;
  if (opts.treeText !== undefined) {
    const t = parseLspciTree(opts.treeText);
    if (!t.ok) return { ok: false, reason: t.reason, source: 'tree' };
    tree = t.tree;
  }
  const forest = buildForest(parsed.fns, tree, opts.devices ?? 'important');
  if (forest.roots.length === 0) {
    return { ok: false, reason: `the capture lists ${parsed.fns.length} PCI function(s) but none Rackplane models by default (network, storage, display, accelerator, SR-IOV): nothing to import; import with devices: 'all' to keep chipset functions` };
  }
  const ids = opts.ids ?? randomIds;
  const hostId = ids.next('host');
  const pci = buildLspciElements(forest.roots, hostId, ids);
  const { positions, width, height } = layoutForest(pci.layout);

  const hostName = (oneLine(opts.hostName ?? '') || 'lspci host').slice(0, 200);
  const numa = [...pci.numaNodes];
  const socketCount = Math.min(MAX_SOCKETS, Math.max(1, ...numa.map((n) => n + 1)));
  const hasIommu = parsed.fns.some((f) => f.iommuGroup !== null);
  const defaults = makeElement('host', { id: asElementId(hostId), name: hostName });
  const hostNotes = [
    'Imported from lspci.',
    numa.length ? `Sockets: ${socketCount}, one per NUMA node lspci names (${numa.sort((a, b) => a - b).join(', ')}); cores per socket are placeholders.` : 'Sockets, cores and memory are placeholders: lspci does not show them.',
    hasIommu ? 'IOMMU on: lspci lists IOMMU groups.' : 'IOMMU: lspci lists no IOMMU groups (off, or not captured); kept on.',
    'Hypervisor not shown by lspci: bare-metal.',
  ];
  const host = makeElement(
    'host',
    { id: asElementId(hostId), name: hostName, notes: hostNotes.join('\n') },
    { sockets: Array.from({ length: socketCount }, (_, i) => defaults.sockets[i] ?? defaults.sockets[0]!), hypervisor: 'bare-metal', iommu: true, width, height },
  );
  const elements: Record<string, Element> = { [host.id]: host };
  for (const el of pci.elements) {
    const at = positions.get(el.id) ?? { x: 0, y: 0 };
    elements[el.id] = { ...el, x: at.x, y: at.y };
  }
  const links: Record<string, Link> = {};
  for (const l of pci.links) links[l.id] = l;

  const c = pci.counts;
  const notes = [
    `lspci: ${parsed.fns.length} function(s); ${c.rootComplexes} root complex(es), ${c.switches} PCIe switch(es) or shared bus(es), ${c.nics} NIC(s), ${c.endpoints} other endpoint(s); ${c.vfsEnabled} SR-IOV VF(s) enabled, counted on their physical functions.`,
  ];
  if (c.downgraded) notes.push(`${c.downgraded} link(s) trained below what both ends can do (LnkSta below LnkCap); they carry the trained figures as slot limits, so PCI-003 reports them.`);
  if (forest.skipped.size) {
    const total = [...forest.skipped.values()].reduce((s, n) => s + n, 0);
    notes.push(`Left out ${total} chipset/uncore function(s) (${[...forest.skipped].map(([k, n]) => `${k} ×${n}`).join(', ')}); import with devices: 'all' to keep them.`);
  }
  const assumed = forest.roots.filter((r) => r.assumed).length;
  if (assumed) notes.push(`${assumed} bus(es) are taken as root buses because no bridge in the capture leads to them and they hold no root port; the output of lspci -tv places them.`);
  if (c.placeholderPorts) notes.push(`${c.placeholderPorts} PCIe port(s) print no LnkCap and are drawn x${PLACEHOLDER_WIDTH} (placeholder).`);
  if (c.defaultSpeedNics) notes.push(`${c.defaultSpeedNics} NIC(s) have no known speed and use ${DEFAULT_NIC_SPEED_GBPS} Gb/s (default).`);
  notes.push(numa.length ? `Sockets from NUMA nodes; cores and memory are placeholders.` : 'Sockets, cores and memory are placeholders (lspci does not show them).');
  notes.push(...parsed.notes, ...forest.notes);

  const design: Design = { meta: { name: hostName, description: '', revision: 0 }, elements, links };
  const problem = verifyImported(design);
  if (problem) return { ok: false, reason: `the lspci capture could not be imported: ${problem}` };
  notes.push(...compareIommuGroups(design, pci.iommuGroups));
  design.meta.description = notesDescription(notes);
  return { ok: true, design, notes };
}


