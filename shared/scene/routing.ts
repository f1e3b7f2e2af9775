/** Link styles per kind, the orthogonal routes drawn between two anchors, and the user's choice of routing style. */
import { exhaustive } from '../model/elements';
import type { LinkKind } from '../model/links';
import type { Anchor, ColorRole, Scene } from './types';

/**
 * How links are drawn: `orthogonal` (the default: horizontal and vertical runs that leave each port square to
 * its box edge) or `straight` (one segment from port to port, shorter and easier to follow in sparse diagrams).
 */
export const ROUTING_STYLES = ['orthogonal', 'straight'] as const;
export type RoutingStyle = (typeof ROUTING_STYLES)[number];

export interface LinkStyle {
  stroke: ColorRole;
  strokeWidth: number;
  dash: number[] | null;
}

/** Physical links are solid; virtual attachments are dashed (vNIC, uplink) or dotted (SR-IOV VF). */
export function linkStyle(kind: LinkKind): LinkStyle {
  switch (kind) {
    case 'pcie':
      return { stroke: 'link.pcie', strokeWidth: 2, dash: null };
    case 'ethernet':
      return { stroke: 'link.ethernet', strokeWidth: 1.5, dash: null };
    case 'vnic':
      return { stroke: 'link.virtual', strokeWidth: 1, dash: [5, 3] };
    case 'vf':
      return { stroke: 'link.virtual', strokeWidth: 1.25, dash: [1.5, 3] };
    case 'passthrough':
      // Heavier than a VF's dotted line: the VM holds the whole function.
      return { stroke: 'link.virtual', strokeWidth: 2, dash: [6, 2, 1.5, 2] };
    case 'uplink':
      return { stroke: 'link.ethernet', strokeWidth: 1.25, dash: [7, 3] };
    case 'sChannel':
      return { stroke: 'link.sChannel', strokeWidth: 1.25, dash: [7, 3] };
    default:
      return exhaustive(kind);
  }
}

const isVertical = (a: Anchor) => a.side === 'top' || a.side === 'bottom';

/** Distance a route leaves a port before turning, so it never runs along the box edge it starts from. */
const STUB = 14;
/**
 * How far below (or right of) the upper (left) port the cross run of two facing ports lies. Hugging
 * the upper port makes the links of one switch or port group fan out from a common bus just under it,
 * which reads better than runs at a different height for every pair.
 */
const HUG = 10;

/**
 * An orthogonal route from `a` to `b` (absolute anchors) as a flat point list. Two ports on horizontal
 * edges get a vertical–horizontal–vertical route whose horizontal run lies midway; two ports on vertical
 * edges the transposed route; mixed sides a single elbow.
 */
export function routeBetween(a: Anchor, b: Anchor): number[] {
  if (isVertical(a) && isVertical(b)) {
    if (Math.abs(a.x - b.x) < 0.5) return [a.x, a.y, b.x, b.y];
    const midY = runCoordinate(a.y, b.y, a.side === 'bottom' ? 1 : -1, b.side === 'bottom' ? 1 : -1);
    return [a.x, a.y, a.x, midY, b.x, midY, b.x, b.y];
  }
  if (!isVertical(a) && !isVertical(b)) {
    if (Math.abs(a.y - b.y) < 0.5) return [a.x, a.y, b.x, b.y];
    const midX = runCoordinate(a.x, b.x, a.side === 'right' ? 1 : -1, b.side === 'right' ? 1 : -1);
    return [a.x, a.y, midX, a.y, midX, b.y, b.x, b.y];
  }
  // One vertical and one horizontal side: turn once, at the point both ports face.
  return isVertical(a) ? [a.x, a.y, a.x, b.y, b.x, b.y] : [a.x, a.y, b.x, a.y, b.x, b.y];
}

// Where the cross run goes: midway when the ports face each other; otherwise a stub beyond the port
// that faces away, so the route clears its own box before crossing.
function runCoordinate(p: number, q: number, pDir: 1 | -1, qDir: 1 | -1): number {
  const facing = pDir === Math.sign(q - p) && qDir === Math.sign(p - q);
  if (facing) {
    const first = pDir === 1 ? p : q;
    return first + Math.min(Math.abs(q - p) / 2, HUG);
  }
  if (pDir === 1 && qDir === 1) return Math.max(p, q) + STUB;
  if (pDir === -1 && qDir === -1) return Math.min(p, q) - STUB;
  return pDir === Math.sign(q - p) ? q + qDir * STUB : p + pDir * STUB;
}

/** The straight version of a route: one segment between its two end points. */
export function straightRoute(points: readonly number[]): number[] {
  const n = points.length;
  return n <= 4 ? points.slice() : [points[0]!, points[1]!, points[n - 2]!, points[n - 1]!];
}

/**
 * The scene with its links routed in `style`. Scenes are built orthogonal (sceneOf), so that style returns
 * `scene` itself. A straight segment lies inside the box of the route it replaces, so the bounds still hold.
 */
export function routeScene(scene: Scene, style: RoutingStyle): Scene {
  if (style === 'orthogonal') return scene;
  return { ...scene, links: scene.links.map((l) => (l.points.length <= 4 ? l : { ...l, points: straightRoute(l.points) })) };
}
