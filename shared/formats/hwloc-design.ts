/**
 * Turning the PCIe forest of an hwloc topology into design elements: one host, a root complex per host
 * bridge, PCIe switches, NICs and other endpoints, and a PCIe link for every parent/child pair. Every
 * figure hwloc does not give is either left null (where the model allows) or filled with a stated
 * placeholder, and the element's notes say which.
 */
import { makeElement } from '../model/defaults';
import type { Element, Endpoint, Nic, PcieSwitch, RootComplex } from '../model/elements';
import { asElementId, asLinkId, asPortName, type IdSource } from '../model/ids';
import type { Link } from '../model/links';
import { PCIE_GENS, type PcieGen, type PcieWidth } from '../model/units';
import { decodeLinkSpeed, describeDecode, LINK_SPEED_TOLERANCE, PREFERRED_MAX_WIDTH } from './hwloc-link-speed';
import {
  catalogNic,
  deviceLabel,
  endpointClassOf,
  functionLabel,
  isImportantClass,
  isInfinibandClass,
  isNetworkClass,
  knownDeviceName,
  maxLinkWidthOf,
  speedFromDeviceName,
} from './hwloc-pci-ids';
import { bridgeLabel, bridgeObs, isKeptSubtype, type ChildNode, type DeviceNode, type LinkObs, type PciFn, type RootNode, type SwitchNode } from './hwloc-tree';
import type { LayoutNode } from './hwloc-layout';

/** Width given to a port whose link hwloc does not record: the widest common slot, so no check reports a bottleneck the data does not show. */
export const PLACEHOLDER_WIDTH: PcieWidth = 16;
/**
 * Generation given to every root complex. hwloc records the trained link of each device (Link Status), never what a
 * root port is capable of, and the fastest device below is no measure of it (a GPU idling at Gen1 would make the
 * root Gen1 and hold back every card added later). The placeholder is the newest generation the model knows, so it
 * limits no link: each imported link keeps the speed hwloc saw trained. The import notes say to set the real one.
 */
export const PLACEHOLDER_ROOT_GEN: PcieGen = PCIE_GENS[PCIE_GENS.length - 1]!;
/** Ethernet speed of a NIC whose speed neither the catalog nor its device name gives. */
export const DEFAULT_NIC_SPEED_GBPS = 10;

const NOTES_MAX = 10_000;
const NAME_MAX = 200;

interface ResolvedLink {
  gen: PcieGen | null;
  width: PcieWidth | null;
  notes: string[];
}

/** Decodes the first usable observation of a link, device side first, for a device no wider than `maxWidth`; explains what was not usable. */
function resolveLink(obs: readonly LinkObs[], maxWidth: PcieWidth): ResolvedLink {
  const notes: string[] = [];
  let chosen: { gen: PcieGen; width: PcieWidth; gbytes: number } | null = null;
  for (const o of obs) {
    const d = decodeLinkSpeed(o.gbytes, maxWidth);
    const why = describeDecode(d);
    if (d.status === 'exact' || d.status === 'ambiguous') {
      if (!chosen) {
        chosen = { gen: d.gen, width: d.width, gbytes: d.gbytes };
        notes.push(`Link Gen${d.gen} x${d.width} as trained (from ${o.from}${why ? `; ${why}` : ''}).`);
      } else if (Math.abs(d.gbytes - chosen.gbytes) > chosen.gbytes * LINK_SPEED_TOLERANCE) {
        notes.push(`${o.from} reports ${Number(o.gbytes.toFixed(6))} GB/s, which differs; the device-side observation is used.`);
      }
    } else if (why) notes.push(`${o.from}: ${why}.`);
  }
  if (obs.length === 0) notes.push('hwloc recorded no link speed for this link.');
  return chosen ? { gen: chosen.gen, width: chosen.width, notes } : { gen: null, width: null, notes };
}

