/**
 * Utilisation colouring of links from simulation results, as part of the scene description: the canvas
 * paints it now, and the SVG/PNG exports can paint the same bands later, so a heatmap export matches the
 * screen. Colours are fixed across themes (a traffic-light ramp reads the same on light and dark).
 */

/** The minimum a heatmap needs of a simulation resource (shared/sim ResourceResult satisfies it). */
export interface UtilisationSample {
  kind: string;
  /** The link (or host) the resource belongs to. */
  ref: string;
  utilisation: number;
}

export interface HeatBand {
  /** Lower bound of the band, inclusive (utilisation 0-1). */
  from: number;
  color: string;
  label: string;
}

/**
 * Bands, lowest first. Idle is its own band so an unused cable is told apart from a lightly used one;
 * 90 % and above is "saturated" (max-min fair sharing fills bottlenecks to exactly 100 %).
 */
export const HEAT_BANDS: readonly HeatBand[] = [
  { from: 0, color: '#8c959f', label: 'idle' },
  { from: 0.001, color: '#2da44e', label: '< 25 %' },
  { from: 0.25, color: '#9bbf1f', label: '25–50 %' },
  { from: 0.5, color: '#d4a72c', label: '50–75 %' },
  { from: 0.75, color: '#e8772e', label: '75–90 %' },
  { from: 0.9, color: '#cf222e', label: '≥ 90 %' },
];

/**
 * What the colours and widths mean, for every legend (canvas, SVG, PNG, PDF): a link has two directions and is
 * drawn by its busier one (linkUtilisation), at its peak load over the run (simulate.ts).
 */
export const HEAT_LEGEND_NOTE = 'Colour and width: peak load ÷ capacity of the busier direction; thicker is busier.';

/** Index into HEAT_BANDS of a utilisation (0-1, values above 1 count as saturated). */
export function heatBand(utilisation: number): number {
  if (!(utilisation > 0)) return 0;
  for (let i = HEAT_BANDS.length - 1; i > 0; i--) if (utilisation >= HEAT_BANDS[i]!.from) return i;
  return 0;
}

/** Resource kinds that are a direction of a drawn link (vSwitch copy budgets belong to hosts). */
const LINK_KINDS = new Set(['pcie', 'ethernet']);

/** Utilisation of each PCIe and Ethernet link: that of its busiest direction. */
export function linkUtilisation(resources: readonly UtilisationSample[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of resources) {
    if (!LINK_KINDS.has(r.kind)) continue;
    const u = Number.isFinite(r.utilisation) ? r.utilisation : 0;
    const prev = out.get(r.ref);
    if (prev === undefined || u > prev) out.set(r.ref, u);
  }
  return out;
}

/** Stroke width of a heat-coloured link relative to its normal width: busier links are drawn thicker. */
export function heatWidthFactor(band: number): number {
  return band === 0 ? 1 : 1.6 + band * 0.35;
}
