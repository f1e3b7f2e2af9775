/**
 * Resolves a flow to the resources it crosses, per bridging mode (DOMAIN.md §4):
 * - inside one host, only within one VLAN: the vSwitch's memory copy (VEB), or the NIC's embedded bridge for VFs of
 *   one port (the PCIe link once each way; the embedded bridge is per port / PF);
 * - VEPA: up to the adjacent bridge and back down the same port (reflective relay, dropped without it); two
 *   S-channels of one cable are two bridge ports there, so traffic between them is ordinary forwarding;
 * - VN-Tag / 802.1BR: turned at the controlling bridge, through any extender;
 * - between VLANs: routed at the VLAN's L3 gateway (the first switch above the host unless the design names the
 *   switches that route each VLAN), so it leaves the host even when both VMs share it;
 * - between hosts: shortest switch paths, equal-cost choices spread by a hash of the flow id; an MLAG pair delivers
 *   on the member link local to the switch the frame reached, so the peer link carries only orphan-port traffic.
 * A dropped flow names its cause and the elements whose configuration decides it; the validator reports on them.
 */
import type { Element, ElementOf } from '../model/elements';
import { torPortAt } from '../model/elements';
import { endAccess, type Access, type DropCause, type DropKind, type EgressPreference, type Refusal } from './access';
import type { EthEnd, Network } from './network';
import { SwitchRouter } from './router';

export { SwitchRouter } from './router';
export type { DropCause, DropKind } from './access';

/** A flow end: a VM (optionally one vNIC), a storage target, the outside world, or a host's hypervisor (migration streams). */
export type FlowEnd = { vm: string; vnic?: string } | { storage: string } | { host: string } | { external: true };

export interface FlowSpec {
  id: string;
  src: FlowEnd;
  dst: FlowEnd;
  /** Demand cap, Gb/s; null = as much as the network gives (elastic). */
  demandGbps: number | null;
}

export type PathMode = 'vswitch-local' | 'sriov-embedded' | 'vepa-hairpin' | 'vntag' | 'routed' | 'fabric';

export type Resolved =
  | { ok: true; resources: number[]; mode: PathMode; pcieCrossings: number }
  | { ok: false; mode: PathMode | null; reason: string; cause: DropCause };

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

const nameOf = (e: Element) => e.name || e.id;
const isFex = (el: Element) => el.kind === 'fex';
const isSwitch = (el: Element): el is ElementOf<'tor'> | ElementOf<'fex'> => el.kind === 'tor' || el.kind === 'fex';
const drop = (mode: PathMode | null, reason: string, kind: DropKind, elements: string[]): Resolved => ({ ok: false, mode, reason, cause: { kind, elements } });
const refused = (r: Refusal): Resolved => ({ ok: false, mode: null, reason: r.refused, cause: r.cause });

/** The controlling bridge of a fabric extender and the uplink toward it (chosen by hash). */
function fexUplink(net: Network, fexId: string, hash: number): EthEnd | null {
  const ups = net.switchNeighbours(fexId);
  return ups.length ? ups[hash % ups.length]! : null;
}

/**
 * The receiving end of an aggregated (LAG/MLAG) team: prefer the member cabled to the switch nearest to where the
 * frame entered the fabric. An MLAG pair forwards out of the member link local to the switch the frame arrived on
 * (Cisco vPC and Arista MLAG both forward locally and keep the peer link for orphan ports and flooding). A team that
 * is not aggregated has no such choice: the receiving VM is pinned to one uplink.
 */
function nearestMember(router: SwitchRouter, entry: string): EgressPreference {
  // NaN for a member outside any LAG: Math.min then gives NaN and the hash alone chooses, as for any unaggregated team.
  return (eth) => (!eth || eth.link.lag === null ? NaN : (router.distance(eth.far.element.id, entry) ?? Infinity));
}

/** Checks that the switch port a host's cable reaches carries the end's VLAN (its 802.1Q member set). */
function vlanRefusedAt(end: Access): Resolved | null {
  if (end.vlan === undefined || end.vlan === null || !end.eth) return null;
  const far = end.eth.far;
  if (far.element.kind !== 'tor') return null;
  // A breakout's sub-ports carry their port's allowed VLANs.
  const allowed = torPortAt(far.element, far.port)?.port.allowedVlans;
  if (allowed === undefined || allowed.includes(end.vlan)) return null;
  return drop('fabric', `dropped: ${nameOf(far.element)} port ${far.port} does not allow VLAN ${end.vlan}`, 'vlan-not-allowed', [far.element.id]);
}

/**
 * A VN-Tag / 802.1BR interface needs a controlling bridge at the other end of its cable (directly, or as the extender's
 * bridge): anything else does not understand the tag, so nothing is switched.
 */
