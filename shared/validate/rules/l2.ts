/** Layer-2 rules: VLAN ids and their path, Q-in-Q S-channels, LAG members, loops, tenant isolation (DOMAIN.md §3 L2-*). */
import type { Element, ElementOf, Lag } from '../../model/elements';
import { pfEthernetPort } from '../../model/elements';
import { assignedLinks, networkFunction } from '../network-functions';
import type { LinkOf } from '../../model/links';
import type { ElementId } from '../../model/ids';
import { bridgeLoops, cablePeer, ethernetPort, fabricIndex, mlagPartner, portKey } from '../fabric';
import { listNames, nameOf } from '../format';
import { diag, type Diagnostic, type DesignView, type FabricContext, type FabricRule, type HostContext, type HostRule, type QuickFix } from '../types';
import { effectiveLinkGbps } from './eth';
import { L2_005 } from './l2-tenant';

import { isVlanId, portGroupAt, portGroupVlans } from './vlans';

export { isVlanId, portGroupAt, portGroupVlans };

const vlanList = (vs: number[]) => listNames(vs.map(String), 6);

function rangeChecks(rule: HostRule, ctx: HostContext, out: Diagnostic[]): void {
  for (const vs of ctx.children('vswitch')) {
    vs.portGroups.forEach((pg, i) => {
      if (pg.vlan !== null && !isVlanId(pg.vlan)) {
        const fix: QuickFix | undefined =
          pg.vlan === 0 ? { label: 'Make the port group untagged', commands: [{ type: 'updateElement', id: vs.id, changes: { portGroups: vs.portGroups.map((g, j) => (j === i ? { ...g, vlan: null } : g)) } }] } : undefined;
        const hint = pg.vlan === 0 ? 'VLAN 0 only marks priority-tagged frames, so make it untagged' : 'VLAN 4095 is reserved (to trunk every VLAN to the guest, list them in the trunk)';
        out.push(diag(rule, `Port group "${pg.name}" on ${nameOf(vs)} uses VLAN ${pg.vlan}, outside 1-4094; ${hint}.`, [vs.id], [], fix));
      }
      const bad = pg.trunk.filter((v) => !isVlanId(v));
      if (bad.length > 0) {
        out.push(
          diag(rule, `Port group "${pg.name}" on ${nameOf(vs)} trunks VLAN ${vlanList(bad)}, outside 1-4094; remove ${bad.length === 1 ? 'it' : 'them'} from the trunk.`, [vs.id], [], {
            label: 'Remove reserved VLANs from the trunk',
            commands: [{ type: 'updateElement', id: vs.id, changes: { portGroups: vs.portGroups.map((g, j) => (j === i ? { ...g, trunk: g.trunk.filter(isVlanId) } : g)) } }],
          }),
        );
      }
    });
  }
  for (const vm of ctx.children('vm')) {
    for (let i = 0; i < vm.vnics.length; i++) {
      const n = vm.vnics[i]!;
      if (n.vlan === null || isVlanId(n.vlan)) continue;
      const fix: QuickFix | undefined =
        n.vlan === 0 ? { label: 'Let the port group decide', commands: [{ type: 'updateElement', id: vm.id, changes: { vnics: vm.vnics.map((x, j) => (j === i ? { ...x, vlan: null } : x)) } }] } : undefined;
      out.push(diag(rule, `${nameOf(vm)} ${n.id} is set to VLAN ${n.vlan}, outside 1-4094; use a VLAN from 1 to 4094${n.vlan === 0 ? ' or clear it' : ''}.`, [vm.id], [], fix));
    }
  }
}

/** One switch port that VLANs must cross, and what is missing on it. */
interface PathGap {
  tor: ElementOf<'tor'>;
  port: number;
  via: Set<string>;
  missing: Set<number>;
  sources: Set<string>;
  elements: Set<string>;
  links: Set<string>;
}

/**
 * Records that `vlans` leave through NIC port (nic, port) and checks the switch port cabled to it. The VLAN list is
 * computed only when that port restricts VLANs at all, which most ports do not.
 */
