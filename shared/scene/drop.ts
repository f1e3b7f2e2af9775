/**
 * What a palette drop creates: the element (a server with its root complexes, a device inside a server with
 * its PCIe link, a VM, a switch), as ONE `add` command so that one undo removes it and its links. Pure: the
 * canvas, keyboard insertion and tests all plan drops here; an impossible drop returns a one-line reason.
 */
import { elementFromCatalog, CatalogError, type CatalogEntry } from '../catalog';
import type { Command } from '../history/commands';
import { makeElement } from '../model/defaults';
import type { Design } from '../model/design';
import { HOSTED_KINDS, KIND_LABELS, pcieSwitchPorts, rootComplexPorts, type Element, type ElementKind, type Host, type PcieSwitch, type RootComplex } from '../model/elements';
import { asElementId, asLinkId, asPortName, type ElementId, type IdSource } from '../model/ids';
import type { Link } from '../model/links';
import { lookOf } from './scene';
import type { Bounds, Scene } from './types';

/** What is being dropped: a bare kind with defaults, or a catalog entry (a real NIC or switch model). */
export type DropItem = { type: 'kind'; kind: ElementKind } | { type: 'catalog'; entry: CatalogEntry };

export type DropPlan =
  | { ok: true; command: Command; created: ElementId; label: string; linkedTo: string | null }
  | { ok: false; reason: string };

/** Grid positions snap to, in design units. */
export const GRID = 8;
const HOST_PAD = 16;
const HOST_TITLE = 32;
const DEVICE_ROW = 72;
/** PCIe devices: what a drop on them plugs into. */
const PCIE_DEVICE_KINDS: ReadonlySet<ElementKind> = new Set(['nic', 'pcieSwitch', 'endpoint']);

export const snap = (v: number, grid = GRID): number => Math.round(v / grid) * grid;

export const itemKind = (item: DropItem): ElementKind => (item.type === 'kind' ? item.kind : item.entry.kind);

const itemLabel = (item: DropItem): string => (item.type === 'kind' ? KIND_LABELS[item.kind] : `${item.entry.vendor} ${item.entry.model}`);

/** Scene nodes under a world point, top-most (painted last) first. */
export function nodesAt(scene: Scene, x: number, y: number): Scene['nodes'] {
  const out = scene.nodes.filter((n) => x >= n.x && x <= n.x + n.w && y >= n.y && y <= n.y + n.h);
  return out.reverse();
}

/** The server under a world point (the top-most host box containing it), or null. */
export function hostAt(design: Design, scene: Scene, x: number, y: number, except?: ReadonlySet<string>): Host | null {
  for (const n of nodesAt(scene, x, y)) {
    if (except?.has(n.id)) continue;
    const el = design.elements[n.id];
    if (el?.kind === 'host') return el;
  }
  return null;
}

/** A name not yet used among `siblings`: `${base}${n}` with the smallest n ≥ start. */
export function freshName(base: string, siblings: readonly Element[], start = 0): string {
  const used = new Set(siblings.map((s) => s.name));
  let n = start;
  while (used.has(`${base}${n}`)) n++;
  return `${base}${n}`;
}

const NAME_BASE: Record<ElementKind, string> = {
  host: 'server',
  rootComplex: 'rc',
  pcieSwitch: 'pcisw',
  nic: 'nic',
  endpoint: 'dev',
  vm: 'vm',
  vswitch: 'vswitch',
  tor: 'tor',
  fex: 'fex',
  storage: 'storage',
};

/** Ports of `el` already used by a PCIe link. */
function usedPciePorts(design: Design, id: string): Set<string> {
  const used = new Set<string>();
  for (const l of Object.values(design.links)) {
    if (l.kind !== 'pcie') continue;
    for (const end of [l.a, l.b]) if (end.element === id) used.add(end.port);
  }
  return used;
}