export interface BuiltPci {
  elements: Element[];
  links: Link[];
  layout: LayoutNode[];
  counts: { rootComplexes: number; switches: number; nics: number; endpoints: number; vfs: number; placeholderPorts: number; defaultSpeedNics: number; rdmaDevices: number };
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const joinNotes = (lines: string[]) => clip(lines.join('\n'), NOTES_MAX);
const pciId = (f: PciFn) => `${f.vendor}:${f.device}`;
/** The device name hwloc recorded, else the pci.ids name the importer knows for that id. */
const nameOf = (f: PciFn) => f.deviceName ?? knownDeviceName(f.vendor, f.device);

function modelOf(f: PciFn): string {
  const text = [f.vendorName, f.deviceName].filter(Boolean).join(' ');
  return clip(`${text ? `${text} ` : ''}[${pciId(f)}]`, NAME_MAX);
}

/** A function whose only network interfaces are IPoIB (ib0 …) belongs to an InfiniBand HCA, whatever its class. */
const ibOnly = (f: PciFn) => f.netdevs.length > 0 && f.netdevs.every((n) => /^ib\d/.test(n));
/** The function that decides what a device is: an NVSwitch, else its first function hwloc deems important. */
const primaryFn = (node: DeviceNode) => node.fns.find((f) => isKeptSubtype(f.subtype)) ?? node.fns.find((f) => isImportantClass(f.classId)) ?? node.fns[0]!;
/** The widest link the device can have, from its class (an NVMe drive is x4). */
const maxWidthOf = (node: ChildNode): PcieWidth => (node.kind === 'device' ? maxLinkWidthOf(primaryFn(node).classId) : PREFERRED_MAX_WIDTH);
const isEthernetFn = (f: PciFn) => isNetworkClass(f.classId) && !isInfinibandClass(f.classId) && !ibOnly(f);

class DesignBuilder {
  readonly elements: Element[] = [];
  readonly links: Link[] = [];
  readonly counts = { rootComplexes: 0, switches: 0, nics: 0, endpoints: 0, vfs: 0, placeholderPorts: 0, defaultSpeedNics: 0, rdmaDevices: 0 };
  private readonly resolved = new Map<ChildNode, ResolvedLink>();

  constructor(
    private readonly ids: IdSource,
    private readonly hostId: string,
  ) {}

  /** First pass: decode every link, so a switch's generation can be derived from the links through it. */
  resolveAll(roots: readonly RootNode[]): void {
    const walk = (node: ChildNode, portObs: LinkObs[]) => {
      const r = resolveLink([...node.upLink, ...portObs], maxWidthOf(node));
      this.resolved.set(node, r);
      if (node.kind === 'switch') for (const p of node.ports) if (p.child) walk(p.child, p.bridge ? bridgeObs(p.bridge) : []);
    };
    for (const root of roots) for (const p of root.ports) if (p.child) walk(p.child, p.bridge ? bridgeObs(p.bridge) : []);
  }

  private maxGenBelow(node: ChildNode): PcieGen | null {
    let best = this.resolved.get(node)?.gen ?? null;
    if (node.kind === 'switch') {
      for (const p of node.ports) {
        const g = p.child ? this.maxGenBelow(p.child) : null;
        if (g !== null && (best === null || g > best)) best = g;
      }
    }
    return best;
  }

  private link(aId: string, aPort: string, bId: string, bPort: string): void {
    this.links.push({
      id: asLinkId(this.ids.next('pl')),
      kind: 'pcie',
      a: { element: asElementId(aId), port: asPortName(aPort) },
      b: { element: asElementId(bId), port: asPortName(bPort) },
      slotGen: null,
      slotWidth: null,
    });
  }

  /** Width of the port above `node`: the trained width when known, else `fallback`, else the placeholder (counted). */
  private portWidth(node: ChildNode | null, fallback?: PcieWidth): PcieWidth {
    const w = node ? this.resolved.get(node)?.width : null;
    if (w) return w;
    if (fallback !== undefined) return fallback;
    this.counts.placeholderPorts++;
    return PLACEHOLDER_WIDTH;
  }

