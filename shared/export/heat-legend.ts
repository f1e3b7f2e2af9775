/**
 * The heatmap's legend in exports (issue #14 item 4): a diagram exported with the heatmap carries the same bands and
 * note as the canvas legend (scene/heatmap.ts), in a strip added below the drawing, so a printed or mailed diagram
 * still says what its colours mean. One layout, drawn by the SVG writer and by the painter (PNG, PDF).
 */
import { text } from '../scene/shapes';
import { HEAT_BANDS, HEAT_LEGEND_NOTE } from '../scene/heatmap';
import type { Bounds, TextShape } from '../scene/types';

/** Height of the strip under the drawing, diagram units: a row of swatches and a line of note. */
export const HEAT_LEGEND_HEIGHT = 48;
/** The legend's row needs this much width; a narrower drawing's view widens to it. */
export const HEAT_LEGEND_WIDTH = 600;

const SWATCH = 12;
const TITLE_W = 110;
const BAND_W = 80;

export interface HeatLegendLayout {
  /** The strip (inside the view, under the drawing). */
  box: Bounds;
  swatches: { x: number; y: number; size: number; color: string }[];
  /** Title, band labels and the note, as text shapes every writer draws the same way. */
  texts: TextShape[];
}

/** The view with room for the legend: taller by the strip, and at least as wide as its row. */
export function viewWithLegend(view: Bounds): Bounds {
  return { ...view, w: Math.max(view.w, HEAT_LEGEND_WIDTH), h: view.h + HEAT_LEGEND_HEIGHT };
}

/** The legend's shapes in the bottom strip of `view` (a view already grown by viewWithLegend). */
export function heatLegendLayout(view: Bounds): HeatLegendLayout {
  const x0 = view.x + 24;
  const y0 = view.y + view.h - HEAT_LEGEND_HEIGHT;
  const texts: TextShape[] = [text(x0, y0 + 4, TITLE_W, 'Link utilisation', { size: 11, bold: true, detail: 0 })];
  const swatches: HeatLegendLayout['swatches'] = [];
  HEAT_BANDS.forEach((b, i) => {
    const x = x0 + TITLE_W + i * BAND_W;
    swatches.push({ x, y: y0 + 4, size: SWATCH, color: b.color });
    texts.push(text(x + SWATCH + 4, y0 + 4, BAND_W - SWATCH - 8, b.label, { size: 10, fill: 'text', detail: 0 }));
  });
  texts.push(text(x0, y0 + 24, view.w - 48, HEAT_LEGEND_NOTE, { size: 10, fill: 'textMuted', detail: 0 }));
  return { box: { x: view.x, y: y0, w: view.w, h: HEAT_LEGEND_HEIGHT }, swatches, texts };
}
