/** Virtual machine: vCPUs, memory, disk and dirty rate (for migration), tenant, and its vNICs. */
import { z } from 'zod';
import { baseShape, pn, type PortInfo } from './base';
import { vlanIdSchema } from '../units';
import { vsiSchema } from './vsi';
import { qosSchema } from './qos';

export * from './vsi';

export const vnicSchema = z.object({
  /** Stable port name of this vNIC on the VM (e.g. `vnic0`); links refer to it. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  mac: z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/).nullable(),
  /** VLAN tagged by the VM or set on its VF; null when the port group decides. */
  vlan: vlanIdSchema.nullable(),
  /** vNICs sharing a team name form a bond (e.g. a VF with a vSwitch failover path). */
  team: z.string().max(64).nullable(),
  /**
   * 802.1Qbg VSI profile (libvirt `<virtualport type='802.1Qbg'>`): on a VEPA or VN-Tag edge the adjacent bridge
   * forwards the vNIC's frames only once VDP has associated this VSI type (rule EVB-003). Absent = statically
   * configured, no VDP. Optional so that existing documents stay valid.
   */
  vsi: vsiSchema.optional(),
  /** QoS fields that override the port group's, field by field (qos.ts); absent = the port group's. */
  qos: qosSchema.optional(),
});
export type Vnic = z.infer<typeof vnicSchema>;

export const vmSchema = z.object({
  ...baseShape,
  kind: z.literal('vm'),
  vcpus: z.number().int().min(1).max(1024),
  memoryGiB: z.number().positive().max(1 << 16),
  /** Rate at which the guest dirties memory, Gb/s (drives pre-copy rounds). */
  dirtyRateGbps: z.number().min(0).finite(),
  /** Writable working set, GiB: caps the data dirtied per round; null = all memory. */
  workingSetGiB: z.number().positive().finite().nullable(),
  /** Share of memory that is zero pages (skipped by migration), 0-1. */
  zeroPageShare: z.number().min(0).max(1),
  /** Disk size, GiB: copied before the memory when the VM migrates off a host with local storage (0 = none). */
  diskGiB: z.number().min(0).max(1 << 20).finite(),
  /** Tenant for isolation checks; null when single-tenant. */
  tenant: z.string().max(100).nullable(),
  /** Sockets (NUMA nodes) of the host that hold the VM's vCPUs and memory; empty = any (not pinned). */
  numaNodes: z.array(z.number().int().min(0).max(15)).max(16),
  vnics: z.array(vnicSchema).max(64),
});
export type Vm = z.infer<typeof vmSchema>;

/**
 * The VM's end of its passthrough devices other than NICs (libvirt `<hostdev type='pci'>`): one port for any number of
 * GPUs, HBAs, NVMe controllers and accelerators. The dot keeps it apart from vNIC ids, which cannot hold one.
 */
export const HOSTDEV_PORT = pn('pci.hostdev');

/** Ports of a VM: its vNICs; with `includeHidden`, also the passthrough port (no canvas marker: it is set in the inspector). */
export function vmPorts(vm: Vm, opts: { includeHidden?: boolean } = {}): PortInfo[] {
  const ports: PortInfo[] = vm.vnics.map((v) => ({ name: pn(v.id), role: 'vnic' as const }));
  if (opts.includeHidden) ports.push({ name: HOSTDEV_PORT, role: 'hostdev' });
  return ports;
}
