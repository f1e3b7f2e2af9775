/**
 * Routes every link of a scene around the boxes it does not connect, and makes cables visible end to end.
 *
 * A cable from a NIC inside a server to a switch outside used to be one polyline painted beneath the servers, so it
 * vanished at the server's frame. It is now drawn in parts with the link's id: `inside`, from the NIC port to where
 * it crosses the server's edge (painted above the server, routed around its devices and VMs and never across its
 * header), and `outside`, from that edge to the switch port (routed around the other servers and switches). Links
 * inside one server keep their simple route unless it runs through a box; then they go around the server's contents.
 * Cables that share a run are spread apart afterwards (nudge.ts), so parallel links read as a bundle.
 *
 * Cost: each route is searched against the boxes near it only (a server's contents; the top-level boxes between the
 * two ends, through a bucket grid) and remembered by its relative geometry (route-cache.ts), so building a
 * 2,000-host scene stays linear in links. A route that finds no way keeps the simple route: then an outside part
 * passes behind the servers, as every cable did before. Long cables between switches in different rows of racks (a
 * leaf below the first row and its spines) are trunks: each switch's climb to the spines' row is found once, against
 * the racks of its own column (trunkRoute), which took the 10,000-host fabric's scene build from ~17.5 s to ~10 s CPU.
 */
import type { LinkId } from '../model/ids';
import type { LinkKind } from '../model/links';
import { NodeGrid } from './node-grid';
import { nudgeSteps } from './nudge';
import { runSteps, scaled, type Steps } from './steps';
import { cachedRoute, contextId, relKey } from './route-cache';
import { CLEARANCE, ROUTE_STUB, routeAround, routeCrosses, segmentCrosses, simplify, type FrameGoal } from './route-grid';
import { linkStyle, routeBetween } from './routing';
import type { Anchor, Bounds, LinkPath, SceneNode, Side } from './types';
import { pathBounds } from './geometry';

/** One end of a link as the scene places it: the drawn node it attaches to and the absolute anchor. */
export interface PlacedEnd {
  node: number;
  anchor: Anchor;
  /** Index of the top-level node the end sits in (itself when it is top level). */
  root: number;
}

export interface PlacedLink {
  id: LinkId;
  kind: LinkKind;
  a: PlacedEnd;
  b: PlacedEnd;
}

const boxOf = (n: SceneNode): Bounds => ({ x: n.x, y: n.y, w: n.w, h: n.h });

/** The header row of a server (a hotspot of its look): cables leave through the sides, not across its title. */
function headerOf(n: SceneNode): Bounds | null {
  const h = n.look.hotspots?.find((s) => s.role === 'header');
  return h && h.h < n.h ? { x: n.x + h.x, y: n.y + h.y, w: h.w, h: h.h } : null;
}

/** Looser settings tried when the default ones find no way (ports closer to a neighbour than stub + clearance). */
const TIGHT = { stub: 6, clearance: 3 };
/** How far beyond a server its cables' far ends still steer where they leave it; farther ones count as there. */
const REACH = 160;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Which side of `frame` the point (x, y) on its edge lies on. */
function sideAt(frame: Bounds, x: number, y: number): Side {
  if (Math.abs(x - frame.x) < 1e-6) return 'left';
  if (Math.abs(x - frame.x - frame.w) < 1e-6) return 'right';
  return Math.abs(y - frame.y) < 1e-6 ? 'top' : 'bottom';
}

/** Whether leaving `frame` through `side` heads away from (x, y), so the cable must come back around the server. */
function facesAway(frame: Bounds, side: Side, x: number, y: number): boolean {
  if (side === 'left') return x > frame.x;
  if (side === 'right') return x < frame.x + frame.w;
  if (side === 'top') return y > frame.y;
  return y < frame.y + frame.h;
}

/**
 * The part of a cable inside a server: from the port to the server's edge, around the server's contents and its
 * header. The exit is chosen by what the cable then still has to cover, with a detour for leaving on the far side.
 */
