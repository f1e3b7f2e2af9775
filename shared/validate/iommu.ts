/**
 * IOMMU groups and who owns each PCI function in them, for device assignment (VFIO on KVM, DirectPath I/O on ESXi,
 * DDA on Hyper-V). Linux makes the IOMMU group the unit of ownership (Documentation/driver-api/vfio.rst): a group is
 * viable for a VM only when every device in it is bound to VFIO (or to no driver), so a group holding functions of
 * two VMs, or of a VM and the host, cannot be assigned.
 *
 * The model's groups (pcie-tree.ts `iommuGroupRoot`): devices below a bridge without ACS share one group rooted at the
 * highest such bridge, every function of those devices included; with ACS on the whole path each function (a PF, a VF,
 * a whole endpoint) is isolated in a group of its own. The model keeps no ACS flag on the devices themselves, so the
 * functions of one device are taken to be isolated from each other when ACS above isolates the device (true of the
 * SR-IOV NICs the catalog holds, whose VFs each get a group; a multifunction device without ACS would share one).
 */
import type { Design } from '../model/design';
import type { Element, ElementKind, ElementOf } from '../model/elements';
import { parseVfPort } from '../model/elements';
import type { Link, LinkKind, LinkOf } from '../model/links';
import { buildPcieTree, iommuGroupRoot, type HostPcieTree, type IommuGroupRoot, type PcieNode } from './pcie-tree';
import type { DesignView, HostContext } from './types';

export type AssignableDevice = ElementOf<'nic'> | ElementOf<'endpoint'>;

/** One PCI function's owner: a VM it is assigned to (whole or as a VF) or the host's own driver. */
export type FunctionOwner = { kind: 'vm'; vm: string; link: LinkOf<'vf'> | LinkOf<'passthrough'>; whole: boolean } | { kind: 'host'; why: string };

export interface FunctionUse {
  device: AssignableDevice;
  /** `pf0`, `pf0.vf3`, `dev`. */
  fn: string;
  owners: FunctionOwner[];
}

export interface IommuGroup {
  /** The bridge the group is rooted at, or null when ACS isolates each function (a group of one). */
  root: IommuGroupRoot | null;
  devices: AssignableDevice[];
}

export const isAssignable = (n: PcieNode | undefined): n is AssignableDevice => n?.kind === 'nic' || n?.kind === 'endpoint';

/** The group of each assignable device of a host's tree, by device id (devices sharing a group share the object). */
export function iommuGroups(tree: HostPcieTree): Map<string, IommuGroup> {
  const byKey = new Map<string, IommuGroup>();
  const out = new Map<string, IommuGroup>();
  for (const node of tree.nodes) {
    if (!isAssignable(node)) continue;
    const root = iommuGroupRoot(tree, node.id);
    let g = root ? byKey.get(root.key) : undefined;
    if (!g) {
      g = { root, devices: [] };
      if (root) byKey.set(root.key, g);
    } else if (root) for (const n of root.noAcs) if (!g.root!.noAcs.includes(n)) g.root!.noAcs.push(n);
    g.devices.push(node);
    out.set(node.id, g);
  }
  return out;
}

/**
 * Every function of a device that someone uses, with its owners. A VM owns what it holds (a VF, a whole PF, a whole
 * endpoint). The host owns a NIC's PF when its driver must run: it creates the PF's VFs, or a virtual switch's uplink
 * or S-channel uses the PF's port (a cable alone does not: a PF given to a VM keeps its cable); and an endpoint when
 * VFs of it are assigned. A function nobody uses is left out: it can be bound to VFIO with the rest of its group.
 */
