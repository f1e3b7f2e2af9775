/**
 * Turning an lspci forest into design elements: a root complex per root bus, PCIe switches, NICs and other
 * endpoints, each with its Link Capabilities (what the card and port can do), and a PCIe link per parent/child pair.
 * Where the Link Status shows a link trained below what both ends can do, the link carries the trained speed and
 * width as its slot limits, so PCI-003 reports the downgrade the machine showed. ACS and ARI come from the
 * ports' capabilities; every figure lspci does not give is a stated placeholder in the element's notes.
 */
import { makeElement } from '../model/defaults';
import type { Element, Endpoint, Nic, PcieSwitch, RootComplex } from '../model/elements';
import { asElementId, asLinkId, asPortName, type IdSource } from '../model/ids';
import type { Link } from '../model/links';
import { PCIE_WIDTHS, type PcieGen, type PcieWidth } from '../model/units';
import { catalogNic, endpointClassOf, isImportantClass, isInfinibandClass, isNetworkClass, knownDeviceName, speedFromDeviceName } from './hwloc-pci-ids';
import { DEFAULT_NIC_SPEED_GBPS, PLACEHOLDER_ROOT_GEN, PLACEHOLDER_WIDTH } from './hwloc-design';
import type { LayoutNode } from './hwloc-layout';
import { busLabel, fnLabel, type ChildNode, type DeviceNode, type PortNode, type RootNode, type SwitchNode } from './lspci-forest';
import type { LinkFigure, LspciFn } from './lspci-text';

const NOTES_MAX = 10_000;
const NAME_MAX = 200;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const joinNotes = (lines: string[]) => clip(lines.join('\n'), NOTES_MAX);

/** The model's width for a printed one: widths the model lacks (x12, a reserved value) round down to the next it has. */
function modelWidth(w: number | null): PcieWidth | null {
  if (w === null || w < 1) return null;
  let best: PcieWidth | null = null;
  for (const m of PCIE_WIDTHS) if (m <= w) best = m;
  return best;
}

const linkText = (l: LinkFigure | null) => (l ? `${l.speedText} x${l.width ?? 0}` : 'not printed');
/** Linux `pci_acs_enabled` needs Source Validation, Request and Completion Redirect and Upstream Forwarding. */
const hasAcs = (f: LspciFn | null) => !!f?.acsCap && f.acsCap.srcValid && f.acsCap.reqRedir && f.acsCap.cmpltRedir && f.acsCap.upstreamFwd;
const isEthernetFn = (f: LspciFn) => f.classId !== null && isNetworkClass(f.classId) && !isInfinibandClass(f.classId);
const primaryFn = (d: DeviceNode) => d.fns.find((f) => f.classId !== null && isImportantClass(f.classId)) ?? d.fns[0]!;
const idText = (f: LspciFn) => (f.vendorId && f.deviceId ? ` [${f.vendorId}:${f.deviceId}]` : '');

export interface BuiltLspci {
  elements: Element[];
  links: Link[];
  layout: LayoutNode[];
  counts: { rootComplexes: number; switches: number; nics: number; endpoints: number; downgraded: number; placeholderPorts: number; defaultSpeedNics: number; vfsEnabled: number };
  /** NUMA nodes the capture names (for the host's socket count). */
  numaNodes: Set<number>;
  /** The IOMMU groups the capture names for each imported device's functions, by element id. */
  iommuGroups: Map<string, string[]>;
}

/** Capability of one end of a link, as the element built for it records it. */
interface PortCap {
  gen: PcieGen | null;
  width: PcieWidth | null;
}

class Builder {
  readonly elements: Element[] = [];
  readonly links: Link[] = [];
  readonly counts = { rootComplexes: 0, switches: 0, nics: 0, endpoints: 0, downgraded: 0, placeholderPorts: 0, defaultSpeedNics: 0, vfsEnabled: 0 };
  readonly numaNodes = new Set<number>();
  readonly iommuGroups = new Map<string, string[]>();

  constructor(
    private readonly ids: IdSource,
    private readonly hostId: string,
  ) {}

  private width(f: LspciFn | null, notes: string[], what: string): PcieWidth | null {
    const printed = f?.lnkCap?.width ?? null;
    const w = modelWidth(printed);
    if (printed !== null && w !== printed) notes.push(`${what}: LnkCap width x${printed} is not a width the model has; taken as x${w}.`);
    return w;
  }

