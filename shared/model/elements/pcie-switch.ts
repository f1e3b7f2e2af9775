/** PCIe switch: one upstream port (several only for MR-IOV) and several downstream ports, each a virtual PCI-PCI bridge. */
import { z } from 'zod';
import { baseShape, numberedPorts, pn, type PortInfo } from './base';
import { pcieGenSchema, pcieWidthSchema } from '../units';

export const pcieSwitchSchema = z.object({
  ...baseShape,
  kind: z.literal('pcieSwitch'),
  model: z.string().max(200).nullable(),
  gen: pcieGenSchema,
  /** Number of upstream ports; more than one only on an MR-IOV switch. */
  upstreamPorts: z.number().int().min(0).max(16),
  upstreamWidth: pcieWidthSchema,
  /** Width of each downstream port (`dp0`, `dp1`, …). */
  downstreamWidths: z.array(pcieWidthSchema).max(128),
  /** Multi-root I/O virtualization: several upstream ports to several hosts. */
  mrIov: z.boolean(),
  acs: z.boolean(),
  ari: z.boolean(),
});
export type PcieSwitch = z.infer<typeof pcieSwitchSchema>;

export function pcieSwitchPorts(s: PcieSwitch): PortInfo[] {
  return [
    ...numberedPorts('up', s.upstreamPorts, 'pcie-up', { width: s.upstreamWidth }),
    ...s.downstreamWidths.map((width, i) => ({ name: pn(`dp${i}`), role: 'pcie-down' as const, width })),
  ];
}
