/** Units and enumerations shared by every element kind (PCIe generations, widths, speeds). */
import { z } from 'zod';

export const PCIE_GENS = [1, 2, 3, 4, 5, 6] as const;
export type PcieGen = (typeof PCIE_GENS)[number];
export const pcieGenSchema = z.union(PCIE_GENS.map((g) => z.literal(g)) as [z.ZodLiteral<1>, ...z.ZodLiteral<PcieGen>[]]) as z.ZodType<PcieGen>;

export const PCIE_WIDTHS = [1, 2, 4, 8, 16, 32] as const;
export type PcieWidth = (typeof PCIE_WIDTHS)[number];
export const pcieWidthSchema = z.union(PCIE_WIDTHS.map((w) => z.literal(w)) as [z.ZodLiteral<1>, ...z.ZodLiteral<PcieWidth>[]]) as z.ZodType<PcieWidth>;

/** Ethernet line rate in Gb/s (10^9 bit/s). Any positive value is accepted; these are the common ones. */
export const ETHERNET_SPEEDS = [1, 2.5, 5, 10, 25, 40, 50, 100, 200, 400, 800] as const;
export const gbpsSchema = z.number().positive().finite();

export const nameSchema = z.string().max(200);
export const countSchema = (max: number) => z.number().int().min(0).max(max);
export const vlanIdSchema = z.number().int().min(0).max(4095);

/**
 * An interface MTU in bytes: the largest IP packet a port carries (1500 by default, 9000 for jumbo frames; IPv4's
 * minimum is 68, RFC 791; switches stop at 9216 and a few NICs at ~9.9k, so 16384 is a safe ceiling).
 */
export const mtuSchema = z.number().int().min(68).max(16384);
export const DEFAULT_MTU = 1500;

export const positionShape = {
  /** Canvas position in design units, relative to the parent container (absolute when top level). */
  x: z.number().finite(),
  y: z.number().finite(),
};