/** The free downstream port to plug a device of `width` lanes into: the narrowest that fits, else the widest. */
function bestPort(ports: readonly { name: string; width?: number | null }[], used: ReadonlySet<string>, width: number | null): string | null {
  const free = ports.filter((p) => !used.has(p.name));
  if (free.length === 0) return null;
  const fits = free.filter((p) => (p.width ?? 0) >= (width ?? 0));
  const pick = fits.length ? fits.reduce((a, b) => ((b.width ?? 0) < (a.width ?? 0) ? b : a)) : free.reduce((a, b) => ((b.width ?? 0) > (a.width ?? 0) ? b : a));
  return pick.name;
}

export interface Upstream {
  element: RootComplex | PcieSwitch;
  port: string;
}

/**
 * Where a PCIe device dropped at local point (lx, ly) of `host` plugs in: the PCIe switch it was dropped on,
 * else the root complex it was dropped on, else the nearest root complex with a free root port.
 */
export function upstreamFor(design: Design, host: Host, lx: number, ly: number, width: number | null, exclude?: string): Upstream | null {
  const children = Object.values(design.elements).filter((e) => e.parent === host.id && e.id !== exclude);
  const inside = (e: Element) => {
    const look = lookOf(e);
    return lx >= e.x && lx <= e.x + look.w && ly >= e.y && ly <= e.y + look.h;
  };
  const sw = children.find((c): c is PcieSwitch => c.kind === 'pcieSwitch' && inside(c));
  if (sw) {
    const port = bestPort(pcieSwitchPorts(sw).filter((p) => p.role === 'pcie-down'), usedPciePorts(design, sw.id), width);
    return port ? { element: sw, port } : null;
  }
  const rcs = children.filter((c): c is RootComplex => c.kind === 'rootComplex');
  const dist = (rc: RootComplex) => (inside(rc) ? -1 : Math.hypot(rc.x - lx, rc.y - ly));
  rcs.sort((a, b) => dist(a) - dist(b) || a.socket - b.socket);
  for (const rc of rcs) {
    const port = bestPort(rootComplexPorts(rc), usedPciePorts(design, rc.id), width);
    if (port) return { element: rc, port };
  }
  return null;
}

/** The PCIe link from `up` to device `id`'s upstream port, with an id not yet taken. */
export function pcieLinkTo(design: Design, up: Upstream, device: Element, ids: IdSource): Link {
  let linkId = ids.next('pcie');
  while (design.links[linkId]) linkId = ids.next('pcie');
  // A PCIe switch plugs in by its first upstream port; NICs and endpoints by their one `pcie` port.
  const devicePort = device.kind === 'pcieSwitch' ? 'up0' : 'pcie';
  const id = device.id;
  return { id: asLinkId(linkId), kind: 'pcie', a: { element: up.element.id, port: asPortName(up.port) }, b: { element: id, port: asPortName(devicePort) }, slotGen: null, slotWidth: null };
}

const deviceWidth = (el: Element): number | null => (el.kind === 'nic' || el.kind === 'endpoint' ? el.pcieWidth : el.kind === 'pcieSwitch' ? el.upstreamWidth : null);

const freshId = (design: Design, ids: IdSource, prefix: string): ElementId => {
  let id = ids.next(prefix);
  while (design.elements[id]) id = ids.next(prefix);
  return asElementId(id);
};

/** Why nothing can be put into a collapsed server, and how to open it. */
export const collapsedRefusal = (host: Host, toDo: string): string => `${host.name || host.id} is collapsed: expand it (double-click its header) ${toDo}`;

/** Absolute top-left of an element as drawn (its parent chain resolved by the scene). */
export function originOf(scene: Scene, el: Element): { x: number; y: number } {
  const n = scene.nodes[scene.nodeIndex.get(el.id) ?? -1];
  return n ? { x: n.x, y: n.y } : { x: el.x, y: el.y };
}

function build(item: DropItem, common: { id: ElementId; name: string; parent: ElementId | null; x: number; y: number }): Element {
  if (item.type === 'catalog') return elementFromCatalog(item.entry, common);
  return makeElement(item.kind, common);
}

/** How a drop places the new box: `topLeft` puts its top-left corner at the point (a pointer drop, where the
 *  cursor is); `within` (world) keeps a top-level box inside that area, the part of the canvas in view. */
