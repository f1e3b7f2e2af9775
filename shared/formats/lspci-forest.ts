/**
 * The PCIe forest of an lspci capture: a root per root bus, root ports and switch ports from bridges, devices
 * from the functions that share a bus and device number, and SR-IOV virtual functions counted on their physical
 * functions. A bridge's children are the functions on its secondary bus (`Bus: … secondary=`, or the bus range
 * `lspci -t` draws); a bus no bridge leads to is a root bus. Linear: every function is placed once.
 */
import { isImportantClass } from './hwloc-pci-ids';
import type { LspciFn } from './lspci-text';
import type { LspciTree } from './lspci-tree';

export interface DeviceNode {
  kind: 'device';
  /** Physical functions, in address order; the first important one decides what the device is. */
  fns: LspciFn[];
  /** VFs listed in the capture, per physical function. */
  listedVfs: Map<LspciFn, number>;
}

export interface SwitchNode {
  kind: 'switch';
  /** The upstream-port bridge; for a shared conventional PCI bus, the bridge above that bus. */
  bridge: LspciFn;
  /** True when the bridge is no PCIe switch but a bus several functions share (conventional PCI, PCI-X). */
  shared: boolean;
  ports: PortNode[];
}

export type ChildNode = DeviceNode | SwitchNode;

/** A root port or switch downstream port (bridge null: a device on the root bus or the switch's internal bus). */
export interface PortNode {
  bridge: LspciFn | null;
  child: ChildNode | null;
}

export interface RootNode {
  domain: number;
  bus: number;
  ports: PortNode[];
  /** Taken as a root bus only because no bridge in the capture leads to it (no root port on it, no tree given). */
  assumed: boolean;
}

export interface LspciForest {
  roots: RootNode[];
  /** Functions left out as chipset or uncore, by class name. */
  skipped: Map<string, number>;
  vfsCounted: number;
  notes: string[];
}

export const busLabel = (domain: number, bus: number) => `${domain.toString(16).padStart(4, '0')}:${bus.toString(16).padStart(2, '0')}`;
export const fnLabel = (f: Pick<LspciFn, 'domain' | 'bus' | 'dev' | 'fn'>) => `${f.domain ? `${f.domain.toString(16).padStart(4, '0')}:` : ''}${f.bus.toString(16).padStart(2, '0')}:${f.dev.toString(16).padStart(2, '0')}.${f.fn}`;
const busKey = (domain: number, bus: number) => domain * 256 + bus;
/** Routing ID within a domain (bus, device, function), as SR-IOV's VF offset and stride count it. */
const rid = (f: Pick<LspciFn, 'bus' | 'dev' | 'fn'>) => (f.bus << 8) | (f.dev << 3) | f.fn;

const isBridgeClass = (f: LspciFn) => f.classId === 0x0604 || f.classId === 0x0609 || f.className === 'PCI bridge';
/**
 * Functions kept as devices by default: the classes hwloc keeps, an unknown class only when it is a PCIe endpoint,
 * and any function with an SR-IOV capability (its VFs are what a design passes through, whatever its class).
 */
const isImportant = (f: LspciFn) => f.sriov !== null || (f.classId !== null ? isImportantClass(f.classId) : f.express === 'endpoint' || f.express === 'legacy-endpoint');

/** Adds the functions and bus ranges a tree drawing knows and the listing does not. */
function mergeTree(fns: LspciFn[], tree: LspciTree, notes: string[]): LspciFn[] {
  const byKey = new Map(fns.map((f) => [busKey(f.domain, f.bus) * 256 + (f.dev << 3) + f.fn, f]));
  // A listing without domains (single-domain lspci) meets a tree that names domain 0000.
  let filled = 0;
  let added = 0;
  const out = [...fns];
  for (const t of tree.fns) {
    const f = byKey.get(busKey(t.domain, t.bus) * 256 + (t.dev << 3) + t.fn);
    if (f) {
      if (f.secondaryBus === null && t.secondary !== null) {
        f.secondaryBus = t.secondary;
        filled++;
      }
      continue;
    }
    // A bridge only the tree shows still carries the path to what is below it.
    if (t.secondary === null) continue;
    added++;
    out.push({ domain: t.domain, bus: t.bus, dev: t.dev, fn: t.fn, line: 0, className: 'PCI bridge', classId: 0x0604, vendorId: null, deviceId: null, description: t.name, subsystem: null, express: null, lnkCap: null, lnkSta: null, secondaryBus: t.secondary, sriov: null, acsCap: null, acsCtl: null, ari: false, ariForwarding: null, numaNode: null, iommuGroup: null, driver: null, detail: 0 });
  }
  if (filled) notes.push(`${filled} bridge(s) had no "Bus:" line; their secondary bus was read from the tree.`);
  if (added) notes.push(`${added} bridge(s) appear only in the tree; they were imported without link figures.`);
  return out;
}