  rootComplex(root: RootNode): LayoutNode {
    const id = this.ids.next('rc');
    const widths = root.ports.map((p) => this.portWidth(p.child));
    const notes = [...root.notes];
    const unknownPorts = root.ports.filter((p) => !(p.child && this.resolved.get(p.child)?.width)).length;
    notes.push(`Generation Gen${PLACEHOLDER_ROOT_GEN} is a placeholder: hwloc records each link as trained, not what the root ports can do, so it limits no imported link; set the CPU's real PCIe generation.`);
    notes.push(`Lanes = sum of the root-port widths (${widths.join('+') || '0'}), derived; hwloc does not record the socket's lane budget.`);
    if (unknownPorts) notes.push(`${unknownPorts} root port(s) have no recorded link width and are drawn x${PLACEHOLDER_WIDTH} (placeholder).`);
    notes.push('ACS and ARI are not in hwloc; the defaults (enabled) are kept.');
    const rc: RootComplex = makeElement(
      'rootComplex',
      { id: asElementId(id), name: clip(`Root complex ${root.label}`, NAME_MAX), parent: asElementId(this.hostId), notes: joinNotes(notes) },
      { socket: root.socket, gen: PLACEHOLDER_ROOT_GEN, lanes: widths.reduce((s, w) => s + w, 0), rootPortWidths: widths },
    );
    this.elements.push(rc);
    this.counts.rootComplexes++;
    const children = root.ports.map((p, i) => this.child(p.child!, id, `rp${i}`, rc.gen));
    return { id, children };
  }

  private child(node: ChildNode, parentId: string, parentPort: string, parentGen: PcieGen): LayoutNode {
    return node.kind === 'switch' ? this.pcieSwitch(node, parentId, parentPort, parentGen) : this.device(node, parentId, parentPort);
  }

  private pcieSwitch(node: SwitchNode, parentId: string, parentPort: string, parentGen: PcieGen): LayoutNode {
    const id = this.ids.next('psw');
    const up = this.resolved.get(node)!;
    const upstreamWidth = this.portWidth(node);
    const below = node.ports.map((p) => (p.child ? this.maxGenBelow(p.child) : null)).filter((g): g is PcieGen => g !== null);
    // The switch's generation is what it is capable of: at least its fastest trained link, above or below.
    const seen = up.gen !== null ? [up.gen, ...below] : below;
    const gen = seen.length ? (Math.max(...seen) as PcieGen) : parentGen;
    // A port of a shared bus can carry no more than the bus's own link; an empty switch port is drawn as wide as the uplink.
    const widths = node.ports.map((p) => (p.child ? this.portWidth(p.child, node.synthetic ? upstreamWidth : undefined) : upstreamWidth));
    const notes = [...node.notes, ...up.notes];
    if (up.gen === null || gen > up.gen) {
      const from = seen.length ? 'the fastest link through it' : 'the port above it (no link through it has a known speed)';
      notes.push(`Generation Gen${gen} derived from ${from}; upstream width ${up.width ? 'as trained' : `x${upstreamWidth} (placeholder)`}.`);
    }
    const empty = node.ports.filter((p) => !p.child).map((p) => (p.bridge ? bridgeLabel(p.bridge) : '?'));
    if (empty.length) notes.push(`Downstream ports with nothing below: ${empty.join(', ')}.`);
    const b = node.bridge;
    const model = b ? clip(`${[b.infos.PCIVendor, b.infos.PCIDevice].filter(Boolean).join(' ') || 'PCIe switch'} ${/\[[0-9a-f]{4}:[0-9a-f]{4}\]/i.exec(b.attrs.pci_type ?? '')?.[0] ?? ''}`.trim(), NAME_MAX) : null;
    const sw: PcieSwitch = makeElement(
      'pcieSwitch',
      { id: asElementId(id), name: clip(node.synthetic ? `Shared ${node.label}` : `PCIe switch ${node.label}`, NAME_MAX), parent: asElementId(this.hostId), notes: joinNotes(notes) },
      { model, gen, upstreamPorts: 1, upstreamWidth, downstreamWidths: widths, mrIov: false },
    );
    this.elements.push(sw);
    this.counts.switches++;
    this.link(parentId, parentPort, id, 'up0');
    const children: LayoutNode[] = [];
    node.ports.forEach((p, i) => {
      if (p.child) children.push(this.child(p.child, id, `dp${i}`, gen));
    });
    return { id, children };
  }