function insidePart(port: Anchor, host: SceneNode, contents: readonly Bounds[], ctx: string, toward: { x: number; y: number }): { points: number[]; exit: Anchor } | null {
  // Far ends count by direction only (clamped to a ring around the server), so the servers of a rack, whose switch
  // lies the same way, share one cached route.
  const t = { x: clamp(toward.x, host.x - REACH, host.x + host.w + REACH), y: clamp(toward.y, host.y - REACH, host.y + host.h + REACH) };
  const r = cachedRoute(host, ctx, `x|${relKey(host, port)}|${relKey(host, t)}`, () => {
    const frame = boxOf(host);
    const header = headerOf(host);
    const obstacles = header ? [...contents, header] : contents;
    const goal: FrameGoal = {
      frame,
      sides: ['left', 'right', 'bottom', 'top'],
      exitCost: (x, y) => Math.abs(x - t.x) + Math.abs(y - t.y) + (facesAway(frame, sideAt(frame, x, y), t.x, t.y) ? frame.w + frame.h : 0),
    };
    const found = routeAround(port, goal, obstacles) ?? routeAround(port, goal, obstacles, TIGHT.clearance, TIGHT.stub);
    if (!found?.side) return null;
    const n = found.points.length;
    return { points: found.points, exit: { x: found.points[n - 2]!, y: found.points[n - 1]!, side: found.side } };
  });
  return r?.exit ? { points: r.points, exit: r.exit } : null;
}

/** The area searched for boxes between two ends, with room for a detour of a clearance and a stub. */
function searchBox(p: Anchor, q: Anchor): Bounds {
  const m = ROUTE_STUB + 3 * CLEARANCE;
  return { x: Math.min(p.x, q.x) - m, y: Math.min(p.y, q.y) - m, w: Math.abs(p.x - q.x) + 2 * m, h: Math.abs(p.y - q.y) + 2 * m };
}

/**
 * The part of a cable between top-level boxes, from `p` to `q`: the simple route when it crosses nothing, else a
 * route around the boxes near it. Boxes the found route still meets (it may swing beyond the first search area) are
 * added and the route searched again, once; failing that, the simple route. `ends` (the two switches' nodes) is given
 * for a cable between top-level boxes: when they lie far apart vertically, it goes as a trunk (trunkRoute).
 */
function outsidePart(p: Anchor, q: Anchor, grid: NodeGrid, nodes: readonly SceneNode[], work: Work, ends?: { a: number; b: number }): number[] {
  if (ends) {
    // Between switches far apart vertically (a leaf in a lower row of racks and a spine above them all): a trunk.
    const up = p.side === 'top' && q.side === 'bottom' && p.y - q.y > TRUNK_SPAN;
    const down = p.side === 'bottom' && q.side === 'top' && q.y - p.y > TRUNK_SPAN;
    const r = up ? trunkRoute(p, q, ends.a, grid, nodes, work) : down ? trunkRoute(q, p, ends.b, grid, nodes, work) : null;
    if (r) return up ? r : reversed(r);
  }
  const simple = routeBetween(p, q);
  const near = grid.meeting(searchBox(p, q));
  work.boxes += near.length;
  const boxes: SceneNode[] = near.map((i) => nodes[i]!);
  if (!crossesAny(simple, boxes)) return simple;
  for (let attempt = 0; attempt < 2; attempt++) {
    const found = cachedRoute(p, contextId(p, boxes, 'out'), relKey(p, q), () => routeAround(p, q, boxes))?.points;
    if (!found) break;
    const seen = new Set(near);
    const extra = grid.meeting(pathBounds(found)).filter((i) => !seen.has(i) && routeCrosses(found, nodes[i]!));
    if (extra.length === 0) return found;
    near.push(...extra);
    boxes.push(...extra.map((i) => nodes[i]!));
  }
  return simple;
}


/** Work counted between progress reports, and the trunks found in this build (see trunkRoute). */
interface Work {
  boxes: number;
  /** The climb of each switch's trunks (by switch node and cross-run height), and the port it was found from. */
  trunks: Map<string, { from: Anchor; climb: number[] } | null>;
}

/** Cables between switches whose facing ports lie farther apart than this vertically are routed as trunks. */
const TRUNK_SPAN = 1024;
/** Half the width of the column searched for a trunk, around its lower end: a rack and its neighbours' channels. */
const TRUNK_HALF_WIDTH = 1024;
/** How far below the upper port a trunk's cross run lies (routeBetween hugs the upper port by as much). */
const TRUNK_HUG = 10;