export interface DropOptions {
  anchor?: 'centre' | 'topLeft';
  within?: Bounds;
}

/**
 * Plans a drop of `item` with its centre (or top-left, see DropOptions) at world point `at`. Hosted kinds (devices, VMs, virtual switches,
 * root complexes) must land on a server; everything else goes to the top level.
 */
export function planDrop(design: Design, scene: Scene, item: DropItem, at: { x: number; y: number }, ids: IdSource, opts: DropOptions = {}): DropPlan {
  const kind = itemKind(item);
  const what = itemLabel(item);
  const host = hostAt(design, scene, at.x, at.y);
  const hosted = HOSTED_KINDS.has(kind);
  if (hosted && !host) {
    const target = nodesAt(scene, at.x, at.y)[0];
    const on = target ? ` (not on ${target.name || target.id})` : '';
    return { ok: false, reason: `A ${what} goes inside a server: drop it onto a server${on}` };
  }
  // A collapsed server shows none of its contents, so a device dropped into it would vanish on arrival, at a
  // place nobody chose. Refuse, and say how to open it.
  if (hosted && host?.collapsed) return { ok: false, reason: collapsedRefusal(host, `to put a ${what} in it`) };
  const parent = hosted ? host : null;
  const siblings = Object.values(design.elements).filter((e) => e.parent === (parent?.id ?? null));
  const id = freshId(design, ids, NAME_BASE[kind]);
  const name = freshName(NAME_BASE[kind], siblings, kind === 'host' || !hosted ? 1 : 0);
  let el: Element;
  try {
    el = build(item, { id, name, parent: parent?.id ?? null, x: 0, y: 0 });
  } catch (e) {
    if (e instanceof CatalogError) return { ok: false, reason: e.message };
    throw e;
  }
  // Centre the new box on the drop point, snapped to the grid, in its parent's coordinates.
  const look = lookOf(el);
  const topLeft = opts.anchor === 'topLeft';
  let x = snap(topLeft ? at.x : at.x - look.w / 2);
  let y = snap(topLeft ? at.y : at.y - look.h / 2);
  const w = opts.within;
  if (w && !parent) {
    x = Math.max(snap(w.x), Math.min(x, snap(w.x + w.w - look.w - GRID)));
    y = Math.max(snap(w.y), Math.min(y, snap(w.y + w.h - look.h - GRID)));
  }
  if (parent) {
    const { x: ox, y: oy } = originOf(scene, parent);
    // Keep it inside the server's body, below the title row.
    x = Math.min(Math.max(snap(x - ox), HOST_PAD), Math.max(HOST_PAD, parent.width - HOST_PAD - look.w));
    y = Math.min(Math.max(snap(y - oy), HOST_TITLE), Math.max(HOST_TITLE, parent.height - HOST_PAD - look.h));
  }
  el = { ...el, x, y } as Element;

  const elements: Element[] = [el];
  const links: Link[] = [];
  let linkedTo: string | null = null;
  if (kind === 'host') {
    // A server comes with a root complex per socket, as the templates build them: a column on the right.
    const h = el as Host;
    h.sockets.forEach((_s, socket) => {
      const rc = makeElement('rootComplex', { id: freshId(design, ids, 'rc'), name: `CPU${socket} root complex`, parent: h.id, x: h.width - HOST_PAD - 148, y: HOST_TITLE + socket * DEVICE_ROW }, { socket });
      elements.push(rc);
    });
  } else if (parent && PCIE_DEVICE_KINDS.has(kind)) {
    const o = originOf(scene, parent);
    const up = upstreamFor(design, parent, at.x - o.x, at.y - o.y, deviceWidth(el));
    if (up) {
      links.push(pcieLinkTo(design, up, el, ids));
      linkedTo = `${up.element.name || up.element.id} ${up.port}`;
    }
  }
  const where = parent ? ` into ${parent.name || parent.id}` : '';
  return { ok: true, command: { type: 'add', elements, links }, created: el.id, label: `Add ${what}${where}`, linkedTo };
}
