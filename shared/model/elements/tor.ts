/** Top-of-rack (or spine) Ethernet switch: ports with reflective relay, multichannel, controlling bridge, LAGs. */
import { z } from 'zod';
import { baseShape, pn, type PortInfo } from './base';
import { countSchema, gbpsSchema, mtuSchema } from '../units';
import { elementIdSchema } from '../ids';

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
});
export type Tor = z.infer<typeof torSchema>;

export function torPorts(t: Tor): PortInfo[] {
  return t.ports.map((p, i) => ({ name: pn(`p${i}`), role: 'ethernet' as const, speedGbps: p.speedGbps }));
}
