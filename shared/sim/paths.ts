/**
 * Resolves a flow to the resources it crosses, per bridging mode (DOMAIN.md §4): vSwitch-local copies,
 * SR-IOV VF-to-VF turning in the NIC (the PCIe link once each way), VEPA hairpins at the adjacent bridge
 * (dropped without reflective relay), VN-Tag turned at the controlling bridge through any extender, and
 * fabric paths between hosts (equal-cost choices spread by a hash of the flow id).
 */
import type { Element, ElementOf } from '../model/elements';
import { numberedPortIndex } from '../model/elements';
import type { Attachment, EthEnd, Network } from './network';

/** A flow end: a VM (optionally one vNIC), a storage target, the outside world, or a host's hypervisor (migration streams). */
export type FlowEnd = { vm: string; vnic?: string } | { storage: string } | { host: string } | { external: true };

export interface FlowSpec {
  id: string;
  src: FlowEnd;
  dst: FlowEnd;
  /** Demand cap, Gb/s; null = as much as the network gives (elastic). */
  demandGbps: number | null;
}

export type PathMode = 'vswitch-local' | 'sriov-embedded' | 'vepa-hairpin' | 'vntag' | 'fabric';

export type Resolved =
  | { ok: true; resources: number[]; mode: PathMode; pcieCrossings: number }
  | { ok: false; mode: PathMode | null; reason: string };

/**
 * A stable spread of flows over equal-cost choices: FNV-1a, then a murmur3 finaliser so that the low bits
 * (which `hash % n` reads) depend on every character; plain FNV-1a's parity follows the last bytes only.
 */
export function flowHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

interface Access {
  /** The device whose port leaves the host (NIC), or the storage target / switch itself. */
  device: Element;
  port: string | null;
  eth: EthEnd | null;
  /** PCIe resources between memory and the device ([] for storage and external ends). */
  chain: { down: number; up: number }[];
  /** Bridging decision at the station: 'veb', 'vepa' or 'vntag' (VM ends only). */
  station: 'veb' | 'vepa' | 'vntag' | null;
  att: Attachment | null;
}

function attachmentOf(net: Network, end: { vm: string; vnic?: string }): Attachment | string {
  const list = net.attachments.get(end.vm);
  if (!list?.length) return `VM ${end.vm} has no vNIC attached to a virtual switch or VF`;
  return (end.vnic ? list.find((a) => a.vnic === end.vnic) : list[0]) ?? `VM ${end.vm} has no vNIC ${end.vnic}`;
}

function vmAccess(net: Network, att: Attachment, hash: number): Access | string {
  if (att.kind === 'vf') {
    const dev = att.device;
    const port = dev.kind === 'nic' ? (numberedPortIndex(`eth${att.pf}`, 'eth', dev.ports) !== null ? `eth${att.pf}` : 'eth0') : null;
    const station = dev.kind === 'nic' ? dev.embeddedBridge : 'veb';
    return { device: dev, port, eth: port ? net.ethAt(dev.id, port) : null, chain: net.pcieChain(dev.id), station, att };
  }
  return switchAccess(net, att.vswitch, hash, att);
}

/** Access through a virtual switch's uplinks (one chosen by hash), for a VM or the hypervisor itself. */
function switchAccess(net: Network, vs: ElementOf<'vswitch'>, hash: number, att: Attachment | null): Access | string {
  const mode = vs.evbMode;
  const out = net.egress(vs.id);
  if (out.length === 0) return { device: vs, port: null, eth: null, chain: [], station: mode === 'vntag' ? 'vntag' : mode === 'veb' ? 'veb' : 'vepa', att };
  const e = out[hash % out.length]!;
  const nic = net.design.elements[e.nic];
  if (!nic) return `uplink of ${vs.id} ends at a missing NIC`;
  const station = e.channel ? e.channel.mode : mode === 'vntag' ? 'vntag' : mode === 'veb' ? 'veb' : 'vepa';
  return { device: nic, port: e.port, eth: net.ethAt(nic.id, e.port), chain: net.pcieChain(nic.id), station, att };
}

