/**
 * The PCIe topology of one host as the rules need it: which port each device hangs from, the trained
 * generation and width of every link, and the path from a device up to its root complex.
 */
import type { Element, ElementOf } from '../model/elements';
import { numberedPortIndex } from '../model/elements';
import type { LinkOf } from '../model/links';
import type { PcieGen, PcieWidth } from '../model/units';
import type { DesignView, HostContext } from './types';

export type PcieNode = ElementOf<'rootComplex'> | ElementOf<'pcieSwitch'> | ElementOf<'nic'> | ElementOf<'endpoint'>;

export const isPcieNode = (el: Element | undefined): el is PcieNode =>
  !!el && (el.kind === 'rootComplex' || el.kind === 'pcieSwitch' || el.kind === 'nic' || el.kind === 'endpoint');

/** What one end of a PCIe link can do: null where the model does not know. */
export interface PortCapability {
  gen: PcieGen | null;
  width: PcieWidth | null;
  direction: 'up' | 'down' | null;
}

/** Capability of a PCIe port by name, or null when the element has no such PCIe port. */
export function portCapability(el: PcieNode, port: string): PortCapability | null {
  switch (el.kind) {
    case 'rootComplex': {
      const i = numberedPortIndex(port, 'rp', el.rootPortWidths.length);
      return i === null ? null : { gen: el.gen, width: el.rootPortWidths[i]!, direction: 'down' };
    }
    case 'pcieSwitch': {
      if (numberedPortIndex(port, 'up', el.upstreamPorts) !== null) return { gen: el.gen, width: el.upstreamWidth, direction: 'up' };
      const i = numberedPortIndex(port, 'dp', el.downstreamWidths.length);
      return i === null ? null : { gen: el.gen, width: el.downstreamWidths[i]!, direction: 'down' };
    }
    case 'nic':
    case 'endpoint':
      return port === 'pcie' ? { gen: el.pcieGen, width: el.pcieWidth, direction: 'up' } : null;
  }
}

const minKnown = <T extends number>(...xs: (T | null)[]): T | null => {
  let m: T | null = null;
  for (const x of xs) if (x !== null && (m === null || x < m)) m = x;
  return m;
};

/** A PCIe link as trained: the lower generation and narrower width of its two ends and the slot. */
export interface TrainedLink {
  link: LinkOf<'pcie'>;
  upstream: PcieNode;
  downstream: PcieNode;
  up: PortCapability;
  down: PortCapability;
  gen: PcieGen | null;
  width: PcieWidth | null;
}

export function trainLink(link: LinkOf<'pcie'>, upstream: PcieNode, downstream: PcieNode): TrainedLink | null {
  const up = portCapability(upstream, link.a.port);
  const down = portCapability(downstream, link.b.port);
  if (!up || !down) return null;
  return {
    link,
    upstream,
    downstream,
    up,
    down,
    gen: minKnown<PcieGen>(up.gen, down.gen, link.slotGen),
    width: minKnown<PcieWidth>(up.width, down.width, link.slotWidth),
  };
}

export interface HostPcieTree {
  /** Trained links whose ends are both PCIe ports, oriented root side (a) → device side (b). */
  links: TrainedLink[];
  /** Links into each element's upstream ports (more than one is a PCI-002 problem, except MR-IOV). */
  parents: Map<string, TrainedLink[]>;
  /** Links out of each element's downstream ports. */
  childLinks: Map<string, TrainedLink[]>;
  nodes: PcieNode[];
}

/** The host's PCIe graph, built once per validation pass and shared by the PCIe rules. */
export const pcieTreeOf = (ctx: HostContext): HostPcieTree => ctx.memo('pcie-tree', () => buildPcieTree(ctx));

/** Builds the PCIe graph of a host from its PCIe links (links with a wrong orientation are left to PCI-001). */
export function buildPcieTree(ctx: HostContext): HostPcieTree {
  const nodes: PcieNode[] = [
    ...ctx.children('rootComplex'),
    ...ctx.children('pcieSwitch'),
    ...ctx.children('nic'),
    ...ctx.children('endpoint'),
  ];
  const links: TrainedLink[] = [];
  const parents = new Map<string, TrainedLink[]>();
  const childLinks = new Map<string, TrainedLink[]>();
  for (const l of ctx.hostLinks('pcie')) {
    const a = ctx.element(l.a.element);
    const b = ctx.element(l.b.element);
    if (!isPcieNode(a) || !isPcieNode(b)) continue;
    const t = trainLink(l, a, b);
    if (!t || t.up.direction !== 'down' || t.down.direction !== 'up') continue;
    links.push(t);
    const p = parents.get(b.id);
    if (p) p.push(t);
    else parents.set(b.id, [t]);
    const c = childLinks.get(a.id);
    if (c) c.push(t);
    else childLinks.set(a.id, [t]);
  }
  return { links, parents, childLinks, nodes };
}

