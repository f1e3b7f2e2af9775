/** MTU along each VM network's path: port group, virtual switch, NIC, first switch (DOMAIN.md §3 MTU-001). */
import { pfEthernetPort, type ElementOf } from '../../model/elements';
import { assignedLinks, networkFunction } from '../network-functions';
import { diag, type Diagnostic, type HostContext, type HostRule } from '../types';
import { adjacentPort } from './evb';
import { listNames, nameOf } from '../format';

/** Largest MTU the model accepts (`mtuSchema`): a quick fix never asks for more. */
const MAX_MTU = 16384;

type HopElement = ElementOf<'vswitch'> | ElementOf<'nic'> | ElementOf<'tor'>;

/** One element on the host's paths whose MTU is below what some network through it needs. */
interface ShortHop {
  hop: HopElement;
  /** Bytes the largest network through the hop needs of it (overlay included). */
  need: number;
  /** The networks that need more than the hop carries, as "name (bytes)". */
  users: Set<string>;
  elements: Set<string>;
  links: Set<string>;
  /** A fabric extender between the NIC and the switch whose MTU applies (the extender forwards at its parent's MTU). */
  via: ElementOf<'fex'> | null;
}

/** What the first switch beyond a NIC port is, for MTU: a ToR, or a FEX's controlling bridge. */
function switchBeyond(ctx: HostContext, nicId: string, port: string): { tor: ElementOf<'tor'>; via: ElementOf<'fex'> | null; link: string } | null {
  const adj = adjacentPort(ctx, nicId, port);
  if (!adj) return null;
  if (adj.sw.kind === 'tor') return { tor: adj.sw, via: null, link: adj.link.id };
  const parent = adj.sw.controllingBridge ? ctx.external(adj.sw.controllingBridge) : undefined;
  return parent?.kind === 'tor' ? { tor: parent, via: adj.sw, link: adj.link.id } : null;
}

/** The short hops of one host, keyed by the hop's element id. */
class Shortfalls {
  readonly hops = new Map<string, ShortHop>();

  /** Records that `user` needs `need` bytes of `hop`, if the hop carries less. */
  add(hop: HopElement, need: number, user: string, elements: readonly string[], links: readonly string[], via: ElementOf<'fex'> | null = null): void {
    if (hop.mtu >= need) return;
    let h = this.hops.get(hop.id);
    if (!h) this.hops.set(hop.id, (h = { hop, need, users: new Set(), elements: new Set(), links: new Set(), via }));
    h.need = Math.max(h.need, need);
    h.users.add(user);
    for (const e of elements) h.elements.add(e);
    for (const l of links) h.links.add(l);
  }
}

/** Port names (`pg.<id>`) with a vNIC attached, by virtual switch id. */
function attachedGroups(ctx: HostContext): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const l of ctx.hostLinks('vnic')) {
    const ports = out.get(l.b.element);
    if (ports) ports.add(l.b.port);
    else out.set(l.b.element, new Set([l.b.port]));
  }
  return out;
}

/** One uplink's physical hops: the NIC port it lands on and the switch beyond. */
interface UplinkPath {
  link: string;
  nic: ElementOf<'nic'>;
  sw: ReturnType<typeof switchBeyond>;
}

/** Port groups with VMs: their need on the switch, and on each NIC and switch the uplinks use (plus overlay bytes). */
function vswitchPaths(ctx: HostContext, short: Shortfalls): void {
  let attached: Map<string, Set<string>> | null = null;
  for (const vs of ctx.children('vswitch')) {
    if (vs.portGroups.length === 0) continue;
    let most = 0;
    for (const g of vs.portGroups) most = Math.max(most, g.mtu ?? vs.mtu);
    const paths: UplinkPath[] = [];
    for (const l of ctx.linksOf(vs.id)) {
      if ((l.kind !== 'uplink' && l.kind !== 'sChannel') || l.a.element !== vs.id) continue;
      const nic = ctx.element(l.b.element);
      if (nic?.kind === 'nic') paths.push({ link: l.id, nic, sw: switchBeyond(ctx, nic.id, l.b.port) });
    }
    // The common case: every hop carries the largest port group of the switch, with or without VMs on it, and no
    // vNIC needs looking at.
    const wireMost = most + vs.overlayBytes;
    if (most <= vs.mtu && paths.every((p) => p.nic.mtu >= wireMost && (!p.sw || p.sw.tor.mtu >= wireMost))) continue;
    attached ??= attachedGroups(ctx);
    const ports = attached.get(vs.id);
    if (!ports) continue;
    const groups = vs.portGroups.filter((g) => ports.has(`pg.${g.id}`));
    for (const g of groups) {
      const need = g.mtu ?? vs.mtu;
      const wire = need + vs.overlayBytes;
      const name = g.name || g.id;
      if (need > vs.mtu) short.add(vs, need, `port group ${name} (${need})`, [vs.id], []);
      const user = vs.overlayBytes ? `port group ${name} (${need} + ${vs.overlayBytes} overlay = ${wire})` : `port group ${name} (${need})`;
      for (const p of paths) {
        short.add(p.nic, wire, user, [vs.id], [p.link]);
        if (p.sw) short.add(p.sw.tor, wire, user, [vs.id, p.nic.id, ...(p.sw.via ? [p.sw.via.id] : [])], [p.link, p.sw.link], p.sw.via);
      }
    }
  }
}

