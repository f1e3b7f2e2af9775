/**
 * The Ethernet side of a design as the fabric rules need it: what each Ethernet port is, which cable sits on
 * it, which switches act as one (an MLAG pair; a fabric extender and its controlling bridge), which virtual
 * switches reach the network through a NIC port, the layer-2 domains and the bridge loops. The index is built
 * once per validation pass and shared through `memo`.
 */
import type { Element, ElementKind, ElementOf } from '../model/elements';
import { numberedPortIndex, torPortAt } from '../model/elements';
import type { EndpointRef, Link, LinkOf } from '../model/links';
import { isTeamed } from '../model/teaming';
import type { DesignView, FabricContext } from './types';

/** What an Ethernet port faces: a switch port, a FEX host or fabric port, a NIC port, a storage port. */
export type EthRole = 'switch' | 'fex-host' | 'fex-uplink' | 'nic' | 'storage';

export interface EthPortInfo {
  role: EthRole;
  speedGbps: number;
  index: number;
  /** A switch breakout's sub-port (from 1), whose port is `index`; absent for a whole port. */
  lane?: number;
}

/** What an Ethernet port is, or null when `port` is not an Ethernet port of `el` (cheaper than findPort: no VF lists). */
export function ethernetPort(el: Element, port: string): EthPortInfo | null {
  switch (el.kind) {
    case 'tor': {
      // A port since broken out, or a sub-port no breakout makes, is not a working port (ETH-002 reports its cable).
      const r = torPortAt(el, port);
      return r?.live ? { role: 'switch', speedGbps: r.speedGbps, index: r.index, ...(r.lane === null ? {} : { lane: r.lane }) } : null;
    }
    case 'fex': {
      const h = numberedPortIndex(port, 'h', el.hostPorts);
      if (h !== null) return { role: 'fex-host', speedGbps: el.hostPortSpeedGbps, index: h };
      const u = numberedPortIndex(port, 'u', el.uplinks);
      return u === null ? null : { role: 'fex-uplink', speedGbps: el.uplinkSpeedGbps, index: u };
    }
    case 'nic': {
      const i = numberedPortIndex(port, 'eth', el.ports);
      return i === null ? null : { role: 'nic', speedGbps: el.speedGbps, index: i };
    }
    case 'storage': {
      const i = numberedPortIndex(port, 'p', el.ports);
      return i === null ? null : { role: 'storage', speedGbps: el.speedGbps, index: i };
    }
    default:
      return null;
  }
}

export const portKey = (element: string, port: string): string => `${element}\u0000${port}`;

/** The end of `link` that is not (element, port); for a cable looped back on one element, the other port. */
export function otherEnd(link: Link, element: string, port: string): EndpointRef {
  return link.a.element === element && link.a.port === port ? link.b : link.a;
}

/** Ethernet links on one port of an element (normally at most one; ETH-001 reports more). */
export function ethernetLinksAt(view: DesignView, element: string, port: string): LinkOf<'ethernet'>[] {
  const out: LinkOf<'ethernet'>[] = [];
  for (const l of view.linksOf(element)) {
    if (l.kind !== 'ethernet') continue;
    if ((l.a.element === element && l.a.port === port) || (l.b.element === element && l.b.port === port)) out.push(l);
  }
  return out;
}

/** The element and port at the far end of the Ethernet cable on (element, port), or null when none is cabled. */
export function cablePeer(view: DesignView, element: string, port: string): { link: LinkOf<'ethernet'>; element: Element; port: string } | null {
  const link = ethernetLinksAt(view, element, port)[0];
  if (!link) return null;
  const end = otherEnd(link, element, port);
  const el = view.element(end.element);
  return el ? { link, element: el, port: end.port } : null;
}

/** The MLAG partner `tor` declares and that declares `tor` back, or null: only a reciprocal pair acts as one switch. */
export function mlagPartner(view: DesignView, tor: ElementOf<'tor'>): ElementOf<'tor'> | null {
  for (const lag of tor.lags) {
    if (lag.mlagPeer === null || lag.mlagPeer === tor.id) continue;
    const peer = view.element(lag.mlagPeer);
    if (peer?.kind === 'tor' && peer.lags.some((l) => l.mlagPeer === tor.id)) return peer;
  }
  return null;
}

