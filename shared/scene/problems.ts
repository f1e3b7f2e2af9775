/**
 * How an element with problems is marked: an outline and a small badge at its top-right corner, coloured by the
 * worst severity. Described as ordinary shapes so the canvas and later exports draw the same marks.
 */
import type { Bounds, ColorRole, Shape } from './types';

export type ProblemLevel = 'error' | 'warning' | 'info';

export const PROBLEM_COLORS: Readonly<Record<ProblemLevel, ColorRole>> = { error: 'problem.error', warning: 'problem.warning', info: 'problem.info' };

/** The glyph in the badge: shape and colour both tell the severity, so it reads without colour vision. */
const GLYPH: Readonly<Record<ProblemLevel, string>> = { error: '×', warning: '!', info: 'i' };

/** Badge diameter and outline width in screen pixels; divided by the zoom so they keep their size on screen. */
const BADGE_PX = 16;
const OUTLINE_PX = 2;

/**
 * The marks for one element's box (world coordinates) at zoom `scale`, in world coordinates: an outline just
 * outside the box and a badge centred on its top-right corner.
 */
export function problemShapes(box: Bounds, level: ProblemLevel, scale: number): Shape[] {
  const px = 1 / scale;
  const color = PROBLEM_COLORS[level];
  const pad = 2 * px;
  const d = BADGE_PX * px;
  const bx = box.x + box.w - d / 2;
  const by = box.y - d / 2;
  const size = 11 * px;
  return [
    { type: 'rect', x: box.x - pad, y: box.y - pad, w: box.w + 2 * pad, h: box.h + 2 * pad, fill: null, stroke: color, strokeWidth: OUTLINE_PX * px, radius: 5 * px, dash: null, detail: 0 },
    { type: 'rect', x: bx, y: by, w: d, h: d, fill: color, stroke: 'canvas', strokeWidth: 1.5 * px, radius: d / 2, dash: null, detail: 0 },
    { type: 'text', x: bx, y: by + (d - size) / 2 - 0.5 * px, w: d, text: GLYPH[level], size, bold: true, align: 'center', fill: 'textOnAccent', detail: 0 },
  ];
}