/** VMs on VFs send frames up to their NIC's MTU: the switch cabled to the VF's port must carry them. */
function vfPaths(ctx: HostContext, short: Shortfalls): void {
  const seen = new Set<string>();
  for (const l of assignedLinks(ctx.hostLinks('vf'), ctx.hostLinks('passthrough'))) {
    const nic = ctx.element(l.b.element);
    // Another server's NIC is IOV-002's finding; its own server reports the path.
    if (nic?.kind !== 'nic' || nic.parent !== ctx.host.id) continue;
    const vf = networkFunction(l, nic);
    if (!vf) continue;
    const port = pfEthernetPort(nic, vf.pf);
    const key = `${nic.id}\u0000${port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const sw = switchBeyond(ctx, nic.id, port);
    if (sw) short.add(sw.tor, nic.mtu, `VFs of ${nameOf(nic)} ${port} (${nic.mtu})`, [nic.id, ...(sw.via ? [sw.via.id] : [])], [l.id, sw.link], sw.via);
  }
}

/** "the NIC h1.nic", "virtual switch vs1", "switch leaf1 (through FEX f1)": how a message names a hop. */
function hopName(h: ShortHop): string {
  switch (h.hop.kind) {
    case 'vswitch':
      return `virtual switch ${nameOf(h.hop)}`;
    case 'nic':
      return `NIC ${nameOf(h.hop)}`;
    case 'tor':
      return `switch ${nameOf(h.hop)}${h.via ? ` (behind fabric extender ${nameOf(h.via)})` : ''}`;
  }
}

export const MTU_001: HostRule = {
  id: 'MTU-001',
  severity: 'error',
  scope: 'host',
  title: 'MTU along VM networks',
  description:
    'Every hop of a VM network carries its frames: the virtual switch carries the port group\'s MTU, and each NIC its uplinks use and the switch each NIC port is cabled to carry that MTU plus the overlay\'s bytes (for VFs, the NIC\'s own MTU), else larger frames are dropped at the short hop.',
  source:
    'IEEE 802.3 (a bridge discards frames longer than the port accepts; Ethernet does not fragment); RFC 791 (IPv4 fragmentation, never for DF packets) and RFC 8200 §5 (IPv6: no fragmentation on the path, Packet Too Big); RFC 7348 §4.3 (VXLAN adds 50 bytes, VTEPs must not fragment); VMware vSphere networking guide, jumbo frames for vMotion/vSAN/iSCSI (the MTU must match end to end: VMkernel adapter, switch, physical NIC and physical switches)',
  check(ctx) {
    const short = new Shortfalls();
    vswitchPaths(ctx, short);
    vfPaths(ctx, short);
    const out: Diagnostic[] = [];
    for (const h of short.hops.values()) {
      const gap = h.need - h.hop.mtu;
      const why = h.hop.kind === 'vswitch' ? 'the switch drops the larger frames its port groups accept' : 'frames larger than the hop carries are dropped there (Ethernet does not fragment), so jumbo traffic such as vMotion or storage stalls while small packets still pass';
      const fix =
        h.need <= MAX_MTU
          ? { label: `Raise ${h.hop.name || h.hop.id}'s MTU to ${h.need}`, commands: [{ type: 'updateElement' as const, id: h.hop.id, changes: { mtu: h.need } }] }
          : undefined;
      out.push(
        diag(
          this,
          `${listNames([...h.users])} on ${nameOf(ctx.host)} ${h.users.size === 1 && !h.users.values().next().value!.startsWith('VFs') ? 'needs' : 'need'} ${h.need} bytes of ${hopName(h)}, whose MTU is ${h.hop.mtu} (${gap} bytes short): ${why}; raise its MTU to ${h.need}.`,
          [h.hop.id, ...[...h.elements].filter((e) => e !== h.hop.id)],
          [...h.links],
          fix,
        ),
      );
    }
    return out;
  },
};

export const MTU_RULES: readonly HostRule[] = [MTU_001];
