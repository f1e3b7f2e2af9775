/** Other PCIe endpoints (GPU, HBA/NVMe controller, InfiniBand HCA, accelerator): they consume lanes and bandwidth. */
import { z } from 'zod';
import { baseShape, pn, type PortInfo } from './base';
import { countSchema, pcieGenSchema, pcieWidthSchema } from '../units';
import { physicalFunctionSchema, vfPortName } from './nic';

export const ENDPOINT_CLASSES = ['gpu', 'hba', 'nvme', 'ib-hca', 'accelerator', 'other'] as const;
export type EndpointClass = (typeof ENDPOINT_CLASSES)[number];

export const endpointSchema = z.object({
  ...baseShape,
  kind: z.literal('endpoint'),
  deviceClass: z.enum(ENDPOINT_CLASSES),
  model: z.string().max(200).nullable(),
  pcieGen: pcieGenSchema.nullable(),
  pcieWidth: pcieWidthSchema.nullable(),
  /** Sustained PCIe bandwidth the device needs per direction, Gb/s; null when unknown. */
  demandGbps: z.number().min(0).finite().nullable(),
  /** SR-IOV capability (one PF); null when the device has none. */
  sriov: physicalFunctionSchema.nullable(),
  mrIovAware: z.boolean(),
  /** PCI functions the device exposes without SR-IOV. */
  functions: countSchema(256),
  /** Alternative Routing-ID Interpretation (needed for more than 8 functions). */
  ari: z.boolean(),
});
export type Endpoint = z.infer<typeof endpointSchema>;

/** The whole device as one port: the device end of a passthrough link (every function goes to the VM). */
export const ENDPOINT_DEVICE_PORT = pn('dev');

export function endpointPorts(e: Endpoint, opts: { includeHidden?: boolean } = {}): PortInfo[] {
  const ports: PortInfo[] = [{ name: pn('pcie'), role: 'pcie-up', width: e.pcieWidth }];
  if (opts.includeHidden) ports.push({ name: ENDPOINT_DEVICE_PORT, role: 'function' });
  if (opts.includeHidden && e.sriov) {
    for (let v = 0; v < e.sriov.enabledVfs; v++) ports.push({ name: vfPortName(0, v), role: 'vf' });
  }
  return ports;
}