/** Whether route `points` runs through any box of `grid`: each segment asks only for the boxes along it. */
function routeBlocked(points: readonly number[], grid: NodeGrid, nodes: readonly SceneNode[], work: Work): boolean {
  for (let i = 0; i + 3 < points.length; i += 2) {
    const x0 = Math.min(points[i]!, points[i + 2]!);
    const y0 = Math.min(points[i + 1]!, points[i + 3]!);
    const strip = { x: x0, y: y0, w: Math.max(points[i]!, points[i + 2]!) - x0, h: Math.max(points[i + 1]!, points[i + 3]!) - y0 };
    const near = grid.meeting(strip);
    work.boxes += near.length;
    for (const k of near) if (segmentCrosses(points[i]!, points[i + 1]!, points[i + 2]!, points[i + 3]!, nodes[k]!)) return true;
  }
  return false;
}

/**
 * A long cable from port `p` (on the top of switch `node`) up to port `q` (on a box's bottom) far above it, such as a
 * leaf in a lower row of racks cabled to a spine above every row: the trunk climbs from the switch through the column
 * of racks above it to a run just under `q`'s row, then goes straight across to `q`. The climb depends on the switch
 * alone, so it is found once for all its trunks (a leaf's four spine uplinks, each from its own port, join it just
 * above the switch) against the boxes of that column only, instead of once per cable against every box between the
 * two ends: on a 10,000-host fabric that search was most of the scene build. The result stays clear of every box, as
 * any route does. Null when no trunk is found (the caller then searches as for any cable).
 */
function trunkRoute(p: Anchor, q: Anchor, node: number, grid: NodeGrid, nodes: readonly SceneNode[], work: Work): number[] | null {
  const simple = routeBetween(p, q);
  if (!routeBlocked(simple, grid, nodes, work)) return simple;
  const line = q.y + TRUNK_HUG;
  const key = `${node}|${p.y}|${line}`;
  let trunk = work.trunks.get(key);
  if (trunk === undefined) {
    const frame = { x: p.x - TRUNK_HALF_WIDTH, y: line, w: 2 * TRUNK_HALF_WIDTH, h: p.y - line };
    const near = grid.meeting(frame);
    work.boxes += near.length;
    const boxes = near.map((i) => nodes[i]!);
    // Any place on the run under the upper row will do: the cross run to the far port is added below.
    const goal: FrameGoal = { frame, sides: ['top'], exitCost: () => 0 };
    const climb = cachedRoute(p, contextId(p, boxes, `trunk${frame.h}`), relKey(p, p), () => routeAround(p, goal, boxes))?.points;
    trunk = climb ? { from: p, climb } : null;
    work.trunks.set(key, trunk);
  }
  if (!trunk) return null;
  const { from, climb } = trunk;
  // Another port of the switch: up its stub, then along to the climb, which leaves `from` straight up for a stub or more.
  const stubY = p.y - ROUTE_STUB;
  const join = from.x === p.x ? climb : [p.x, p.y, p.x, stubY, from.x, stubY, ...climb.slice(2)];
  if (join !== climb && routeBlocked([p.x, stubY, from.x, stubY], grid, nodes, work)) return null;
  const ex = climb[climb.length - 2]!;
  // The cross run must be clear too (it is, under a row of spines): else the caller searches the whole way.
  if (routeBlocked([ex, line, q.x, line, q.x, q.y], grid, nodes, work)) return null;
  return simplify([...join, q.x, line, q.x, q.y]);
}

/** Whether route `points` runs through any of `boxes`; boxes off the route's bounding box are passed over cheaply. */
function crossesAny(points: readonly number[], boxes: readonly Bounds[]): boolean {
  const r = pathBounds(points);
  for (const b of boxes) if (b.x < r.x + r.w && b.x + b.w > r.x && b.y < r.y + r.h && b.y + b.h > r.y && routeCrosses(points, b)) return true;
  return false;
}

/** The polyline walked from its other end. */
function reversed(points: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = points.length - 2; i >= 0; i -= 2) out.push(points[i]!, points[i + 1]!);
  return out;
}

/**
 * Splits `points` where it first leaves `frame` (walking from its start, which lies inside): the part inside, ending
 * on the frame's edge, and the rest, starting there. Null when it never leaves.
 */