function checkPath(ctx: HostContext, gaps: Map<string, PathGap>, nic: string, port: string, vlansOf: () => readonly number[], source: string, elements: string[], links: string[]): void {
  const peer = cablePeer(ctx, nic, port);
  if (!peer || peer.element.kind !== 'tor') return;
  const idx = ethernetPort(peer.element, peer.port)?.index;
  if (idx === undefined) return;
  const allowed = peer.element.ports[idx]!.allowedVlans;
  if (allowed === undefined) return;
  const missing = vlansOf().filter((v) => !allowed.includes(v));
  if (missing.length === 0) return;
  // Keyed by the port, not the cable end: a breakout's sub-ports share their port's VLAN list, so one finding per port.
  const key = portKey(peer.element.id, `p${idx}`);
  let gap = gaps.get(key);
  if (!gap) gaps.set(key, (gap = { tor: peer.element, port: idx, via: new Set(), missing: new Set(), sources: new Set(), elements: new Set(), links: new Set() }));
  gap.via.add(`${nameOf(ctx.element(nic), nic)} ${port}`);
  for (const v of missing) gap.missing.add(v);
  gap.sources.add(source);
  for (const e of [...elements, nic]) gap.elements.add(e);
  for (const l of [...links, peer.link.id]) gap.links.add(l);
}

export const L2_001: HostRule = {
  id: 'L2-001',
  severity: 'error',
  scope: 'host',
  title: 'VLAN ids and VLAN path',
  description:
    "VLAN ids on port groups, trunks and vNICs are 1-4094, a vNIC's own VLAN is one its port group carries, and every VLAN a host sends reaches the switch port its NIC is cabled to through that port's allowed VLANs.",
  source: 'IEEE 802.1Q-2018 §9.6 (VID values 0 and 0xFFF reserved, Table 9-2) and §8.8 (member set of a port)',
  check(ctx) {
    const out: Diagnostic[] = [];
    rangeChecks(this, ctx, out);
    const gaps = new Map<string, PathGap>();
    // Guest-tagged (VGT) vNICs: the port group must carry the tag, else the vSwitch drops the frames. Most vNICs
    // leave tagging to the port group, so start from the few that tag and look their links up.
    for (const vm of ctx.children('vm')) {
      for (let i = 0; i < vm.vnics.length; i++) {
        const n = vm.vnics[i]!;
        if (n.vlan === null || !isVlanId(n.vlan)) continue;
        const vlan = n.vlan;
        for (const l of ctx.linksOf(vm.id)) {
          if (l.kind !== 'vnic' || l.a.element !== vm.id || l.a.port !== n.id) continue;
          const vs = ctx.element(l.b.element);
          const pg = vs?.kind === 'vswitch' ? portGroupAt(vs, l.b.port) : undefined;
          if (!vs || !pg || vlan === pg.vlan || pg.trunk.includes(vlan)) continue;
          out.push(
            diag(this, `${nameOf(vm)} ${n.id} tags VLAN ${vlan}, but port group "${pg.name}" on ${nameOf(vs)} carries ${pg.vlan === null ? 'untagged frames' : `VLAN ${pg.vlan}`}${pg.trunk.length ? ` and trunk ${vlanList(pg.trunk)}` : ''}, so its frames are dropped; add VLAN ${vlan} to the trunk or let the port group tag.`, [vm.id, vs.id], [l.id], {
              label: 'Let the port group tag',
              commands: [{ type: 'updateElement', id: vm.id, changes: { vnics: vm.vnics.map((x, j) => (j === i ? { ...x, vlan: null } : x)) } }],
            }),
          );
        }
      }
    }
    for (const vs of ctx.children('vswitch')) {
      let vlans: number[] | null = null;
      const vlansOf = () => (vlans ??= [...new Set(vs.portGroups.flatMap(portGroupVlans))]);
      for (const l of ctx.linksOf(vs.id)) {
        if (l.kind !== 'uplink' && l.kind !== 'sChannel') continue;
        const nicEnd = l.a.element === vs.id ? l.b : l.a;
        if (ctx.element(nicEnd.element)?.kind !== 'nic') continue;
        checkPath(ctx, gaps, nicEnd.element, nicEnd.port, vlansOf, `virtual switch ${nameOf(vs)}`, [vs.id], [l.id]);
      }
    }
    // A VLAN set on a VF (or tagged by a guest holding a whole PF) leaves through the port of the physical function.
    for (const l of assignedLinks(ctx.hostLinks('vf'), ctx.hostLinks('passthrough'))) {
      const vm = ctx.element(l.a.element);
      const nic = ctx.element(l.b.element);
      if (vm?.kind !== 'vm' || nic?.kind !== 'nic') continue;
      const vf = networkFunction(l, nic);
      if (!vf) continue;
      const vlan = vm.vnics.find((x) => x.id === l.a.port)?.vlan;
      if (vlan === null || vlan === undefined || !isVlanId(vlan)) continue;
      checkPath(ctx, gaps, nic.id, pfEthernetPort(nic, vf.pf), () => [vlan], `${nameOf(vm)} ${l.a.port} (${vf.whole ? 'whole' : 'VF'} ${l.b.port})`, [vm.id], [l.id]);
    }
    for (const gap of gaps.values()) {
      const missing = [...gap.missing].sort((a, b) => a - b);
      const cur = gap.tor.ports[gap.port]!.allowedVlans ?? [];
      const allowedVlans = [...new Set([...cur, ...missing])].sort((a, b) => a - b);
      out.push(
        diag(this, `${nameOf(gap.tor)} p${gap.port} does not allow VLAN ${vlanList(missing)}, which ${listNames([...gap.sources])} send${gap.sources.size === 1 ? 's' : ''} through ${listNames([...gap.via])}; add ${missing.length === 1 ? 'it' : 'them'} to the port's allowed VLANs.`, [gap.tor.id, ...gap.elements], [...gap.links], {
          label: `Allow VLAN ${vlanList(missing)} on ${nameOf(gap.tor)} p${gap.port}`,
          commands: [{ type: 'updateElement', id: gap.tor.id, changes: { ports: gap.tor.ports.map((p, i) => (i === gap.port ? { ...p, allowedVlans } : p)) } }],
        }),
      );
    }
    return out;
  },
};

