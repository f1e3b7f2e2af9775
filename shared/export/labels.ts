/**
 * The speed and width labels of an export's drawn links ("25G", "Gen 4 x16"), placed by the canvas's own rule
 * (shared/scene/labels-link.ts): cables between servers are labelled clear of the servers, links inside a server
 * clear of the boxes in it, and a label printed over an earlier one is dropped. The SVG, PNG and PDF exports all
 * take them from here, so they show the labels the screen shows.
 */
import type { PlacedLabels } from '../scene/labels-link';
import type { Bounds, TextShape } from '../scene/types';
import type { DiagramSelection } from './selection';

/**
 * The labels of `sel`'s drawn links: `under` painted after the cables between servers, `inner` after the links inside
 * them. Placed once by selectDiagram (the frame holds them), so a tiled PDF's pages share them.
 */
export function diagramLabels(sel: DiagramSelection): PlacedLabels {
  return sel.labels;
}

/** The labels whose box meets `area` (a PDF tile); all of them without one. */
export function labelsIn(labels: readonly TextShape[], area: Bounds | undefined): readonly TextShape[] {
  if (!area) return labels;
  return labels.filter((t) => t.x <= area.x + area.w && t.x + t.w >= area.x && t.y <= area.y + area.h && t.y + t.size >= area.y);
}
