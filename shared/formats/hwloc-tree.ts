/**
 * The PCIe forest of an hwloc topology, read for design purposes: host bridges become roots, PCI-PCI
 * bridges become root ports, switches and switch ports, PCI functions are gathered into devices, and
 * SR-IOV virtual functions are counted on their physical functions instead of standing alone.
 *
 * hwloc rules followed here (DOMAIN.md §6): a host bridge is `bridge_type="0-1"`, a PCI-PCI bridge
 * `"1-1"`; a bridge containing bridges is a switch's upstream port; `pci_link_speed` is carried by the
 * device side of a link; VFs are sibling PCIDevs recognisable only by device id.
 */
import { descendants, numAttr, type HwlocDocument, type HwlocObject } from './hwloc-xml';
import { className, deviceLabel, functionLabel, isImportantClass, parseBusId, parsePciType, routingId, vfFamily, type BusId } from './hwloc-pci-ids';

/** One PCI function as hwloc describes it. */
export interface PciFn {
  busId: BusId;
  classId: number;
  vendor: string;
  device: string;
  vendorName: string | null;
  deviceName: string | null;
  /** pci_link_speed, GB/s; 0 = unknown. */
  linkGBytes: number;
  /** Names of network interfaces (OSDev) below the function: Ethernet or IPoIB netdevs, not RDMA devices. */
  netdevs: string[];
  /** OpenFabrics (RDMA) devices below the function (`mlx4_0`, `usnic_0`, `qib0`): not network ports. */
  rdmaDevs: string[];
  /** hwloc's `subtype` of the PCI object (e.g. "NVSwitch"), when it wrote one. */
  subtype: string | null;
  /** VF family when the device id is a known SR-IOV virtual function. */
  vfFamily: string | null;
}

/** An observation of a link's speed, nearest evidence first. */
export interface LinkObs {
  gbytes: number;
  /** Which object carried it, e.g. "device 02:00.0" or "bridge 00:01.0". */
  from: string;
}

export interface DeviceNode {
  kind: 'device';
  /** Physical (non-VF) functions, in routing-ID order. */
  fns: PciFn[];
  /** Each virtual function with the physical function it was counted on. */
  vfs: { vf: PciFn; pf: PciFn }[];
  upLink: LinkObs[];
  notes: string[];
}

export interface SwitchNode {
  kind: 'switch';
  /** True for a shared bus with several devices that no real switch serves; modelled as a switch so each keeps a link. */
  synthetic: boolean;
  /** Upstream-port bridge; null for a synthetic switch. */
  bridge: HwlocObject | null;
  label: string;
  ports: PortNode[];
  upLink: LinkObs[];
  notes: string[];
}

export type ChildNode = DeviceNode | SwitchNode;

/** A root port or switch downstream port: the bridge (null for a device integrated in the root complex or switch) and what hangs below it. */
export interface PortNode {
  bridge: HwlocObject | null;
  child: ChildNode | null;
}

export interface RootNode {
  /** `bridge_pci` bus range of the host bridge, e.g. "0000:[00-15]". */
  label: string;
  socket: number;
  ports: PortNode[];
  notes: string[];
}

export interface PciForest {
  roots: RootNode[];
  /** PCIDev objects in the file. */
  pciDevices: number;
  /** Functions left out by the device filter, by class name. */
  skipped: Map<string, number>;
  notes: string[];
}

export interface TreeOptions {
  /** 'important' keeps the classes hwloc keeps by default; 'all' keeps every function. */
  devices: 'important' | 'all';
  major: 1 | 2 | 3;
}

/** OS-device type bits of hwloc 3.0 (include/hwloc.h, enum hwloc_obj_osdev_type_e). */
const OSDEV_NETWORK = 1 << 4;
const OSDEV_OPENFABRICS = 1 << 5;

/**
 * PCI subtypes hwloc keeps whatever their class: an NVSwitch is a class-0x0680 bridge function that hwloc's
 * I/O filter would drop, but hwloc/topology.c keeps it ("keep NVSwitch since they may be used in NVLink matrices").
 */
export const isKeptSubtype = (subtype: string | null) => subtype === 'NVSwitch';

