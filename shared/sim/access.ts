/**
 * How each end of a flow reaches the network: the device whose port leaves the host (a NIC for VMs and the
 * hypervisor, the target itself for storage), the PCIe hops between memory and that device, the cable on the port,
 * the bridging decision at the station (VEB / VEPA / VN-Tag, per S-channel where channels are used) and the VLAN the
 * end's frames carry.
 */
import type { Element, ElementOf } from '../model/elements';
import { pfEthernetPort } from '../model/elements';
import type { LinkOf } from '../model/links';
import type { Attachment, Egress, EthEnd, Network } from './network';
import { TEAM_FACTS } from '../model/teaming';
import type { FlowEnd } from './paths';

/** Why a flow cannot be carried, and the elements whose configuration decides it (the validator reports on them). */
export type DropKind =
  | 'unknown-end'
  | 'no-attachment'
  | 'not-in-host'
  | 'foreign-attachment'
  | 'vlan-refused'
  | 'uncabled'
  | 'no-switch'
  | 'relay-off'
  | 'no-gateway'
  | 'vlan-not-allowed'
  | 'no-switch-path'
  | 'fex-no-uplink'
  | 'no-controlling-bridge'
  | 'no-migration-uplink'
  | 'bad-flow';

export interface DropCause {
  kind: DropKind;
  elements: string[];
}

/** A reason with its cause, or an access. */
export interface Refusal {
  refused: string;
  cause: DropCause;
}

export interface Access {
  /** The device whose port leaves the host (NIC), or the storage target / switch itself. */
  device: Element;
  port: string | null;
  eth: EthEnd | null;
  /** PCIe resources between memory and the device ([] for storage and external ends). */
  chain: { down: number; up: number }[];
  /** Bridging decision at the station: 'veb', 'vepa' or 'vntag' (VM ends only). */
  station: 'veb' | 'vepa' | 'vntag' | null;
  att: Attachment | null;
  /** The S-channel the end uses (multichannel), each its own bridge port at the adjacent bridge. */
  channel: LinkOf<'sChannel'> | null;
  /** VLAN of the end's frames (null = untagged); undefined for ends the model keeps outside VLANs (storage, hypervisor). */
  vlan: number | null | undefined;
}

/** Scores an egress port for a flow end (lower is preferred); used to keep MLAG traffic on the local member. */
export type EgressPreference = (eth: EthEnd | null) => number;

const refuse = (refused: string, kind: DropKind, elements: string[]): Refusal => ({ refused, cause: { kind, elements } });
const nameOf = (e: Element) => e.name || e.id;

function attachmentOf(net: Network, end: { vm: string; vnic?: string }): Attachment | Refusal {
  const list = net.attachments.get(end.vm);
  const vm = Object.hasOwn(net.design.elements, end.vm) ? net.design.elements[end.vm] : undefined;
  if (vm?.kind !== 'vm') return refuse(`VM ${end.vm} does not exist`, 'unknown-end', []);
  if (vm.parent === null) return refuse(`VM ${nameOf(vm)} is not inside a server, so it runs nowhere`, 'not-in-host', [vm.id]);
  const foreign = net.foreignAttachments.get(vm.id);
  if (!list?.length && foreign?.length) {
    return refuse(`VM ${nameOf(vm)}'s vNICs are linked only to ${foreign.join(', ')}, outside its server`, 'foreign-attachment', [vm.id, ...foreign]);
  }
  if (!list?.length) return refuse(`VM ${nameOf(vm)} has no vNIC attached to a virtual switch or VF`, 'no-attachment', [vm.id]);
  return (end.vnic ? list.find((a) => a.vnic === end.vnic) : list[0]) ?? refuse(`VM ${nameOf(vm)} has no attached vNIC ${end.vnic}`, 'no-attachment', [vm.id]);
}

function vmAccess(net: Network, att: Attachment, hash: number, prefer?: EgressPreference): Access | Refusal {
  if (att.kind === 'vf') {
    if (att.tagRefused) return refuse(`dropped: ${nameOf(att.vm)} ${att.vnic} is set to the reserved VLAN 4095`, 'vlan-refused', [att.vm.id]);
    const dev = att.device;
    const port = dev.kind === 'nic' ? pfEthernetPort(dev, att.pf) : null;
    const station = dev.kind === 'nic' ? dev.embeddedBridge : 'veb';
    return { device: dev, port, eth: port ? net.ethAt(dev.id, port) : null, chain: net.pcieChain(dev.id), station, att, channel: null, vlan: att.vlan };
  }
  if (att.tagRefused) {
    return refuse(
      att.vlan === 4095
        ? `dropped: ${nameOf(att.vm)} ${att.vnic} or its port group on ${nameOf(att.vswitch)} uses the reserved VLAN 4095`
        : `dropped: ${nameOf(att.vm)} ${att.vnic} tags VLAN ${att.vlan}, which its port group on ${nameOf(att.vswitch)} neither uses nor trunks`,
      'vlan-refused',
      [att.vm.id, att.vswitch.id],
    );
  }
  return switchAccess(net, att.vswitch, hash, att, prefer);
}