function endAccess(net: Network, end: FlowEnd, hash: number): Access | string {
  if ('vm' in end) {
    const att = attachmentOf(net, end);
    return typeof att === 'string' ? att : vmAccess(net, att, hash);
  }
  if ('storage' in end) {
    const st = net.design.elements[end.storage];
    if (st?.kind !== 'storage') return `storage target ${end.storage} does not exist`;
    const cabled: string[] = [];
    for (let i = 0; i < st.ports; i++) if (net.ethAt(st.id, `p${i}`)) cabled.push(`p${i}`);
    if (cabled.length === 0) return `storage target ${st.name || st.id} is not cabled`;
    const port = cabled[hash % cabled.length]!;
    return { device: st, port, eth: net.ethAt(st.id, port), chain: [], station: null, att: null };
  }
  if ('host' in end) {
    // The hypervisor's own traffic (vMotion) leaves through the first virtual switch that has an uplink.
    const h = net.design.elements[end.host];
    if (h?.kind !== 'host') return `host ${end.host} does not exist`;
    for (const vs of Object.values(net.design.elements)) {
      if (vs.kind !== 'vswitch' || vs.parent !== h.id || net.egress(vs.id).length === 0) continue;
      return switchAccess(net, vs, hash, null);
    }
    return `host ${h.name || h.id} has no virtual switch with an uplink to carry migration traffic`;
  }
  return 'external';
}

/** Switch route between two switches as resources; FEX never switches between its own host ports. */
export class SwitchRouter {
  private readonly dist = new Map<string, Map<string, number>>();
  constructor(private readonly net: Network) {}

