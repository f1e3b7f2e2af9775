/**
 * Level of detail for the zoomed-out canvas. Below SUMMARY_MAX_SCALE the 12-unit titles inside a server would be
 * under 6 px on screen: unreadable, and costly to draw by the thousand. There each top-level element is drawn as a
 * summary instead: a server as its box with its name and what it holds ("10 VMs · 1 NIC"), a switch as its box with
 * its name, lettered at a constant on-screen size so the words stay readable however far out the view is, and the
 * server's contents and inner links are not drawn at all. Full detail returns at SUMMARY_MAX_SCALE and above.
 */
import type { ElementKind } from '../model/elements';
import { plural } from './format';
import { KIND_COLORS } from './describe';
import { rect, text } from './shapes';
import { distanceToPolyline, type Hit, type SceneIndex } from './spatial';
import type { Bounds, SceneNode, Shape } from './types';

/** Below this scale servers are summaries: 12-unit titles would be under 6 px. */
export const SUMMARY_MAX_SCALE = 0.5;

/**
 * On-screen sizes of the summary lettering, in CSS pixels: the name at 12 px, shrunk to no less than 9 px where the
 * box is too short or the name too long for it, and the counts under it at 10 px.
 */
export const SUMMARY_NAME_PX = 12;
export const SUMMARY_MIN_NAME_PX = 9;
export const SUMMARY_COUNTS_PX = 10;
/** Margin of the lettering from the box's sides, above and below it, and between its two lines, in pixels. */
const PAD_PX = 6;
const VPAD_PX = 2;
const LINE_GAP_PX = 3;
/**
 * Boxes narrower than this on screen carry no lettering: a few characters of a name say nothing (a server's name,
 * "esx-r01-h001", needs about 70 px at 9 px), and the minimap's boxes stay clean.
 */
const MIN_LETTERED_PX = 64;
/**
 * Average advance of a character in ems, to size text without a context to measure it (the painter still measures,
 * and elides what does not fit): generous for the bold names, typical for the counts' digits and lower case.
 */
const NAME_EM = 0.64;
const COUNTS_EM = 0.58;

/** The smallest scale at which a summary of a `w × h` box carries its name (a 224×56 switch: 0.29). */
export const namedFromScale = (w: number, h: number): number => Math.max((SUMMARY_MIN_NAME_PX + 2 * VPAD_PX) / h, MIN_LETTERED_PX / w);

/** Whether the canvas draws summaries at `scale`. */
export const isSummaryScale = (scale: number): boolean => scale < SUMMARY_MAX_SCALE;

/** Kinds counted in a server's summary, in the order they read, with their singular and plural names. */
const COUNTED: readonly [ElementKind, string, string][] = [
  ['vm', 'VM', 'VMs'],
  ['nic', 'NIC', 'NICs'],
  ['endpoint', 'device', 'devices'],
];

/** What a server holds, part by part: "10 VMs", "2 NICs", "1 device"; VMs and NICs even when none. */
export function contentsParts(contents: SceneNode['contents']): string[] {
  const parts: string[] = [];
  for (const [kind, one, many] of COUNTED) {
    const n = contents?.[kind] ?? 0;
    if (n > 0 || kind === 'vm' || kind === 'nic') parts.push(plural(n, one, many));
  }
  return parts;
}

/** What a server holds, as the summary says it: "20 VMs · 2 NICs". */
export const contentsLine = (contents: SceneNode['contents']): string => contentsParts(contents).join(' · ');

/** As many leading parts as fit `widthPx` at `sizePx` (at least the first): whole counts, never half of one. */
function fitParts(parts: readonly string[], widthPx: number, sizePx: number): string {
  let line = parts[0] ?? '';
  for (let k = 2; k <= parts.length; k++) {
    const next = parts.slice(0, k).join(' · ');
    if (next.length * COUNTS_EM * sizePx > widthPx) break;
    line = next;
  }
  return line;
}

/**
 * The shapes of `node`'s summary at `scale` (local coordinates), or null when the node is not summarised: nested
 * elements (hidden inside their summarised server) and anything not top level.
 */