export const L2_002: HostRule = {
  id: 'L2-002',
  severity: 'error',
  scope: 'host',
  title: 'Q-in-Q S-channels',
  description:
    'An S-channel puts an 802.1ad S-tag (TPID 0x88A8) outside the C-tag (0x8100), so the NIC port carrying it must reach a bridge with an S-VLAN component, not a fabric extender or an end station that cannot strip the S-tag.',
  source: 'IEEE 802.1Q-2018 §6.9 and Clause 42 (S-channels over an S-VLAN component); IEEE 802.1ad (S-tag TPID 0x88A8)',
  check(ctx) {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const l of ctx.hostLinks('sChannel')) {
      const nic = ctx.element(l.b.element);
      if (nic?.kind !== 'nic') continue;
      const key = portKey(nic.id, l.b.port);
      if (seen.has(key)) continue;
      seen.add(key);
      const peer = cablePeer(ctx, nic.id, l.b.port);
      // A switch without multichannel is EVB-004's finding, and a VEPA station on a FEX is EVB-002's; the model
      // implies the TPIDs (S-channel = 0x88A8 outer, port-group VLAN = 0x8100 inner), so what is left is a
      // channelized port that ends where nothing strips the S-tag.
      if (!peer || peer.element.kind === 'tor') continue;
      const vs = ctx.element(l.a.element);
      if (peer.element.kind === 'fex' && vs?.kind === 'vswitch' && (vs.evbMode === 'vepa' || vs.evbMode === 'vepa-multichannel')) continue;
      const what = peer.element.kind === 'fex' ? 'a fabric extender port, which has no S-VLAN component' : 'an end station, which does not terminate S-channels';
      out.push(diag(this, `${nameOf(nic)} ${l.b.port} carries S-channels (802.1ad S-tags, TPID 0x88A8) but is cabled to ${nameOf(peer.element)} ${peer.port}, ${what}; cable it to a multichannel-capable bridge port.`, [nic.id, peer.element.id], [l.id, peer.link.id]));
    }
    return out;
  },
};

/** One member of a LAG as seen from the switch that declares it. */
interface LagMember {
  link: LinkOf<'ethernet'>;
  /** Device at the far end: a NIC's host, or the element itself. */
  partner: string;
  speed: number | null;
}

const partnerOf = (ctx: DesignView, id: string): string => {
  const el = ctx.element(id);
  return el?.kind === 'nic' && el.parent !== null ? el.parent : id;
};

// A leaf declares a LAG per host (40+), and every member link looks its LAG up: index them once per switch object.
const lagIndex = new WeakMap<ElementOf<'tor'>, Map<string, Lag>>();
const lagOn = (tor: ElementOf<'tor'>, id: string): Lag | undefined => {
  let byId = lagIndex.get(tor);
  if (!byId) {
    lagIndex.set(tor, (byId = new Map()));
    for (const g of tor.lags) if (!byId.has(g.id)) byId.set(g.id, g);
  }
  return byId.get(id);
};

