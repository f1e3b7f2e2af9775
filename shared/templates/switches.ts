/**
 * Physical switches of the templates: an MLAG leaf pair per rack (48×25G host ports + 8×100G) and a spine row.
 * Ports p0-p47 face hosts, p48-p49 carry the MLAG peer link, p50-p53 go to the four spines, p54-p55 are spare.
 */
import type { Lag } from '../model/elements';
import { asElementId } from '../model/ids';
import type { DesignBuilder } from './builder';
import { templateLeaf, templateSpine } from './catalog-parts';
import type { BuiltHost } from './host';
import type { Point } from './layout';

export const TOR_HOST_PORTS = 48;
const PEER_LINK_PORTS = [48, 49] as const;
const FIRST_SPINE_PORT = 50;
/** Spines each leaf is cabled to, one 100G uplink to each. */
export const SPINE_COUNT = 4;
/** Spines are sized in whole 32-port line cards. */
const SPINE_PORT_BLOCK = 32;
const PEER_LAG = 'peer-link';

/**
 * LAGs of one leaf: the peer link to its partner, and with `hostLags` per host an MLAG port-channel whose other half
 * is on the partner (declared by `mlagPeer`), so a host's two uplinks form one LACP LAG across the pair. Hosts whose
 * teaming is switch-independent (ESXi originating port) get plain access ports instead: a LAG facing them would break
 * their traffic (TEAM-001).
 */
function leafLags(partner: string, hosts: readonly BuiltHost[], hostLags: boolean): Lag[] {
  const lags: Lag[] = [{ id: PEER_LAG, name: 'MLAG peer link', lacp: true, mlagPeer: null }];
  if (hostLags) for (const h of hosts) lags.push({ id: h.label, name: `${h.id} (MLAG)`, lacp: true, mlagPeer: asElementId(partner) });
  return lags;
}

/** Adds one leaf `${rack}.tor` and cables each host's eth0 and eth1 to it (as one LACP LAG with `hostLags`). */
export function buildSingleTor(b: DesignBuilder, rack: string, hosts: readonly BuiltHost[], at: Point, hostLags: boolean): string {
  if (2 * hosts.length > TOR_HOST_PORTS) throw new Error(`template bug: ${hosts.length} dual-homed hosts on one ${TOR_HOST_PORTS}-port leaf`);
  const tor = `${rack}.tor`;
  const lags = hostLags ? hosts.map((h) => ({ id: h.label, name: `${h.id} (LAG)`, lacp: true, mlagPeer: null })) : [];
  b.add(templateLeaf({ id: asElementId(tor), name: `${rack}-tor`, ...at }, lags));
  hosts.forEach((h, i) => {
    b.ethernet(`${h.nic}.eth0`, [h.nic, 'eth0'], [tor, `p${2 * i}`], hostLags ? h.label : null);
    b.ethernet(`${h.nic}.eth1`, [h.nic, 'eth1'], [tor, `p${2 * i + 1}`], hostLags ? h.label : null);
  });
  return tor;
}

export interface TorPair {
  a: string;
  b: string;
}

/** Adds rack `rack`'s leaf pair, the peer link, and cables each host's eth0 to leaf A and eth1 to leaf B. */
export function buildTorPair(b: DesignBuilder, rack: string, hosts: readonly BuiltHost[], at: { a: Point; b: Point }, hostLags: boolean): TorPair {
  if (hosts.length > TOR_HOST_PORTS) throw new Error(`template bug: ${hosts.length} hosts on one ${TOR_HOST_PORTS}-port leaf pair`);
  const a = `${rack}.tor-a`;
  const bId = `${rack}.tor-b`;
  b.add(templateLeaf({ id: asElementId(a), name: `${rack}-tor-a`, ...at.a }, leafLags(bId, hosts, hostLags)));
  b.add(templateLeaf({ id: asElementId(bId), name: `${rack}-tor-b`, ...at.b }, leafLags(a, hosts, hostLags)));
  PEER_LINK_PORTS.forEach((p, i) => b.ethernet(`${rack}.peer${i}`, [a, `p${p}`], [bId, `p${p}`], PEER_LAG));
  hosts.forEach((h, i) => {
    b.ethernet(`${h.nic}.eth0`, [h.nic, 'eth0'], [a, `p${i}`], hostLags ? h.label : null);
    b.ethernet(`${h.nic}.eth1`, [h.nic, 'eth1'], [bId, `p${i}`], hostLags ? h.label : null);
  });
  return { a, b: bId };
}

/** Ports each spine needs for `pairs` leaf pairs (two leaves each), rounded up to whole line cards. */
export function spinePortCount(pairs: number): number {
  return Math.max(1, Math.ceil((2 * pairs) / SPINE_PORT_BLOCK)) * SPINE_PORT_BLOCK;
}

/** Adds `spine1 … spine4` and one 100G uplink from every leaf to every spine (leaf i of pair r → spine port 2r+i). */
export function buildSpines(b: DesignBuilder, pairs: readonly TorPair[], at: (i: number) => Point): void {
  const ports = spinePortCount(pairs.length);
  for (let s = 0; s < SPINE_COUNT; s++) {
    const spine = `spine${s + 1}`;
    b.add(templateSpine({ id: asElementId(spine), name: spine, ...at(s) }, ports));
    pairs.forEach((pair, r) => {
      b.ethernet(`${pair.a}.${spine}`, [pair.a, `p${FIRST_SPINE_PORT + s}`], [spine, `p${2 * r}`]);
      b.ethernet(`${pair.b}.${spine}`, [pair.b, `p${FIRST_SPINE_PORT + s}`], [spine, `p${2 * r + 1}`]);
    });
  }
}