/** True when two switches are one logical bridge: the same switch, or a reciprocal MLAG pair. */
export function sameLogicalSwitch(view: DesignView, a: string, b: string): boolean {
  if (a === b) return true;
  const ta = view.element(a);
  return ta?.kind === 'tor' && mlagPartner(view, ta)?.id === b;
}

/** A virtual switch attached to a NIC port by an uplink or an S-channel link. */
export interface PortUser {
  vswitch: ElementOf<'vswitch'>;
  link: LinkOf<'uplink'> | LinkOf<'sChannel'>;
}

/** Shared per-pass lookups for fabric-scoped rules. */
export interface FabricIndex {
  /** Elements of a kind inside a host. */
  inHost<K extends ElementKind>(host: string, kind: K): readonly ElementOf<K>[];
  /** Ethernet links on each port, keyed by `portKey`. */
  ethAt: Map<string, LinkOf<'ethernet'>[]>;
  /** Virtual switches riding on each NIC port, keyed by `portKey(nic, port)`. */
  nicPortUsers: Map<string, PortUser[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The fabric index of this pass, built on first use. */
export const fabricIndex = (ctx: FabricContext): FabricIndex => ctx.memo('fabric-index', () => buildFabricIndex(ctx));

// Built from the context's per-kind lists and links only: enumerating the design's element record again would
// cost more than every fabric rule together on a 50k-element design. Each part is built on first use, since most
// passes need only one of them.
function buildFabricIndex(ctx: FabricContext): FabricIndex {
  const hosted = new Map<string, Map<ElementKind, Element[]>>();
  const inHost = <K extends ElementKind>(host: string, kind: K): ElementOf<K>[] => {
    let byKind = hosted.get(host);
    if (!byKind) {
      hosted.set(host, (byKind = new Map()));
      for (const el of ctx.childrenOf(host)) push(byKind, el.kind, el);
    }
    return (byKind.get(kind) ?? []) as ElementOf<K>[];
  };
  let ethAt: Map<string, LinkOf<'ethernet'>[]> | null = null;
  let nicPortUsers: Map<string, PortUser[]> | null = null;
  return {
    inHost,
    // Kept across passes: each holds link objects of the kinds in its reads only (and virtual switches, which it
    // reads), so an edit elsewhere (a NIC's VFs, a switch port's settings) leaves it valid.
    get ethAt() {
      return (ethAt ??= ctx.keep('fabric-eth-at', ETH_AT_READS, () => buildEthAt(ctx)));
    },
    get nicPortUsers() {
      return (nicPortUsers ??= ctx.keep('fabric-nic-port-users', NIC_PORT_USERS_READS, () => buildNicPortUsers(ctx)));
    },
  };
}

const ETH_AT_READS = { elements: [], links: ['ethernet'] } as const;
// Links never dangle (commands refuse them, and removing an element removes its links), so an end's kind changes
// only with a link change: only the virtual switches themselves are read.
const NIC_PORT_USERS_READS = { elements: ['vswitch'], links: ['uplink', 'sChannel'] } as const;

function buildEthAt(ctx: FabricContext): Map<string, LinkOf<'ethernet'>[]> {
  const ethAt = new Map<string, LinkOf<'ethernet'>[]>();
  for (const l of ctx.links('ethernet')) {
    push(ethAt, portKey(l.a.element, l.a.port), l);
    if (l.b.element !== l.a.element || l.b.port !== l.a.port) push(ethAt, portKey(l.b.element, l.b.port), l);
  }
  return ethAt;
}

function buildNicPortUsers(ctx: FabricContext): Map<string, PortUser[]> {
  const nicPortUsers = new Map<string, PortUser[]>();
  const addUser = (link: LinkOf<'uplink'> | LinkOf<'sChannel'>) => {
    const a = ctx.element(link.a.element);
    const b = ctx.element(link.b.element);
    // Links are drawn vSwitch → NIC, but accept either orientation so that a reversed link still counts.
    const [vs, nicEnd] = a?.kind === 'vswitch' ? [a, link.b] : b?.kind === 'vswitch' ? [b, link.a] : [null, null];
    if (vs && nicEnd) push(nicPortUsers, portKey(nicEnd.element, nicEnd.port), { vswitch: vs, link });
  };
  for (const l of ctx.links('uplink')) addUser(l);
  for (const l of ctx.links('sChannel')) addUser(l);
  return nicPortUsers;
}

/** Disjoint sets over string keys, with path halving; `find` adds unseen keys as singletons. */
export class UnionFind {
  private readonly parent = new Map<string, string>();

  find(x: string): string {
    if (!this.parent.has(x)) {
      this.parent.set(x, x);
      return x;
    }
    let cur = x;
    for (;;) {
      const p: string = this.parent.get(cur)!;
      if (p === cur) return cur;
      const gp: string = this.parent.get(p)!;
      this.parent.set(cur, gp);
      cur = gp;
    }
  }

  /** Joins the sets of a and b; false when they were already one set. */
  union(a: string, b: string): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    // Smaller key wins so that set representatives do not depend on insertion order.
    if (ra < rb) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
    return true;
  }
}

/**
 * Whether a cable carries frames: not when a switch end is a port since broken out, or a sub-port no breakout makes
 * (ETH-002 reports such a cable; the simulator sends nothing over it, so neither loops nor L2 domains count it).
 */
export function carries(view: Pick<DesignView, 'element'>, l: LinkOf<'ethernet'>): boolean {
  for (const end of [l.a, l.b]) {
    const el = view.element(end.element);
    if (el?.kind === 'tor' && torPortAt(el, end.port)?.live !== true) return false;
  }
  return true;
}

/**
 * Layer-2 domains: the parts of the design joined by cables, uplinks and S-channels. Switches and extenders are
 * nodes (a FEX joined to its controlling bridge), NIC and storage ports are nodes of their own (a NIC does not
 * bridge its ports), and a virtual switch joins the NIC ports it rides on. `find` gives a domain's representative.
 */
export function l2Domains(ctx: FabricContext): UnionFind {
  const uf = new UnionFind();
  const node = (element: string, port: string) => {
    const el = ctx.element(element);
    return el?.kind === 'nic' || el?.kind === 'storage' ? portKey(element, port) : element;
  };
  for (const l of ctx.links('ethernet')) if (carries(ctx, l)) uf.union(node(l.a.element, l.a.port), node(l.b.element, l.b.port));
  for (const f of ctx.topLevel('fex')) if (f.controllingBridge !== null) uf.union(f.id, f.controllingBridge);
  for (const [key, users] of fabricIndex(ctx).nicPortUsers) for (const u of users) uf.union(u.vswitch.id, key);
  return uf;
}

/** Virtual switches that learn and forward between all their ports, uplinks included; VDS and Hyper-V switches never forward uplink to uplink. */
export const FORWARDING_VSWITCH_KINDS: ReadonlySet<string> = new Set(['ovs', 'linux-bridge']);

/**
 * Whether a virtual switch can forward a frame from one uplink out of another, and so close a loop through the fabric:
 * only a learning bridge (OVS, Linux bridge) whose uplinks are independent ports (`none`). A bond of any mode is one
 * port to the bridge (OVS bonds and the Linux bonding driver never send a frame back out of another member), and an
 * ESXi or Hyper-V (SET) switch never forwards uplink to uplink whatever its policy.
 */
export const forwardsBetweenUplinks = (vs: ElementOf<'vswitch'>): boolean => FORWARDING_VSWITCH_KINDS.has(vs.switchKind) && !isTeamed(vs.teamPolicy);

/** A cycle of bridges that no spanning-tree bridge breaks. */
export interface BridgeLoop {
  /** Bridges around the loop in order, back to the first. */
  names: string[];
  elements: string[];
  links: string[];
  /** Bridges on the loop with STP off: turning STP on there breaks the loop. */
  stpOff: string[];
  /** Further cycle-closing links among the same bridges, not spelled out. */
  extraPaths: number;
}

interface BridgeEdge {
  a: string;
  b: string;
  links: string[];
}

/**
 * Finds layer-2 loops. Nodes are bridges: switches (an MLAG pair merged into one, a FEX folded into its
 * controlling bridge, since it does no local switching) and host bridges that forward between uplinks (unbonded
 * OVS and Linux bridges: `forwardsBetweenUplinks`). The members of one LAG between two nodes are one edge. A cycle
 * that passes a bridge running STP is blocked by that bridge (its own BPDUs come back to it), so loops are the
 * cycles among bridges with STP off.
 */
export function bridgeLoops(ctx: FabricContext, idx: FabricIndex): BridgeLoop[] {
  const uf = new UnionFind();
  const stp = new Map<string, boolean>();
  for (const t of ctx.topLevel('tor')) {
    stp.set(t.id, t.stp);
    uf.find(t.id);
    const p = mlagPartner(ctx, t);
    if (p) uf.union(t.id, p.id);
  }
  const nodeOf = (element: string, port: string): string | null => {
    const el = ctx.element(element);
    if (el?.kind === 'tor') return el.id;
    if (el?.kind === 'fex') return el.controllingBridge !== null && stp.has(el.controllingBridge) ? el.controllingBridge : null;
    if (el?.kind !== 'nic') return null;
    const fwd = idx.nicPortUsers.get(portKey(element, port))?.find((u) => forwardsBetweenUplinks(u.vswitch));
    if (!fwd) return null;
    stp.set(fwd.vswitch.id, fwd.vswitch.stp);
    return fwd.vswitch.id;
  };
  const edges = new Map<string, BridgeEdge>();
  for (const l of ctx.links('ethernet')) {
    if (!carries(ctx, l)) continue;
    const na = nodeOf(l.a.element, l.a.port);
    const nb = nodeOf(l.b.element, l.b.port);
    if (na === null || nb === null) continue;
    const ra = uf.find(na);
    const rb = uf.find(nb);
    // Cables inside one logical switch (MLAG peer link, FEX fabric uplinks) are not loops; a cable from a
    // bridge back to itself is.
    const nicEnd = ctx.element(l.a.element)?.kind === 'nic' || ctx.element(l.b.element)?.kind === 'nic';
    if (ra === rb && l.a.element !== l.b.element && !nicEnd) continue;
    const [lo, hi] = ra < rb ? [ra, rb] : [rb, ra];
    const key = l.lag !== null ? `${lo}\u0000${hi}\u0000${l.lag}` : `#${l.id}`;
    const e = edges.get(key);
    if (e) e.links.push(l.id);
    else edges.set(key, { a: ra, b: rb, links: [l.id] });
  }
  const members = new Map<string, string[]>();
  for (const id of stp.keys()) push(members, uf.find(id), id);
  const stpOn = (root: string) => (members.get(root) ?? []).every((id) => stp.get(id));

  const forest = new UnionFind();
  const adj = new Map<string, { to: string; links: string[] }[]>();
  const closing: BridgeEdge[] = [];
  for (const e of edges.values()) {
    if (stpOn(e.a) || stpOn(e.b)) continue;
    if (e.a !== e.b && forest.union(e.a, e.b)) {
      push(adj, e.a, { to: e.b, links: e.links });
      push(adj, e.b, { to: e.a, links: e.links });
    } else closing.push(e);
  }
  const byComponent = new Map<string, BridgeEdge[]>();
  for (const e of closing) push(byComponent, forest.find(e.a), e);
  const nodeName = (root: string) => (members.get(root) ?? [root]).map((id) => ctx.element(id)?.name || id).join('/');
  const loops: BridgeLoop[] = [];
  for (const group of byComponent.values()) {
    const first = group[0]!;
    const path = treePath(adj, first.b, first.a);
    const nodes = [first.a, ...path.nodes];
    const links = [...first.links, ...path.links];
    const elements = new Set<string>();
    for (const n of nodes) for (const id of members.get(n) ?? [n]) elements.add(id);
    for (const id of links) {
      const l = ctx.design.links[id]!;
      elements.add(l.a.element);
      elements.add(l.b.element);
    }
    loops.push({
      names: [...nodes.map(nodeName), nodeName(first.a)],
      elements: [...elements],
      links,
      stpOff: [...new Set(nodes.flatMap((n) => members.get(n) ?? []))].filter((id) => !stp.get(id)),
      extraPaths: group.length - 1,
    });
  }
  return loops;
}

/** The unique path from `from` to `to` in a forest: the nodes from `from` up to (not including) `to`, and the links crossed. */
function treePath(adj: Map<string, { to: string; links: string[] }[]>, from: string, to: string): { nodes: string[]; links: string[] } {
  const prev = new Map<string, { node: string; links: string[] }>();
  const queue = [from];
  const seen = new Set([from]);
  for (let i = 0; i < queue.length && !seen.has(to); i++) {
    const cur = queue[i]!;
    for (const { to: next, links } of adj.get(cur) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      prev.set(next, { node: cur, links });
      queue.push(next);
    }
  }
  const nodes: string[] = [];
  const links: string[] = [];
  for (let cur = to; cur !== from; ) {
    const p = prev.get(cur)!;
    links.unshift(...p.links);
    nodes.unshift(p.node);
    cur = p.node;
  }
  return { nodes, links };
}