const isBridge = (o: HwlocObject) => o.type === 'Bridge';
const isHostBridge = (o: HwlocObject) => isBridge(o) && (o.attrs.bridge_type ?? '').startsWith('0');
const isPciObject = (o: HwlocObject) => o.type === 'PCIDev' || isBridge(o);
export const isPackage = (o: HwlocObject) => o.type === 'Package' || o.type === 'Socket';

/** Short label of a bridge: its bus id, or its bus range for a host bridge. */
export function bridgeLabel(b: HwlocObject): string {
  const id = parseBusId(b.attrs.pci_busid);
  return id ? functionLabel(id) : (b.attrs.bridge_pci ?? 'host bridge');
}

export function bridgeObs(b: HwlocObject): LinkObs[] {
  const v = numAttr(b, 'pci_link_speed') ?? 0;
  return v > 0 ? [{ gbytes: v, from: `bridge ${bridgeLabel(b)}` }] : [];
}

/** Devices with a physical function of one vendor, in document order (by domain, then routing ID), with where each domain's run starts. */
interface VendorDevices {
  devices: DeviceNode[];
  runStarts: number[];
}

const firstRid = (d: DeviceNode) => routingId(d.fns[0]!.busId);

/**
 * The last of `v.devices` whose first function's routing ID is at most `rid`, else the last of all: what a VF with
 * that routing ID is counted on. Routing IDs ascend within each domain's run, so each run is binary-searched, the
 * last domain first (a machine has a handful of PCI domains).
 */
function lastAtOrBelow(v: VendorDevices, rid: number): DeviceNode | undefined {
  for (let r = v.runStarts.length - 1; r >= 0; r--) {
    const start = v.runStarts[r]!;
    let lo = start;
    let hi = r + 1 < v.runStarts.length ? v.runStarts[r + 1]! : v.devices.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (firstRid(v.devices[mid]!) <= rid) lo = mid + 1;
      else hi = mid;
    }
    if (lo > start) return v.devices[lo - 1];
  }
  return v.devices.at(-1);
}

class ForestBuilder {
  readonly skipped = new Map<string, number>();
  readonly notes: string[] = [];

  constructor(private readonly opts: TreeOptions) {}

  /** hwloc's OS-device kind of `o`: a network interface, an OpenFabrics (RDMA) device, or neither. */
  private osdevKind(o: HwlocObject): 'netdev' | 'rdma' | null {
    const t = numAttr(o, 'osdev_type');
    if (t === null) return null;
    if (this.opts.major >= 3) {
      // hwloc 3.0 made the type a bit mask (include/hwloc.h: NETWORK = 1<<4, OPENFABRICS = 1<<5); an OpenFabrics
      // HCA such as mlx4_0 or usnic_0 carries both bits (topology-xml.c maps 2.x "OFED" to NETWORK|OPENFABRICS), so
      // the OpenFabrics bit, not the network bit, decides: such a device is not a network port.
      if (t & OSDEV_OPENFABRICS) return 'rdma';
      return t & OSDEV_NETWORK ? 'netdev' : null;
    }
    // 1.x and 2.x number the type: 2 = network, 3 = OpenFabrics.
    return t === 2 ? 'netdev' : t === 3 ? 'rdma' : null;
  }

  private osdevs(o: HwlocObject, kind: 'netdev' | 'rdma'): string[] {
    return o.children.filter((c) => c.type === 'OSDev' && this.osdevKind(c) === kind).map((c) => c.attrs.name ?? '?');
  }

  private fnOf(o: HwlocObject): PciFn | null {
    const busId = parseBusId(o.attrs.pci_busid);
    const type = parsePciType(o.attrs.pci_type);
    if (!busId || !type) {
      this.notes.push(`skipped a PCIDev with an unreadable pci_busid/pci_type (${o.attrs.pci_busid ?? '?'}, "${o.attrs.pci_type ?? ''}")`);
      return null;
    }
    return {
      busId,
      ...type,
      vendorName: o.infos.PCIVendor ?? null,
      deviceName: o.infos.PCIDevice ?? null,
      linkGBytes: Math.max(0, numAttr(o, 'pci_link_speed') ?? 0),
      netdevs: this.osdevs(o, 'netdev'),
      rdmaDevs: this.osdevs(o, 'rdma'),
      subtype: o.attrs.subtype?.trim() || null,
      vfFamily: vfFamily(type.vendor, type.device),
    };
  }