export function summaryShapes(node: SceneNode, scale: number): Shape[] | null {
  if (node.depth > 0) return null;
  const colors = KIND_COLORS[node.kind];
  const server = node.kind === 'host';
  const shapes: Shape[] = [rect(0, 0, node.w, node.h, { fill: server ? 'host.header' : colors.fill, stroke: colors.stroke, strokeWidth: 1.25, radius: 4 })];
  const wPx = node.w * scale;
  const hPx = node.h * scale;
  if (wPx < MIN_LETTERED_PX) return shapes;
  const px = 1 / scale;
  const pad = PAD_PX * px;
  const widthPx = wPx - 2 * PAD_PX;
  // The name as large as fits, from 12 px down to 9 px; a box too short for 9 px stays unlettered.
  const nameFits = Math.min(SUMMARY_NAME_PX, hPx - 2 * VPAD_PX, widthPx / (NAME_EM * Math.max(1, node.name.length)));
  if (hPx - 2 * VPAD_PX < SUMMARY_MIN_NAME_PX) return shapes;
  const namePx = Math.max(SUMMARY_MIN_NAME_PX, nameFits);
  const withCounts = server && hPx >= namePx + LINE_GAP_PX + SUMMARY_COUNTS_PX + 2 * VPAD_PX;
  const block = withCounts ? namePx + LINE_GAP_PX + SUMMARY_COUNTS_PX : namePx;
  // At the top of a server, where its title bar is at full detail; centred vertically in a switch (a 1U strip).
  const top = server ? (VPAD_PX + 2) * px : (node.h - block * px) / 2;
  shapes.push(text(pad, top, node.w - 2 * pad, node.name, { size: namePx * px, bold: true, align: server ? 'left' : 'center', detail: 0 }));
  if (withCounts) {
    const counts = fitParts(contentsParts(node.contents), widthPx, SUMMARY_COUNTS_PX);
    shapes.push(text(pad, top + (namePx + LINE_GAP_PX) * px, node.w - 2 * pad, counts, { size: SUMMARY_COUNTS_PX * px, fill: 'textMuted', detail: 0 }));
  }
  return shapes;
}

/**
 * What a press at world point (x, y) meets on the canvas at `scale`; `tolerance` (world units) widens thin links. At
 * full detail this is the scene index's hit test. On the summary view it counts only what is drawn there: top-level
 * boxes and the cables between them (the links painted beneath the boxes). A server's contents are not drawn, so a
 * press on its summary is a press on the server, never on a VM or NIC hidden under it (which the full-detail test,
 * contents above their server, would return).
 */
export function hitAtScale(index: SceneIndex, x: number, y: number, tolerance: number, scale: number): Hit | null {
  if (!isSummaryScale(scale)) return index.hitTest(x, y, tolerance);
  const { nodes, links } = index.scene;
  const probe = { x: x - tolerance, y: y - tolerance, w: tolerance * 2, h: tolerance * 2 };
  // nodesIn lists in paint order: the last top-level box under the point is the one on top.
  let top: SceneNode | null = null;
  for (const i of index.nodesIn(probe)) {
    const n = nodes[i]!;
    if (n.depth === 0 && x >= n.x && x <= n.x + n.w && y >= n.y && y <= n.y + n.h) top = n;
  }
  // As at full detail: a switch (or collapsed server) above links above open servers.
  if (top && !top.look.container) return { type: 'element', id: top.id };
  let best: { id: string; d: number } | null = null;
  for (const i of index.linksIn(probe)) {
    const l = links[i]!;
    if (!l.under) continue;
    const d = distanceToPolyline(l.points, x, y);
    if (d <= tolerance && (!best || d < best.d)) best = { id: l.id, d };
  }
  if (best) return { type: 'link', id: best.id };
  return top ? { type: 'element', id: top.id } : null;
}

/** Element ids a rubber band `area` encloses at `scale`: on the summary view only the top-level boxes it shows. */
export function elementsWithinAtScale(index: SceneIndex, area: Bounds, scale: number): string[] {
  const ids = index.elementsWithin(area);
  if (!isSummaryScale(scale)) return ids;
  const { nodes, nodeIndex } = index.scene;
  return ids.filter((id) => nodes[nodeIndex.get(id)!]!.depth === 0);
}
