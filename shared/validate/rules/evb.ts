/** Edge virtual bridging rules: reflective relay, role pairing, S-channels (DOMAIN.md §3 EVB-*). */
import { parseVfPort, pfEthernetPort, torPortAt, type ElementOf } from '../../model/elements';
import type { LinkOf } from '../../model/links';
import { diag, type Diagnostic, type HostContext, type HostRule } from '../types';
import { nameOf } from '../format';

/** Channels a port can carry under CDCP: SCIDs 1-167 (1 is the default channel). */
export const CDCP_MAX_CHANNELS = 167;

export interface AdjacentPort {
  link: LinkOf<'ethernet'>;
  sw: ElementOf<'tor'> | ElementOf<'fex'>;
  port: string;
  /** Index into `tor.ports` when the neighbour is a switch. */
  torIndex: number | null;
}

/** The switch port cabled to a NIC port, if any (read as an external dependency of the host). */
export function adjacentPort(ctx: Pick<HostContext, 'linksOf' | 'external'>, nicId: string, nicPort: string): AdjacentPort | null {
  // The port also carries the vSwitch uplink or S-channels (virtual links): look for the cable itself.
  const link = ctx
    .linksOf(nicId)
    .find((l): l is LinkOf<'ethernet'> => l.kind === 'ethernet' && ((l.a.element === nicId && l.a.port === nicPort) || (l.b.element === nicId && l.b.port === nicPort)));
  if (!link) return null;
  const far = link.a.element === nicId && link.a.port === nicPort ? link.b : link.a;
  const sw = ctx.external(far.element);
  if (sw?.kind === 'tor') {
    // A breakout's sub-ports share their port's relay and EVB settings, so the fix sets them on the port.
    const r = torPortAt(sw, far.port);
    return { link, sw, port: far.port, torIndex: r?.live ? r.index : null };
  }
  if (sw?.kind === 'fex') return { link, sw, port: far.port, torIndex: null };
  return null;
}


/** Uplinks and S-channels of each virtual switch in the host, with the NIC port each lands on. */
function switchAttachments(ctx: HostContext): { vs: ElementOf<'vswitch'>; link: LinkOf<'uplink'> | LinkOf<'sChannel'> }[] {
  return ctx.memo('vswitch-attachments', () => {
    const out: { vs: ElementOf<'vswitch'>; link: LinkOf<'uplink'> | LinkOf<'sChannel'> }[] = [];
    for (const l of [...ctx.hostLinks('uplink'), ...ctx.hostLinks('sChannel')]) {
      const vs = ctx.element(l.a.element);
      if (vs?.kind === 'vswitch') out.push({ vs, link: l });
    }
    return out;
  });
}

/** A command that sets one field of one ToR port. */
export function setTorPort(tor: ElementOf<'tor'>, index: number, changes: Partial<ElementOf<'tor'>['ports'][number]>) {
  const ports = tor.ports.map((p, i) => (i === index ? { ...p, ...changes } : p));
  return { type: 'updateElement' as const, id: tor.id, changes: { ports } };
}

/** Whether traffic on this attachment is VEPA (sent to the adjacent bridge and possibly hairpinned). */
export function isVepa(vs: ElementOf<'vswitch'>, link: LinkOf<'uplink'> | LinkOf<'sChannel'>): boolean {
  if (link.kind === 'sChannel') return link.mode === 'vepa';
  // A multichannel switch's plain uplink is its default channel, relayed like standard VEPA (the simulator agrees).
  return vs.evbMode === 'vepa' || vs.evbMode === 'vepa-multichannel';
}