export function functionUses(view: Pick<DesignView, 'linksOf'>, device: AssignableDevice): FunctionUse[] {
  const uses = new Map<string, FunctionUse>();
  const use = (fn: string): FunctionUse => {
    let u = uses.get(fn);
    if (!u) uses.set(fn, (u = { device, fn, owners: [] }));
    return u;
  };
  const hostUse = (fn: string, why: string) => {
    const u = use(fn);
    if (!u.owners.some((o) => o.kind === 'host')) u.owners.push({ kind: 'host', why });
  };
  for (const l of view.linksOf(device.id)) {
    if (l.kind === 'passthrough' && l.b.element === device.id) {
      use(l.b.port).owners.push({ kind: 'vm', vm: l.a.element, link: l, whole: true });
    } else if (l.kind === 'vf' && l.b.element === device.id) {
      use(l.b.port).owners.push({ kind: 'vm', vm: l.a.element, link: l, whole: false });
      const vf = parseVfPort(l.b.port);
      if (vf) hostUse(device.kind === 'endpoint' ? 'dev' : `pf${vf.pf}`, 'creates its VFs');
    } else if (device.kind === 'nic' && (l.kind === 'uplink' || l.kind === 'sChannel') && l.b.element === device.id && l.b.port.startsWith('eth')) {
      // Port eth<i> is physical function i's (one PF per port, as the NIC model counts them).
      hostUse(`pf${l.b.port.slice(3)}`, 'carries a virtual switch on its port');
    }
  }
  // Keep only PFs the NIC has (a port beyond its PF list belongs to no function the model can name).
  if (device.kind === 'nic') for (const fn of uses.keys()) if (/^pf\d+$/.test(fn) && Number(fn.slice(2)) >= device.physicalFunctions.length) uses.delete(fn);
  return [...uses.values()];
}

/** Links that give a VM something of a device (VFs and passthrough), from a list of owners. */
export const vmLinks = (owners: readonly FunctionOwner[]): Link[] => owners.flatMap((o) => (o.kind === 'vm' ? [o.link] : []));

/** What the inspector says about a device's IOMMU group. */
export interface DeviceIommuGroup {
  /** One line: "Own group (ACS above isolates it)", "Shared with h1.n2 (below h1.sw, no ACS on h1.sw)", … */
  summary: string;
  /** Other devices in the group (ids), for selecting them. */
  shared: string[];
}

/**
 * A minimal host view built straight from a design (the inspector has no validation context): the host's children and
 * the links touching them, enough for `buildPcieTree` and `functionUses`. One pass over elements and links.
 */
function hostSnapshot(design: Design, host: ElementOf<'host'>): HostContext {
  const children: Element[] = [];
  for (const el of Object.values(design.elements)) if (el.parent === host.id) children.push(el);
  const inside = new Set(children.map((c) => c.id));
  const byElement = new Map<string, Link[]>();
  const byKind = new Map<string, Link[]>();
  for (const l of Object.values(design.links)) {
    for (const id of [l.a.element, l.b.element]) (byElement.get(id) ?? byElement.set(id, []).get(id)!).push(l);
    if (inside.has(l.a.element) || inside.has(l.b.element)) (byKind.get(l.kind) ?? byKind.set(l.kind, []).get(l.kind)!).push(l);
  }
  const element = (id: string) => (Object.hasOwn(design.elements, id) ? design.elements[id] : undefined);
  return {
    design,
    host,
    memo: <T>(_key: string, make: () => T) => make(),
    element,
    external: element,
    linksOf: (id) => byElement.get(id) ?? [],
    children: <K extends ElementKind>(kind: K) => children.filter((c): c is ElementOf<K> => c.kind === kind),
    hostLinks: <K extends LinkKind>(kind: K) => (byKind.get(kind) ?? []) as LinkOf<K>[],
  };
}

/** The IOMMU group of a NIC or endpoint inside a server, as the inspector shows it; null for anything else. */
export function deviceIommuGroup(design: Design, deviceId: string): DeviceIommuGroup | null {
  const device = Object.hasOwn(design.elements, deviceId) ? design.elements[deviceId] : undefined;
  if ((device?.kind !== 'nic' && device?.kind !== 'endpoint') || device.parent === null) return null;
  const host = design.elements[device.parent];
  if (host?.kind !== 'host') return null;
  if (!host.iommu) return { summary: `None: ${host.name || host.id} has its IOMMU off, so nothing can be passed through (PCI-007)`, shared: [] };
  const tree = buildPcieTree(hostSnapshot(design, host));
  if (!tree.parents.has(device.id)) return { summary: 'Unknown: not wired to a root complex', shared: [] };
  const g = iommuGroups(tree).get(device.id);
  if (!g?.root) return { summary: 'Own group per function (ACS on every bridge above isolates it)', shared: [] };
  const others = g.devices.filter((d) => d.id !== device.id);
  const top = `${g.root.top.name || g.root.top.id}${g.root.top.kind === 'rootComplex' ? ` ${g.root.port}` : ''}`;
  const noAcs = g.root.noAcs.map((n) => n.name || n.id).join(', ');
  const where = `below ${top}, no ACS on ${noAcs}`;
  return {
    summary: others.length ? `Shared with ${others.map((d) => d.name || d.id).join(', ')} (${where})` : `Every function of this device in one group (${where})`,
    shared: others.map((d) => d.id),
  };
}