export function splitAtFrame(points: readonly number[], frame: Bounds): [number[], number[]] | null {
  const inside = (x: number, y: number) => x >= frame.x - 1e-6 && x <= frame.x + frame.w + 1e-6 && y >= frame.y - 1e-6 && y <= frame.y + frame.h + 1e-6;
  for (let k = 0; k + 3 < points.length; k += 2) {
    const x1 = points[k + 2]!;
    const y1 = points[k + 3]!;
    if (inside(x1, y1)) continue;
    const x0 = points[k]!;
    const y0 = points[k + 1]!;
    // Routes are orthogonal: the segment leaves through one edge, at a fixed x or y.
    const cx = x1 < frame.x ? frame.x : x1 > frame.x + frame.w ? frame.x + frame.w : x0;
    const cy = y1 < frame.y ? frame.y : y1 > frame.y + frame.h ? frame.y + frame.h : y0;
    const x = Math.abs(x0 - x1) < 1e-6 ? x0 : cx;
    const y = Math.abs(y0 - y1) < 1e-6 ? y0 : cy;
    return [[...points.slice(0, k + 2), x, y], [x, y, ...points.slice(k + 2)]];
  }
  return null;
}

interface Cable {
  base: Omit<LinkPath, 'points' | 'under'>;
  /** The whole route from end a to end b (nudged as one), and the server frames its ends sit in. */
  path: LinkPath;
  frameA: Bounds | null;
  frameB: Bounds | null;
}

/**
 * Paths of the scene's links: a link inside one box is one path; a cable leaving a server is two or three (see
 * above). `roots[i]` is the index of the top-level node that node `i` sits in (`i` itself at top level).
 */
export function routeLinks(nodes: readonly SceneNode[], roots: ArrayLike<number>, links: readonly PlacedLink[]): LinkPath[] {
  return runSteps(routeLinkSteps(nodes, roots, links));
}

/**
 * Work between two progress reports: this many links, or fewer when their routes had this many boxes to go around (a
 * cable from a ToR to a spine across a 10,000-host fabric has thousands; each costs up to tens of milliseconds).
 */
const STEP_ITEMS = 512;
const STEP_BOXES = 4096;

