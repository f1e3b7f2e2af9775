/**
 * The heatmap's what-if diff mode: instead of utilisation, each link is coloured by how its traffic changed when
 * the scenario's failures were applied (shared/sim/whatif-links.ts). Part of the scene description like the
 * utilisation bands (heatmap.ts), so the canvas and the legend agree; colours are fixed across themes and chosen
 * apart for colour-blind readers (orange against purple and blue, not red against green).
 */
import type { LinkChange } from '../sim/whatif-links';

export interface DiffBand {
  /** The change this band shows; null for links whose traffic did not change. */
  change: LinkChange | null;
  color: string;
  label: string;
}

/** Diff bands, by index (the index is the band painted; a larger band is drawn thicker). */
export const DIFF_BANDS: readonly DiffBand[] = [
  { change: null, color: '#8c959f', label: 'unchanged' },
  { change: 'gained', color: '#0969da', label: 'carries more (took over)' },
  { change: 'slowed', color: '#e8772e', label: 'slowed' },
  { change: 'lost', color: '#8250df', label: 'lost its traffic / down' },
];

/** Colour of each diff band, for the painter (LinkHeat.colors). */
export const DIFF_COLORS: readonly string[] = DIFF_BANDS.map((b) => b.color);

/** What the diff colours compare, for the legend. */
export const DIFF_LEGEND_NOTE = 'Each link’s throughput with the failures against the same scenario without them. Dashed ✕: failed.';

const BAND_OF: Record<LinkChange, number> = { gained: 1, slowed: 2, lost: 3, down: 3 };

/** Diff band index of every simulated link (`links`: those the run modelled) and of every changed one. */
export function diffBands(links: Iterable<string>, changes: Iterable<readonly [string, LinkChange]>): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of links) out.set(l, 0);
  for (const [l, c] of changes) out.set(l, BAND_OF[c]);
  return out;
}