  private device(node: DeviceNode, parentId: string, parentPort: string): LayoutNode {
    const link = this.resolved.get(node)!;
    const first = node.fns[0]!;
    const ethernet = node.fns.filter(isEthernetFn);
    const notes = [...node.notes];
    const fnList = node.fns.map((f) => `${functionLabel(f.busId)} [${pciId(f)}]`).join(', ');
    notes.push(`hwloc functions: ${fnList}${node.vfs.length ? `; ${node.vfs.length} virtual function(s) counted below` : ''}.`);
    notes.push(...link.notes);
    if (link.gen !== null) notes.push('hwloc reports the trained link (Link Status), which can be below what the card is capable of.');
    const rdma = node.fns.flatMap((f) => f.rdmaDevs);
    if (rdma.length) {
      this.counts.rdmaDevices += rdma.length;
      notes.push(`RDMA (OpenFabrics) device(s) ${rdma.join(', ')}: not network ports, so not counted as ports.`);
    }
    const isNic = ethernet.length > 0;
    const id = this.ids.next(isNic ? 'nic' : 'ep');
    const label = deviceLabel(first.busId);
    const el = isNic ? this.nic(node, ethernet, id, label, link, notes) : this.endpoint(node, id, label, link, notes);
    el.notes = joinNotes(notes);
    this.elements.push(el);
    this.counts.vfs += node.vfs.length;
    this.link(parentId, parentPort, id, 'pcie');
    return { id, children: [] };
  }

