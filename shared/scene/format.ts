/** Units as engineers write them (Gb/s, "Gen 4", x16, GiB): used by the scene labels and the inspector. */
import { PCIE_GEN_FACTS } from '../model/pcie';
import type { PcieGen } from '../model/units';

/** A number without float noise: up to `digits` decimals, trailing zeros dropped. */
export function formatNumber(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return String(n);
  const fixed = n.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** Ethernet line rate: `25 Gb/s`. */
export const formatGbps = (gbps: number): string => `${formatNumber(gbps)} Gb/s`;

/** Short port-speed form used on dense labels: `25G`, `2.5G`. */
export const formatSpeedShort = (gbps: number): string => `${formatNumber(gbps)}G`;

/** PCIe generation: `Gen 4`. */
export const formatGen = (gen: PcieGen): string => `Gen ${gen}`;

/** PCIe generation with its transfer rate: `Gen 4 (16 GT/s)`. */
export const formatGenRate = (gen: PcieGen): string => `Gen ${gen} (${formatNumber(PCIE_GEN_FACTS[gen].gts)} GT/s)`;

/** PCIe link width: `x16`. */
export const formatWidth = (lanes: number): string => `x${lanes}`;

/** PCIe capability: `Gen 4 x16`, with `?` for an unknown half and null when both are unknown. */
export function formatPcie(gen: PcieGen | null, width: number | null): string | null {
  if (gen === null && width === null) return null;
  return `${gen === null ? 'Gen ?' : formatGen(gen)} ${width === null ? 'x?' : formatWidth(width)}`;
}

/**
 * PCIe capability in words, for lists that have room: `Gen 4 x16`, `Gen 4, width unknown`, or `unknown` (never
 * `Gen ? x?`, which reads like a typo). `formatPcie` stays the canvas's compact form.
 */
export function describePcie(gen: PcieGen | null, width: number | null): string {
  if (gen === null && width === null) return 'unknown';
  if (gen === null) return `${formatWidth(width!)}, generation unknown`;
  if (width === null) return `${formatGen(gen)}, width unknown`;
  return `${formatGen(gen)} ${formatWidth(width)}`;
}

/** Memory: `512 GiB`. */
export const formatGiB = (gib: number): string => `${formatNumber(gib)} GiB`;

/** Capacity: `100 TiB`. */
export const formatTiB = (tib: number): string => `${formatNumber(tib)} TiB`;

/** `1 port` / `3 ports`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n, 0)} ${n === 1 ? one : many}`;
}

/** Groups equal consecutive values: [25,25,100] → `2×25G + 1×100G`. */
export function formatPortMix(speeds: readonly number[]): string {
  if (speeds.length === 0) return 'no ports';
  const runs: { speed: number; count: number }[] = [];
  for (const s of speeds) {
    const last = runs[runs.length - 1];
    if (last && last.speed === s) last.count++;
    else runs.push({ speed: s, count: 1 });
  }
  return runs.map((r) => `${r.count}×${formatSpeedShort(r.speed)}`).join(' + ');
}