function untagged(net: Network, end: Access): Resolved | null {
  if (end.station !== 'vntag' || !end.eth) return null;
  const far = end.eth.far.element;
  const cbId = far.kind === 'fex' ? far.controllingBridge : far.id;
  const cb = cbId !== null && Object.hasOwn(net.design.elements, cbId) ? net.design.elements[cbId] : undefined;
  if (cb?.kind === 'tor' && cb.controllingBridge) return null;
  const station = end.att?.kind === 'vswitch' ? end.att.vswitch.id : end.device.id;
  return drop('vntag', `dropped: ${nameOf(far)} ${far.kind === 'fex' ? 'has no controlling bridge' : 'is not a controlling bridge'}, so nothing switches VN-Tagged frames from ${end.att?.kind === 'vswitch' ? nameOf(end.att.vswitch) : nameOf(end.device)}`, 'no-controlling-bridge', [station, far.id]);
}

/** Resolves one flow. */
export function resolveFlow(net: Network, router: SwitchRouter, flow: FlowSpec): Resolved {
  const hash = flowHash(flow.id);
  const src = endAccess(net, flow.src, hash);
  if (src === 'external') return drop(null, 'a flow must start at a VM or a storage target', 'bad-flow', []);
  if ('refused' in src) return refused(src);
  const entry = src.eth?.far.element;
  const dst = endAccess(net, flow.dst, hash >>> 1, entry ? nearestMember(router, entry.id) : undefined);
  if (dst !== 'external' && 'refused' in dst) return refused(dst);

  // A bridge forwards only within a VLAN: ends on different VLANs meet at the L3 gateway (802.1Q §8.6).
  const routed = dst !== 'external' && src.vlan !== undefined && dst.vlan !== undefined && src.vlan !== dst.vlan;

  // Inside one host: the vSwitch, or the NIC's embedded bridge of one port.
  if (!routed && dst !== 'external' && src.att && dst.att && src.att.host === dst.att.host) {
    const local = resolveLocal(net, src, dst);
    if (local) return local;
  }

  const resources: number[] = src.chain.map((c) => c.down);
  if (!src.eth) return drop('fabric', `${nameOf(src.device)} ${src.port ?? ''} is not cabled to a switch`.trim(), 'uncabled', [src.device.id]);
  const srcVlan = vlanRefusedAt(src) ?? untagged(net, src);
  if (srcVlan) return srcVlan;
  resources.push(src.eth.out);
  const s1 = src.eth.far.element;
  let mode: PathMode = routed ? 'routed' : src.station === 'vntag' ? 'vntag' : 'fabric';
  const notSwitch = (a: Access, far: Element) => drop(mode, `${nameOf(a.device)} ${a.port} is cabled to ${nameOf(far)}, not to a switch, so nothing forwards or routes its traffic`, 'no-switch', [a.device.id, far.id]);

  if (dst === 'external') {
    if (!isSwitch(s1)) return notSwitch(src, s1);
    // Leaving the VLAN: to its gateway, then to the fabric's exit (a spine when there are spines).
    let from: string = s1.id;
    if (src.vlan !== undefined) {
      const g = router.gateway(s1, src.vlan);
      if (!g.ok) return drop('routed', `dropped: ${g.reason}`, 'no-gateway', g.elements);
      const r = router.route(s1.id, g.switch, hash);
      if (!r) return drop('routed', `no path from ${nameOf(s1)} to the gateway ${g.switch}`, 'no-switch-path', [s1.id, g.switch]);
      resources.push(...r);
      from = g.switch;
    }
    const spines = Object.values(net.design.elements).filter((e) => e.kind === 'tor' && e.tier === 'spine');
    const exit = spines.length ? spines[hash % spines.length]!.id : from;
    const r = router.route(from, exit, hash);
    if (!r) return drop(mode, `no path from ${from} to the fabric exit ${exit}`, 'no-switch-path', [from, exit]);
    resources.push(...r);
    return { ok: true, resources, mode, pcieCrossings: src.chain.length ? 1 : 0 };
  }
  if (!dst.eth) return drop(mode, `${nameOf(dst.device)} ${dst.port ?? ''} is not cabled to a switch`.trim(), 'uncabled', [dst.device.id]);
  const dstVlan = vlanRefusedAt(dst) ?? untagged(net, dst);
  if (dstVlan) return dstVlan;
  const s2 = dst.eth.far.element;

  if (routed) {
    if (!isSwitch(s1)) return notSwitch(src, s1);
    if (!isSwitch(s2)) return notSwitch(dst, s2);
    const middle = routedMiddle(router, s1, s2, src.vlan ?? null, dst.vlan ?? null, hash);
    if (!middle.ok) return middle.resolved;
    resources.push(...middle.resources);
  } else if (src.eth.link.id === dst.eth.link.id) {
    // Both ends share the NIC port: the frame must come back down the cable it went up.
    if (isFex(s1)) {
      const up = fexUplink(net, s1.id, hash);
      if (!up) return drop(mode, `fabric extender ${nameOf(s1)} has no uplink to a controlling bridge`, 'fex-no-uplink', [s1.id]);
      resources.push(up.out, up.in);
      mode = 'vntag';
    } else if (src.station === 'vntag' && s1.kind === 'tor' && s1.controllingBridge) {
      mode = 'vntag';
    } else if (src.channel && dst.channel && src.channel.id !== dst.channel.id && src.channel.svid !== dst.channel.svid) {
      // Two S-channels end on two bridge ports at the adjacent bridge: ordinary forwarding, no relay (802.1Qbg §40).
      mode = 'fabric';
    } else if (s1.kind === 'tor') {
      const swPort = torPortAt(s1, src.eth.far.port);
      mode = 'vepa-hairpin';
      if (!swPort?.live || !swPort.port.reflectiveRelay) {
        return drop(mode, `dropped: ${nameOf(s1)} port ${src.eth.far.port} has reflective relay off, so frames cannot return to the host they came from`, 'relay-off', [s1.id]);
      }
    }
  } else if (isFex(s1) && s1.id === s2.id) {
    const up = fexUplink(net, s1.id, hash);
    if (!up) return drop(mode, `fabric extender ${nameOf(s1)} has no uplink to a controlling bridge`, 'fex-no-uplink', [s1.id]);
    resources.push(up.out, up.in);
  } else {
    const r = router.route(s1.id, s2.id, hash);
    if (!r) return drop(mode, `no switch path from ${nameOf(s1)} to ${nameOf(s2)}`, 'no-switch-path', [s1.id, s2.id]);
    resources.push(...r);
  }
  resources.push(dst.eth.in);
  for (const c of dst.chain) resources.push(c.up);
  return { ok: true, resources, mode, pcieCrossings: (src.chain.length ? 1 : 0) + (dst.chain.length ? 1 : 0) };
}