  /** Devices among `children` (functions grouped per device, VFs counted on their PFs) and bridge subtrees, in bus order. */
  private content(children: HwlocObject[]): ChildNode[] {
    const fns = children.filter((c) => c.type === 'PCIDev').map((c) => this.fnOf(c)).filter((f): f is PciFn => f !== null);
    const byRid = (a: PciFn, b: PciFn) => a.busId.domain - b.busId.domain || routingId(a.busId) - routingId(b.busId);
    const groups = new Map<string, PciFn[]>();
    const vfs: PciFn[] = [];
    for (const f of fns.sort(byRid)) {
      if (f.vfFamily) {
        vfs.push(f);
        continue;
      }
      const key = `${f.busId.domain}:${f.busId.bus}:${f.busId.dev}`;
      const g = groups.get(key);
      if (g) g.push(f);
      else groups.set(key, [f]);
    }
    const devices: DeviceNode[] = [...groups.values()].map((g) => ({ kind: 'device', fns: g, vfs: [], upLink: [], notes: [] }));
    this.assignVfs(vfs, devices);
    const items: { rid: number; node: ChildNode }[] = [];
    for (const d of devices) {
      if (this.opts.devices === 'important' && !d.fns.some((f) => isImportantClass(f.classId) || isKeptSubtype(f.subtype))) {
        for (const f of d.fns) this.skipped.set(className(f.classId), (this.skipped.get(className(f.classId)) ?? 0) + 1);
        continue;
      }
      const known = d.fns.find((f) => f.linkGBytes > 0);
      if (known) d.upLink.push({ gbytes: known.linkGBytes, from: `device ${functionLabel(known.busId)}` });
      items.push({ rid: routingId(d.fns[0]!.busId), node: d });
    }
    for (const b of children.filter((c) => isBridge(c) && !isHostBridge(c))) {
      const node = this.nodeForBridge(b);
      const id = parseBusId(b.attrs.pci_busid);
      if (node) items.push({ rid: id ? routingId(id) : Number.MAX_SAFE_INTEGER, node });
    }
    return items.sort((a, b) => a.rid - b.rid).map((i) => i.node);
  }

  /**
   * VFs go to a sibling device of the same vendor: the one with the highest routing ID not above the VF
   * (a VF's RID is its PF's plus the VF offset). Within that device they are dealt round robin over the
   * PFs of that vendor, which is what interleaved numbering (82599) produces and an even split otherwise;
   * hwloc does not record which PF owns a VF.
   */
  private assignVfs(vfs: PciFn[], devices: DeviceNode[]): void {
    // Only devices with a physical function of the VF's vendor qualify (not an orphan VF imported on its own). They
    // are indexed once by vendor, so 100,000 VFs cost a binary search each rather than a pass over every device.
    const byVendor = new Map<string, VendorDevices>();
    for (const d of devices) {
      for (const vendor of new Set(d.fns.filter((f) => !f.vfFamily).map((f) => f.vendor))) {
        let v = byVendor.get(vendor);
        if (!v) byVendor.set(vendor, (v = { devices: [], runStarts: [] }));
        const prev = v.devices.at(-1);
        if (!prev || prev.fns[0]!.busId.domain !== d.fns[0]!.busId.domain) v.runStarts.push(v.devices.length);
        v.devices.push(d);
      }
    }
    const dealt = new Map<DeviceNode, number>();
    const pools = new Map<DeviceNode, Map<string, PciFn[]>>();
    const orphans: DeviceNode[] = [];
    for (const vf of vfs) {
      const sameVendor = byVendor.get(vf.vendor);
      const host = sameVendor ? lastAtOrBelow(sameVendor, routingId(vf.busId)) : undefined;
      if (!host) {
        orphans.push({ kind: 'device', fns: [vf], vfs: [], upLink: [], notes: [`${functionLabel(vf.busId)} is a ${vf.vfFamily} whose physical function is not in this topology (a VF passed through to this machine?); imported as a device of its own.`] });
        continue;
      }
      let byClass = pools.get(host);
      if (!byClass) pools.set(host, (byClass = new Map()));
      const poolKey = `${vf.vendor}:${vf.classId >> 8}`;
      let pool = byClass.get(poolKey);
      if (!pool) {
        const pfs = host.fns.filter((f) => f.vendor === vf.vendor && f.classId >> 8 === vf.classId >> 8);
        pool = pfs.length ? pfs : host.fns.filter((f) => f.vendor === vf.vendor);
        byClass.set(poolKey, pool);
      }
      const n = dealt.get(host) ?? 0;
      dealt.set(host, n + 1);
      host.vfs.push({ vf, pf: pool[n % pool.length]! });
    }
    devices.push(...orphans);
  }

