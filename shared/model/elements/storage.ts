/** Storage target reached over the network (iSCSI, NFS, NVMe-oF, FCoE). */
import { z } from 'zod';
import { baseShape, numberedPorts, type PortInfo } from './base';
import { countSchema, gbpsSchema } from '../units';

export const storageSchema = z.object({
  ...baseShape,
  kind: z.literal('storage'),
  model: z.string().max(200).nullable(),
  protocol: z.enum(['iscsi', 'nfs', 'nvme-of', 'fcoe', 'smb']),
  ports: countSchema(64),
  speedGbps: gbpsSchema,
  capacityTiB: z.number().min(0).finite(),
});
export type Storage = z.infer<typeof storageSchema>;

export function storagePorts(s: Storage): PortInfo[] {
  return numberedPorts('p', s.ports, 'ethernet', { speedGbps: s.speedGbps });
}
