/** PCIe bandwidth arithmetic (DOMAIN.md §2): payload bytes per lane per direction after line encoding. */
import type { PcieGen, PcieWidth } from './units';

interface GenFacts {
  /** Transfer rate in GT/s. */
  gts: number;
  encoding: '8b/10b' | '128b/130b' | 'PAM4 FLIT';
  /** Payload bytes per second per lane per direction after encoding. */
  bytesPerLane: number;
}

// Gen 6 uses 242/256 FLIT efficiency on 64 GT/s (DOMAIN.md §2 derives ~7.56 GB/s).
export const PCIE_GEN_FACTS: Record<PcieGen, GenFacts> = {
  1: { gts: 2.5, encoding: '8b/10b', bytesPerLane: 2.5e9 * (8 / 10) / 8 },
  2: { gts: 5, encoding: '8b/10b', bytesPerLane: 5e9 * (8 / 10) / 8 },
  3: { gts: 8, encoding: '128b/130b', bytesPerLane: 8e9 * (128 / 130) / 8 },
  4: { gts: 16, encoding: '128b/130b', bytesPerLane: 16e9 * (128 / 130) / 8 },
  5: { gts: 32, encoding: '128b/130b', bytesPerLane: 32e9 * (128 / 130) / 8 },
  6: { gts: 64, encoding: 'PAM4 FLIT', bytesPerLane: 64e9 * (242 / 256) / 8 },
};

/** Raw link bandwidth per direction in bytes/s after line encoding (before TLP overhead). */
export function pcieRawBytesPerSecond(gen: PcieGen, width: PcieWidth): number {
  return PCIE_GEN_FACTS[gen].bytesPerLane * width;
}

/** Raw link bandwidth per direction in Gb/s (10^9 bit/s). */
export function pcieRawGbps(gen: PcieGen, width: PcieWidth): number {
  return (pcieRawBytesPerSecond(gen, width) * 8) / 1e9;
}

/** Default per-TLP overhead in bytes: 4 framing + 2 sequence + 12 header (3DW) + 4 LCRC, plus ~2 for DLLP/ACK share. */
export const DEFAULT_TLP_OVERHEAD_BYTES = 24;

/** Protocol efficiency for a max payload size: payload / (payload + per-TLP overhead). */
export function pcieProtocolEfficiency(maxPayloadBytes: number, overheadBytes = DEFAULT_TLP_OVERHEAD_BYTES): number {
  return maxPayloadBytes / (maxPayloadBytes + overheadBytes);
}

/** Usable bandwidth per direction in Gb/s: raw × protocol efficiency. */
export function pcieEffectiveGbps(gen: PcieGen, width: PcieWidth, maxPayloadBytes = 256): number {
  return pcieRawGbps(gen, width) * pcieProtocolEfficiency(maxPayloadBytes);
}