  /** A bridge below a port: a switch when it holds bridges, else it is passed through to what it holds. */
  private nodeForBridge(b: HwlocObject): ChildNode | null {
    const dps = b.children.filter((c) => isBridge(c) && !isHostBridge(c));
    if (dps.length === 0) {
      // A bridge without downstream bridges (PCIe-to-PCI, or a bridge inside a card): the PCIe link ends at
      // the bridge, so its speed is the link's; the devices behind it are kept and the bridge is not.
      const node = this.portContent(b);
      if (!node) return null;
      node.upLink.unshift(...bridgeObs(b));
      node.notes.push(`Sits behind bridge ${bridgeLabel(b)}${b.infos.PCIDevice ? ` (${b.infos.PCIDevice})` : ''}, which is not modelled: it has no downstream ports.`);
      return node;
    }
    const ports: PortNode[] = dps.map((dp) => ({ bridge: dp, child: this.portContent(dp) }));
    const own = this.content(b.children.filter((c) => c.type === 'PCIDev'));
    const notes: string[] = [];
    if (own.length) notes.push(`${own.length} function(s) on the switch's internal bus are modelled on extra downstream ports.`);
    for (const node of own) ports.push({ bridge: null, child: node });
    return { kind: 'switch', synthetic: false, bridge: b, label: bridgeLabel(b), ports, upLink: bridgeObs(b), notes };
  }

  /** What hangs below a root or downstream port: nothing, one device or switch, or a shared bus of several. */
  private portContent(port: HwlocObject): ChildNode | null {
    const items = this.content(port.children);
    if (items.length <= 1) return items[0] ?? null;
    const sec = /\[([0-9a-f]+)-/i.exec(port.attrs.bridge_pci ?? '')?.[1];
    const label = `bus ${sec ?? '?'} below ${bridgeLabel(port)}`;
    return {
      kind: 'switch',
      synthetic: true,
      bridge: null,
      label,
      ports: items.map((child) => ({ bridge: null, child })),
      upLink: [],
      notes: [
        `Not a real PCIe switch: hwloc lists ${items.length} devices on ${label} (a conventional PCI bus, or a topology PCIe does not allow). It is modelled as a switch with one downstream port per device so that each keeps its own link and they share the bridge's bandwidth.`,
      ],
    };
  }

  root(label: string, children: HwlocObject[], socket: number, socketNote: string | null): RootNode {
    const emptyPorts: string[] = [];
    const integrated: string[] = [];
    const items: { rid: number; port: PortNode }[] = [];
    for (const c of children) {
      if (!isBridge(c) || isHostBridge(c)) continue;
      const child = this.portContent(c);
      const id = parseBusId(c.attrs.pci_busid);
      if (child) items.push({ rid: id ? routingId(id) : 0, port: { bridge: c, child } });
      else emptyPorts.push(bridgeLabel(c));
    }
    for (const dev of this.content(children.filter((c) => c.type === 'PCIDev'))) {
      const first = dev.kind === 'device' ? dev.fns[0]! : null;
      if (first) integrated.push(deviceLabel(first.busId));
      items.push({ rid: first ? routingId(first.busId) : 0, port: { bridge: null, child: dev } });
    }
    const ports = items.sort((a, b) => a.rid - b.rid).map((i) => i.port);
    const notes: string[] = [];
    if (socketNote) notes.push(socketNote);
    if (integrated.length) {
      notes.push(`On the root bus itself (integrated endpoints, no root port in hardware): ${integrated.join(', ')}; each is drawn on a root port of its own.`);
    }
    if (emptyPorts.length) notes.push(`Root ports with nothing below them are left out (hwloc records no width for an empty port): ${emptyPorts.join(', ')}.`);
    return { label, socket, ports, notes };
  }
}

/** Sockets of the packages below an object, ascending; computed once per object (see socketFor). */
type LocalPackages = Map<HwlocObject, number[]>;

/** Socket index of a host bridge: the package it sits under, else the first package local to its parent. */
function socketFor(ancestors: HwlocObject[], packageIndex: Map<HwlocObject, number>, localCache: LocalPackages): { socket: number; note: string | null } {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const s = packageIndex.get(ancestors[i]!);
    if (s !== undefined) return { socket: s, note: null };
  }
  const parent = ancestors.at(-1);
  if (!parent) return { socket: 0, note: 'hwloc gives this host bridge no locality; placed on socket 0.' };
  // Many host bridges share one parent (10,000 under a Machine with no package took 29 s when each walked it again).
  let local = localCache.get(parent);
  if (!local) {
    local = [];
    for (const o of descendants(parent)) {
      const s = packageIndex.get(o);
      if (s !== undefined) local.push(s);
    }
    local.sort((a, b) => a - b);
    localCache.set(parent, local);
  }
  if (local.length === 0) return { socket: 0, note: 'hwloc gives this host bridge no CPU package; placed on socket 0.' };
  if (local.length === 1) return { socket: local[0]!, note: null };
  const scope = parent === ancestors[0] ? 'the whole machine' : `a ${parent.type} spanning sockets ${local.join(', ')}`;
  return { socket: local[0]!, note: `hwloc attaches this host bridge to ${scope}; placed on socket ${local[0]}.` };
}