/** What L2-003 finds on one LAG member link: its own findings and the LAG groups it joins. */
interface LagLinkFindings {
  rule: FabricRule;
  a: Element | undefined;
  b: Element | undefined;
  /** MLAG peers read, as id and element pairs. */
  peers: (string | Element | undefined)[];
  out: Diagnostic[];
  groups: { key: string; name: string; switch: string; member: LagMember }[];
}

/**
 * Per-link findings kept across passes and sessions, valid while the link record, its end elements and the MLAG
 * peers it read are the same objects (records are immutable): an edit re-examines only the links it touched.
 */
const lagLinkFindings = new WeakMap<LinkOf<'ethernet'>, LagLinkFindings>();

function lagMemberFindings(rule: FabricRule, view: DesignView, l: LinkOf<'ethernet'>): LagLinkFindings {
  const a = view.element(l.a.element);
  const b = view.element(l.b.element);
  const cached = lagLinkFindings.get(l);
  if (cached && cached.rule === rule && cached.a === a && cached.b === b) {
    let fresh = true;
    for (let i = 0; fresh && i < cached.peers.length; i += 2) fresh = view.element(cached.peers[i] as string) === cached.peers[i + 1];
    if (fresh) return cached;
  }
  const f: LagLinkFindings = { rule, a, b, peers: [], out: [], groups: [] };
  checkLagMember(rule, view, l, f);
  lagLinkFindings.set(l, f);
  return f;
}

function checkLagMember(rule: FabricRule, view: DesignView, l: LinkOf<'ethernet'>, f: LagLinkFindings): void {
  const lagId = l.lag!;
  const ends = [l.a, l.b].map((e) => ({ ref: e, el: view.element(e.element), far: e === l.a ? l.b : l.a }));
  const tors = ends.filter((e): e is typeof e & { el: ElementOf<'tor'> } => e.el?.kind === 'tor');
  const declaring = tors.filter((e) => lagOn(e.el, lagId));
  const undeclared = tors.filter((e) => !lagOn(e.el, lagId));
  if (tors.length === 0) {
    f.out.push(
      diag(rule, `Ethernet link ${l.id} is a member of LAG "${lagId}", but neither end is a switch that can declare it; take the link out of the LAG.`, [l.a.element, l.b.element], [l.id], {
        label: 'Remove from LAG',
        commands: [{ type: 'updateLink', id: l.id, changes: { lag: null } }],
      }),
    );
    return;
  }
  if (undeclared.length > 0) {
    const names = listNames(undeclared.map((e) => nameOf(e.el)));
    f.out.push(
      diag(rule, `Ethernet link ${l.id} is a member of LAG "${lagId}", which ${names} ${undeclared.length === 1 ? 'does' : 'do'} not declare; declare the LAG there or take the link out of it.`, undeclared.map((e) => e.el.id), [l.id], {
        label: `Declare LAG "${lagId}" on ${names}`,
        commands: undeclared.map((e) => ({ type: 'updateElement' as const, id: e.el.id, changes: { lags: [...e.el.lags, { id: lagId, name: lagId, lacp: true, mlagPeer: null }] } })),
      }),
    );
  }
  for (const e of declaring) {
    const lag = lagOn(e.el, lagId)!;
    let key = `${e.el.id}\u0000${lagId}`;
    if (lag.mlagPeer !== null) {
      const peer = view.element(lag.mlagPeer);
      f.peers.push(lag.mlagPeer, peer);
      const back = peer?.kind === 'tor' ? lagOn(peer, lagId) : undefined;
      if (back?.mlagPeer === e.el.id) key = `${[e.el.id, peer!.id].sort().join('\u0000')}\u0000${lagId}`;
    }
    const pa = e.el ? ethernetPort(e.el, e.ref.port) : null;
    const farEl = view.element(e.far.element);
    const pb = farEl ? ethernetPort(farEl, e.far.port) : null;
    f.groups.push({ key, name: lagId, switch: e.el.id, member: { link: l, partner: partnerOf(view, e.far.element), speed: pa && pb ? effectiveLinkGbps(l, pa, pb) : null } });
  }
}

/** What L2-003 reads of a switch: its name, LAGs and port speeds (not relay, EVB or VLAN settings of its ports). */
const torLagView = (t: ElementOf<'tor'>) => [t.name, t.lags, t.ports.map((p) => [p.speedGbps, p.breakout])];

