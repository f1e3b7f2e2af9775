/**
 * The capacities a design offers to traffic (DOMAIN.md §4), each direction its own resource: PCIe links
 * (usable bandwidth after encoding and TLP overhead), Ethernet links, and each host's vSwitch memory-copy
 * budget. Also the lookups path resolution needs: VM attachments, NIC PCIe chains, cabling, switch graph.
 */
import type { Design } from '../model/design';
import { numberedPortIndex, parseVfPort, torPortAt, type Element, type ElementOf } from '../model/elements';
import type { LinkOf } from '../model/links';
import { pcieEffectiveGbps } from '../model/pcie';
import { isPcieNode, portCapability } from '../validate/pcie-tree';

export type ResourceKind = 'pcie' | 'ethernet' | 'vswitch-copy';

export interface Resource {
  id: string;
  kind: ResourceKind;
  capacity: number;
  /** Link or host the resource belongs to. */
  ref: string;
  /** `down` = toward the device (PCIe) / a→b (Ethernet); `up` = toward the root / b→a. */
  dir: 'down' | 'up' | null;
}

/** Where a VM's vNIC attaches. */
export type Attachment =
  | {
      kind: 'vswitch';
      vm: ElementOf<'vm'>;
      vnic: string;
      vswitch: ElementOf<'vswitch'>;
      host: string;
      /** VLAN of the vNIC's frames on the wire: its own tag (guest tagging), else the port group's; null = untagged. */
      vlan: number | null;
      /** The guest tags a VLAN its port group neither uses nor trunks: the vSwitch drops its frames (L2-001). */
      tagRefused: boolean;
    }
  | {
      kind: 'vf';
      vm: ElementOf<'vm'>;
      vnic: string;
      device: ElementOf<'nic'> | ElementOf<'endpoint'>;
      pf: number;
      host: string;
      vlan: number | null;
      /** The VF is set to the reserved VLAN 4095, which no frame may carry (L2-001). */
      tagRefused: boolean;
      /** The whole physical function is passed through (no VF): the VM drives the port itself. */
      whole?: boolean;
    };

export interface EthEnd {
  link: LinkOf<'ethernet'>;
  /** The far element and port. */
  far: { element: Element; port: string };
  /** Resource index for traffic leaving this end, and for traffic arriving at it. */
  out: number;
  in: number;
}

export interface Network {
  design: Design;
  resources: Resource[];
  maxPayload: number;
  /** Resource index by id. */
  index: Map<string, number>;
  attachments: Map<string, Attachment[]>;
  /** Per VM, the switches and devices outside its server that its vNICs are linked to (not usable). */
  foreignAttachments: Map<string, string[]>;
  /** PCIe resources from a device up to its root complex: [down, up] per link, nearest first. */
  pcieChain(deviceId: string): { down: number; up: number }[];
  /** The Ethernet link cabled to a port, seen from that port. */
  ethAt(element: string, port: string): EthEnd | null;
  /** Ethernet links between switches/extenders, per switch. */
  switchNeighbours(switchId: string): EthEnd[];
  copyBudget(hostId: string): number | null;
  /** NIC ports a virtual switch sends through (uplinks and S-channels), in a stable order. */
  egress(vswitchId: string): Egress[];
}

export interface Egress {
  nic: string;
  port: string;
  /** The virtual switch's uplink index (`up{i}`) this egress is, for teaming; null when the port name is not one. */
  uplink: number | null;
  /** The S-channel carrying this uplink (multichannel), or null for a plain uplink. */
  channel: LinkOf<'sChannel'> | null;
}

const isSwitch = (el: Element | undefined): el is ElementOf<'tor'> | ElementOf<'fex'> => el?.kind === 'tor' || el?.kind === 'fex';

/** Line rate of an Ethernet port, Gb/s, or null when the port is unknown. */
export function ethPortSpeed(el: Element, port: string): number | null {
  switch (el.kind) {
    case 'nic':
      return numberedPortIndex(port, 'eth', el.ports) === null ? null : el.speedGbps;
    case 'tor': {
      // A sub-port runs at its breakout's speed; a port since broken out (or a sub-port no breakout makes) carries nothing.
      const r = torPortAt(el, port);
      return r?.live ? r.speedGbps : null;
    }
    case 'fex':
      if (numberedPortIndex(port, 'h', el.hostPorts) !== null) return el.hostPortSpeedGbps;
      return numberedPortIndex(port, 'u', el.uplinks) === null ? null : el.uplinkSpeedGbps;
    case 'storage':
      return numberedPortIndex(port, 'p', el.ports) === null ? null : el.speedGbps;
    default:
      return null;
  }
}