  private placeholder(w: PcieWidth | null): PcieWidth {
    if (w !== null) return w;
    this.counts.placeholderPorts++;
    return PLACEHOLDER_WIDTH;
  }

  private numa(f: LspciFn | null): number | null {
    if (f?.numaNode == null) return null;
    this.numaNodes.add(f.numaNode);
    return f.numaNode;
  }

  /** The link from a port to the node below it; slot limits carry a trained link below both ends' capability. */
  private link(aId: string, aPort: string, up: PortCap, bId: string, bPort: 'up0' | 'pcie', down: PortCap, observed: LinkFigure | null, notes: string[]): void {
    const minOf = <T extends number>(x: T | null, y: T | null) => (x === null ? y : y === null ? x : (Math.min(x, y) as T));
    const gen = minOf(up.gen, down.gen);
    const width = minOf(up.width, down.width);
    let slotGen: PcieGen | null = null;
    let slotWidth: PcieWidth | null = null;
    if (observed) {
      const w = modelWidth(observed.width);
      if (observed.gen !== null && gen !== null && observed.gen < gen) slotGen = observed.gen;
      if (w !== null && width !== null && w < width) slotWidth = w;
      if (slotGen !== null || slotWidth !== null) {
        this.counts.downgraded++;
        notes.push(`LnkSta ${linkText(observed)}: trained below what both ends can do (Gen${gen ?? '?'} x${width ?? '?'}); the link carries the trained ${[slotGen !== null ? `Gen${slotGen}` : '', slotWidth !== null ? `x${slotWidth}` : ''].filter(Boolean).join(' ')} as its slot limit, so PCI-003 reports it. A GPU or NIC idling in a power-saving state also trains slower.`);
      } else if (observed.width === null) notes.push('LnkSta shows the link down (x0) when captured.');
    }
    this.links.push({
      id: asLinkId(this.ids.next('pl')),
      kind: 'pcie',
      a: { element: asElementId(aId), port: asPortName(aPort) },
      b: { element: asElementId(bId), port: asPortName(bPort) },
      slotGen,
      slotWidth,
    });
  }

  rootComplex(root: RootNode): LayoutNode {
    const id = this.ids.next('rc');
    const notes: string[] = [];
    if (root.assumed) notes.push(`Bus ${busLabel(root.domain, root.bus)} is taken as a root bus: no bridge in the capture leads to it and it holds no root port. Add the output of lspci -tv (--tree) to place it.`);
    const bridges = root.ports.map((p) => p.bridge).filter((b): b is LspciFn => b !== null);
    const gens = bridges.map((b) => b.lnkCap?.gen ?? null).filter((g): g is PcieGen => g !== null);
    const gen = gens.length ? (Math.max(...gens) as PcieGen) : PLACEHOLDER_ROOT_GEN;
    if (gens.length) notes.push(`Generation Gen${gen}: the fastest root port's LnkCap.`);
    else notes.push(`Generation Gen${gen} is a placeholder (no root port prints LnkCap), so it limits no link; set the CPU's real PCIe generation.`);
    const widths = root.ports.map((p) => {
      const own = this.width(p.bridge, notes, p.bridge ? `Root port ${fnLabel(p.bridge)}` : 'Root port');
      // A device on the root bus (integrated in the root complex) gets a port as wide as its own link.
      return this.placeholder(own ?? (p.child?.kind === 'device' ? modelWidth(primaryFn(p.child).lnkCap?.width ?? null) : null));
    });
    notes.push(`Lanes = sum of the root-port widths (${widths.join('+') || '0'}), derived; lspci does not show the socket's lane budget.`);
    // Isolation counts where a device sits below: ports with nothing below cannot merge anyone's group.
    const used = root.ports.filter((p) => p.bridge && p.child).map((p) => p.bridge!);
    const noAcs = used.filter((b) => !hasAcs(b));
    const acs = noAcs.length === 0;
    notes.push(acs ? (used.length ? `ACS: every root port with a device below has it (${used.length}).` : 'ACS: no root port with a device below; kept on.') : `ACS missing on root port(s) ${noAcs.map(fnLabel).join(', ')}: devices below them share an IOMMU group.`);
    const ariKnown = bridges.filter((b) => b.ariForwarding !== null);
    const ari = ariKnown.every((b) => b.ariForwarding);
    notes.push(ariKnown.length ? `ARI forwarding ${ari ? 'on every root port that prints DevCap2' : `off on ${ariKnown.filter((b) => !b.ariForwarding).map(fnLabel).join(', ')}`}.` : 'ARI forwarding not printed; kept on.');
    const socket = bridges.map((b) => this.numa(b)).find((n) => n !== null) ?? root.ports.map((p) => (p.child?.kind === 'device' ? this.numa(primaryFn(p.child)) : null)).find((n) => n !== null) ?? 0;
    if (root.ports.length > 128) notes.push(`${root.ports.length} root ports; the model holds 128, so the rest are left out.`);
    const rc: RootComplex = makeElement(
      'rootComplex',
      { id: asElementId(id), name: `Root complex ${busLabel(root.domain, root.bus)}`, parent: asElementId(this.hostId), notes: joinNotes(notes) },
      { socket: Math.min(15, socket), gen, lanes: Math.min(512, widths.slice(0, 128).reduce((s, w) => s + w, 0)), rootPortWidths: widths.slice(0, 128), acs, ari },
    );
    this.elements.push(rc);
    this.counts.rootComplexes++;
    const children: LayoutNode[] = [];
    root.ports.slice(0, 128).forEach((p, i) => {
      if (p.child) children.push(this.child(p.child, p, id, `rp${i}`, { gen, width: widths[i]! }));
    });
    return { id, children };
  }

