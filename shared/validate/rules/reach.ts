/**
 * Reachability rules: what the simulator would drop because of how the design is wired, said before anyone runs a
 * scenario (issue #11: the validator and the simulator agree). NET-001: VMs and their ways out of the host (vNICs
 * attached, uplinks and VF ports cabled, to a switch). NET-002: the switches form one fabric. NET-003: VMs sit in a
 * server. L3-001: every VLAN a
 * host's VMs use has an L3 gateway when the design names the switches that route.
 */
import type { Element, ElementOf } from '../../model/elements';
import { HOSTDEV_PORT, pfEthernetPort } from '../../model/elements';
import { assignedLinks, networkFunction } from '../network-functions';
import type { Link } from '../../model/links';
import { cablePeer } from '../fabric';
import { listNames, nameOf } from '../format';
import { diag, type Diagnostic, type FabricContext, type FabricRule, type HostContext, type HostRule, type Reads } from '../types';

const isSwitch = (el: Element | undefined): el is ElementOf<'tor'> | ElementOf<'fex'> => el?.kind === 'tor' || el?.kind === 'fex';
const NATIVE_VLAN = 1;


/** A NIC port's way out: cabled to a switch, cabled to something else, or not cabled. */
function portState(ctx: HostContext, nic: string, port: string): { state: 'switch' | 'other' | 'none'; far?: Element; link?: Link } {
  const peer = cablePeer(ctx, nic, port);
  if (!peer) return { state: 'none' };
  return { state: isSwitch(peer.element) ? 'switch' : 'other', far: peer.element, link: peer.link };
}

function checkVms(rule: HostRule, ctx: HostContext, out: Diagnostic[]): void {
  for (const vm of ctx.children('vm')) {
    // A whole NIC function on a vNIC is a network attachment; a GPU on the hostdev port is not.
    const links = ctx.linksOf(vm.id).filter((l) => (l.kind === 'vnic' || l.kind === 'vf' || (l.kind === 'passthrough' && l.a.port !== HOSTDEV_PORT)) && l.a.element === vm.id);
    for (const l of links) {
      const vs = ctx.element(l.b.element);
      if (l.kind !== 'vnic' || vs?.kind !== 'vswitch' || vs.parent === vm.parent) continue;
      out.push(diag(rule, `${nameOf(vm)} ${l.a.port} is attached to ${nameOf(vs)}, which is not in ${nameOf(ctx.host)}: a VM can only use its own server's virtual switches; attach it to one there.`, [vm.id, vs.id], [l.id]));
    }
    if (links.length) continue;
    const what = vm.vnics.length === 0 ? 'has no vNIC' : `has ${vm.vnics.length === 1 ? 'a vNIC' : 'vNICs'} attached to no port group or VF`;
    out.push(diag(rule, `${nameOf(vm)} ${what}, so it reaches no network; connect a vNIC to a port group of a virtual switch or to a VF.`, [vm.id]));
  }
}

function checkSwitches(rule: HostRule, ctx: HostContext, out: Diagnostic[]): void {
  for (const vs of ctx.children('vswitch')) {
    const links = ctx.linksOf(vs.id);
    const vms = links.filter((l) => l.kind === 'vnic' && l.b.element === vs.id).map((l) => l.a.element);
    if (vms.length === 0) continue;
    const vepa = vs.evbMode !== 'veb';
    const egress = links.filter((l) => (l.kind === 'uplink' || l.kind === 'sChannel') && l.a.element === vs.id);
    // Named only in a finding: most switches have none, and naming 20 VMs per switch of 10,000 hosts is not free.
    const vmList = () => listNames([...new Set(vms)].map((id) => nameOf(ctx.element(id), id)));
    if (egress.length === 0) {
      if (vepa) {
        out.push(diag(rule, `${nameOf(vs)} is ${vs.evbMode === 'vntag' ? 'a VN-Tag interface' : 'VEPA'} but has no uplink, so even traffic between its own VMs (${vmList()}) is dropped: it is switched only at the adjacent bridge; add an uplink or make it VEB.`, [vs.id, ...vms], [], undefined, 'error'));
      } else {
        out.push(diag(rule, `${nameOf(vs)} has no uplink, so its VMs (${vmList()}) reach only each other; add an uplink if they need the network (intended for a private or internal switch).`, [vs.id, ...vms], [], undefined, 'info'));
      }
      continue;
    }
    const states = egress.map((l) => ({ l, ...portState(ctx, l.b.element, l.b.port) }));
    const toSwitch = states.filter((s) => s.state === 'switch');
    for (const s of states) {
      const nic = ctx.element(s.l.b.element);
      const where = `${nameOf(nic, s.l.b.element)} ${s.l.b.port}`;
      if (s.state === 'other') {
        out.push(diag(rule, `${nameOf(vs)} sends through ${where}, which is cabled to ${nameOf(s.far)}, not to a switch, so its VMs' traffic there reaches nothing else; cable the port to a switch.`, [vs.id, s.l.b.element, s.far!.id], [s.l.id, s.link!.id], undefined, 'warning'));
      } else if (s.state === 'none' && toSwitch.length > 0) {
        out.push(diag(rule, `${nameOf(vs)} has an uplink on ${where}, which is not cabled, so the team runs on its other ${toSwitch.length === 1 ? 'uplink' : 'uplinks'} without redundancy; cable the port or remove the uplink.`, [vs.id, s.l.b.element], [s.l.id], undefined, 'warning'));
      }
    }
    if (toSwitch.length === 0 && states.some((s) => s.state === 'none')) {
      const ports = listNames(states.filter((s) => s.state === 'none').map((s) => `${nameOf(ctx.element(s.l.b.element), s.l.b.element)} ${s.l.b.port}`));
      const effect = vepa ? `even traffic between its own VMs (${vmList()}) is dropped` : `its VMs (${vmList()}) reach only each other`;
      out.push(diag(rule, `${nameOf(vs)} sends through ${ports}, which ${states.length === 1 ? 'is' : 'are'} not cabled, so ${effect}; cable the NIC port to a switch.`, [vs.id, ...states.map((s) => s.l.b.element), ...vms], egress.map((l) => l.id), undefined, vepa ? 'error' : 'warning'));
    }
  }
}

