/**
 * vSwitch QoS of a port group, or of one vNIC overriding its port group field by field: a limit, a reservation and
 * shares, as vSphere's per-vNIC resource allocation (vSphere API `VirtualEthernetCardResourceAllocation`: `limit`,
 * `reservation`, `share`, since API 6.0, Network I/O Control v3) and Hyper-V's `Set-VMNetworkAdapter -MaximumBandwidth
 * / -MinimumBandwidthAbsolute / -MinimumBandwidthWeight` state them; and an egress scheduling class, strict priority or
 * weighted round robin, as IEEE 802.1Qaz ETS combines them (strict-priority classes are served first, bandwidth-
 * allocation classes share the rest by weight and lend what they do not use). How the simulator applies them:
 * shared/sim/qos.ts and docs/qos.md. Every field is optional, so documents written before QoS load unchanged.
 */
import { z } from 'zod';

export const QOS_CLASS_MODES = ['strict', 'wrr'] as const;
export type QosClassMode = (typeof QOS_CLASS_MODES)[number];

/** NIOC's "Normal" share level (Low 25, Normal 50, High 100): the weight of a vNIC or class that sets none. */
export const DEFAULT_SHARES = 50;

export const qosSchema = z.object({
  /** Most the vNIC sends, Gb/s, even when the uplink is idle (vSphere `limit`, Hyper-V `-MaximumBandwidth`). */
  limitGbps: z.number().positive().max(1e5).finite().optional(),
  /** Guaranteed minimum at the uplink, Gb/s (vSphere `reservation`, Hyper-V `-MinimumBandwidthAbsolute`); unused, it goes to others. */
  reservationGbps: z.number().min(0).max(1e5).finite().optional(),
  /** Relative weight for what is left after reservations, 1-100 (vSphere `share`, Hyper-V `-MinimumBandwidthWeight`); absent = 50. */
  shares: z.number().int().min(1).max(100).optional(),
  /** Egress scheduling class at the uplink: strict priority or weighted round robin (802.1Qaz TSA); absent = the default WRR class. */
  classMode: z.enum(QOS_CLASS_MODES).optional(),
  /** Strict-priority level, 0-7 as 802.1p priorities (7 is served first); used when `classMode` is `strict`. */
  classPriority: z.number().int().min(0).max(7).optional(),
  /** Weight of the WRR class, 1-100; used when `classMode` is `wrr` (absent = 50). */
  classWeight: z.number().int().min(1).max(100).optional(),
});
export type Qos = z.infer<typeof qosSchema>;

export const QOS_FIELDS = ['limitGbps', 'reservationGbps', 'shares', 'classMode', 'classPriority', 'classWeight'] as const satisfies readonly (keyof Qos)[];

/** A vNIC's effective QoS: its port group's, each field overridden by the vNIC's own where set. */
export function effectiveQos(portGroup: Qos | undefined, vnic: Qos | undefined): Qos {
  const out: Qos = { ...portGroup };
  for (const k of QOS_FIELDS) if (vnic?.[k] !== undefined) (out as Record<string, unknown>)[k] = vnic[k];
  return out;
}

/** Whether a QoS asks the uplink scheduler for anything (a limit alone is a cap, not scheduling). */
export const schedulesAtUplink = (q: Qos): boolean =>
  q.reservationGbps !== undefined || q.shares !== undefined || q.classMode !== undefined;

/** Whether a QoS has any field set. */
export const hasQos = (q: Qos | undefined): q is Qos => q !== undefined && QOS_FIELDS.some((k) => q[k] !== undefined);