/** routeLinks as resumable work, yielding its progress every STEP_ITEMS links (./steps.ts). */
export function* routeLinkSteps(nodes: readonly SceneNode[], roots: ArrayLike<number>, links: readonly PlacedLink[]): Steps<LinkPath[]> {
  // The drawn contents of each top-level node: the obstacles of every route inside it, and a context id per server.
  // Nodes serve as boxes as they are (no copies: a fabric has 50,000 of them).
  const contents = new Map<number, SceneNode[]>();
  const tops: number[] = [];
  nodes.forEach((n, i) => {
    const root = roots[i]!;
    if (root === i) {
      tops.push(i);
      return;
    }
    const list = contents.get(root);
    if (list) list.push(n);
    else contents.set(root, [n]);
  });
  // Grouping the contents walks every node: a report before the routing starts.
  yield 0;
  const contexts = new Map<number, string>();
  const hostContext = (root: number): string => {
    let c = contexts.get(root);
    if (c === undefined) {
      const host = nodes[root]!;
      c = contextId(host, contents.get(root) ?? [], `${host.w}x${host.h}${headerOf(host) ? 'h' : ''}`);
      contexts.set(root, c);
    }
    return c;
  };
  let grid: NodeGrid | null = null;
  const topGrid = () => (grid ??= new NodeGrid(nodes, tops));

  const out: (LinkPath | Cable)[] = [];
  const nudged: LinkPath[] = [];
  let done = 0;
  let since = 0;
  const work: Work = { boxes: 0, trunks: new Map() };
  for (const l of links) {
    // Routing is most of the work; nudging the bundles afterwards takes the last tenth.
    done++;
    if (++since >= STEP_ITEMS || work.boxes >= STEP_BOXES) {
      since = 0;
      work.boxes = 0;
      yield (0.9 * done) / links.length;
    }
    const base = { id: l.id, kind: l.kind, ...linkStyle(l.kind) };
    if (l.a.root === l.b.root) {
      // Inside one server: the simple route, unless it runs through a box; then around the server's contents.
      let points = routeBetween(l.a.anchor, l.b.anchor);
      const boxes = contents.get(l.a.root) ?? [];
      if (crossesAny(points, boxes)) {
        const host = nodes[l.a.root]!;
        const r = cachedRoute(host, hostContext(l.a.root), `l|${relKey(host, l.a.anchor)}|${relKey(host, l.b.anchor)}`, () =>
          routeAround(l.a.anchor, l.b.anchor, boxes) ?? routeAround(l.a.anchor, l.b.anchor, boxes, TIGHT.clearance, TIGHT.stub),
        );
        if (r) points = r.points;
      }
      const path: LinkPath = { ...base, points, under: false };
      out.push(path);
      if (l.kind === 'ethernet') nudged.push(path);
      continue;
    }
    // Each end inside an open server leaves it through its edge; an end on a top-level box is its own port.
    const inA = l.a.node !== l.a.root;
    const inB = l.b.node !== l.b.root;
    const partA = inA ? insidePart(l.a.anchor, nodes[l.a.root]!, contents.get(l.a.root) ?? [], hostContext(l.a.root), l.b.anchor) : null;
    const partB = inB ? insidePart(l.b.anchor, nodes[l.b.root]!, contents.get(l.b.root) ?? [], hostContext(l.b.root), l.a.anchor) : null;
    if ((inA && !partA) || (inB && !partB)) {
      // No way out of a server: the whole cable as before, passing behind the servers.
      out.push({ ...base, points: routeBetween(l.a.anchor, l.b.anchor), under: true });
      continue;
    }
    const ends = inA || inB ? undefined : { a: l.a.node, b: l.b.node };
    const middle = outsidePart(partA?.exit ?? l.a.anchor, partB?.exit ?? l.b.anchor, topGrid(), nodes, work, ends);
    const whole = simplify([...(partA ? partA.points.slice(0, -2) : []), ...middle, ...(partB ? reversed(partB.points).slice(2) : [])]);
    const path: LinkPath = { ...base, points: whole, under: true };
    if (l.kind === 'ethernet' || l.kind === 'pcie') nudged.push(path);
    out.push(partA || partB ? { base, path, frameA: partA ? boxOf(nodes[l.a.root]!) : null, frameB: partB ? boxOf(nodes[l.b.root]!) : null } : path);
  }
  // Cables sharing a run (a server's two ports to one switch, a rack's cables up one channel) are spread apart; a
  // run only moves sideways, so a cable still crosses its server's edge on the same side afterwards.
  yield* scaled(nudgeSteps(nudged, (area) => boxesNear(area, topGrid(), nodes, contents)), 0.9, 1);
  const result: LinkPath[] = [];
  let split = 0;
  for (const item of out) {
    if (++split % 8192 === 0) yield 1;
    if (!('path' in item)) {
      result.push(item);
      continue;
    }
    result.push(...cableParts(item));
  }
  return result;
}

/** A cable's parts: inside its first server (if any), between the boxes, inside its second server (if any). */
function cableParts(c: Cable): LinkPath[] {
  let rest = c.path.points;
  const parts: LinkPath[] = [];
  let tail: LinkPath | null = null;
  if (c.frameA) {
    const s = splitAtFrame(rest, c.frameA);
    if (!s) return [c.path];
    parts.push({ ...c.base, points: s[0], under: false, part: 'inside' });
    rest = s[1];
  }
  if (c.frameB) {
    const s = splitAtFrame(reversed(rest), c.frameB);
    if (!s) return [c.path];
    tail = { ...c.base, points: reversed(s[0]), under: false, part: 'inside' };
    rest = reversed(s[1]);
  }
  parts.push({ ...c.base, points: rest, under: true, part: 'outside' });
  if (tail) parts.push(tail);
  return parts;
}

/** The boxes a nudged run must stay clear of near `area`: top-level boxes and the contents of servers there. */
function boxesNear(area: Bounds, grid: NodeGrid, nodes: readonly SceneNode[], contents: ReadonlyMap<number, readonly Bounds[]>): Bounds[] {
  const out: Bounds[] = [];
  for (const i of grid.meeting(area)) {
    out.push(nodes[i]!);
    for (const b of contents.get(i) ?? []) if (b.x <= area.x + area.w && b.x + b.w >= area.x && b.y <= area.y + area.h && b.y + b.h >= area.y) out.push(b);
  }
  return out;
}
