/** Root complex: the root of one PCIe tree, on one CPU socket of a host, with its lane budget. */
import { z } from 'zod';
import { baseShape, pn, type PortInfo } from './base';
import { countSchema, pcieGenSchema, pcieWidthSchema } from '../units';

export const rootComplexSchema = z.object({
  ...baseShape,
  kind: z.literal('rootComplex'),
  /** Index into the host's sockets. */
  socket: countSchema(15),
  /** Highest PCIe generation the root ports support. */
  gen: pcieGenSchema,
  /** Lane budget of this root complex (e.g. 48, 64 or 128 per socket). */
  lanes: countSchema(512),
  /** Width of each root port (`rp0`, `rp1`, …) as bifurcated. */
  rootPortWidths: z.array(pcieWidthSchema).max(128),
  /** Access Control Services on the root ports (isolates passthrough devices into their own IOMMU groups). */
  acs: z.boolean(),
  /** Alternative Routing-ID Interpretation on the root ports (needed for >8 functions per device). */
  ari: z.boolean(),
});
export type RootComplex = z.infer<typeof rootComplexSchema>;

export function rootComplexPorts(rc: RootComplex): PortInfo[] {
  return rc.rootPortWidths.map((width, i) => ({ name: pn(`rp${i}`), role: 'pcie-down' as const, width }));
}
