/**
 * Import of a real machine's PCIe topology from hwloc's XML export (`lstopo machine.xml`, formats 1.x,
 * 2.0 and 3.0): one host with its sockets and memory, and its PCIe tree of root complexes, switches,
 * NICs (with their SR-IOV VFs counted) and other endpoints. What is mapped, derived and left unknown is
 * described in docs/hwloc-import.md.
 */
import type { Design } from '../model/design';
import { makeElement } from '../model/defaults';
import type { Element } from '../model/elements';
import { asElementId, randomIds, type IdSource } from '../model/ids';
import type { Link } from '../model/links';
import { buildPciElements, DEFAULT_NIC_SPEED_GBPS, PLACEHOLDER_ROOT_GEN, PLACEHOLDER_WIDTH } from './hwloc-design';
import { readHostFacts } from './hwloc-host';
import { layoutForest } from './hwloc-layout';
import { readPciForest } from './hwloc-tree';
import { parseHwlocXml } from './hwloc-xml';
import { printableLine } from '../text/printable';
import { notesDescription, verifyImported } from './import-check';

export interface HwlocImportOptions {
  /** Name of the host element (and the design); defaults to the HostName hwloc recorded. */
  hostName?: string;
  /** Source of element and link ids; random ids by default. */
  ids?: IdSource;
  /**
   * 'important' (default) keeps the device classes hwloc itself keeps by default (network, storage,
   * display, InfiniBand, Fibre Channel, accelerators, …); 'all' also imports chipset and uncore
   * functions (USB, SMBus, memory-controller and performance-counter devices).
   */
  devices?: 'important' | 'all';
}

export type HwlocImportResult = { ok: true; design: Design; notes: string[] } | { ok: false; reason: string };

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function summaryOf(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, n]) => `${k} ×${n}`)
    .join(', ');
}

/** Imports an hwloc XML topology as a design with one host. Never throws: a file it cannot use gets a one-line reason. */
export function importHwloc(xmlText: string, opts: HwlocImportOptions = {}): HwlocImportResult {
  let r: HwlocImportResult;
  try {
    r = importUnchecked(xmlText, opts);
  } catch (err) {
    r = { ok: false, reason: `the hwloc topology could not be imported: ${oneLine(err instanceof Error ? err.message : String(err))}` };
  }
  // A reason may quote the file (a format attribute, a parser's excerpt): its control characters are shown escaped.
  return r.ok ? r : { ok: false, reason: printableLine(r.reason, 1000) };
}

function importUnchecked(xmlText: string, opts: HwlocImportOptions): HwlocImportResult {
  const parsed = parseHwlocXml(xmlText);
  if (!parsed.ok) return parsed;
  const { doc } = parsed;
  const forest = readPciForest(doc, { devices: opts.devices ?? 'important', major: doc.major });
  if (forest.pciDevices === 0) {
    return { ok: false, reason: 'the hwloc topology has no PCI devices: export it with I/O objects (lstopo --whole-io file.xml, without --no-io)' };
  }
  const ids = opts.ids ?? randomIds;
  const facts = readHostFacts(doc);
  const hostId = ids.next('host');
  const pci = buildPciElements(forest.roots, hostId, ids);
  const { positions, width, height } = layoutForest(pci.layout);

  const hostName = oneLine(opts.hostName ?? '') || facts.hostName || 'hwloc machine';
  const hostNotes = [
    `Imported from hwloc XML format ${doc.format}${facts.hwlocVersion ? ` (hwloc ${facts.hwlocVersion})` : ''}.`,
    ...(facts.cpuModels.length ? [`CPU: ${facts.cpuModels.join('; ')}.`] : []),
    'Hypervisor not recorded by hwloc: bare-metal.',
    ...facts.notes,
  ];
  const host = makeElement(
    'host',
    { id: asElementId(hostId), name: hostName.slice(0, 200), notes: hostNotes.join('\n') },
    { model: facts.model, sockets: facts.sockets, memoryGiB: facts.memoryGiB, hypervisor: 'bare-metal', width, height },
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
    `hwloc XML format ${doc.format}: ${facts.sockets.length} socket(s), ${facts.memoryGiB} GiB; ${c.rootComplexes} root complex(es), ${c.switches} PCIe switch(es), ${c.nics} NIC(s), ${c.endpoints} other endpoint(s); ${c.vfs} SR-IOV VF(s) counted on their physical functions.`,
    'Hypervisor, NIC speeds, TotalVFs, lane budgets and ACS/ARI are not in hwloc: see each element\'s notes for what was derived or defaulted.',
  ];
  if (forest.skipped.size) {
    const total = [...forest.skipped.values()].reduce((s, n) => s + n, 0);
    notes.push(`Left out ${total} chipset/uncore function(s) that hwloc hides by default (${summaryOf(Object.fromEntries(forest.skipped))}); import with devices: 'all' to keep them.`);
  }
  if (c.placeholderPorts) notes.push(`${c.placeholderPorts} PCIe port(s) have no recorded link speed and are drawn x${PLACEHOLDER_WIDTH} (placeholder).`);
  if (c.defaultSpeedNics) notes.push(`${c.defaultSpeedNics} NIC(s) have no known speed and use ${DEFAULT_NIC_SPEED_GBPS} Gb/s (default).`);
  notes.push(`Root complex generation: hwloc does not record it, so every root complex is Gen${PLACEHOLDER_ROOT_GEN} (placeholder, limits no imported link); set each to the CPU's real PCIe generation.`);
  if (c.rdmaDevices) notes.push(`${c.rdmaDevices} RDMA (OpenFabrics) device(s) such as mlx4_0 or usnic_0 are not network ports and were not counted as ports.`);
  notes.push(...facts.notes, ...forest.notes);

  const design: Design = {
    meta: { name: hostName.slice(0, 200), description: notesDescription(notes), revision: 0 },
    elements,
    links,
  };
  const problem = verifyImported(design);
  if (problem) return { ok: false, reason: `the hwloc topology could not be imported: ${problem}` };
  return { ok: true, design, notes };
}