/**
 * The switch part of a routed flow: to the source VLAN's gateway, from there to the destination VLAN's gateway (the
 * same switch when it routes both VLANs), then bridged down to the destination's switch.
 */
function routedMiddle(
  router: SwitchRouter,
  s1: ElementOf<'tor'> | ElementOf<'fex'>,
  s2: ElementOf<'tor'> | ElementOf<'fex'>,
  srcVlan: number | null,
  dstVlan: number | null,
  hash: number,
): { ok: true; resources: number[] } | { ok: false; resolved: Resolved } {
  const fail = (reason: string, kind: DropKind, elements: string[]) => ({ ok: false as const, resolved: drop('routed', reason, kind, elements) });
  const g1 = router.gateway(s1, srcVlan);
  if (!g1.ok) return fail(`dropped: ${g1.reason}`, 'no-gateway', g1.elements);
  const g2 = router.gateway(s2, dstVlan);
  if (!g2.ok) return fail(`dropped: ${g2.reason}`, 'no-gateway', g2.elements);
  // With the design's default (every first switch routes every VLAN), the source's gateway routes straight into the
  // destination VLAN; with named gateways, it does when it routes that VLAN too.
  const viaG1 = router.gateway(s1, dstVlan);
  const g1RoutesDst = g1.switch === g2.switch || (viaG1.ok && viaG1.switch === g1.switch);
  const hops: string[] = g1RoutesDst ? [s1.id, g1.switch, s2.id] : [s1.id, g1.switch, g2.switch, s2.id];
  const resources: number[] = [];
  for (let i = 0; i + 1 < hops.length; i++) {
    const r = router.route(hops[i]!, hops[i + 1]!, hash);
    if (!r) return fail(`no switch path from ${hops[i]} to ${hops[i + 1]}`, 'no-switch-path', [hops[i]!, hops[i + 1]!]);
    resources.push(...r);
  }
  return { ok: true, resources };
}

/** Same-host paths that never leave the host, or null when the flow has to go out to the bridge. */
function resolveLocal(net: Network, src: Access, dst: Access): Resolved | null {
  const a = src.att!;
  const b = dst.att!;
  const copy = net.copyBudget(a.host);
  if (a.kind === 'vswitch' && b.kind === 'vswitch' && a.vswitch.id === b.vswitch.id && src.station === 'veb' && dst.station === 'veb') {
    return { ok: true, resources: copy === null ? [] : [copy], mode: 'vswitch-local', pcieCrossings: 0 };
  }
  // The embedded bridge is per port (i40e builds one VEB per PF, ixgbe loops back per port, mlx5 sets the e-switch
  // mode per PF): only ends on the same port of the same device meet inside the NIC.
  const samePort = src.device.id === dst.device.id && src.port === dst.port;
  const bothVeb = src.station === 'veb' && dst.station === 'veb';
  if (samePort && bothVeb && (a.kind === 'vf' || b.kind === 'vf')) {
    // Turned by the NIC's embedded bridge: read from memory (down) and written back (up) on every PCIe hop.
    const resources = [...src.chain.map((c) => c.down), ...dst.chain.map((c) => c.up)];
    // A vSwitch end also pays its memory copy.
    if ((a.kind === 'vswitch' || b.kind === 'vswitch') && copy !== null) resources.push(copy);
    return { ok: true, resources, mode: 'sriov-embedded', pcieCrossings: 2 };
  }
  return null;
}
