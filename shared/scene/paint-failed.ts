/**
 * Marks failed elements (what-if failures) on top of the drawing, whatever the heatmap shows: a failed switch or
 * host is washed grey with a dashed outline and a ✕ across it; a failed cable is overdrawn dashed with a ✕ badge
 * at its middle. Sizes are in screen pixels (divided by the scale) so the marks read at any zoom.
 */
import type { Context2D } from './paint-context';
import type { LinkPath, SceneNode } from './types';

/** Fixed across themes: a dark red reads on light and dark canvases and is not one of the heat colours. */
export const FAILED_COLOR = '#a40e26';

/** The point halfway along a polyline (by length). */
export function polylineMiddle(points: readonly number[]): { x: number; y: number } {
  let total = 0;
  for (let k = 2; k + 1 < points.length; k += 2) total += Math.hypot(points[k]! - points[k - 2]!, points[k + 1]! - points[k - 1]!);
  let left = total / 2;
  for (let k = 2; k + 1 < points.length; k += 2) {
    const len = Math.hypot(points[k]! - points[k - 2]!, points[k + 1]! - points[k - 1]!);
    if (len >= left && len > 0) {
      const t = left / len;
      return { x: points[k - 2]! + (points[k]! - points[k - 2]!) * t, y: points[k - 1]! + (points[k + 1]! - points[k - 1]!) * t };
    }
    left -= len;
  }
  return { x: points[0] ?? 0, y: points[1] ?? 0 };
}

function cross(ctx: Context2D, x: number, y: number, r: number): void {
  ctx.moveTo(x - r, y - r);
  ctx.lineTo(x + r, y + r);
  ctx.moveTo(x + r, y - r);
  ctx.lineTo(x - r, y + r);
}

/** Paints the failed marks of `nodeIdx` (into `nodes`) and `linkIdx` (into `links`). */
export function paintFailed(ctx: Context2D, nodes: readonly SceneNode[], links: readonly LinkPath[], nodeIdx: readonly number[], linkIdx: readonly number[], scale: number): void {
  if (nodeIdx.length === 0 && linkIdx.length === 0) return;
  const px = 1 / scale;
  ctx.save();
  for (const i of nodeIdx) {
    const n = nodes[i]!;
    ctx.globalAlpha = 0.35;
    ctx.fillStyle = '#6e7781';
    ctx.fillRect(n.x, n.y, n.w, n.h);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = FAILED_COLOR;
    ctx.lineWidth = 2.5 * px;
    ctx.setLineDash([6 * px, 4 * px]);
    ctx.beginPath();
    ctx.rect(n.x, n.y, n.w, n.h);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    // The ✕ spans the element but stays a readable size on a large server.
    const r = Math.min(n.w, n.h, 120 * px) / 2.5;
    cross(ctx, n.x + n.w / 2, n.y + n.h / 2, r);
    ctx.lineWidth = 3 * px;
    ctx.stroke();
  }
  ctx.strokeStyle = FAILED_COLOR;
  ctx.lineWidth = 2.5 * px;
  ctx.setLineDash([5 * px, 4 * px]);
  ctx.beginPath();
  for (const i of linkIdx) {
    const l = links[i]!;
    ctx.moveTo(l.points[0]!, l.points[1]!);
    for (let k = 2; k + 1 < l.points.length; k += 2) ctx.lineTo(l.points[k]!, l.points[k + 1]!);
  }
  ctx.stroke();
  ctx.setLineDash([]);
  for (const i of linkIdx) {
    // A cable leaving a server may be drawn in parts (inside / outside the server): one badge, on the outside part.
    if ((links[i] as { part?: string }).part === 'inside') continue;
    const m = polylineMiddle(links[i]!.points);
    ctx.fillStyle = '#ffffff';
    ctx.beginPath();
    ctx.rect(m.x - 7 * px, m.y - 7 * px, 14 * px, 14 * px);
    ctx.fill();
    ctx.lineWidth = 1.5 * px;
    ctx.stroke();
    ctx.beginPath();
    cross(ctx, m.x, m.y, 4 * px);
    ctx.lineWidth = 2 * px;
    ctx.stroke();
  }
  ctx.restore();
}
