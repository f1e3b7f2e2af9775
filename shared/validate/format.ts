/** Wording helpers so that every rule names things the same way. */
import type { Element } from '../model/elements';
import { PCIE_GEN_FACTS } from '../model/pcie';
import type { PcieGen, PcieWidth } from '../model/units';

/** `"name" (id)` when the name differs from the id, else the id. */
export function nameOf(el: Element | undefined, fallbackId = '?'): string {
  if (!el) return fallbackId;
  return el.name && el.name !== el.id ? `${el.name}` : el.id;
}

/** "Gen3 x8 (8 GT/s)" with unknowns spelled out. */
export function linkSpeed(gen: PcieGen | null, width: PcieWidth | null): string {
  const g = gen === null ? 'Gen ?' : `Gen${gen}`;
  const w = width === null ? 'x?' : `x${width}`;
  return gen === null ? `${g} ${w}` : `${g} ${w} (${PCIE_GEN_FACTS[gen].gts} GT/s)`;
}

/** Gb/s with sensible precision. */
export function gbps(v: number): string {
  return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} Gb/s`;
}

/** "a, b and 3 more" for long lists in messages. */
export function listNames(names: string[], max = 3): string {
  if (names.length <= max) return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