/**
 * Trained links into a node's upstream port from a downstream port, read from the whole design (a PCIe switch drawn
 * outside every host, e.g. an MR-IOV chassis shared by servers, has parents in several hosts).
 */
export function pcieParents(view: DesignView, id: string): TrainedLink[] {
  const out: TrainedLink[] = [];
  const node = view.element(id);
  if (!isPcieNode(node)) return out;
  for (const l of view.linksOf(id)) {
    if (l.kind !== 'pcie' || l.b.element !== id) continue;
    const up = view.element(l.a.element);
    if (!isPcieNode(up)) continue;
    const t = trainLink(l, up, node);
    if (t && t.up.direction === 'down' && t.down.direction === 'up') out.push(t);
  }
  return out;
}

/**
 * Root complexes reachable upward from a node (empty when detached; several only across an MR-IOV switch or a cycle).
 * `beyond`, when given, lists the parents of a node the tree does not hold (outside the host), so that a path through a
 * switch drawn outside the host reaches every root above it.
 */
export function rootsOf(tree: HostPcieTree, id: string, beyond?: (id: string) => readonly TrainedLink[] | null): string[] {
  const roots = new Set<string>();
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const cur = stack.pop()!;
    if (seen.has(cur)) continue;
    seen.add(cur);
    const ups = beyond?.(cur) ?? tree.parents.get(cur) ?? [];
    for (const t of ups) {
      if (t.upstream.kind === 'rootComplex') roots.add(t.upstream.id);
      else stack.push(t.upstream.id);
    }
  }
  return [...roots];
}

/** Links from a node up to its root complex, nearest first (follows the first parent at each step). */
export function pathToRoot(tree: HostPcieTree, id: string): TrainedLink[] {
  const path: TrainedLink[] = [];
  const seen = new Set<string>([id]);
  let cur = id;
  for (;;) {
    const up = tree.parents.get(cur)?.[0];
    if (!up) return path;
    path.push(up);
    if (up.upstream.kind === 'rootComplex' || seen.has(up.upstream.id)) return path;
    seen.add(up.upstream.id);
    cur = up.upstream.id;
  }
}

/** Where a device's IOMMU group is rooted when its path to the root lacks ACS. */
export interface IommuGroupRoot {
  /** Stable key of the group: the switch, or the root complex and root port, at its top. */
  key: string;
  /** The switch or root complex at the top of the group, and the port the device's path leaves it by. */
  top: ElementOf<'rootComplex'> | ElementOf<'pcieSwitch'>;
  port: string;
  /** Switches and root complexes on the path without ACS. */
  noAcs: (ElementOf<'rootComplex'> | ElementOf<'pcieSwitch'>)[];
}

/**
 * The top of the IOMMU group a device shares with its neighbours, or null when ACS on every bridge above isolates it
 * (each of its VFs then gets its own group). Linux `pci_device_group` climbs from the device while the bridge above
 * lacks ACS on the path to the root (`pci_acs_path_enabled`) and joins that bridge's group, so the group is rooted at
 * the highest bridge without ACS. A switch is one bridge here (the model keeps one ACS flag per switch: devices below
 * any of its downstream ports share the group), a root complex one bridge per root port.
 */
export function iommuGroupRoot(tree: HostPcieTree, id: string): IommuGroupRoot | null {
  const path = pathToRoot(tree, id);
  let root: IommuGroupRoot | null = null;
  const noAcs: IommuGroupRoot['noAcs'] = [];
  for (const t of path) {
    const up = t.upstream;
    if ((up.kind !== 'pcieSwitch' && up.kind !== 'rootComplex') || up.acs) continue;
    noAcs.push(up);
    root = { key: up.kind === 'rootComplex' ? `${up.id}\u0000${t.link.a.port}` : up.id, top: up, port: t.link.a.port, noAcs };
  }
  return root;
}
