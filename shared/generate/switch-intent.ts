/**
 * A vendor-neutral switch intent (`rackplane generate --target switch-intent`): `switch-intent.json`, one document a
 * network automation pipeline renders into each vendor's configuration (NX-OS, EOS, SONiC…). Per switch: role, MTU,
 * STP, routed VLANs, LAGs with their members and MLAG peer; per port: its cage and breakout, speed, what is cabled to
 * it, its LAG, the VLANs it carries (`"all"` when unrestricted), reflective relay and EVB, and the S-channels the
 * station at the far end runs on it. Fabric extenders list their controlling bridge, host ports and uplinks.
 *
 * The format is versioned (`rackplane-switch-intent`, version 1); ids are the design's, names are for people.
 */
import type { Design } from '../model/design';
import { breakoutLabel, torPorts, torPortAt, type ElementOf } from '../model/elements';
import type { Link } from '../model/links';
import type { Generation } from './types';

export const SWITCH_INTENT_FORMAT = 'rackplane-switch-intent';
export const SWITCH_INTENT_VERSION = 1;

interface Peer {
  element: string;
  name: string;
  port: string;
}

interface PortIntent {
  name: string;
  /** The cage (`p48`) a sub-port (`p48/1`) belongs to; the port's own name otherwise. */
  cage: string;
  breakout: string | null;
  speedGbps: number;
  connectedTo: Peer | null;
  lag: string | null;
  vlans: number[] | 'all';
  reflectiveRelay: boolean;
  evb: boolean;
  sChannels: { svid: number; mode: 'veb' | 'vepa' }[];
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en', { numeric: true });

/** The switch-intent document of every ToR, spine and FEX. */
export function generateSwitchIntent(d: Design): Generation {
  const notes: string[] = [];
  const cables = new Map<string, { link: Link; peer: Peer }>();
  const sChannelsOn = new Map<string, { svid: number; mode: 'veb' | 'vepa' }[]>();
  const key = (el: string, port: string) => `${el}\u0000${port}`;
  for (const l of Object.values(d.links)) {
    if (l.kind === 'ethernet') {
      for (const [me, other] of [
        [l.a, l.b],
        [l.b, l.a],
      ] as const) {
        const el = d.elements[other.element];
        // A NIC is named with its host ("kvm-r01-h001 nic0"): NIC names repeat from host to host.
        const host = el?.parent ? d.elements[el.parent] : undefined;
        const name = `${host?.kind === 'host' ? `${host.name || host.id} ` : ''}${el?.name || other.element}`;
        cables.set(key(me.element, me.port), { link: l, peer: { element: other.element, name, port: other.port } });
      }
    } else if (l.kind === 'sChannel') {
      const list = sChannelsOn.get(key(l.b.element, l.b.port)) ?? [];
      list.push({ svid: l.svid, mode: l.mode });
      sChannelsOn.set(key(l.b.element, l.b.port), list);
    }
  }
  const switches = Object.values(d.elements)
    .filter((e): e is ElementOf<'tor'> | ElementOf<'fex'> => e.kind === 'tor' || e.kind === 'fex')
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const out = switches.map((sw) => {
    const portOf = (name: string) => {
      const c = cables.get(key(sw.id, name));
      const far = c ? sChannelsOn.get(key(c.peer.element, c.peer.port)) : undefined;
      return { connectedTo: c?.peer ?? null, lag: c?.link.kind === 'ethernet' ? c.link.lag : null, sChannels: (far ?? []).sort((a, b) => a.svid - b.svid) };
    };
    if (sw.kind === 'fex') {
      const ports = (prefix: string, n: number, speed: number) => Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i}`, speedGbps: speed, ...portOf(`${prefix}${i}`) }));
      if (sw.controllingBridge === null) notes.push(`${sw.name || sw.id}: no controlling bridge assigned, so its host ports have no parent switch to be configured on`);
      return { id: sw.id, name: sw.name, role: 'fex' as const, model: sw.model, controllingBridge: sw.controllingBridge, hostPorts: ports('h', sw.hostPorts, sw.hostPortSpeedGbps), uplinks: ports('u', sw.uplinks, sw.uplinkSpeedGbps) };
    }
    const ports: PortIntent[] = torPorts(sw).map((p) => {
      const ref = torPortAt(sw, p.name)!;
      const settings = ref.port;
      return {
        name: p.name,
        cage: `p${ref.index}`,
        breakout: settings.breakout ? breakoutLabel(settings.breakout) : null,
        speedGbps: ref.speedGbps,
        ...portOf(p.name),
        vlans: settings.allowedVlans ? [...settings.allowedVlans].sort((a, b) => a - b) : 'all',
        reflectiveRelay: settings.reflectiveRelay,
        evb: settings.evb,
      };
    });
    const lags = sw.lags.map((lag) => ({ id: lag.id, name: lag.name, lacp: lag.lacp, mlagPeer: lag.mlagPeer, members: ports.filter((p) => p.lag === lag.id).map((p) => p.name) }));
    return {
      id: sw.id,
      name: sw.name,
      role: sw.tier,
      model: sw.model,
      mtu: sw.mtu,
      stp: sw.stp,
      routedVlans: sw.routedVlans ? [...sw.routedVlans].sort((a, b) => a - b) : null,
      multichannel: sw.multichannel,
      controllingBridge: sw.controllingBridge,
      lags,
      ports: ports.sort(byName),
    };
  });
  const text = JSON.stringify({ format: SWITCH_INTENT_FORMAT, version: SWITCH_INTENT_VERSION, design: d.meta.name, switches: out }, null, 2) + '\n';
  if (switches.length === 0) notes.push('the design has no switches: the intent lists none');
  return { files: [{ path: 'switch-intent.json', text }], notes };
}