  private child(node: ChildNode, port: PortNode, parentId: string, parentPort: string, up: PortCap): LayoutNode {
    return node.kind === 'switch' ? this.pcieSwitch(node, port, parentId, parentPort, up) : this.device(node, port, parentId, parentPort, up);
  }

  private pcieSwitch(node: SwitchNode, port: PortNode, parentId: string, parentPort: string, up: PortCap): LayoutNode {
    const id = this.ids.next('psw');
    const notes: string[] = [];
    // A shared bus below a port has no upstream bridge of its own: the port above is its uplink.
    const upBridge = node.bridge === port.bridge ? null : node.bridge;
    const upstreamOwn = this.width(upBridge, notes, 'Upstream port');
    const upstreamWidth = upstreamOwn ?? up.width ?? this.placeholder(null);
    const downBridges = node.ports.map((p) => p.bridge);
    const gens = [upBridge, ...downBridges].map((b) => b?.lnkCap?.gen ?? null).filter((g): g is PcieGen => g !== null);
    const gen = gens.length ? (Math.max(...gens) as PcieGen) : (up.gen ?? PLACEHOLDER_ROOT_GEN);
    if (!gens.length) notes.push(`Generation Gen${gen} taken from the port above (no port of this ${node.shared ? 'bus' : 'switch'} prints LnkCap).`);
    const widths = node.ports.slice(0, 128).map((p) => this.width(p.bridge, notes, p.bridge ? `Downstream port ${fnLabel(p.bridge)}` : 'Port') ?? upstreamWidth);
    const used = node.ports.filter((p) => p.bridge && p.child).map((p) => p.bridge!);
    // Linux puts everything behind a PCIe-to-PCI bridge in one IOMMU group (conventional PCI carries no requester ID to isolate by).
    const acs = !node.shared && used.every(hasAcs);
    if (node.shared) notes.push(`Conventional PCI/PCI-X bus behind ${fnLabel(node.bridge)} ${node.bridge.description}: drawn as a switch so each device keeps its link; no ACS (everything behind it shares an IOMMU group).`);
    else notes.push(acs ? 'ACS on every downstream port with a device below.' : `ACS missing on downstream port(s) ${used.filter((b) => !hasAcs(b)).map(fnLabel).join(', ') || '(none with a device below)'}: devices below share an IOMMU group.`);
    if (node.ports.length > 128) notes.push(`${node.ports.length} ports; the model holds 128, so the rest are left out.`);
    const ariKnown = downBridges.filter((b): b is LspciFn => b !== null && b.ariForwarding !== null);
    const ari = ariKnown.every((b) => b.ariForwarding);
    const sw: PcieSwitch = makeElement(
      'pcieSwitch',
      {
        id: asElementId(id),
        name: clip(node.shared ? `Shared bus ${busLabel(node.bridge.domain, node.bridge.secondaryBus ?? 0)}` : `PCIe switch ${fnLabel(node.bridge)}`, NAME_MAX),
        parent: asElementId(this.hostId),
      },
      { model: clip(`${node.bridge.description}${idText(node.bridge)}`, NAME_MAX) || null, gen, upstreamPorts: 1, upstreamWidth, downstreamWidths: widths, mrIov: false, acs, ari },
    );
    this.numa(node.bridge);
    this.elements.push(sw);
    this.counts.switches++;
    // The uplink's trained state: the upstream port's own LnkSta, else the port above's.
    this.link(parentId, parentPort, up, id, 'up0', { gen: sw.gen, width: upstreamWidth }, upBridge?.lnkSta ?? port.bridge?.lnkSta ?? null, notes);
    sw.notes = joinNotes(notes);
    const children: LayoutNode[] = [];
    node.ports.slice(0, 128).forEach((p, i) => {
      if (p.child) children.push(this.child(p.child, p, id, `dp${i}`, { gen, width: widths[i]! }));
    });
    return { id, children };
  }