export const L2_003: FabricRule = {
  id: 'L2-003',
  severity: 'error',
  scope: 'fabric',
  title: 'LAG members',
  description:
    'Links of one LAG are declared on their switch, run at one speed in full duplex, and go to one partner device, or to the two switches of a declared MLAG pair whose LAG declarations name each other.',
  source: 'IEEE 802.1AX-2020 §6.3.5-6.3.6 (aggregation: same speed, full duplex, same partner System ID and key)',
  // Partners are named whatever they are (a NIC's host, or the element at the far end); MLAG peers are switches.
  // Of the elements at cable ends it reads port counts and speeds (port speeds), names and a NIC's host (the partner).
  reads: {
    elements: ['tor', 'host'],
    links: ['ethernet'],
    linkEnds: ['ethernet'],
    fields: { host: ['name'], nic: ['name', 'ports', 'speedGbps'], storage: ['name', 'ports', 'speedGbps'], tor: torLagView },
  },
  check(ctx) {
    const out: Diagnostic[] = [];
    const groups = new Map<string, { name: string; switches: string[]; members: LagMember[] }>();
    for (const l of ctx.links('ethernet')) {
      if (l.lag === null) continue;
      const f = lagMemberFindings(this, ctx, l);
      for (const d of f.out) out.push(d);
      for (const m of f.groups) {
        let g = groups.get(m.key);
        if (!g) groups.set(m.key, (g = { name: m.name, switches: [], members: [] }));
        if (!g.switches.includes(m.switch)) g.switches.push(m.switch);
        g.members.push(m.member);
      }
    }
    for (const tor of ctx.topLevel('tor')) checkMlagDeclarations(this, ctx, tor, out);
    for (const g of groups.values()) {
      // Most groups are healthy: look for a finding first, and spell out names and lists only for one.
      let mixed = false;
      let half = false;
      let partnersDiffer = false;
      const first = g.members[0]!;
      let speed: number | null = null;
      for (const m of g.members) {
        if (m.speed !== null) {
          if (speed === null) speed = m.speed;
          else if (m.speed !== speed) mixed = true;
        }
        if (!m.link.fullDuplex) half = true;
        if (m.partner !== first.partner) partnersDiffer = true;
      }
      if (!mixed && !half && !partnersDiffer) continue;
      checkLagGroup(this, ctx, g, out);
    }
    return out;
  },
};

/** L2-003's findings on one LAG group (its member links as seen from the declaring switch or MLAG pair). */
function checkLagGroup(rule: FabricRule, ctx: FabricContext, g: { name: string; switches: string[]; members: LagMember[] }, out: Diagnostic[]): void {
  const where = `LAG "${g.name}" on ${listNames(g.switches.map((s) => nameOf(ctx.element(s), s)))}`;
  const links = g.members.map((m) => m.link.id);
  const speeds = [...new Set(g.members.map((m) => m.speed).filter((s): s is number => s !== null))];
  if (speeds.length > 1) {
    out.push(diag(rule, `${where} mixes member speeds (${speeds.sort((a, b) => a - b).map((s) => `${s} Gb/s`).join(', ')}); an aggregation runs its members at one speed, so use ports of one speed.`, g.switches, links));
  }
  const half = g.members.filter((m) => !m.link.fullDuplex);
  if (half.length > 0) {
    out.push(
      diag(rule, `${where} has half-duplex member${half.length === 1 ? '' : 's'} ${listNames(half.map((m) => m.link.id))}; LACP aggregates full-duplex links only, so set them to full duplex.`, g.switches, half.map((m) => m.link.id), {
        label: 'Set full duplex',
        commands: half.map((m) => ({ type: 'updateLink' as const, id: m.link.id, changes: { fullDuplex: true } })),
      }),
    );
  }
  const partners = [...new Set(g.members.map((m) => m.partner))];
  if (partners.length > 1 && !isMlagPair(ctx, partners)) {
    out.push(
      diag(rule, `${where} has members going to different devices (${listNames(partners.map((p) => nameOf(ctx.element(p), p)))}); a LAG ends on one partner, or on two switches declared as an MLAG pair.`, [...g.switches, ...partners], links),
    );
  }
}

const isMlagPair = (ctx: DesignView, ids: string[]): boolean => {
  if (ids.length !== 2) return false;
  const a = ctx.element(ids[0]!);
  return a?.kind === 'tor' && mlagPartner(ctx, a)?.id === ids[1];
};

