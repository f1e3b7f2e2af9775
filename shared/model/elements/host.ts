/** Host (physical server): CPU sockets, memory, hypervisor. Root complexes are separate elements inside it. */
import { z } from 'zod';
import { baseShape, type PortInfo } from './base';
import { countSchema, gbpsSchema } from '../units';

export const HYPERVISORS = ['esxi', 'hyperv', 'kvm', 'xen', 'type2', 'bare-metal'] as const;
export type Hypervisor = (typeof HYPERVISORS)[number];

export const socketSchema = z.object({
  /** Physical cores on this socket. */
  cores: countSchema(1024),
  /** Hardware threads per core (SMT). */
  threadsPerCore: z.number().int().min(1).max(8),
});
export type Socket = z.infer<typeof socketSchema>;

export const hostSchema = z.object({
  ...baseShape,
  kind: z.literal('host'),
  /** Server model, free text (e.g. "Dell R750"). */
  model: z.string().max(200).nullable(),
  sockets: z.array(socketSchema).min(1).max(16),
  memoryGiB: z.number().positive().max(1 << 20),
  hypervisor: z.enum(HYPERVISORS),
  /** Memory-copy budget of the software switch for VM-to-VM traffic, Gb/s (the book quotes ~30 Gb/s). */
  vswitchCopyGbps: gbpsSchema,
  /** Whether VM disks live on this host (migration must move them) or on shared storage. */
  storage: z.enum(['local', 'shared']),
  /** The IOMMU (Intel VT-d / AMD-Vi) is enabled, as VFIO passthrough of VFs and devices requires. */
  iommu: z.boolean(),
  /** Canvas: drawn as a compact box when true. */
  collapsed: z.boolean(),
  /** Canvas size of the expanded container, design units. */
  width: z.number().positive().finite(),
  height: z.number().positive().finite(),
});
export type Host = z.infer<typeof hostSchema>;

export function hostPorts(_h: Host): PortInfo[] {
  return [];
}
