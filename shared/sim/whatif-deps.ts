/**
 * What each flow's path was resolved from, so that a failure re-resolves only the flows whose inputs it changes.
 * resolveFlow is a pure function of the network lookups and router answers it reads (the design's elements never
 * change under a failure: failures remove links only), so a flow none of whose reads would answer differently on the
 * failed network resolves exactly as in the baseline. The baseline's flows are resolved through a recording network
 * and router that note each read as a key; `changedKeys` over-approximates the keys a set of removed links changes,
 * from the links themselves and from the switch graph's distances before and after. Over-approximating only costs
 * re-resolving a flow that would not have changed; missing a key would be a wrong result, so every read is noted:
 *  - e: a port's cable (ethAt), n: a switch's neighbours (switchNeighbours, outside the router),
 *  - a: a VM's attachments, g: a virtual switch's egress ports, p: a device's PCIe chain,
 *  - r(to, cur): one hop of a route toward `to` taken at switch `cur` (cur's neighbours and their distances to `to`),
 *  - d(to, from): a distance, w(first, vlan): a VLAN's gateway.
 * A host's vSwitch copy budget (copyBudget) is not noted: it is a resource of the host, which no link failure removes.
 */
import type { ElementOf } from '../model/elements';
import type { Attachment, EthEnd, Network } from './network';
import { SwitchRouter, type Gateway } from './router';

type SwitchEl = ElementOf<'tor'> | ElementOf<'fex'>;

/** Key ids and, per key, the flows that read it. */
export class DependencyLog {
  private next = 0;
  readonly flowsOf: number[][] = [];
  readonly e = new Map<string, Map<string, number>>();
  readonly n = new Map<string, number>();
  readonly a = new Map<string, number>();
  readonly g = new Map<string, number>();
  readonly p = new Map<string, number>();
  readonly r = new Map<string, Map<string, number>>();
  readonly d = new Map<string, Map<string, number>>();
  readonly w = new Map<string, { first: SwitchEl; vlan: number | null; key: number }>();
  private current = -1;
  private seen = new Set<number>();

  /** Reads from now on belong to flow `flow` (-1: to none). */
  begin(flow: number): void {
    this.current = flow;
    this.seen.clear();
  }

  private note(id: number): void {
    if (this.current < 0 || this.seen.has(id)) return;
    this.seen.add(id);
    this.flowsOf[id]!.push(this.current);
  }
  private idIn(m: Map<string, number>, k: string): number {
    let id = m.get(k);
    if (id === undefined) {
      m.set(k, (id = this.next++));
      this.flowsOf.push([]);
    }
    return id;
  }
  private idIn2(m: Map<string, Map<string, number>>, k1: string, k2: string): number {
    let inner = m.get(k1);
    if (!inner) m.set(k1, (inner = new Map()));
    return this.idIn(inner, k2);
  }
  noteIn(m: Map<string, number>, k: string): void {
    if (this.current >= 0) this.note(this.idIn(m, k));
  }
  noteIn2(m: Map<string, Map<string, number>>, k1: string, k2: string): void {
    if (this.current >= 0) this.note(this.idIn2(m, k1, k2));
  }
  noteGateway(first: SwitchEl, vlan: number | null): void {
    if (this.current < 0) return;
    const k = `${first.id}\u0000${vlan}`;
    let w = this.w.get(k);
    if (!w) {
      w = { first, vlan, key: this.next++ };
      this.flowsOf.push([]);
      this.w.set(k, w);
    }
    this.note(w.key);
  }
}

/** A Map whose `get` notes the key read. */
class NotingMap<V> extends Map<string, V> {
  constructor(
    private readonly inner: Map<string, V>,
    private readonly onRead: (k: string) => void,
  ) {
    super();
  }
  override get(k: string): V | undefined {
    this.onRead(k);
    return this.inner.get(k);
  }
  override has(k: string): boolean {
    this.onRead(k);
    return this.inner.has(k);
  }
}

/** Router whose answers are noted: a route by its hops (the switches it reads neighbours at), the rest by their arguments. */
export class RecordingRouter extends SwitchRouter {
  /** The target of the route being followed, or null outside a route; `quiet` silences the network's notes. */
  routeTo: string | null = null;
  quiet = false;
  constructor(
    net: Network,
    private readonly log: DependencyLog,
  ) {
    super(net);
  }
  override distance(from: string, to: string): number | null {
    this.log.noteIn2(this.log.d, to, from);
    return this.silently(() => super.distance(from, to));
  }
  override route(from: string, to: string, hash: number): number[] | null {
    if (from === to) return [];
    this.log.noteIn2(this.log.r, to, from);
    // Distances toward `to` are computed once (a breadth-first search over the whole switch graph, which the hops
    // below account for); then each hop reads its switch's neighbours, noted as r(to, switch).
    this.silently(() => super.distance(from, to));
    this.routeTo = to;
    try {
      return super.route(from, to, hash);
    } finally {
      this.routeTo = null;
    }
  }
  override gateway(first: SwitchEl, vlan: number | null): Gateway {
    this.log.noteGateway(first, vlan);
    return this.silently(() => super.gateway(first, vlan));
  }
  private silently<T>(fn: () => T): T {
    const was = this.quiet;
    this.quiet = true;
    try {
      return fn();
    } finally {
      this.quiet = was;
    }
  }
}