/** Marks each listed VF with the physical function it belongs to (SR-IOV offset/stride first, then the VF device id, then the name). */
function matchVfs(fns: readonly LspciFn[], notes: string[]): Map<LspciFn, LspciFn> {
  const vfOf = new Map<LspciFn, LspciFn>();
  const byRid = new Map(fns.map((f) => [f.domain * 65536 + rid(f), f]));
  const vfIds = new Map<string, LspciFn>();
  // NumVFs comes from the file: a hostile capture could claim 65,535 VFs on each of 100,000 functions. A real one
  // lists at most every function once, so the lookups are bounded by a few times the functions listed.
  let budget = 4 * fns.length + 65_536;
  for (const pf of fns) {
    const s = pf.sriov;
    if (!s) continue;
    if (s.vfDeviceId && pf.vendorId) vfIds.set(`${pf.vendorId}:${s.vfDeviceId}`, pf);
    if (s.vfOffset === null || s.vfStride === null || s.numVfs === 0) continue;
    // SR-IOV spec §3.3.9-10: VF n's routing ID is the PF's + First VF Offset + (n-1) × VF Stride.
    for (let i = 0; i < s.numVfs && budget > 0; i++, budget--) {
      const vf = byRid.get(pf.domain * 65536 + rid(pf) + s.vfOffset + i * s.vfStride);
      if (vf && vf !== pf && !vf.sriov) vfOf.set(vf, pf);
    }
  }
  let unowned = 0;
  let guessed = 0;
  let lastPfOnBus: LspciFn | null = null;
  for (const f of fns) {
    if (vfOf.has(f)) continue;
    const byId = f.vendorId && f.deviceId ? vfIds.get(`${f.vendorId}:${f.deviceId}`) : undefined;
    const named = /\bVirtual Function\b/i.test(f.description);
    if (byId && byId !== f) vfOf.set(f, byId);
    else if (named) {
      // Without the capability, a VF named so belongs to the nearest physical function before it on its bus from the same vendor (VFs follow their PF: 82576 at 82:10.x under 82:00.x, ConnectX at 02:00.2+ after 02:00.0/.1).
      const pf = lastPfOnBus;
      const sameVendor = pf && (pf.vendorId && f.vendorId ? pf.vendorId === f.vendorId : pf.description.split(' ')[0] === f.description.split(' ')[0]);
      if (pf && sameVendor && pf.domain === f.domain && pf.bus === f.bus) {
        vfOf.set(f, pf);
        guessed++;
      } else unowned++;
    }
    if (!vfOf.has(f) && !named && f.secondaryBus === null) lastPfOnBus = f;
  }
  if (guessed) notes.push(`${guessed} VF(s) named "Virtual Function" have no SR-IOV capability to place them by; each is counted on the last physical function before it on its bus (a guess: /sys/bus/pci/devices/<PF>/virtfn* shows the owner).`);
  if (unowned) notes.push(`${unowned} virtual function(s) have no physical function in the capture; they were imported as devices of their own.`);
  return vfOf;
}