/**
 * The team members a flow may use, as the switch's teaming policy decides (shared/model/teaming.ts): the cabled
 * uplinks not on standby (an uncabled uplink has no link, and every policy fails over on link state: VMware
 * "Network Failure Detection: link status", OVS bond `miimon`/carrier, Linux bonding `miimon`), the standby ones only
 * when no active one is left, and for an active-backup policy only the first of those. With `broadcast` (Linux mode 3,
 * every frame on every member) the model takes one member: a flow is one path here.
 */
function teamMembers(net: Network, vs: ElementOf<'vswitch'>, out: readonly Egress[]): readonly Egress[] {
  const up = out.filter((e) => net.ethAt(e.nic, e.port) !== null);
  if (up.length === 0) return out;
  const standby = new Set(vs.standbyUplinks);
  const active = up.filter((e) => e.uplink === null || !standby.has(e.uplink));
  const usable = active.length ? active : up;
  return TEAM_FACTS[vs.teamPolicy].spread === 'hash' ? usable : usable.slice(0, 1);
}

/**
 * Access through a virtual switch's uplinks, for a VM or the hypervisor itself. The member is chosen by the flow's
 * hash among those the team policy lets it use; with a preference (the receiving end of an MLAG), among the preferred.
 */
function switchAccess(net: Network, vs: ElementOf<'vswitch'>, hash: number, att: Attachment | null, prefer?: EgressPreference): Access | Refusal {
  const mode = vs.evbMode;
  const vlan = att ? att.vlan : undefined;
  const plain = mode === 'vntag' ? 'vntag' : mode === 'veb' ? 'veb' : 'vepa';
  const out = net.egress(vs.id);
  if (out.length === 0) return { device: vs, port: null, eth: null, chain: [], station: plain, att, channel: null, vlan };
  let choices = teamMembers(net, vs, out);
  if (prefer && choices.length > 1) {
    const scored = choices.map((e) => ({ e, s: prefer(net.ethAt(e.nic, e.port)) }));
    const best = Math.min(...scored.map((x) => x.s));
    if (Number.isFinite(best)) choices = scored.filter((x) => x.s === best).map((x) => x.e);
  }
  const e = choices[hash % choices.length]!;
  const nic = net.design.elements[e.nic];
  if (!nic) return refuse(`uplink of ${nameOf(vs)} ends at a missing NIC`, 'uncabled', [vs.id]);
  const station = e.channel ? e.channel.mode : plain;
  return { device: nic, port: e.port, eth: net.ethAt(nic.id, e.port), chain: net.pcieChain(nic.id), station, att, channel: e.channel, vlan };
}

/** The access of one end of a flow; `'external'` for the outside world. */
export function endAccess(net: Network, end: FlowEnd, hash: number, prefer?: EgressPreference): Access | Refusal | 'external' {
  if ('vm' in end) {
    const att = attachmentOf(net, end);
    return 'refused' in att ? att : vmAccess(net, att, hash, prefer);
  }
  if ('storage' in end) {
    const st = Object.hasOwn(net.design.elements, end.storage) ? net.design.elements[end.storage] : undefined;
    if (st?.kind !== 'storage') return refuse(`storage target ${end.storage} does not exist`, 'unknown-end', []);
    const cabled: string[] = [];
    for (let i = 0; i < st.ports; i++) if (net.ethAt(st.id, `p${i}`)) cabled.push(`p${i}`);
    if (cabled.length === 0) return refuse(`storage target ${nameOf(st)} is not cabled`, 'uncabled', [st.id]);
    const port = cabled[hash % cabled.length]!;
    return { device: st, port, eth: net.ethAt(st.id, port), chain: [], station: null, att: null, channel: null, vlan: undefined };
  }
  if ('host' in end) {
    // The hypervisor's own traffic (vMotion) leaves through the first virtual switch that has an uplink.
    const h = Object.hasOwn(net.design.elements, end.host) ? net.design.elements[end.host] : undefined;
    if (h?.kind !== 'host') return refuse(`host ${end.host} does not exist`, 'unknown-end', []);
    for (const vs of Object.values(net.design.elements)) {
      if (vs.kind !== 'vswitch' || vs.parent !== h.id || net.egress(vs.id).length === 0) continue;
      return switchAccess(net, vs, hash, null, prefer);
    }
    return refuse(`host ${nameOf(h)} has no virtual switch with an uplink to carry migration traffic`, 'no-migration-uplink', [h.id]);
  }
  return 'external';
}
