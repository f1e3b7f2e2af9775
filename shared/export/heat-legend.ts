/**
 * The heatmap's legend in exports (issue #14 item 4): a diagram exported with the heatmap carries the same bands and
 * note as the canvas legend (scene/heatmap.ts), in a strip added below the drawing, so a printed or mailed diagram
 * still says what its colours mean. With what-if failures in the run the canvas colours links by the change instead
 * (scene/heat-diff.ts), and so does the legend: the diff bands, the failure count and the diff note. One layout,
 * drawn by the SVG writer and by the painter (PNG, PDF).
 */
import { text } from '../scene/shapes';
import { HEAT_BANDS, HEAT_LEGEND_NOTE } from '../scene/heatmap';
import { DIFF_BANDS, DIFF_LEGEND_NOTE } from '../scene/heat-diff';
import type { Bounds, TextShape } from '../scene/types';

/** Height of the strip under the drawing, diagram units: a row of swatches and a line of note. */
export const HEAT_LEGEND_HEIGHT = 48;
/** The legend's row needs this much width; a narrower drawing's view widens to it. */
export const HEAT_LEGEND_WIDTH = 600;

const SWATCH = 12;

/** What one legend says: its title, its bands (colour and label) and the note under them, and the row's spacing. */
export interface LegendSpec {
  title: string;
  bands: readonly { color: string; label: string }[];
  note: string;
  /** Width of the title's cell and of each band's cell, diagram units. */
  titleWidth: number;
  bandWidth: number;
  /** The row's width: a narrower drawing's view widens to it. */
  width: number;
}

/** The utilisation legend, as the canvas shows it without what-if failures. */
export const UTILISATION_LEGEND: LegendSpec = { title: 'Link utilisation', bands: HEAT_BANDS, note: HEAT_LEGEND_NOTE, titleWidth: 110, bandWidth: 80, width: HEAT_LEGEND_WIDTH };

/** The what-if diff legend (the canvas's HeatLegend in diff mode): its labels are longer, so its cells are wider. */
export function diffLegend(failures: number): LegendSpec {
  return { title: `What-if: ${failures} ${failures === 1 ? 'failure' : 'failures'}`, bands: DIFF_BANDS, note: DIFF_LEGEND_NOTE, titleWidth: 140, bandWidth: 170, width: 880 };
}

export interface HeatLegendLayout {
  /** The strip (inside the view, under the drawing). */
  box: Bounds;
  swatches: { x: number; y: number; size: number; color: string }[];
  /** Title, band labels and the note, as text shapes every writer draws the same way. */
  texts: TextShape[];
}

/** The view with room for the legend: taller by the strip, and at least as wide as its row. */
export function viewWithLegend(view: Bounds, spec: LegendSpec = UTILISATION_LEGEND): Bounds {
  return { ...view, w: Math.max(view.w, spec.width), h: view.h + HEAT_LEGEND_HEIGHT };
}

/** The legend's shapes in the bottom strip of `view` (a view already grown by viewWithLegend). */
export function heatLegendLayout(view: Bounds, spec: LegendSpec = UTILISATION_LEGEND): HeatLegendLayout {
  const x0 = view.x + 24;
  const y0 = view.y + view.h - HEAT_LEGEND_HEIGHT;
  const texts: TextShape[] = [text(x0, y0 + 4, spec.titleWidth, spec.title, { size: 11, bold: true, detail: 0 })];
  const swatches: HeatLegendLayout['swatches'] = [];
  spec.bands.forEach((b, i) => {
    const x = x0 + spec.titleWidth + i * spec.bandWidth;
    swatches.push({ x, y: y0 + 4, size: SWATCH, color: b.color });
    texts.push(text(x + SWATCH + 4, y0 + 4, spec.bandWidth - SWATCH - 8, b.label, { size: 10, fill: 'text', detail: 0 }));
  });
  texts.push(text(x0, y0 + 24, view.w - 48, spec.note, { size: 10, fill: 'textMuted', detail: 0 }));
  return { box: { x: view.x, y: y0, w: view.w, h: HEAT_LEGEND_HEIGHT }, swatches, texts };
}