  private device(node: DeviceNode, port: PortNode, parentId: string, parentPort: string, up: PortCap): LayoutNode {
    const primary = primaryFn(node);
    const ethernet = node.fns.filter(isEthernetFn);
    const isNic = ethernet.length > 0;
    const id = this.ids.next(isNic ? 'nic' : 'ep');
    const notes: string[] = [];
    const lead = isNic ? ethernet[0]! : primary;
    const gen = lead.lnkCap?.gen ?? null;
    const width = this.width(lead, notes, 'Device');
    notes.push(`lspci functions: ${node.fns.map((f) => `${fnLabel(f)}${idText(f)}`).join(', ')}.`);
    notes.push(`LnkCap ${linkText(lead.lnkCap)}; LnkSta ${linkText(lead.lnkSta)}${lead.lnkSta?.downgraded ? ' (downgraded)' : ''}.`);
    const groups = [...new Set(node.fns.map((f) => f.iommuGroup).filter((g): g is string => g !== null))];
    if (groups.length) {
      notes.push(`IOMMU group ${groups.join(', ')} in the capture.`);
      this.iommuGroups.set(id, groups);
    }
    const drivers = [...new Set(node.fns.map((f) => f.driver).filter(Boolean))];
    if (drivers.length) notes.push(`Kernel driver in use: ${drivers.join(', ')}.`);
    this.numa(lead);
    const el = isNic ? this.nic(node, ethernet, id, notes, gen, width) : this.endpoint(node, primary, id, notes, gen, width);
    // The device's own LnkSta is the link's trained state; the port above sees the same link.
    this.link(parentId, parentPort, up, id, 'pcie', { gen, width }, lead.lnkSta ?? port.bridge?.lnkSta ?? null, notes);
    el.notes = joinNotes(notes);
    this.elements.push(el);
    return { id, children: [] };
  }

  /** Enabled and total VFs of a physical function: the SR-IOV capability's NumVFs/TotalVFs, else the VFs the capture lists. */
  private vfsOf(node: DeviceNode, pf: LspciFn, notes: string[]): { totalVfs: number | null; enabledVfs: number } {
    const listed = node.listedVfs.get(pf) ?? 0;
    const s = pf.sriov;
    if (s) {
      notes.push(`${fnLabel(pf)} SR-IOV: Initial VFs ${s.initialVfs}, Total VFs ${s.totalVfs}, Number of VFs ${s.numVfs}${s.vfDeviceId ? `, VF device id ${s.vfDeviceId}` : ''}${listed ? `; ${listed} VF(s) listed` : ''}.`);
      this.counts.vfsEnabled += s.numVfs;
      return { totalVfs: s.totalVfs, enabledVfs: Math.min(s.numVfs, s.totalVfs) };
    }
    if (listed) notes.push(`${fnLabel(pf)}: ${listed} VF(s) listed; TotalVFs unknown (no SR-IOV capability printed; capture with lspci -vvv as root).`);
    this.counts.vfsEnabled += listed;
    return { totalVfs: null, enabledVfs: listed };
  }