export const EVB_001: HostRule = {
  id: 'EVB-001',
  severity: 'error',
  scope: 'host',
  title: 'Reflective relay for VEPA',
  description: "A VEPA host's adjacent bridge port has reflective relay enabled; without it, frames between VMs of the same host are dropped.",
  source: 'IEEE 802.1Qbg-2012, reflective relay (hairpin) on the EVB bridge port',
  check(ctx) {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const { vs, link } of switchAttachments(ctx)) {
      if (!isVepa(vs, link)) continue;
      const adj = adjacentPort(ctx, link.b.element, link.b.port);
      if (!adj || adj.sw.kind !== 'tor' || adj.torIndex === null) continue;
      const key = `${adj.sw.id}:${adj.port}`;
      if (seen.has(key) || adj.sw.ports[adj.torIndex]!.reflectiveRelay) continue;
      seen.add(key);
      out.push(diag(this, `${nameOf(vs)} is VEPA but ${nameOf(adj.sw)} port ${adj.port} has reflective relay off, so traffic between VMs on ${nameOf(ctx.host)} is dropped; enable reflective relay on that port.`, [vs.id, adj.sw.id, link.b.element], [link.id, adj.link.id], {
        label: `Enable reflective relay on ${adj.sw.name || adj.sw.id} ${adj.port}`,
        commands: [setTorPort(adj.sw, adj.torIndex, { reflectiveRelay: true })],
      }));
    }
    // A NIC whose embedded bridge runs in VEPA mode sends VF traffic to the wire too: the port of each PF with VFs in
    // use needs relay, or VFs of that port (and its PF's own traffic) cannot reach each other.
    for (const l of ctx.hostLinks('vf')) {
      const nic = ctx.element(l.b.element);
      const vf = parseVfPort(l.b.port);
      if (nic?.kind !== 'nic' || nic.embeddedBridge !== 'vepa' || !vf) continue;
      const port = pfEthernetPort(nic, vf.pf);
      const adj = adjacentPort(ctx, nic.id, port);
      if (!adj || adj.sw.kind !== 'tor' || adj.torIndex === null) continue;
      const key = `${adj.sw.id}:${adj.port}`;
      if (seen.has(key) || adj.sw.ports[adj.torIndex]!.reflectiveRelay) continue;
      seen.add(key);
      out.push(diag(this, `${nameOf(nic)}'s embedded bridge is in VEPA mode but ${nameOf(adj.sw)} port ${adj.port} has reflective relay off, so traffic between the VFs of ${port} (and their PF) on ${nameOf(ctx.host)} is dropped; enable reflective relay on that port or set the embedded bridge to VEB.`, [nic.id, adj.sw.id], [l.id, adj.link.id], {
        label: `Enable reflective relay on ${adj.sw.name || adj.sw.id} ${adj.port}`,
        commands: [setTorPort(adj.sw, adj.torIndex, { reflectiveRelay: true })],
      }));
    }
    return out;
  },
};

