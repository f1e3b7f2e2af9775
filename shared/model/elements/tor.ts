/** Top-of-rack (or spine) Ethernet switch: ports with reflective relay, multichannel, controlling bridge, LAGs. */
import { z } from 'zod';
import { baseShape, pn, type PortInfo } from './base';
import { countSchema, gbpsSchema, mtuSchema } from '../units';
import { elementIdSchema } from '../ids';
import { vsiTypeSchema } from './vsi';

/**
 * A breakout: the port's lanes run as `lanes` ports of their own at `speedGbps` each (a QSFP28 cage as 4 × 25G or
 * 4 × 10G through a QSFP28-to-4×SFP28 cable: 100GBASE-SR4/CR4 is four 25G lanes, 802.3bm/802.3bj). 2 lanes: a QSFP28
 * as 2 × 50G; 8 lanes: a QSFP-DD or OSFP cage as 8 × 50G or 8 × 100G.
 */
export const breakoutModeSchema = z.object({
  lanes: z.union([z.literal(2), z.literal(4), z.literal(8)]),
  speedGbps: gbpsSchema,
});
export type BreakoutMode = z.infer<typeof breakoutModeSchema>;

/** Most sub-ports a breakout makes (an 8-lane cage): the sub-port names `p<i>/1 … p<i>/8` a cable may be left on. */
export const MAX_BREAKOUT_LANES = 8;

export const torPortSchema = z.object({
  speedGbps: gbpsSchema,
  /** 802.1Qbg reflective relay ("hairpin"): frames may leave by the port they arrived on. */
  reflectiveRelay: z.boolean(),
  /** EVB bridge role advertised on this port (station on the host side pairs with it). */
  evb: z.boolean(),
  /**
   * C-VLANs the port carries (its 802.1Q allowed-VLAN list, 1-4094); absent = all VLANs, as on a trunk port with
   * no `allowed vlan` restriction. Optional so that existing documents stay valid (validator rule L2-001 reads it).
   */
  allowedVlans: z.array(z.number().int().min(1).max(4094)).max(4094).optional(),
  /**
   * Every rate the port can run, Gb/s, as its cage, SerDes and optics allow (an SFP28 port [25, 10], a QSFP28 port
   * [100, 40]); `speedGbps` is the rate it is configured to and should be one of them (rule ETH-002). Absent = its
   * `speedGbps` plus the lower rates of the standard fallback table (`SPEED_FALLBACKS`, rule ETH-001). Optional so
   * that existing documents stay valid.
   */
  speedsGbps: z.array(gbpsSchema).min(1).max(16).optional(),
  /**
   * The breakouts the port's cage and the switch allow (a QSFP28 uplink `[{lanes: 4, speedGbps: 25}, {lanes: 4,
   * speedGbps: 10}]`); absent = none. Optional so that existing documents stay valid (rule ETH-002 reads it).
   */
  breakoutModes: z.array(breakoutModeSchema).min(1).max(8).optional(),
  /**
   * The breakout the port is configured to; absent = not broken out. A broken-out port `p<i>` is no longer a port: its
   * sub-ports `p<i>/1 … p<i>/<lanes>` are, each cabled on its own at the breakout speed, with the port's relay, EVB and
   * VLAN settings. Should be one of `breakoutModes` (rule ETH-002).
   */
  breakout: breakoutModeSchema.optional(),
});
export type TorPort = z.infer<typeof torPortSchema>;

export const lagSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: z.string().max(200),
  lacp: z.boolean(),
  /** The other switch of a declared MLAG (vPC) pair; null for a single-chassis LAG. */
  mlagPeer: elementIdSchema.nullable(),
});
export type Lag = z.infer<typeof lagSchema>;

