/**
 * Where a VM's vNIC meets the bridge that associates its VSI through VDP (IEEE 802.1Qbg-2012 clause 41): the adjacent
 * ToR port of each VEPA uplink or S-channel of its virtual switch, the port of a VEPA embedded bridge's PF, or the
 * controlling bridge of a VN-Tag / 802.1BR edge. Shared by rule EVB-003 (rules/vsi.ts) and the simulator's migration
 * edge update (sim/simulate-migrations.ts), so that both judge an association the same way.
 */
import type { Design } from '../model/design';
import { getElement, indexDesign } from '../model/design';
import { parseVfPort, pfEthernetPort, type Element, type ElementOf } from '../model/elements';
import type { Link } from '../model/links';
import { adjacentPort, isVepa } from './rules/evb';

/** What the helpers read: a host context (which records reads outside the host) or a whole design. */
export interface EdgeView {
  element(id: string): Element | undefined;
  linksOf(id: string): readonly Link[];
  external(id: string): Element | undefined;
}

/** One way a vNIC's frames reach a bridge that runs VDP for it. */
export interface VsiEdge {
  mode: 'vepa' | 'vntag';
  /** The bridge that associates the VSI: the adjacent ToR, or for VN-Tag through an extender its controlling bridge. */
  bridge: ElementOf<'tor'>;
  /** The switch port cabled to the NIC port (the extender's port for VN-Tag through a FEX). */
  port: string;
  /** Index into `bridge.ports` when the cable ends on the bridge itself; null through an extender. */
  torIndex: number | null;
  /**
   * Whether VDP can run there. For VEPA the port must hold the EVB bridge role: ECP, which carries VDP, starts only once
   * the EVB TLV has been exchanged (lldpad lldp_evb22.c, qbg/ecp22.c). A VN-Tag controlling bridge always runs its own.
   */
  vdp: boolean;
  /** The uplink or S-channel (or VF) link and the cable. */
  links: string[];
}

/** How a vNIC reaches the network: not at all, through a VEB (no VDP), or through VDP edges (possibly none reached). */
export type VnicEdge = { kind: 'none' } | { kind: 'veb'; via: string } | { kind: 'vdp'; via: string; edges: VsiEdge[] };

function edgeOf(view: EdgeView, mode: VsiEdge['mode'], nic: string, nicPort: string, link: string): VsiEdge | null {
  const adj = adjacentPort(view, nic, nicPort);
  if (!adj) return null;
  if (mode === 'vepa') {
    // A VEPA station cabled to an extender is EVB-002's error: no bridge is there to associate anything.
    if (adj.sw.kind !== 'tor') return null;
    const port = adj.torIndex === null ? undefined : adj.sw.ports[adj.torIndex];
    return { mode, bridge: adj.sw, port: adj.port, torIndex: adj.torIndex, vdp: port?.evb === true, links: [link, adj.link.id] };
  }
  const bridge = adj.sw.kind === 'tor' ? adj.sw : adj.sw.controllingBridge ? view.external(adj.sw.controllingBridge) : undefined;
  // No controlling bridge at all is EVB-002's (or FEX-001's) finding.
  if (bridge?.kind !== 'tor' || !bridge.controllingBridge) return null;
  return { mode, bridge, port: adj.port, torIndex: adj.sw.kind === 'tor' ? adj.torIndex : null, vdp: true, links: [link, adj.link.id] };
}

/** The VDP edges of a virtual switch's VEPA or VN-Tag attachments (VEB S-channels and uncabled ports have none). */
export function switchEdge(view: EdgeView, vs: ElementOf<'vswitch'>): VnicEdge {
  if (vs.evbMode === 'veb') return { kind: 'veb', via: vs.id };
  const edges: VsiEdge[] = [];
  let vepaChannels = 0;
  for (const l of view.linksOf(vs.id)) {
    if ((l.kind !== 'uplink' && l.kind !== 'sChannel') || l.a.element !== vs.id) continue;
    const mode = vs.evbMode === 'vntag' ? 'vntag' : isVepa(vs, l) ? 'vepa' : null;
    if (mode === null) continue;
    vepaChannels++;
    const e = edgeOf(view, mode, l.b.element, l.b.port, l.id);
    if (e) edges.push(e);
  }
  // A multichannel switch whose every channel is VEB switches locally: no VDP runs for it.
  const hasAttachments = view.linksOf(vs.id).some((l) => (l.kind === 'uplink' || l.kind === 'sChannel') && l.a.element === vs.id);
  if (hasAttachments && vepaChannels === 0) return { kind: 'veb', via: vs.id };
  return { kind: 'vdp', via: vs.id, edges };
}

/** How one vNIC of a VM reaches its bridge: through its virtual switch, or through a VF of a NIC's embedded bridge. */
export function vnicEdge(view: EdgeView, vm: ElementOf<'vm'>, vnic: string): VnicEdge {
  for (const l of view.linksOf(vm.id)) {
    if (l.a.element !== vm.id || l.a.port !== vnic) continue;
    const target = view.element(l.b.element);
    if (l.kind === 'vnic' && target?.kind === 'vswitch') return switchEdge(view, target);
    if (l.kind === 'vf' && target?.kind === 'nic') {
      const vf = parseVfPort(l.b.port);
      if (!vf) continue;
      if (target.embeddedBridge !== 'vepa') return { kind: 'veb', via: target.id };
      const e = edgeOf(view, 'vepa', target.id, pfEthernetPort(target, vf.pf), l.id);
      return { kind: 'vdp', via: target.id, edges: e ? [e] : [] };
    }
  }
  return { kind: 'none' };
}

const viewCache = new WeakMap<Design, EdgeView>();

/** The helpers' view of a whole design (the simulator's), built once per design. */
export function designEdgeView(d: Design): EdgeView {
  let v = viewCache.get(d);
  if (!v) {
    const { linksOf } = indexDesign(d);
    const element = (id: string) => getElement(d, id);
    v = { element, external: element, linksOf: (id) => (linksOf.get(id) ?? []).map((l) => d.links[l]!) };
    viewCache.set(d, v);
  }
  return v;
}