  private distancesTo(target: string): Map<string, number> {
    let d = this.dist.get(target);
    if (d) return d;
    d = new Map([[target, 0]]);
    const queue = [target];
    for (let qi = 0; qi < queue.length; qi++) {
      const cur = queue[qi]!;
      // A fabric extender is a line card: traffic may start or end at it but never pass through it.
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

  /** Resources from switch `from` to switch `to`, or null when they are not connected. */
  route(from: string, to: string, hash: number): number[] | null {
    if (from === to) return [];
    const d = this.distancesTo(to);
    if (!d.has(from)) return null;
    const out: number[] = [];
    let cur = from;
    let h = hash;
    while (cur !== to) {
      const here = d.get(cur)!;
      const next = this.net.switchNeighbours(cur).filter((n) => d.get(n.far.element.id) === here - 1 && (n.far.element.id === to || n.far.element.kind !== 'fex'));
      if (next.length === 0) return null;
      const pick = next[h % next.length]!;
      h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
      out.push(pick.out);
      cur = pick.far.element.id;
    }
    return out;
  }
}

const isFex = (el: Element) => el.kind === 'fex';

/** The controlling bridge of a fabric extender and the uplink toward it (chosen by hash). */
function fexUplink(net: Network, fexId: string, hash: number): EthEnd | null {
  const ups = net.switchNeighbours(fexId);
  return ups.length ? ups[hash % ups.length]! : null;
}

/** Resolves one flow. */
export function resolveFlow(net: Network, router: SwitchRouter, flow: FlowSpec): Resolved {
  const hash = flowHash(flow.id);
  const src = endAccess(net, flow.src, hash);
  const dst = endAccess(net, flow.dst, hash >>> 1);
  if (typeof src === 'string' && src !== 'external') return { ok: false, mode: null, reason: src };
  if (typeof dst === 'string' && dst !== 'external') return { ok: false, mode: null, reason: dst };
  if (src === 'external') return { ok: false, mode: null, reason: 'a flow must start at a VM or a storage target' };

  // Inside one host: the vSwitch, the NIC's embedded bridge, or a hairpin at the adjacent bridge.
  if (dst !== 'external' && src.att && dst.att && src.att.host === dst.att.host) {
    const local = resolveLocal(net, src, dst);
    if (local) return local;
  }

  const resources: number[] = src.chain.map((c) => c.down);
  if (!src.eth) return { ok: false, mode: 'fabric', reason: `${src.device.name || src.device.id} ${src.port ?? ''} is not cabled to a switch`.trim() };
  resources.push(src.eth.out);
  const s1 = src.eth.far.element;
  let mode: PathMode = src.station === 'vntag' ? 'vntag' : 'fabric';

  if (dst === 'external') {
    const spines = Object.values(net.design.elements).filter((e) => e.kind === 'tor' && e.tier === 'spine');
    const exit = spines.length ? spines[hash % spines.length]!.id : s1.id;
    const r = router.route(s1.id, exit, hash);
    if (!r) return { ok: false, mode, reason: `no path from ${s1.name || s1.id} to the fabric exit ${exit}` };
    resources.push(...r);
    return { ok: true, resources, mode, pcieCrossings: src.chain.length ? 1 : 0 };
  }
  if (!dst.eth) return { ok: false, mode, reason: `${dst.device.name || dst.device.id} ${dst.port ?? ''} is not cabled to a switch`.trim() };
  const s2 = dst.eth.far.element;

  const samePort = src.eth.link.id === dst.eth.link.id;
  if (samePort) {
    // Both ends share the NIC port: the frame must come back down the port it went up.
    if (isFex(s1)) {
      const up = fexUplink(net, s1.id, hash);
      if (!up) return { ok: false, mode, reason: `fabric extender ${s1.name || s1.id} has no uplink to a controlling bridge` };
      resources.push(up.out, up.in);
      mode = 'vntag';
    } else if (src.station === 'vntag' && s1.kind === 'tor' && s1.controllingBridge) {
      mode = 'vntag';
    } else if (s1.kind === 'tor') {
      const i = numberedPortIndex(src.eth.far.port, 'p', s1.ports.length);
      mode = 'vepa-hairpin';
      if (i === null || !s1.ports[i]!.reflectiveRelay) {
        return { ok: false, mode, reason: `dropped: ${s1.name || s1.id} port ${src.eth.far.port} has reflective relay off, so frames cannot return to the host they came from` };
      }
    }
  } else {
    if (isFex(s1) && s1.id === s2.id) {
      const up = fexUplink(net, s1.id, hash);
      if (!up) return { ok: false, mode, reason: `fabric extender ${s1.name || s1.id} has no uplink to a controlling bridge` };
      resources.push(up.out, up.in);
    } else {
      const r = router.route(s1.id, s2.id, hash);
      if (!r) return { ok: false, mode, reason: `no switch path from ${s1.name || s1.id} to ${s2.name || s2.id}` };
      resources.push(...r);
    }
  }
  resources.push(dst.eth.in);
  for (const c of dst.chain) resources.push(c.up);
  return { ok: true, resources, mode, pcieCrossings: (src.chain.length ? 1 : 0) + (dst.chain.length ? 1 : 0) };
}

/** Same-host paths that never leave the host, or null when the flow has to go out to the bridge. */
function resolveLocal(net: Network, src: Access, dst: Access): Resolved | null {
  const a = src.att!;
  const b = dst.att!;
  const copy = net.copyBudget(a.host);
  if (a.kind === 'vswitch' && b.kind === 'vswitch' && a.vswitch.id === b.vswitch.id && src.station === 'veb' && dst.station === 'veb') {
    return { ok: true, resources: copy === null ? [] : [copy], mode: 'vswitch-local', pcieCrossings: 0 };
  }
  const sameDevice = src.device.id === dst.device.id;
  const bothVeb = src.station === 'veb' && dst.station === 'veb';
  if (sameDevice && bothVeb && (a.kind === 'vf' || b.kind === 'vf')) {
    // Turned by the NIC's embedded bridge: read from memory (down) and written back (up) on every PCIe hop.
    const resources = [...src.chain.map((c) => c.down), ...dst.chain.map((c) => c.up)];
    // A vSwitch end also pays its memory copy.
    if ((a.kind === 'vswitch' || b.kind === 'vswitch') && copy !== null) resources.push(copy);
    return { ok: true, resources, mode: 'sriov-embedded', pcieCrossings: 2 };
  }
  return null;
}