/** Packages in socket order (by OS index, then document order). */
export function packagesOf(doc: HwlocDocument): HwlocObject[] {
  const all: HwlocObject[] = [];
  for (const r of doc.roots) {
    if (isPackage(r)) all.push(r);
    for (const o of descendants(r)) if (isPackage(o)) all.push(o);
  }
  return all
    .map((o, i) => ({ o, i, os: numAttr(o, 'os_index') ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.os - b.os || a.i - b.i)
    .map((x) => x.o);
}

/** Reads the PCIe forest of a parsed hwloc document. */
export function readPciForest(doc: HwlocDocument, opts: TreeOptions): PciForest {
  const builder = new ForestBuilder(opts);
  const packageIndex = new Map<HwlocObject, number>();
  packagesOf(doc).forEach((p, i) => packageIndex.set(p, i));
  const localCache: LocalPackages = new Map();
  const roots: RootNode[] = [];
  const visit = (obj: HwlocObject, ancestors: HwlocObject[]) => {
    if (isHostBridge(obj)) {
      const { socket, note } = socketFor(ancestors, packageIndex, localCache);
      roots.push(builder.root(obj.attrs.bridge_pci ?? `host bridge ${roots.length}`, obj.children, socket, note));
      return;
    }
    // PCI objects outside any host bridge (hand-written or very old files): one implicit root per parent.
    const loose = obj.children.filter((c) => isPciObject(c) && !isHostBridge(c));
    if (loose.length) {
      const { socket, note } = socketFor([...ancestors, obj], packageIndex, localCache);
      const r = builder.root(`PCI objects under ${obj.type} ${obj.attrs.os_index ?? ''}`.trim(), loose, socket, note);
      r.notes.unshift('hwloc lists these PCI objects without a host bridge; an implicit root complex holds them.');
      roots.push(r);
    }
    for (const c of obj.children) if (!isPciObject(c) || isHostBridge(c)) visit(c, [...ancestors, obj]);
  };
  for (const r of doc.roots) {
    if (isPciObject(r) && !isHostBridge(r)) {
      roots.push(builder.root('PCI objects at top level', [r], 0, 'hwloc lists this PCI object at the top level; placed on socket 0.'));
    } else visit(r, []);
  }
  let pciDevices = 0;
  for (const r of doc.roots) {
    if (r.type === 'PCIDev') pciDevices++;
    for (const o of descendants(r)) if (o.type === 'PCIDev') pciDevices++;
  }
  const kept = roots.filter((r) => r.ports.length > 0);
  for (const r of roots) {
    if (r.ports.length === 0) builder.notes.push(`Host bridge ${r.label} holds nothing the device filter keeps (chipset or uncore functions only); no root complex was made for it.`);
  }
  return { roots: kept, pciDevices, skipped: builder.skipped, notes: builder.notes };
}
