/**
 * Design → ELK graphs. A server's contents are laid out on their own (one graph per expanded server,
 * children positioned relative to the server, so containment holds by construction), then the top level
 * (switches, storage and servers as fixed-size boxes) as one graph. Node and port sizes and positions come
 * from the scene's element looks, so ELK places exactly the boxes and port anchors the canvas draws.
 * Graph ids are local indices (`n3`, `p12`), never element ids: two servers with the same structure
 * produce the same graph text, which lets the caller lay out a rack of identical servers once.
 */
import type { ElkExtendedEdge, ElkNode, ElkPort, LayoutOptions } from 'elkjs/lib/elk-api';
import type { Design } from '../model/design';
import type { Element, Host } from '../model/elements';
import type { Link } from '../model/links';
import { describeElement } from '../scene/describe';
import type { Anchor, Side } from '../scene/types';

/** Space inside a server box: the title bar on top, a margin on the other sides (design units). */
export const HOST_PADDING = { top: 44, left: 16, bottom: 16, right: 16 } as const;
/** Smallest server box after layout, so a server with one device still reads as a server. */
export const HOST_MIN = { w: 320, h: 120 } as const;

const ELK_SIDES: Record<Side, string> = { top: 'NORTH', bottom: 'SOUTH', left: 'WEST', right: 'EAST' };

/** Options shared by both levels: layered, top-down (network above workloads), element order kept for ties. */
const BASE_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  // VMs and servers keep their document (usually name) order along a row.
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
  // One pass of crossing minimisation: the order is mostly forced anyway, and the default 7 passes made a
  // 20-VM server cost several times as much (test/bench/layout.bench.ts).
  'elk.layered.thoroughness': '1',
  // A virtual switch centred over its VMs, a switch over its servers, rather than over the first of them.
  'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
  'elk.separateConnectedComponents': 'true',
};

export const INTERIOR_OPTIONS: LayoutOptions = {
  ...BASE_OPTIONS,
  'elk.spacing.nodeNode': '24',
  'elk.layered.spacing.nodeNodeBetweenLayers': '40',
  'elk.spacing.componentComponent': '32',
  'elk.padding': `[top=${HOST_PADDING.top},left=${HOST_PADDING.left},bottom=${HOST_PADDING.bottom},right=${HOST_PADDING.right}]`,
};

/** Wider gaps at the top level: the cables between servers and switches need room to be read. */
export const TOP_OPTIONS: LayoutOptions = {
  ...BASE_OPTIONS,
  'elk.spacing.nodeNode': '48',
  'elk.layered.spacing.nodeNodeBetweenLayers': '120',
  'elk.spacing.componentComponent': '96',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
};

/**
 * Which way a link runs down the page. Top level: spines, then leaves/ToRs, then extenders, then servers
 * and storage. Inside a server: root complex, PCIe switch, NIC/endpoint, virtual switch, VM.
 */
export function rankOf(el: Element): number {
  switch (el.kind) {
    case 'tor':
      return el.tier === 'spine' ? 0 : 1;
    case 'fex':
      return 2;
    case 'host':
    case 'storage':
      return 3;
    case 'rootComplex':
      return 10;
    case 'pcieSwitch':
      return 11;
    case 'nic':
    case 'endpoint':
      return 12;
    case 'vswitch':
      return 13;
    case 'vm':
      return 14;
  }
}

/** A graph plus what its local ids stand for. */
export interface BuiltGraph {
  graph: ElkNode;
  /** Element id of node `n<i>`. */
  nodeIds: string[];
}

/** Collects nodes, fixed-position ports (one per anchor; VFs share their device's fallback anchor) and edges. */
export class GraphBuilder {
  readonly nodes: ElkNode[] = [];
  readonly nodeIds: string[] = [];
  private readonly nodeOf = new Map<string, ElkNode>();
  private readonly ports = new Map<string, string>();
  private readonly edges: ElkExtendedEdge[] = [];
  private readonly edgeKeys = new Set<string>();
  private portCount = 0;

  addNode(elementId: string, w: number, h: number): void {
    const node: ElkNode = { id: `n${this.nodes.length}`, width: w, height: h, ports: [], layoutOptions: { 'elk.portConstraints': 'FIXED_POS' } };
    this.nodes.push(node);
    this.nodeIds.push(elementId);
    this.nodeOf.set(elementId, node);
  }

  has(elementId: string): boolean {
    return this.nodeOf.has(elementId);
  }

  /** The port at `anchor` on the node of `elementId` (created on first use). */
  port(elementId: string, key: string, anchor: Anchor): string {
    const k = `${elementId}\u0000${key}`;
    let id = this.ports.get(k);
    if (id) return id;
    id = `p${this.portCount++}`;
    const p: ElkPort = { id, x: anchor.x, y: anchor.y, width: 0, height: 0, layoutOptions: { 'elk.port.side': ELK_SIDES[anchor.side] } };
    this.nodeOf.get(elementId)!.ports!.push(p);
    this.ports.set(k, id);
    return id;
  }

  /** One edge per pair of ports: parallel links (a LAG, many VFs) add nothing to the layout but time. */
  edge(source: string, target: string): void {
    const k = `${source}>${target}`;
    if (this.edgeKeys.has(k)) return;
    this.edgeKeys.add(k);
    this.edges.push({ id: `e${this.edges.length}`, sources: [source], targets: [target] });
  }

