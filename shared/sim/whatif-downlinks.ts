/**
 * The links one failure takes down, as applyFailures (failures.ts) decides them, from indexes built once per design:
 * applyFailures scans every link of the design per call, which is most of a what-if run's cost on a large fabric
 * once paths are reused (whatif-incremental.ts). Same rules, same first-match choices (links in design order).
 */
import type { Design } from '../model/design';
import type { Link } from '../model/links';
import { hostOf, type Failure } from './failures';

export interface FailureIndex {
  /** Link ids one failure takes down (on its own, before the scenario's failures are added), and the host it takes down. */
  linksDown(f: Failure): { links: string[]; host: string | null };
}

const endKey = (element: string, port: string) => `${element}\u0000${port}`;

export function failureIndex(d: Design): FailureIndex {
  const byElement = new Map<string, string[]>();
  const byHost = new Map<string, string[]>();
  // The first Ethernet cable on each port, and the first uplink or S-channel per (virtual switch, uplink port).
  const cable = new Map<string, Link>();
  const uplink = new Map<string, Link>();
  const push = (m: Map<string, string[]>, k: string, id: string) => {
    const list = m.get(k);
    if (list) list.push(id);
    else m.set(k, [id]);
  };
  const hosts = new Map<string, string | null>();
  const hostOfCached = (id: string) => {
    let h = hosts.get(id);
    if (h === undefined) hosts.set(id, (h = hostOf(d, id)));
    return h;
  };
  for (const l of Object.values(d.links)) {
    push(byElement, l.a.element, l.id);
    if (l.b.element !== l.a.element) push(byElement, l.b.element, l.id);
    const ha = hostOfCached(l.a.element);
    const hb = hostOfCached(l.b.element);
    if (ha !== null) push(byHost, ha, l.id);
    if (hb !== null && hb !== ha) push(byHost, hb, l.id);
    if (l.kind === 'ethernet') {
      for (const k of [endKey(l.a.element, l.a.port), endKey(l.b.element, l.b.port)]) if (!cable.has(k)) cable.set(k, l);
    }
    if (l.kind === 'uplink' || l.kind === 'sChannel') {
      const k = endKey(l.a.element, l.a.port);
      if (!uplink.has(k)) uplink.set(k, l);
    }
  }
  const kindOf = (id: string) => (Object.hasOwn(d.elements, id) ? d.elements[id]!.kind : undefined);
  const cableAt = (element: string, port: string) => cable.get(endKey(element, port));
  return {
    linksDown(f) {
      if ('link' in f) return { links: Object.hasOwn(d.links, f.link) ? [f.link] : [], host: null };
      if ('switch' in f) return { links: byElement.get(f.switch) ?? [], host: null };
      if ('nic' in f) {
        const l = cableAt(f.nic, f.port);
        return { links: l ? [l.id] : [], host: null };
      }
      if ('vswitch' in f) {
        const u = uplink.get(endKey(f.vswitch, f.uplink));
        const l = u ? cableAt(u.b.element, u.b.port) : undefined;
        return { links: l ? [l.id] : [], host: null };
      }
      if (kindOf(f.host) !== 'host') return { links: [], host: null };
      return { links: byHost.get(f.host) ?? [], host: f.host };
    },
  };
}
