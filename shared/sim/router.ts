/**
 * Switch-to-switch routes over the Ethernet fabric (shortest paths, equal-cost choices spread by the flow's hash),
 * and where each VLAN is routed (its L3 gateway). A fabric extender is a line card of its controlling bridge: traffic
 * may start or end at one but never passes through it, and it routes nothing.
 */
import type { ElementOf } from '../model/elements';
import type { EthEnd, Network } from './network';

/** Untagged frames belong to the port's native VLAN, 1 unless configured (IEEE 802.1Q-2018 §12.10.1.2, PVID default 1). */
export const NATIVE_VLAN = 1;

/** The gateway of a VLAN seen from one switch, or why there is none. */
export type Gateway = { ok: true; switch: string } | { ok: false; reason: string; elements: string[] };

export class SwitchRouter {
  private readonly dist = new Map<string, Map<string, number>>();
  /**
   * Per target, per switch: the neighbours one hop closer to it (what `route` chooses among by hash), built on first use,
   * with the neighbour list they were filtered from.
   */
  private readonly nextHops = new Map<string, Map<string, { all: readonly EthEnd[]; next: EthEnd[] }>>();
  private readonly gateways = new Map<string, Gateway>();
  private explicit: ElementOf<'tor'>[] | null = null;
  constructor(private readonly net: Network) {}

  private distancesTo(target: string): Map<string, number> {
    let d = this.dist.get(target);
    if (d) return d;
    d = new Map([[target, 0]]);
    const queue = [target];
    for (let qi = 0; qi < queue.length; qi++) {
      const cur = queue[qi]!;
      if (cur !== target && this.net.design.elements[cur]?.kind === 'fex') continue;
      for (const n of this.net.switchNeighbours(cur)) {
        const id = n.far.element.id;
        if (!d.has(id)) {
          d.set(id, d.get(cur)! + 1);
          queue.push(id);
        }
      }
    }
    this.dist.set(target, d);
    return d;
  }

  /** Hops from switch `from` to switch `to`, or null when they are not connected. */
  distance(from: string, to: string): number | null {
    return this.distancesTo(to).get(from) ?? null;
  }

  /** Resources from switch `from` to switch `to`, or null when they are not connected. */
  route(from: string, to: string, hash: number): number[] | null {
    if (from === to) return [];
    const d = this.distancesTo(to);
    if (!d.has(from)) return null;
    let hops = this.nextHops.get(to);
    if (!hops) this.nextHops.set(to, (hops = new Map()));
    const out: number[] = [];
    let cur = from;
    let h = hash;
    while (cur !== to) {
      // The choices at a switch depend only on the target: 200,000 flows over a few hundred switches share them. Each
      // hop still asks the network for the switch's neighbours, so that a recording network (whatif-deps.ts) notes it.
      const all = this.net.switchNeighbours(cur);
      let hop = hops.get(cur);
      if (hop?.all !== all) {
        const here = d.get(cur)!;
        hop = { all, next: all.filter((n) => d.get(n.far.element.id) === here - 1 && (n.far.element.id === to || n.far.element.kind !== 'fex')) };
        hops.set(cur, hop);
      }
      const next = hop.next;
      if (next.length === 0) return null;
      const pick = next[h % next.length]!;
      h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
      out.push(pick.out);
      cur = pick.far.element.id;
    }
    return out;
  }

  /** Switches that declare the VLANs they route, or an empty list when none does (the default design). */
  private routers(): ElementOf<'tor'>[] {
    if (this.explicit) return this.explicit;
    const list: ElementOf<'tor'>[] = [];
    for (const e of Object.values(this.net.design.elements)) if (e.kind === 'tor' && e.routedVlans !== undefined) list.push(e);
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return (this.explicit = list);
  }

  /**
   * The L3 gateway of `vlan` (null = untagged, the native VLAN) for traffic entering the fabric at switch `first`.
   * By default the first switch above the host routes (a ToR SVI); a fabric extender routes nothing, so its
   * controlling bridge does. Once the design names the VLANs each switch routes, the nearest switch routing the
   * VLAN is the gateway (ties by id), and a VLAN that none routes has no gateway.
   */
  gateway(first: ElementOf<'tor'> | ElementOf<'fex'>, vlan: number | null): Gateway {
    const v = vlan ?? NATIVE_VLAN;
    const key = `${first.id}\u0000${v}`;
    let g = this.gateways.get(key);
    if (!g) this.gateways.set(key, (g = this.findGateway(first, v)));
    return g;
  }

  private findGateway(first: ElementOf<'tor'> | ElementOf<'fex'>, v: number): Gateway {
    const routers = this.routers();
    const name = first.name || first.id;
    if (routers.length === 0) {
      if (first.kind === 'tor') return { ok: true, switch: first.id };
      const up = this.net.switchNeighbours(first.id)[0];
      if (!up) return { ok: false, reason: `fabric extender ${name} has no uplink to a controlling bridge, so nothing routes VLAN ${v}`, elements: [first.id] };
      return { ok: true, switch: up.far.element.id };
    }
    const d = this.distancesTo(first.id);
    let best: ElementOf<'tor'> | null = null;
    let bestD = Infinity;
    for (const r of routers) {
      if (!r.routedVlans!.includes(v)) continue;
      const x = d.get(r.id);
      if (x !== undefined && x < bestD) {
        best = r;
        bestD = x;
      }
    }
    if (best) return { ok: true, switch: best.id };
    const anywhere = routers.some((r) => r.routedVlans!.includes(v));
    return {
      ok: false,
      reason: anywhere ? `VLAN ${v} is routed only on switches ${name} cannot reach` : `VLAN ${v} has no L3 gateway: no switch routes it`,
      elements: [first.id],
    };
  }
}