/** The forest of the capture's functions (with the tree drawing when given). */
export function buildForest(listed: LspciFn[], tree: LspciTree | null, devices: 'important' | 'all' = 'important'): LspciForest {
  const isKept = devices === 'all' ? () => true : isImportant;
  const notes: string[] = [];
  const fns = tree ? mergeTree(listed, tree, notes) : listed;
  const vfOf = matchVfs(fns, notes);
  const skipped = new Map<string, number>();
  const byBus = new Map<number, LspciFn[]>();
  const bridgeTo = new Map<number, LspciFn>();
  let conflicts = 0;
  let blindBridges = 0;
  for (const f of fns) {
    if (vfOf.has(f)) continue;
    const k = busKey(f.domain, f.bus);
    (byBus.get(k) ?? byBus.set(k, []).get(k)!).push(f);
    if (f.secondaryBus !== null) {
      const s = busKey(f.domain, f.secondaryBus);
      if (bridgeTo.has(s) || s === k) conflicts++;
      else bridgeTo.set(s, f);
    } else if (isBridgeClass(f)) blindBridges++;
  }
  if (conflicts) notes.push(`${conflicts} bridge(s) name a secondary bus another bridge (or their own bus) already has; that bus is kept under the first, and the others were left out as bridges to nowhere.`);
  if (blindBridges) notes.push(`${blindBridges} PCI bridge(s) have no "Bus:" line, so what sits below them is unknown; capture with lspci -vvv or add the tree (--tree, from lspci -tv).`);
  const listedVfs = new Map<LspciFn, number>();
  for (const pf of vfOf.values()) listedVfs.set(pf, (listedVfs.get(pf) ?? 0) + 1);

  const placed = new Set<number>();
  const isBridge = (f: LspciFn) => f.secondaryBus !== null && bridgeTo.get(busKey(f.domain, f.secondaryBus)) === f;

  type Entry = { bridge: LspciFn } | { device: LspciFn[] };
  /** What sits on a bus, each once: every bridge, and the kept devices (functions grouped by device number). */
  const entriesOn = (domain: number, bus: number): Entry[] => {
    const k = busKey(domain, bus);
    if (placed.has(k)) return [];
    placed.add(k);
    const out: Entry[] = [];
    const devices = new Map<number, LspciFn[]>();
    for (const f of byBus.get(k) ?? []) {
      if (isBridge(f)) out.push({ bridge: f });
      else (devices.get(f.dev) ?? devices.set(f.dev, []).get(f.dev)!).push(f);
    }
    for (const group of devices.values()) {
      if (group.some(isKept)) out.push({ device: group });
      else for (const f of group) skipped.set(f.className || 'unknown', (skipped.get(f.className || 'unknown') ?? 0) + 1);
    }
    return out;
  };

  /** A port for each entry of a bus; a bridge that is no root or switch port and has nothing kept below is dropped. */
  const portsFor = (entries: Entry[]): PortNode[] => {
    const ports: PortNode[] = [];
    for (const e of entries) {
      if ('device' in e) ports.push({ bridge: null, child: { kind: 'device', fns: e.device, listedVfs } });
      else {
        const child = below(e.bridge);
        // A root port or switch downstream port stays even when empty: its lanes exist.
        if (child || e.bridge.express === 'root-port' || e.bridge.express === 'downstream-port') ports.push({ bridge: e.bridge, child });
      }
    }
    return ports;
  };

  /** The node an entry makes when it hangs below a port: a device, or a switch whose ports are its secondary bus's entries. */
  const nodeFor = (e: Entry): ChildNode | null => {
    if ('device' in e) return { kind: 'device', fns: e.device, listedVfs };
    const ports = portsFor(entriesOn(e.bridge.domain, e.bridge.secondaryBus!));
    if (!ports.length) return null;
    // A PCIe-to-PCI or PCI-PCI bridge is no switch, but what sits on its bus shares it as a switch's ports share its
    // uplink. A bridge whose port type is not printed (a listing without -v) is a switch when only bridges sit below it.
    const type = e.bridge.express;
    const shared = type === 'upstream-port' ? false : type === null ? ports.some((p) => p.bridge === null) : true;
    return { kind: 'switch', bridge: e.bridge, shared, ports };
  };

  /** What hangs below a root port or switch port: one device or switch, or several sharing a conventional bus. */
  const below = (port: LspciFn): ChildNode | null => {
    const entries = entriesOn(port.domain, port.secondaryBus!);
    if (entries.length === 0) return null;
    if (entries.length === 1) return nodeFor(entries[0]!);
    const ports = portsFor(entries);
    return ports.length ? { kind: 'switch', bridge: port, shared: true, ports } : null;
  };

  const roots: RootNode[] = [];
  const busesInOrder = [...byBus.keys()].sort((a, b) => a - b);
  const rootBuses = busesInOrder.filter((k) => !bridgeTo.has(k));
  for (const k of rootBuses) {
    const domain = Math.floor(k / 256);
    const bus = k % 256;
    const ports = portsFor(entriesOn(domain, bus));
    const assumed = !tree && !(byBus.get(k) ?? []).some((f) => f.express === 'root-port');
    if (ports.length) roots.push({ domain, bus, ports, assumed });
  }
  // Buses only reachable through a loop of bridges: report rather than import half of them.
  const unreached = busesInOrder.filter((k) => !placed.has(k)).length;
  if (unreached) notes.push(`${unreached} bus(es) are reachable only through a loop of bridges and were left out.`);
  return { roots, skipped, vfsCounted: vfOf.size, notes };
}