/** VID 4095 is reserved and never carried (IEEE 802.1Q-2018 Table 9-2). */
const RESERVED_VLAN = 4095;

/** A configured VLAN as frames carry it: VID 0 is a priority tag only, so the frame is untagged for forwarding (Table 9-2). */
const vlanTag = (v: number | null): number | null => (v === 0 ? null : v);

export function buildNetwork(design: Design, opts: { maxPayload?: number } = {}): Network {
  const maxPayload = opts.maxPayload ?? 256;
  const resources: Resource[] = [];
  const index = new Map<string, number>();
  const add = (r: Resource) => {
    index.set(r.id, resources.length);
    resources.push(r);
    return resources.length - 1;
  };
  const el = (id: string) => (Object.hasOwn(design.elements, id) ? design.elements[id] : undefined);

  // PCIe: each link's usable bandwidth per direction; the parent link of each device.
  const parentLink = new Map<string, { link: LinkOf<'pcie'>; down: number; up: number }>();
  const ethAt = new Map<string, EthEnd>();
  const switchLinks = new Map<string, EthEnd[]>();
  const attachments = new Map<string, Attachment[]>();
  const egress = new Map<string, Egress[]>();
  const foreign = new Map<string, string[]>();
  for (const l of Object.values(design.links)) {
    if (l.kind === 'pcie') addPcie(l);
    else if (l.kind === 'ethernet') addEth(l);
    else if (l.kind === 'vnic' || l.kind === 'vf' || l.kind === 'passthrough') addAttachment(l);
    else if (l.kind === 'uplink' || l.kind === 'sChannel') {
      const up = /^up(0|[1-9][0-9]*)$/.exec(l.a.port);
      const e: Egress = { nic: l.b.element, port: l.b.port, uplink: up ? Number(up[1]) : null, channel: l.kind === 'sChannel' ? l : null };
      (egress.get(l.a.element) ?? egress.set(l.a.element, []).get(l.a.element)!).push(e);
    }
  }
  for (const list of egress.values()) list.sort((x, y) => (x.nic < y.nic ? -1 : x.nic > y.nic ? 1 : x.port < y.port ? -1 : x.port > y.port ? 1 : 0));
  for (const e of Object.values(design.elements)) {
    if (e.kind === 'host') add({ id: `copy:${e.id}`, kind: 'vswitch-copy', capacity: e.vswitchCopyGbps, ref: e.id, dir: null });
  }

  function addPcie(l: LinkOf<'pcie'>) {
    const a = el(l.a.element);
    const b = el(l.b.element);
    if (!isPcieNode(a) || !isPcieNode(b)) return;
    const up = portCapability(a, l.a.port);
    const down = portCapability(b, l.b.port);
    if (!up || !down || up.direction !== 'down' || down.direction !== 'up') return;
    const gens = [up.gen, down.gen, l.slotGen].filter((x): x is NonNullable<typeof x> => x !== null);
    const widths = [up.width, down.width, l.slotWidth].filter((x): x is NonNullable<typeof x> => x !== null);
    // Unknown generation or width on both ends: the link is not a constraint the model can state.
    const cap = gens.length && widths.length ? pcieEffectiveGbps(Math.min(...gens) as never, Math.min(...widths) as never, maxPayload) : Infinity;
    const d = add({ id: `pcie:${l.id}:down`, kind: 'pcie', capacity: cap, ref: l.id, dir: 'down' });
    const u = add({ id: `pcie:${l.id}:up`, kind: 'pcie', capacity: cap, ref: l.id, dir: 'up' });
    if (!parentLink.has(b.id)) parentLink.set(b.id, { link: l, down: d, up: u });
  }

  function addEth(l: LinkOf<'ethernet'>) {
    const a = el(l.a.element);
    const b = el(l.b.element);
    if (!a || !b) return;
    const sa = ethPortSpeed(a, l.a.port);
    const sb = ethPortSpeed(b, l.b.port);
    if (sa === null || sb === null) return;
    const cap = l.speedGbps ?? Math.min(sa, sb);
    const ab = add({ id: `eth:${l.id}:ab`, kind: 'ethernet', capacity: cap, ref: l.id, dir: 'down' });
    const ba = add({ id: `eth:${l.id}:ba`, kind: 'ethernet', capacity: cap, ref: l.id, dir: 'up' });
    const endA: EthEnd = { link: l, far: { element: b, port: l.b.port }, out: ab, in: ba };
    const endB: EthEnd = { link: l, far: { element: a, port: l.a.port }, out: ba, in: ab };
    ethAt.set(`${a.id}\u0000${l.a.port}`, endA);
    ethAt.set(`${b.id}\u0000${l.b.port}`, endB);
    if (isSwitch(a) && isSwitch(b)) {
      (switchLinks.get(a.id) ?? switchLinks.set(a.id, []).get(a.id)!).push(endA);
      (switchLinks.get(b.id) ?? switchLinks.set(b.id, []).get(b.id)!).push(endB);
    }
  }

  function addAttachment(l: LinkOf<'vnic'> | LinkOf<'vf'> | LinkOf<'passthrough'>) {
    const vm = el(l.a.element);
    const far = el(l.b.element);
    if (vm?.kind !== 'vm' || !far || vm.parent === null) return;
    let att: Attachment | null = null;
    const tag = vlanTag(vm.vnics.find((n) => n.id === l.a.port)?.vlan ?? null);
    if (l.kind === 'vnic' && far.kind === 'vswitch') {
      const pg = l.b.port.startsWith('pg.') ? far.portGroups.find((g) => g.id === l.b.port.slice(3)) : undefined;
      const pgVlan = vlanTag(pg?.vlan ?? null);
      const tagRefused = tag === RESERVED_VLAN || pgVlan === RESERVED_VLAN || (tag !== null && pg !== undefined && tag !== pgVlan && !pg.trunk.includes(tag));
      att = { kind: 'vswitch', vm, vnic: l.a.port, vswitch: far, host: vm.parent, vlan: tag ?? pgVlan, tagRefused };
    }
    if (l.kind === 'vf' && (far.kind === 'nic' || far.kind === 'endpoint')) {
      const vf = parseVfPort(l.b.port);
      // A VF's VLAN is set by the PF's driver (`ip link set … vf N vlan V`), modelled as the vNIC's VLAN.
      if (vf) att = { kind: 'vf', vm, vnic: l.a.port, device: far, pf: vf.pf, host: vm.parent, vlan: tag, tagRefused: tag === RESERVED_VLAN };
    }
    // A NIC physical function passed through whole is the vNIC's own port: the guest's driver sends on port eth<i>
    // through the same PCIe path a VF of that function would take (the guest tags its VLAN itself). Other devices
    // (the VM's hostdev port) carry no network traffic.
    if (l.kind === 'passthrough' && far.kind === 'nic') {
      const pf = numberedPortIndex(l.b.port, 'pf', far.physicalFunctions.length);
      if (pf !== null) att = { kind: 'vf', vm, vnic: l.a.port, device: far, pf, host: vm.parent, vlan: tag, tagRefused: tag === RESERVED_VLAN, whole: true };
    }
    // A vNIC can only use its own server's switches and NICs: one elsewhere is not an attachment (NET-001, IOV-002).
    if (att && far.parent !== vm.parent) {
      (foreign.get(vm.id) ?? foreign.set(vm.id, []).get(vm.id)!).push(far.id);
      att = null;
    }
    if (att) (attachments.get(vm.id) ?? attachments.set(vm.id, []).get(vm.id)!).push(att);
  }

  const chains = new Map<string, { down: number; up: number }[]>();
  return {
    design,
    resources,
    maxPayload,
    index,
    attachments,
    foreignAttachments: foreign,
    pcieChain(deviceId) {
      const cached = chains.get(deviceId);
      if (cached) return cached;
      const chain: { down: number; up: number }[] = [];
      const seen = new Set<string>();
      let cur = deviceId;
      while (!seen.has(cur)) {
        seen.add(cur);
        const p = parentLink.get(cur);
        if (!p) break;
        chain.push({ down: p.down, up: p.up });
        cur = p.link.a.element;
      }
      chains.set(deviceId, chain);
      return chain;
    },
    ethAt: (element, port) => ethAt.get(`${element}\u0000${port}`) ?? null,
    switchNeighbours: (id) => switchLinks.get(id) ?? [],
    copyBudget: (hostId) => {
      const i = index.get(`copy:${hostId}`);
      return i === undefined ? null : i;
    },
    egress: (id) => egress.get(id) ?? [],
  };
}