function checkVfs(rule: HostRule, ctx: HostContext, out: Diagnostic[]): void {
  for (const l of assignedLinks(ctx.hostLinks('vf'), ctx.hostLinks('passthrough'))) {
    const vm = ctx.element(l.a.element);
    const dev = ctx.element(l.b.element);
    if (vm?.kind !== 'vm' || (dev?.kind !== 'nic' && dev?.kind !== 'endpoint')) continue;
    const vf = networkFunction(l, dev);
    if (!vf) continue;
    if (dev.kind !== 'nic') {
      out.push(diag(rule, `${nameOf(vm)} ${l.a.port} uses a VF of ${nameOf(dev)}, which has no Ethernet port, so that vNIC reaches no network; use a VF of a NIC.`, [vm.id, dev.id], [l.id]));
      continue;
    }
    const port = pfEthernetPort(dev, vf.pf);
    const s = portState(ctx, dev.id, port);
    if (s.state === 'switch') continue;
    const where = `${nameOf(dev)} ${port}`;
    const what = s.state === 'none' ? 'which is not cabled' : `which is cabled to ${nameOf(s.far)}, not to a switch`;
    if (vf.whole) {
      // The VM drives the whole function: nothing in the host switches its frames, so it reaches nothing at all.
      out.push(diag(rule, `${nameOf(vm)} ${l.a.port} holds ${nameOf(dev)} ${l.b.port} whole, whose port ${where} is ${s.state === 'none' ? 'not cabled' : `cabled to ${nameOf(s.far)}, not to a switch`}, so that vNIC reaches no network; cable the port to a switch.`, [vm.id, dev.id, ...(s.far ? [s.far.id] : [])], [l.id], undefined, 'error'));
      continue;
    }
    const local = dev.embeddedBridge === 'vepa' ? 'even traffic to VFs of the same port is dropped (VEPA)' : 'only VFs of the same port reach it';
    out.push(diag(rule, `${nameOf(vm)} ${l.a.port} uses VF ${l.b.port}, whose traffic leaves by ${where}, ${what}, so ${local}; cable the port to a switch.`, [vm.id, dev.id, ...(s.far ? [s.far.id] : [])], [l.id], undefined, dev.embeddedBridge === 'vepa' ? 'error' : 'warning'));
  }
}

export const NET_001: HostRule = {
  id: 'NET-001',
  severity: 'warning',
  scope: 'host',
  title: 'VMs reach the network',
  description:
    "Every VM has a vNIC attached to a port group or a VF, and the NIC ports its virtual switch's uplinks and its VFs leave by are cabled to a switch; a VEPA or VN-Tag switch without a way out drops even traffic between its own VMs.",
  source: 'IEEE 802.1Q-2018 §8 (a bridge forwards only between its ports); IEEE 802.1Qbg-2012 (VEPA relays every frame through the adjacent bridge)',
  check(ctx) {
    const out: Diagnostic[] = [];
    checkVms(this, ctx, out);
    checkSwitches(this, ctx, out);
    checkVfs(this, ctx, out);
    return out;
  },
};

