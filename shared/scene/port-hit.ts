/**
 * Hit testing of port markers, for the wiring tool: which port marker is under a world point. Markers are
 * the `port` shapes of each element's look (they straddle the element's edge), so a port is found exactly
 * where it is drawn. Collapsed servers hide their contents' ports, as the scene hides the contents. Also the
 * other clickable parts of a look (hotspots: a server's collapse chevron and header row), for the select tool.
 */
import { PORT_REACH } from './shapes';
import type { SceneIndex } from './spatial';
import type { Hotspot } from './types';

export interface PortHit {
  element: string;
  port: string;
  /** The marker's centre, world units: where a wire starts or ends. */
  x: number;
  y: number;
}

/**
 * The port marker nearest to (x, y) within `tolerance` (world units) of its edge, or null. A marker's target is at
 * least `minTarget` across (world units; the canvas asks for 10 screen px), however small the marker is drawn. Where
 * targets overlap the nearest marker wins; among overlapping elements the one painted last wins, as in the element
 * hit test.
 */
export function portAt(index: SceneIndex, x: number, y: number, tolerance: number, minTarget = 0): PortHit | null {
  // Markers reach up to PORT_REACH beyond their box (the outer row of a dense face); the probe finds their boxes.
  const margin = Math.max(tolerance, minTarget / 2) + PORT_REACH;
  const probe = { x: x - margin, y: y - margin, w: 2 * margin, h: 2 * margin };
  let best: (PortHit & { d: number; order: number }) | null = null;
  for (const i of index.nodesIn(probe)) {
    const n = index.scene.nodes[i]!;
    for (const s of n.look.shapes) {
      if (s.type !== 'port') continue;
      const half = s.size / 2;
      const cx = n.x + s.x + half;
      const cy = n.y + s.y + half;
      // Distance from the point to the marker square (0 inside it).
      const d = Math.hypot(Math.max(Math.abs(x - cx) - half, 0), Math.max(Math.abs(y - cy) - half, 0));
      if (d > Math.max(tolerance, minTarget / 2 - half)) continue;
      if (!best || d < best.d || (d === best.d && i > best.order)) best = { element: n.id, port: s.name, x: cx, y: cy, d, order: i };
    }
  }
  return best && { element: best.element, port: best.port, x: best.x, y: best.y };
}

export interface HotspotHit {
  element: string;
  role: Hotspot['role'];
}

/**
 * The hotspot of `role` (a server's collapse chevron or header row) under world point (x, y), or null. Only
 * the top-most element under the point counts, so a device drawn over a header keeps its own clicks. On the
 * summary view (`summary`, shared/scene/summary.ts) servers are drawn without chevron or header row, so nothing
 * there answers: a click on a summary selects its server and never folds it unseen.
 */
export function hotspotAt(index: SceneIndex, x: number, y: number, role: Hotspot['role'], summary = false): HotspotHit | null {
  if (summary) return null;
  let top = -1;
  for (const i of index.nodesIn({ x, y, w: 0, h: 0 })) {
    const n = index.scene.nodes[i]!;
    if (i > top && x >= n.x && x <= n.x + n.w && y >= n.y && y <= n.y + n.h) top = i;
  }
  if (top < 0) return null;
  const n = index.scene.nodes[top]!;
  const spot = n.look.hotspots?.find((h) => h.role === role && x >= n.x + h.x && x <= n.x + h.x + h.w && y >= n.y + h.y && y <= n.y + h.y + h.h);
  return spot ? { element: n.id, role } : null;
}
