/**
 * Decoding hwloc's `pci_link_speed` (GB/s per direction for the whole trained link, from the Link Status
 * register) back into a PCIe generation and width, by matching against PCIE_GEN_FACTS.
 *
 * hwloc computes lanespeed × width / 8 with the same encodings as PCIE_GEN_FACTS (8b/10b up to Gen2,
 * 128b/130b for Gen3-5, 242/256 FLIT for Gen6), so an exact fit is expected; the tolerance only absorbs
 * its six-decimal float printing. Values from the two encodings never come within 1.5 % of each other.
 */
import { PCIE_GEN_FACTS } from '../model/pcie';
import { PCIE_GENS, PCIE_WIDTHS, type PcieGen, type PcieWidth } from '../model/units';

export interface LinkCandidate {
  gen: PcieGen;
  width: PcieWidth;
}

export type LinkDecode =
  /** hwloc wrote 0 (or nothing): it did not know the link. */
  | { status: 'unknown'; gbytes: number }
  /** A value that fits no generation × width: kept unknown. */
  | { status: 'no-match'; gbytes: number }
  /** Exactly one generation × width fits. */
  | { status: 'exact'; gbytes: number; gen: PcieGen; width: PcieWidth }
  /** Several fit (Gen n+1 × w/2 carries what Gen n × w does); `gen`/`width` is the one chosen, `alternatives` the others. */
  | { status: 'ambiguous'; gbytes: number; gen: PcieGen; width: PcieWidth; alternatives: LinkCandidate[] };

/** Relative tolerance of a match: hwloc prints %f of a float computation, so real values agree to ~1e-6. */
export const LINK_SPEED_TOLERANCE = 0.005;

/** Widest width preferred when several fit; x32 links are practically never built, so they lose to x16. */
export const PREFERRED_MAX_WIDTH: PcieWidth = 16;

/** GB/s per direction of a gen × width link, as hwloc computes it. */
export function linkGBytes(gen: PcieGen, width: PcieWidth): number {
  return (PCIE_GEN_FACTS[gen].bytesPerLane * width) / 1e9;
}

/** Every generation × width whose bandwidth matches `gbytes` within the tolerance, widest up to `maxWidth` first. */
export function linkCandidates(gbytes: number, maxWidth: PcieWidth = PREFERRED_MAX_WIDTH): LinkCandidate[] {
  const out: LinkCandidate[] = [];
  if (!Number.isFinite(gbytes) || gbytes <= 0) return out;
  for (const gen of PCIE_GENS) {
    for (const width of PCIE_WIDTHS) {
      const v = linkGBytes(gen, width);
      if (Math.abs(v - gbytes) <= v * LINK_SPEED_TOLERANCE) out.push({ gen, width });
    }
  }
  // Widths the device cannot have rank below every width it can (an x4 NVMe drive is not x8), the nearest first.
  const rank = (c: LinkCandidate) => (c.width <= maxWidth ? c.width : -c.width);
  return out.sort((a, b) => rank(b) - rank(a) || a.gen - b.gen);
}

/**
 * Decodes a `pci_link_speed` value. When several generation × width pairs fit (e.g. 2 GB/s = Gen1 x8 =
 * Gen2 x4), the widest link up to `maxWidth` (x16 unless the device class says otherwise: an NVMe drive
 * is x4) wins: a card trains at the width of its slot and card, which rarely changes, while the
 * generation drops at run time (ASPM, GPUs idling at Gen1). Every candidate has the same bandwidth, so
 * bandwidth checks do not depend on the choice; the others are returned as alternatives so the importer
 * can say so.
 */
export function decodeLinkSpeed(gbytes: number, maxWidth: PcieWidth = PREFERRED_MAX_WIDTH): LinkDecode {
  if (!Number.isFinite(gbytes) || gbytes <= 0) return { status: 'unknown', gbytes: 0 };
  const [first, ...rest] = linkCandidates(gbytes, maxWidth);
  if (!first) return { status: 'no-match', gbytes };
  if (rest.length === 0) return { status: 'exact', gbytes, gen: first.gen, width: first.width };
  return { status: 'ambiguous', gbytes, gen: first.gen, width: first.width, alternatives: rest };
}

const fmt = (gbytes: number) => `${Number(gbytes.toFixed(6))} GB/s`;
const pair = (c: LinkCandidate) => `Gen${c.gen} x${c.width}`;

/** One-line account of a decode, for element notes; null when there is nothing to say (an exact fit). */
export function describeDecode(d: LinkDecode): string | null {
  switch (d.status) {
    case 'unknown':
      return 'hwloc recorded no link speed (0)';
    case 'no-match':
      return `pci_link_speed ${fmt(d.gbytes)} fits no PCIe generation × width; kept unknown`;
    case 'exact':
      return null;
    case 'ambiguous':
      return `pci_link_speed ${fmt(d.gbytes)} fits ${[d, ...d.alternatives].map(pair).join(', ')} (same bandwidth); taken as ${pair(d)}, the widest the device can have`;
  }
}