  private nic(node: DeviceNode, pfs: PciFn[], id: string, label: string, link: ResolvedLink, notes: string[]): Nic {
    const first = pfs[0]!;
    const cat = catalogNic(first.vendor, first.device);
    const netdevs = pfs.flatMap((f) => f.netdevs);
    let ports = netdevs.length;
    if (ports > 0) notes.push(`Ports: ${ports} network interface(s) hwloc lists (${netdevs.join(', ')}).`);
    else {
      ports = cat?.ports ?? pfs.length;
      notes.push(`Ports: ${ports}, ${cat ? `from catalog entry ${cat.id}` : 'one per physical function'} (hwloc lists no network interface).`);
    }
    let speed = cat?.speedGbps ?? null;
    if (speed !== null) notes.push(`Speed ${speed} Gb/s from catalog entry ${cat!.id}.`);
    else {
      speed = speedFromDeviceName(nameOf(first) ?? undefined);
      if (speed !== null) notes.push(`Speed ${speed} Gb/s read from the device name "${nameOf(first)}"${first.deviceName ? '' : ' (pci.ids name of this id; hwloc recorded none)'}.`);
      else {
        speed = DEFAULT_NIC_SPEED_GBPS;
        this.counts.defaultSpeedNics++;
        notes.push(`Speed unknown (hwloc does not record it): ${DEFAULT_NIC_SPEED_GBPS} Gb/s is a default, set the real figure.`);
      }
    }
    const pfList = pfs.slice(0, 64);
    // VFs per physical function in one pass (a card may carry tens of thousands).
    const perPf = new Map<PciFn, number>(pfList.map((pf) => [pf, 0]));
    let stray = 0;
    for (const v of node.vfs) {
      const n = perPf.get(v.pf);
      // A VF counted on a non-Ethernet function of the card still belongs to the card: give it to the first PF.
      if (n === undefined) stray++;
      else perPf.set(v.pf, n + 1);
    }
    const physicalFunctions = pfList.map((pf, i) => ({ totalVfs: cat?.totalVfsPerPf ?? null, enabledVfs: perPf.get(pf)! + (i === 0 ? stray : 0) }));
    if (node.vfs.length) {
      const families = [...new Set(node.vfs.map((v) => v.vf.vfFamily))].join(', ');
      notes.push(`${node.vfs.length} SR-IOV VF(s) (${families}) counted as enabled VFs${pfList.length > 1 ? ', spread over the PFs round robin (hwloc does not say which PF owns a VF)' : ''}.`);
    }
    const others = node.fns.filter((f) => !pfs.includes(f));
    if (others.length) notes.push(`Other functions of the card: ${others.map((f) => `${functionLabel(f.busId)} (class ${f.classId.toString(16).padStart(4, '0')})`).join(', ')}.`);
    if (!cat) notes.push('TotalVFs unknown: hwloc does not record the SR-IOV capability.');
    this.counts.nics++;
    return makeElement(
      'nic',
      { id: asElementId(id), name: clip(`${label} ${nameOf(first) ?? cat?.model ?? 'NIC'}`, NAME_MAX), parent: asElementId(this.hostId) },
      {
        catalogId: cat?.id ?? null,
        model: cat ? clip(`${cat.vendor} ${cat.model} [${pciId(first)}]`, NAME_MAX) : modelOf(first),
        ports: Math.min(64, ports),
        speedGbps: speed,
        pcieGen: link.gen,
        pcieWidth: link.width,
        physicalFunctions,
        maxVfsPerDevice: cat?.maxVfsPerDevice ?? null,
        vmdqPools: cat?.vmdqPools ?? null,
      },
    );
  }

  private endpoint(node: DeviceNode, id: string, label: string, link: ResolvedLink, notes: string[]): Endpoint {
    const primary = primaryFn(node);
    const nvswitch = isKeptSubtype(primary.subtype);
    const deviceClass = nvswitch ? 'other' : ibOnly(primary) ? 'ib-hca' : endpointClassOf(primary.classId);
    if (nvswitch) notes.push(`NVLink switch (hwloc subtype "${primary.subtype}"): its NVLink fabric to the GPUs is not modelled, only its PCIe link.`);
    if (ibOnly(primary) && !isInfinibandClass(primary.classId)) notes.push(`Class ${primary.classId.toString(16).padStart(4, '0')} but its only network interfaces are InfiniBand (${primary.netdevs.join(', ')}): an InfiniBand HCA.`);
    if (node.vfs.length) notes.push(`${node.vfs.length} SR-IOV VF(s) counted as enabled VFs; TotalVFs unknown.`);
    this.counts.endpoints++;
    return makeElement(
      'endpoint',
      { id: asElementId(id), name: clip(`${label} ${nvswitch ? 'NVSwitch' : (nameOf(primary) ?? deviceClass.toUpperCase())}`, NAME_MAX), parent: asElementId(this.hostId) },
      {
        deviceClass,
        model: modelOf(primary),
        pcieGen: link.gen,
        pcieWidth: link.width,
        demandGbps: null,
        sriov: node.vfs.length ? { totalVfs: null, enabledVfs: node.vfs.length } : null,
        functions: Math.min(256, node.fns.length),
      },
    );
  }
}

/** Elements and links for the PCIe forest of one host (positions are filled in by the caller). */
export function buildPciElements(roots: readonly RootNode[], hostId: string, ids: IdSource): BuiltPci {
  const b = new DesignBuilder(ids, hostId);
  b.resolveAll(roots);
  const layout = roots.map((r) => b.rootComplex(r));
  return { elements: b.elements, links: b.links, layout, counts: b.counts };
}