/** The network `net` with every read noted in `log` (the router's own reads as it says). */
export function recordingNetwork(net: Network, log: DependencyLog, router: () => RecordingRouter): Network {
  const live = () => !router().quiet;
  const onVm = (k: string) => live() && log.noteIn(log.a, k);
  return {
    design: net.design,
    resources: net.resources,
    maxPayload: net.maxPayload,
    index: net.index,
    attachments: new NotingMap<Attachment[]>(net.attachments, onVm),
    foreignAttachments: new NotingMap<string[]>(net.foreignAttachments, onVm),
    pcieChain(id) {
      if (live()) log.noteIn(log.p, id);
      return net.pcieChain(id);
    },
    ethAt(element, port) {
      if (live()) log.noteIn2(log.e, element, port);
      return net.ethAt(element, port);
    },
    switchNeighbours(id) {
      const r = router();
      if (!r.quiet) {
        if (r.routeTo !== null) log.noteIn2(log.r, r.routeTo, id);
        else log.noteIn(log.n, id);
      }
      return net.switchNeighbours(id);
    },
    copyBudget: (h) => net.copyBudget(h),
    egress(id) {
      if (live()) log.noteIn(log.g, id);
      return net.egress(id);
    },
  };
}

const sameGateway = (x: Gateway, y: Gateway) => JSON.stringify(x) === JSON.stringify(y);

/**
 * Keys whose reads may answer differently once `removed` (links of the base network's design) are gone: `baseNet` is
 * the network before, `base` and `failed` the routers before and after; `switches` are every switch and extender id.
 */
export function changedKeys(log: DependencyLog, baseNet: Network, removed: ReadonlySet<string>, base: SwitchRouter, failed: SwitchRouter, switches: readonly string[]): Set<number> {
  const out = new Set<number>();
  const mark = (m: Map<string, number>, k: string) => {
    const id = m.get(k);
    if (id !== undefined) out.add(id);
  };
  const mark2 = (m: Map<string, Map<string, number>>, k1: string, k2: string) => {
    const id = m.get(k1)?.get(k2);
    if (id !== undefined) out.add(id);
  };
  const swDown = new Set<string>();
  let pcieDown = false;
  const links = baseNet.design.links;
  for (const id of removed) {
    const l = Object.hasOwn(links, id) ? links[id]! : undefined;
    if (!l) continue;
    if (l.kind === 'ethernet') {
      mark2(log.e, l.a.element, l.a.port);
      mark2(log.e, l.b.element, l.b.port);
      if (baseNet.switchNeighbours(l.a.element).some((n) => n.link.id === l.id)) swDown.add(l.a.element).add(l.b.element);
    } else if (l.kind === 'uplink' || l.kind === 'sChannel') mark(log.g, l.a.element);
    else if (l.kind === 'vnic' || l.kind === 'vf' || l.kind === 'passthrough') mark(log.a, l.a.element);
    else if (l.kind === 'pcie') pcieDown = true;
  }
  if (pcieDown) {
    // A chain changes exactly when one of its links goes (the walk takes the same parent links until then).
    for (const [dev, id] of log.p) if (baseNet.pcieChain(dev).some((c) => removed.has(baseNet.resources[c.down]!.ref))) out.add(id);
  }
  if (swDown.size === 0) return out;
  for (const s of swDown) mark(log.n, s);
  // A hop at `cur` toward `t` reads cur's distance and which neighbours are one hop nearer (route's filter, in
  // neighbour order). With cur's distance unchanged, that list changes only through a neighbour that was a next hop
  // over a removed link, or one whose distance changed into or out of "one hop nearer": only those are looked at.
  const lost = new Map<string, EthEnd[]>();
  for (const s of swDown) lost.set(s, baseNet.switchNeighbours(s).filter((n) => removed.has(n.link.id)));
  const elements = baseNet.design.elements;
  const targets = new Set([...log.r.keys(), ...log.d.keys()]);
  for (const t of targets) {
    const rows = log.r.get(t);
    const moved = new Map<string, [number | null, number | null]>();
    for (const x of switches) {
      const before = base.distance(x, t);
      const after = failed.distance(x, t);
      if (before === after) continue;
      mark2(log.d, t, x);
      moved.set(x, [before, after]);
    }
    if (!rows) continue;
    const nearer = (x: string, d: number | null, here: number) => d === here - 1 && (x === t || elements[x]?.kind !== 'fex');
    const hopChanged = (cur: string, movedNeighbours: readonly string[]): boolean => {
      const here = base.distance(cur, t);
      if (here !== failed.distance(cur, t)) return true;
      if (here === null) return false;
      for (const n of lost.get(cur) ?? []) if (nearer(n.far.element.id, base.distance(n.far.element.id, t), here)) return true;
      return movedNeighbours.some((x) => nearer(x, moved.get(x)![0], here) !== nearer(x, moved.get(x)![1], here));
    };
    // Switches whose hop may change: those that lost a link, moved, or neighbour one that moved (with those neighbours).
    const suspects = new Map<string, string[]>();
    for (const s of swDown) suspects.set(s, []);
    for (const x of moved.keys()) {
      if (!suspects.has(x)) suspects.set(x, []);
      for (const n of baseNet.switchNeighbours(x)) {
        const list = suspects.get(n.far.element.id);
        if (list) list.push(x);
        else suspects.set(n.far.element.id, [x]);
      }
    }
    for (const [cur, movedNeighbours] of suspects) {
      const id = rows.get(cur);
      if (id !== undefined && !out.has(id) && hopChanged(cur, movedNeighbours)) out.add(id);
    }
  }
  for (const w of log.w.values()) if (!sameGateway(base.gateway(w.first, w.vlan), failed.gateway(w.first, w.vlan))) out.add(w.key);
  return out;
}