// The islands depend on which switches exist (and are top-level) and on the cables; of a switch's record only its
// name reaches a message, so a port setting changed on one of 500 switches does not recompute them.
const SWITCH_READS: Reads = { elements: ['tor', 'fex'], links: ['ethernet'], fields: { tor: ['name'], fex: ['name'] } };

/** Switch islands: components of the graph of switches and extenders joined by cables. */
function islands(ctx: Parameters<FabricRule['check']>[0]): string[][] {
  const switches: string[] = [...ctx.topLevel('tor'), ...ctx.topLevel('fex')].map((s) => s.id);
  const parent = new Map<string, string>(switches.map((s) => [s, s]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const l of ctx.links('ethernet')) {
    if (!parent.has(l.a.element) || !parent.has(l.b.element)) continue;
    parent.set(find(l.a.element), find(l.b.element));
  }
  const groups = new Map<string, string[]>();
  for (const s of switches) {
    const r = find(s);
    const g = groups.get(r);
    if (g) g.push(s);
    else groups.set(r, [s]);
  }
  return [...groups.values()];
}

export const NET_002: FabricRule = {
  id: 'NET-002',
  severity: 'info',
  scope: 'fabric',
  title: 'One switching fabric',
  description: 'The switches and fabric extenders are joined into one fabric; hosts under switches that no cable joins cannot reach each other.',
  source: 'IEEE 802.1Q-2018 §8 (frames reach only ports of connected bridges)',
  reads: SWITCH_READS,
  check(ctx) {
    const parts = islands(ctx);
    if (parts.length < 2) return [];
    // The largest part is "the fabric"; every other part is reported as cut off from it.
    const order = [...parts].sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
    return order.slice(1).map((part) =>
      diag(this, `${listNames(part.map((id) => nameOf(ctx.element(id), id)))} ${part.length === 1 ? 'is' : 'are'} not cabled to the rest of the fabric (${nameOf(ctx.element(order[0]![0]!), order[0]![0])} and the switches joined to it), so hosts below ${part.length === 1 ? 'it' : 'them'} cannot reach hosts elsewhere; cable an uplink between them.`, part),
    );
  },
};

/** The VLANs VMs use, per switch their traffic enters the fabric at (with the VMs, for the message). */
function gatewayNeeds(ctx: FabricContext): { sw: string; vlan: number; vms: string[] }[] {
  const byKey = new Map<string, { sw: string; vlan: number; vms: string[] }>();
  const add = (sw: string, vlan: number, vm: string) => {
    const key = `${sw}\u0000${vlan}`;
    const e = byKey.get(key);
    if (!e) byKey.set(key, { sw, vlan, vms: [vm] });
    else if (e.vms[e.vms.length - 1] !== vm) e.vms.push(vm);
  };
  const firstSwitch = (nic: string, port: string): string | null => {
    const p = cablePeer(ctx, nic, port);
    return p && isSwitch(p.element) ? p.element.id : null;
  };
  // Where each virtual switch's traffic enters the fabric, once per switch (a host has 20+ VMs on one or two).
  const entries = new Map<string, string[]>();
  for (const u of [...ctx.links('uplink'), ...ctx.links('sChannel')]) {
    const sw = firstSwitch(u.b.element, u.b.port);
    const list = entries.get(u.a.element) ?? entries.set(u.a.element, []).get(u.a.element)!;
    if (sw !== null && !list.includes(sw)) list.push(sw);
  }
  for (const l of ctx.links('vnic')) {
    const sws = entries.get(l.b.element);
    if (!sws?.length) continue;
    const vm = ctx.element(l.a.element);
    const vs = ctx.element(l.b.element);
    if (vm?.kind !== 'vm' || vs?.kind !== 'vswitch') continue;
    const tag = vm.vnics.find((n) => n.id === l.a.port)?.vlan ?? null;
    const pgVlan = tag === null && l.b.port.startsWith('pg.') ? (vs.portGroups.find((g) => g.id === l.b.port.slice(3))?.vlan ?? null) : null;
    const vlan = tag ?? pgVlan ?? NATIVE_VLAN;
    for (const sw of sws) add(sw, vlan, vm.id);
  }
  for (const l of assignedLinks(ctx.links('vf'), ctx.links('passthrough'))) {
    const vm = ctx.element(l.a.element);
    const nic = ctx.element(l.b.element);
    if (vm?.kind !== 'vm' || nic?.kind !== 'nic') continue;
    const vf = networkFunction(l, nic);
    if (!vf) continue;
    const sw = firstSwitch(nic.id, pfEthernetPort(nic, vf.pf));
    if (sw !== null) add(sw, vm.vnics.find((n) => n.id === l.a.port)?.vlan ?? NATIVE_VLAN, vm.id);
  }
  return [...byKey.values()];
}

export const L3_001: FabricRule = {
  id: 'L3-001',
  severity: 'warning',
  scope: 'fabric',
  title: 'VLAN gateways',
  description:
    "Once the design names the VLANs each switch routes, every VLAN a host's VMs use has a gateway reachable from the switch their traffic enters; without one, traffic between VLANs and to the outside is dropped.",
  source: 'IEEE 802.1Q-2018 §8.6 (a bridge forwards within a VLAN); traffic between VLANs is forwarded by a router (an SVI)',
  // Everything is read in `check`, and only once some switch names its routed VLANs: with the default design (no
  // switch names any) the rule looks at the switches alone and stops, so it costs nothing per host or per edit.
  reads: { elements: ['tor', 'fex', 'vm', 'vswitch', 'nic'], links: ['ethernet', 'uplink', 'sChannel', 'vnic', 'vf', 'passthrough'] },
  check(ctx) {
    const routers = ctx.topLevel('tor').filter((t) => t.routedVlans !== undefined);
    if (routers.length === 0) return [];
    // Switches reachable from each entry switch (extenders are never transit), computed once per entry.
    const adjacency = new Map<string, string[]>();
    for (const l of ctx.links('ethernet')) {
      if (!isSwitch(ctx.element(l.a.element)) || !isSwitch(ctx.element(l.b.element))) continue;
      (adjacency.get(l.a.element) ?? adjacency.set(l.a.element, []).get(l.a.element)!).push(l.b.element);
      (adjacency.get(l.b.element) ?? adjacency.set(l.b.element, []).get(l.b.element)!).push(l.a.element);
    }
    const reach = new Map<string, Set<string>>();
    const reachable = (from: string): Set<string> => {
      let seen = reach.get(from);
      if (seen) return seen;
      seen = new Set([from]);
      const queue = [from];
      for (let i = 0; i < queue.length; i++) {
        const cur = queue[i]!;
        if (cur !== from && ctx.element(cur)?.kind === 'fex') continue;
        for (const n of adjacency.get(cur) ?? []) {
          if (seen.has(n)) continue;
          seen.add(n);
          queue.push(n);
        }
      }
      reach.set(from, seen);
      return seen;
    };
    const missing = new Map<string, { sw: string; vlan: number; vms: Set<string> }>();
    for (const e of gatewayNeeds(ctx)) {
      const seen = reachable(e.sw);
      if (routers.some((r) => r.routedVlans!.includes(e.vlan) && seen.has(r.id))) continue;
      const key = `${e.sw}\u0000${e.vlan}`;
      const m = missing.get(key) ?? missing.set(key, { sw: e.sw, vlan: e.vlan, vms: new Set() }).get(key)!;
      for (const vm of e.vms) m.vms.add(vm);
    }
    const out: Diagnostic[] = [];
    for (const m of [...missing.values()].sort((a, b) => (a.sw < b.sw ? -1 : a.sw > b.sw ? 1 : a.vlan - b.vlan))) {
      const vms = [...m.vms];
      const elsewhere = routers.some((r) => r.routedVlans!.includes(m.vlan));
      const why = elsewhere ? `is routed only on switches ${nameOf(ctx.element(m.sw), m.sw)} cannot reach` : 'is routed by no switch';
      out.push(
        diag(this, `VLAN ${m.vlan} of ${listNames(vms.map((id) => nameOf(ctx.element(id), id)))} ${why}, so their traffic to other VLANs and to the outside is dropped at ${nameOf(ctx.element(m.sw), m.sw)}; add VLAN ${m.vlan} to the routed VLANs of a switch it reaches.`, [m.sw, ...vms]),
      );
    }
    return out;
  },
};

export const NET_003: FabricRule = {
  id: 'NET-003',
  severity: 'warning',
  scope: 'fabric',
  title: 'VMs run in a server',
  description: 'A VM placed outside every server runs nowhere: it has no hypervisor, no virtual switch and no network.',
  source: 'Design model: a VM is hosted by a server (DOMAIN.md §1)',
  reads: { elements: ['vm'], links: [] },
  check(ctx) {
    return ctx.topLevel('vm').map((vm) => diag(this, `${nameOf(vm)} is not inside a server, so it runs nowhere and reaches no network; drag it into a server.`, [vm.id]));
  },
};

export const REACH_RULES = [NET_001, NET_002, NET_003, L3_001] as const;