export const torSchema = z.object({
  ...baseShape,
  kind: z.literal('tor'),
  model: z.string().max(200).nullable(),
  /** Position in the fabric: top-of-rack leaf or spine. */
  tier: z.enum(['tor', 'spine']),
  /** Ports `p0 …` in order. */
  ports: z.array(torPortSchema).max(1024),
  /** Supports VEPA multichannel (S-channels, CDCP). */
  multichannel: z.boolean(),
  /** S-channels per port the bridge can carry; null when unknown. */
  sChannelLimit: countSchema(4094).nullable(),
  /** Can act as an 802.1BR / VN-Tag controlling bridge for port extenders. */
  controllingBridge: z.boolean(),
  lags: z.array(lagSchema).max(512),
  stp: z.boolean(),
  /**
   * VLANs this switch routes (it holds their SVI / L3 interface). Absent on every switch of a design = each host's
   * first switch is the gateway of every VLAN (the common ToR-SVI design); once any switch lists its VLANs, only the
   * listed switches route, and a VLAN no switch lists has no gateway. Optional so that existing documents stay valid.
   */
  routedVlans: z.array(z.number().int().min(1).max(4094)).max(4094).optional(),
  /** MTU of the switch's ports, bytes (the system or default interface MTU; 9216 on most data-center switches set for jumbo). */
  mtu: mtuSchema,
  /**
   * VSI types (manager/type/version) the bridge's VSI manager database holds: a VSI of one of these types can be
   * associated, or pre-associated before a migration, through VDP on the switch's EVB ports (rule EVB-003). Absent =
   * none known. Optional so that existing documents stay valid.
   */
  vsiTypes: z.array(vsiTypeSchema).max(4096).optional(),
});
export type Tor = z.infer<typeof torSchema>;

/** The ports a switch offers: `p<i>` for a port not broken out, its sub-ports `p<i>/1 … p<i>/<lanes>` for one that is. */
export function torPorts(t: Tor): PortInfo[] {
  const out: PortInfo[] = [];
  t.ports.forEach((p, i) => {
    if (!p.breakout) out.push({ name: pn(`p${i}`), role: 'ethernet', speedGbps: p.speedGbps });
    else for (let j = 1; j <= p.breakout.lanes; j++) out.push({ name: pn(subPortName(i, j)), role: 'ethernet', speedGbps: p.breakout.speedGbps });
  });
  return out;
}

/** A breakout as datasheets write it: "4×25G". */
export const breakoutLabel = (m: BreakoutMode): string => `${m.lanes}×${m.speedGbps}G`;

/** The name of sub-port `lane` (from 1) of port `index`, as switch CLIs name a breakout's lanes (Arista `Ethernet49/1`). */
export const subPortName = (index: number, lane: number): string => `p${index}/${lane}`;

/** A switch port as a cable end names it: the port `p<i>`, or sub-port `lane` of a breakout. */
export interface TorPortRef {
  /** Index of the port (its cage) in `ports`. */
  index: number;
  /** The sub-port, from 1; null for the port itself. */
  lane: number | null;
  /** The port's settings, which its sub-ports share (relay, EVB, allowed VLANs). */
  port: TorPort;
  /** Its line rate: the breakout speed for a sub-port, else the port's configured speed. */
  speedGbps: number;
  /**
   * False for a name the switch does not offer now but a cable may still be left on: a broken-out port itself, or a
   * sub-port its breakout (or the lack of one) does not make. Such a cable carries nothing; rule ETH-002 reports it.
   */
  live: boolean;
}

const TOR_PORT_NAME = /^p(0|[1-9][0-9]*)(?:\/([1-9]))?$/;

/** Reads `p<i>` or `p<i>/<lane>` against the switch's ports; null when it names no port or sub-port it could have. */
export function torPortAt(t: Tor, name: string): TorPortRef | null {
  const m = TOR_PORT_NAME.exec(name);
  if (!m) return null;
  const index = Number(m[1]);
  const port = t.ports[index];
  if (!port) return null;
  if (m[2] === undefined) return { index, lane: null, port, speedGbps: port.speedGbps, live: !port.breakout };
  const lane = Number(m[2]);
  if (lane > MAX_BREAKOUT_LANES) return null;
  const live = port.breakout !== undefined && lane <= port.breakout.lanes;
  return { index, lane, port, speedGbps: port.breakout?.speedGbps ?? port.speedGbps, live };
}

/** The speeds a cable end at `ref` can run by declaration: the breakout speed for a sub-port, else the port's `speedsGbps`. */
export function torPortSpeeds(ref: TorPortRef): readonly number[] | null {
  return ref.lane !== null && ref.port.breakout ? [ref.port.breakout.speedGbps] : (ref.port.speedsGbps ?? null);
}