  private nic(node: DeviceNode, pfs: LspciFn[], id: string, notes: string[], gen: PcieGen | null, width: PcieWidth | null): Nic {
    const first = pfs[0]!;
    const cat = first.vendorId && first.deviceId ? catalogNic(first.vendorId, first.deviceId) : null;
    const name = first.description || (first.vendorId && first.deviceId ? knownDeviceName(first.vendorId, first.deviceId) : null) || 'NIC';
    const ports = Math.min(64, pfs.length);
    notes.push(`Ports: ${ports}, one per Ethernet physical function listed${cat && cat.ports !== ports ? ` (catalog entry ${cat.id} has ${cat.ports}: the capture may show only some functions)` : ''}.`);
    let speed = cat?.speedGbps ?? null;
    if (speed !== null) notes.push(`Speed ${speed} Gb/s from catalog entry ${cat!.id}.`);
    else {
      speed = speedFromDeviceName(first.description) ?? speedFromDeviceName(first.subsystem ?? undefined);
      if (speed !== null) notes.push(`Speed ${speed} Gb/s read from the device name.`);
      else {
        speed = DEFAULT_NIC_SPEED_GBPS;
        this.counts.defaultSpeedNics++;
        notes.push(`Speed unknown (lspci does not show it): ${DEFAULT_NIC_SPEED_GBPS} Gb/s is a default, set the real figure.`);
      }
    }
    const physicalFunctions = pfs.slice(0, 64).map((pf) => {
      const v = this.vfsOf(node, pf, notes);
      return { totalVfs: v.totalVfs ?? cat?.totalVfsPerPf ?? null, enabledVfs: v.enabledVfs };
    });
    const others = node.fns.filter((f) => !pfs.includes(f));
    if (others.length) notes.push(`Other functions of the card: ${others.map((f) => `${fnLabel(f)} ${f.className}`).join(', ')}.`);
    this.counts.nics++;
    return makeElement(
      'nic',
      { id: asElementId(id), name: clip(`${fnLabel(first)} ${name}`, NAME_MAX), parent: asElementId(this.hostId) },
      {
        catalogId: cat?.id ?? null,
        model: clip(`${first.description}${idText(first)}`, NAME_MAX) || null,
        ports: Math.max(1, ports),
        speedGbps: speed,
        pcieGen: gen,
        pcieWidth: width,
        physicalFunctions,
        maxVfsPerDevice: cat?.maxVfsPerDevice ?? null,
        vmdqPools: cat?.vmdqPools ?? null,
        ari: first.ari || pfs.length > 8,
      },
    );
  }

  private endpoint(node: DeviceNode, primary: LspciFn, id: string, notes: string[], gen: PcieGen | null, width: PcieWidth | null): Endpoint {
    const deviceClass = primary.classId !== null ? endpointClassOf(primary.classId) : 'other';
    const sriovPf = node.fns.find((f) => f.sriov) ?? (node.listedVfs.has(node.fns[0]!) ? node.fns[0]! : null);
    const sriov = sriovPf ? this.vfsOf(node, sriovPf, notes) : null;
    this.counts.endpoints++;
    return makeElement(
      'endpoint',
      { id: asElementId(id), name: clip(`${fnLabel(primary)} ${primary.description || primary.className}`, NAME_MAX), parent: asElementId(this.hostId) },
      {
        deviceClass,
        model: clip(`${primary.description}${idText(primary)}`, NAME_MAX) || null,
        pcieGen: gen,
        pcieWidth: width,
        demandGbps: null,
        sriov: sriov ? { totalVfs: sriov.totalVfs, enabledVfs: sriov.totalVfs === null ? sriov.enabledVfs : Math.min(sriov.enabledVfs, sriov.totalVfs) } : null,
        functions: Math.min(256, node.fns.length),
        ari: node.fns.some((f) => f.ari) || node.fns.length > 8,
      },
    );
  }
}

/** Elements and links for the forest of one host (positions are filled in by the caller). */
export function buildLspciElements(roots: readonly RootNode[], hostId: string, ids: IdSource): BuiltLspci {
  const b = new Builder(ids, hostId);
  const layout = roots.map((r) => b.rootComplex(r));
  return { elements: b.elements, links: b.links, layout, counts: b.counts, numaNodes: b.numaNodes, iommuGroups: b.iommuGroups };
}