  build(options: LayoutOptions): BuiltGraph {
    // Ports in a stable order per node (by creation): part of the graph text used as a cache key.
    return { graph: { id: 'root', layoutOptions: { ...options }, children: this.nodes, edges: this.edges }, nodeIds: this.nodeIds };
  }
}

/** Where a link end attaches on its element: its own anchor, else the element's fallback (VFs). */
export function anchorOf(el: Element, port: string): { key: string; anchor: Anchor } {
  const look = describeElement(el);
  const a = look.anchors[port];
  return a ? { key: port, anchor: a } : { key: '#fallback', anchor: look.fallback };
}

/** Orders a link's ends so the edge runs down the page (a tie keeps the link's a → b). */
function oriented(design: Design, l: Link): [Link['a'], Link['b']] | null {
  const a = design.elements[l.a.element];
  const b = design.elements[l.b.element];
  if (!a || !b) return null;
  return rankOf(a) <= rankOf(b) ? [l.a, l.b] : [l.b, l.a];
}

/** Children of each server, in document order. */
export function childrenByHost(design: Design): Map<string, Element[]> {
  const out = new Map<string, Element[]>();
  for (const el of Object.values(design.elements)) {
    if (el.parent === null) continue;
    let list = out.get(el.parent);
    if (!list) out.set(el.parent, (list = []));
    list.push(el);
  }
  return out;
}

/** The graph of one server's contents; `links` are the links whose both ends are inside it. */
export function interiorGraph(design: Design, children: readonly Element[], links: readonly Link[]): BuiltGraph {
  const b = new GraphBuilder();
  for (const el of children) {
    const look = describeElement(el);
    b.addNode(el.id, look.w, look.h);
  }
  for (const l of links) {
    const ends = oriented(design, l);
    if (!ends || !b.has(ends[0].element) || !b.has(ends[1].element)) continue;
    const [src, dst] = ends.map((e) => {
      const { key, anchor } = anchorOf(design.elements[e.element]!, e.port);
      return b.port(e.element, key, anchor);
    });
    b.edge(src!, dst!);
  }
  return b.build(INTERIOR_OPTIONS);
}

/** A server's box after its contents are laid out: the size and, per child, its position in the server. */
export interface HostInterior {
  width: number;
  height: number;
  positions: Map<string, { x: number; y: number }>;
}

/** Top-level element of an element: itself, or its server. */
export const topOf = (design: Design, el: Element): Element => (el.parent !== null ? (design.elements[el.parent] ?? el) : el);

/**
 * The top-level graph over `tops`. A server is a fixed box (its collapsed size, or its laid-out size);
 * a cable from a device inside it enters on the top or bottom face, above that device's port. `links` may
 * be narrowed to those that can matter (a rack's own cables) when many graphs are built from one design.
 */
export function topGraph(design: Design, tops: readonly Element[], interiors: ReadonlyMap<string, HostInterior>, links: Iterable<Link> = Object.values(design.links)): BuiltGraph {
  const b = new GraphBuilder();
  const sizes = new Map<string, { w: number; h: number }>();
  for (const el of tops) {
    const size = topSize(el, interiors.get(el.id));
    sizes.set(el.id, size);
    b.addNode(el.id, size.w, size.h);
  }
  for (const l of links) {
    const a = design.elements[l.a.element];
    const z = design.elements[l.b.element];
    if (!a || !z) continue;
    const ta = topOf(design, a);
    const tz = topOf(design, z);
    if (ta.id === tz.id || !b.has(ta.id) || !b.has(tz.id)) continue;
    // Links between peers (a ToR pair's peer link, server to server) say nothing about what is above what.
    const ra = rankOf(ta);
    const rz = rankOf(tz);
    if (ra === rz) continue;
    const [upper, lower] = ra < rz ? [l.a, l.b] : [l.b, l.a];
    const src = topPort(design, b, upper, 'bottom', sizes, interiors);
    const dst = topPort(design, b, lower, 'top', sizes, interiors);
    b.edge(src, dst);
  }
  return b.build(TOP_OPTIONS);
}

/** Size of a top-level box: a server's collapsed size or its laid-out size; any other kind's drawn size. */
export function topSize(el: Element, interior: HostInterior | undefined): { w: number; h: number } {
  if (el.kind !== 'host') {
    const look = describeElement(el);
    return { w: look.w, h: look.h };
  }
  if (el.collapsed) return { w: describeElement(el).w, h: describeElement(el).h };
  return interior ? { w: interior.width, h: interior.height } : { w: el.width, h: el.height };
}

/** The port of a link end on its top-level node; `face` is where a cable from a server's device enters it. */
function topPort(design: Design, b: GraphBuilder, end: Link['a'], face: 'top' | 'bottom', sizes: Map<string, { w: number; h: number }>, interiors: ReadonlyMap<string, HostInterior>): string {
  const el = design.elements[end.element]!;
  if (el.parent === null) {
    const { key, anchor } = anchorOf(el, end.port);
    return b.port(el.id, key, anchor);
  }
  const host = design.elements[el.parent]! as Host;
  const size = sizes.get(host.id)!;
  const pos = host.collapsed ? null : (interiors.get(host.id)?.positions.get(el.id) ?? { x: el.x, y: el.y });
  const local = anchorOf(el, end.port).anchor;
  // A collapsed server has one entry point per face, in its middle.
  const x = pos ? Math.min(size.w, Math.max(0, pos.x + local.x)) : size.w / 2;
  return b.port(host.id, pos ? `${face}:${el.id}:${end.port}` : face, { x, y: face === 'top' ? 0 : size.h, side: face });
}