export const EVB_002: HostRule = {
  id: 'EVB-002',
  severity: 'error',
  scope: 'host',
  title: 'EVB roles pair up',
  description:
    'An EVB station (VEPA or multichannel on the host) faces an EVB bridge port (a port with reflective relay set statically but no EVB TLV works and is a warning); a VN-Tag host faces a controlling bridge (directly or through a port extender) through a NIC that can tag.',
  source: 'IEEE 802.1Qbg-2012 EVB TLV (station and bridge roles); libvirt formatdomain, direct attachment mode=\'vepa\' (macvtap) against a bridge port with hairpin set by hand (Linux bridge hairpin_mode); IEEE 802.1BR / Cisco VN-Tag',
  check(ctx) {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const { vs, link } of switchAttachments(ctx)) {
      const nic = ctx.element(link.b.element);
      const adj = adjacentPort(ctx, link.b.element, link.b.port);
      if (!adj) continue;
      const key = `${vs.id}:${adj.sw.id}:${adj.port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (vs.evbMode === 'vepa' || vs.evbMode === 'vepa-multichannel') {
        const port = adj.sw.kind === 'tor' && adj.torIndex !== null ? adj.sw.ports[adj.torIndex]! : null;
        if (adj.sw.kind === 'tor' && adj.torIndex !== null && port && !port.evb) {
          const fix = { label: `Enable EVB on ${adj.sw.name || adj.sw.id} ${adj.port}`, commands: [setTorPort(adj.sw, adj.torIndex, { evb: true })] };
          if (port.reflectiveRelay) {
            // Reflective relay set by hand (hairpin on the bridge port) with no EVB TLV: the station's VEPA traffic is
            // relayed, as with Linux macvtap mode='vepa', but nothing negotiates or checks the pairing.
            out.push(diag(this, `${nameOf(vs)} runs as an EVB station (${vs.evbMode}) and ${nameOf(adj.sw)} port ${adj.port} has reflective relay set statically without the EVB TLV: VEPA traffic is relayed, but nothing negotiates it, so a port reconfigured by hand breaks same-host traffic unnoticed; enable EVB on that port to have the roles negotiated.`, [vs.id, adj.sw.id], [link.id, adj.link.id], fix, 'warning'));
          } else {
            out.push(diag(this, `${nameOf(vs)} runs as an EVB station (${vs.evbMode}) but ${nameOf(adj.sw)} port ${adj.port} is neither an EVB bridge port nor set for reflective relay; enable EVB on that port.`, [vs.id, adj.sw.id], [link.id, adj.link.id], fix));
          }
        } else if (adj.sw.kind === 'fex') {
          out.push(diag(this, `${nameOf(vs)} runs as an EVB station (${vs.evbMode}) but is cabled to port extender ${nameOf(adj.sw)}, which does no bridging; cable it to an EVB bridge or use VN-Tag.`, [vs.id, adj.sw.id], [link.id, adj.link.id]));
        }
      } else if (vs.evbMode === 'vntag') {
        if (nic?.kind === 'nic' && nic.portExtension === 'none') {
          out.push(diag(this, `${nameOf(vs)} uses VN-Tag but ${nameOf(nic)} cannot tag (no port-extension support); use an interface-virtualizer NIC.`, [vs.id, nic.id], [link.id]));
        }
        const bridge = adj.sw.kind === 'tor' ? adj.sw : adj.sw.controllingBridge ? ctx.external(adj.sw.controllingBridge) : undefined;
        if (!bridge || bridge.kind !== 'tor' || !bridge.controllingBridge) {
          out.push(diag(this, `${nameOf(vs)} uses VN-Tag but ${nameOf(adj.sw)} ${adj.sw.kind === 'fex' ? 'has no controlling bridge' : 'is not a controlling bridge'}; connect it to a controlling bridge.`, [vs.id, adj.sw.id], [link.id, adj.link.id]));
        }
      }
    }
    return out;
  },
};

export const EVB_004: HostRule = {
  id: 'EVB-004',
  severity: 'error',
  scope: 'host',
  title: 'S-channels',
  description: 'S-channels on a port have unique S-VIDs in 1-4094, fit the bridge\'s channel capacity (CDCP carries at most 167), run on a multichannel-capable bridge, and belong to a multichannel virtual switch.',
  source: 'IEEE 802.1Qbg-2012 CDCP (S-channel discovery and configuration); IEEE 802.1ad S-VLAN; HPE/H3C EVB guides (SCID 1-167)',
  check(ctx) {
    const out: Diagnostic[] = [];
    const byPort = new Map<string, LinkOf<'sChannel'>[]>();
    for (const l of ctx.hostLinks('sChannel')) {
      const key = `${l.b.element}\u0000${l.b.port}`;
      const list = byPort.get(key);
      if (list) list.push(l);
      else byPort.set(key, [l]);
      const vs = ctx.element(l.a.element);
      if (vs?.kind === 'vswitch' && vs.evbMode !== 'vepa-multichannel') {
        out.push(diag(this, `${nameOf(vs)} has S-channel ${l.svid} but its EVB mode is ${vs.evbMode}; set it to VEPA multichannel or use a plain uplink.`, [vs.id], [l.id], {
          label: 'Set EVB mode to VEPA multichannel',
          commands: [{ type: 'updateElement', id: vs.id, changes: { evbMode: 'vepa-multichannel' } }],
        }));
      }
      if (l.svid < 1 || l.svid > 4094) {
        out.push(diag(this, `S-channel ${l.id} uses S-VID ${l.svid}; S-VIDs are 1-4094 (0 and 4095 are reserved).`, [l.a.element, l.b.element], [l.id]));
      }
    }
    for (const [key, list] of byPort) {
      const [nicId, nicPort] = key.split('\u0000') as [string, string];
      const nic = ctx.element(nicId);
      const used = new Set(list.map((l) => l.svid));
      const counts = new Map<number, LinkOf<'sChannel'>[]>();
      for (const l of list) counts.set(l.svid, [...(counts.get(l.svid) ?? []), l]);
      for (const [svid, dup] of counts) {
        if (dup.length < 2) continue;
        const fixes = dup.slice(1).map((l) => {
          let free = 2;
          while (used.has(free) && free < 4094) free++;
          used.add(free);
          return { type: 'updateLink' as const, id: l.id, changes: { svid: free } };
        });
        out.push(diag(this, `${dup.length} S-channels on ${nameOf(nic)} ${nicPort} use S-VID ${svid}; each channel on a port needs its own S-VID.`, [nicId, ...dup.map((l) => l.a.element)], dup.map((l) => l.id), {
          label: 'Pick free S-VIDs',
          commands: fixes,
        }));
      }
      const adj = adjacentPort(ctx, nicId, nicPort);
      if (adj?.sw.kind === 'tor') {
        if (!adj.sw.multichannel) {
          out.push(diag(this, `${nameOf(nic)} ${nicPort} carries ${list.length} S-channels but ${nameOf(adj.sw)} does not support multichannel (CDCP); use a multichannel-capable bridge.`, [nicId, adj.sw.id], [adj.link.id, ...list.map((l) => l.id)]));
        }
        const limit = Math.min(adj.sw.sChannelLimit ?? CDCP_MAX_CHANNELS, CDCP_MAX_CHANNELS);
        if (list.length > limit) {
          out.push(diag(this, `${nameOf(nic)} ${nicPort} carries ${list.length} S-channels but ${nameOf(adj.sw)} port ${adj.port} takes at most ${limit}; remove ${list.length - limit}.`, [nicId, adj.sw.id], list.map((l) => l.id)));
        }
      }
    }
    return out;
  },
};

export const EVB_RULES: readonly HostRule[] = [EVB_001, EVB_002, EVB_004];

// EVB-003 (VSI profiles associated through VDP, pre-associated at a migration destination) combines hosts, so it is
// a fabric rule of its own: rules/vsi.ts.