/** A LAG naming an MLAG peer needs the peer to declare the same LAG naming it back. */
function checkMlagDeclarations(rule: FabricRule, ctx: FabricContext, tor: ElementOf<'tor'>, out: Diagnostic[]): void {
  for (const lag of tor.lags) {
    if (lag.mlagPeer === null) continue;
    const peer = ctx.element(lag.mlagPeer);
    if (peer?.kind !== 'tor' || peer.id === tor.id) {
      out.push(diag(rule, `LAG "${lag.id}" on ${nameOf(tor)} names ${lag.mlagPeer} as its MLAG peer, which is not another switch in the design; pick the partner switch of the MLAG pair.`, [tor.id]));
      continue;
    }
    const back = lagOn(peer, lag.id);
    if (back?.mlagPeer === tor.id) continue;
    const lags = back ? peer.lags.map((g) => (g.id === lag.id ? { ...g, mlagPeer: tor.id } : g)) : [...peer.lags, { ...lag, mlagPeer: tor.id }];
    out.push(
      diag(rule, `LAG "${lag.id}" on ${nameOf(tor)} names ${nameOf(peer)} as its MLAG peer, but ${nameOf(peer)} ${back ? `declares "${lag.id}" with ${back.mlagPeer === null ? 'no peer' : `peer ${back.mlagPeer}`}` : `has no LAG "${lag.id}"`}; declare the same LAG on both switches, each naming the other.`, [tor.id, peer.id], [], {
        label: `Declare "${lag.id}" on ${nameOf(peer)} with peer ${nameOf(tor)}`,
        commands: [{ type: 'updateElement', id: peer.id as ElementId, changes: { lags } }],
      }),
    );
  }
}

export const L2_004: FabricRule = {
  id: 'L2-004',
  severity: 'error',
  scope: 'fabric',
  title: 'Layer-2 loops',
  description:
    'The Ethernet graph of switches, extenders and host bridges has no cycle that neither spanning tree nor link aggregation breaks; a cycle through at least one STP bridge is blocked by it, a LAG counts as one link, an MLAG pair and a FEX with its controlling bridge as one switch, and a host bridge closes a loop only as an OVS or Linux bridge with unbonded uplinks (an ESXi or Hyper-V switch, or a bond, never forwards uplink to uplink).',
  source:
    'IEEE 802.1D-2004 §17 and 802.1Q-2018 §13 (spanning tree removes loops from an active topology); 802.1AX-2020 (a LAG is one logical link); VMware vSphere Networking (a vSwitch does not forward frames between its uplinks); ovs-vswitchd.conf.db(5) Port bond_mode and Linux Documentation/networking/bonding.rst (a bond is one port of the bridge)',
  // Bridges are switches, FEXes folded into their controlling bridge and forwarding vSwitches on NIC ports. Of the
  // other elements at cable ends (NICs, storage) only the kind matters, and links never dangle, so a kind changes
  // only with a link change: a NIC or storage edit leaves the loops as they were.
  // A switch's STP, MLAG declarations and name, a FEX's controlling bridge, a virtual switch's kind, teaming policy
  // (a bond is one bridge port), STP and name.
  reads: {
    elements: ['tor', 'fex', 'vswitch'],
    links: ['ethernet', 'uplink', 'sChannel'],
    fields: { tor: ['name', 'stp', 'lags'], fex: ['name', 'controllingBridge'], vswitch: ['name', 'switchKind', 'teamPolicy', 'stp'] },
  },
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const loop of bridgeLoops(ctx, fabricIndex(ctx))) {
      const path = loop.names.length > 8 ? [...loop.names.slice(0, 6), '…', loop.names.at(-1)].join(' – ') : loop.names.join(' – ');
      const more = loop.extraPaths > 0 ? ` (and ${loop.extraPaths} more redundant path${loop.extraPaths === 1 ? '' : 's'} among these bridges)` : '';
      // A host bridge in the loop forwards between unbonded uplinks: bonding them is the usual cure.
      const bond = loop.elements.some((id) => ctx.element(id)?.kind === 'vswitch') ? ', bond the host bridge’s uplinks (set its teaming policy)' : '';
      out.push(
        diag(this, `Layer-2 loop with no spanning tree: ${path} via ${listNames(loop.links, 6)}${more}; enable STP on these bridges${bond} or bundle the parallel links into a LAG.`, loop.elements, loop.links, {
          label: 'Enable STP on the loop',
          commands: loop.stpOff.map((id) => ({ type: 'updateElement' as const, id: id as ElementId, changes: { stp: true } })),
        }),
      );
    }
    return out;
  },
};

export const L2_RULES: readonly (HostRule | FabricRule)[] = [L2_001, L2_002, L2_003, L2_004, L2_005];
