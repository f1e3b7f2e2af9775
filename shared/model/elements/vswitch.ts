/** Virtual switch inside a host: kind, Hyper-V mode, edge-virtual-bridging mode, uplinks and port groups. */
import { z } from 'zod';
import { baseShape, numberedPorts, pn, type PortInfo } from './base';
import { countSchema, mtuSchema, vlanIdSchema } from '../units';
import { TEAM_POLICIES } from '../teaming';
import { qosSchema } from './qos';

export const VSWITCH_KINDS = ['vds', 'hyperv', 'ovs', 'linux-bridge'] as const;
export type VswitchKind = (typeof VSWITCH_KINDS)[number];
export const HYPERV_MODES = ['private', 'internal', 'external'] as const;
/** Where VM-to-VM traffic is switched (DOMAIN.md §1). */
export const EVB_MODES = ['veb', 'vepa', 'vepa-multichannel', 'vntag'] as const;
export type EvbMode = (typeof EVB_MODES)[number];

export const portGroupSchema = z.object({
  /** Stable id; the port name is `pg.${id}`. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: z.string().max(200),
  /** Access VLAN; null = untagged. */
  vlan: vlanIdSchema.nullable(),
  /** VLANs trunked to the guest (VGT); empty for access port groups. */
  trunk: z.array(vlanIdSchema).max(4096),
  /**
   * MTU the network's VMs (or VMkernel adapters) use, bytes: 9000 for a jumbo-frame vMotion or storage network.
   * Absent = the virtual switch's MTU (optional so that the many hand-written port groups stay short).
   */
  mtu: mtuSchema.optional(),
  /** Limit, reservation, shares and egress class of the group's vNICs at the uplink (qos.ts); absent = none. */
  qos: qosSchema.optional(),
});
export type PortGroup = z.infer<typeof portGroupSchema>;

export const vswitchSchema = z.object({
  ...baseShape,
  kind: z.literal('vswitch'),
  switchKind: z.enum(VSWITCH_KINDS),
  /** Hyper-V switch type; null for other kinds. */
  hypervMode: z.enum(HYPERV_MODES).nullable(),
  evbMode: z.enum(EVB_MODES),
  /** Uplink ports `up0 …` (attached to NIC ports by uplink or S-channel links). */
  uplinks: countSchema(32),
  portGroups: z.array(portGroupSchema).max(4096),
  /** Name of the distributed switch this host-level member belongs to (VDS spans hosts); null otherwise. */
  distributedName: z.string().max(200).nullable(),
  /** Host virtual NICs on the switch (Hyper-V internal/external management adapters). */
  hostVnics: countSchema(64),
  /** Spanning tree on this bridge (OVS/Linux bridge). */
  stp: z.boolean(),
  /** How the uplinks are teamed (shared/model/teaming.ts); `none` = independent ports of a learning bridge. */
  teamPolicy: z.enum(TEAM_POLICIES),
  /** Uplinks (indexes of `up0 …`) kept on standby: active-backup and explicit failover order use the others first. */
  standbyUplinks: z.array(z.number().int().min(0).max(31)).max(32),
  /** MTU of the switch, bytes (vSwitch/VDS MTU, OVS bridge mtu_request, Linux bridge mtu). */
  mtu: mtuSchema,
  /** Bytes an overlay adds to every frame (VXLAN or Geneve ~50, NSX Geneve ≥ 100 with options); 0 = no overlay. */
  overlayBytes: z.number().int().min(0).max(1024),
});
export type Vswitch = z.infer<typeof vswitchSchema>;

export const portGroupPortName = (pgId: string) => pn(`pg.${pgId}`);

export function vswitchPorts(s: Vswitch): PortInfo[] {
  return [
    ...numberedPorts('up', s.uplinks, 'vswitch-uplink'),
    ...s.portGroups.map((g) => ({ name: portGroupPortName(g.id), role: 'port-group' as const })),
  ];
}
