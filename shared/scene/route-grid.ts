/**
 * An orthogonal router that goes around boxes: A* over the sparse grid of lines that run along each obstacle at
 * a clearance (a "Hanan grid", as orthogonal connector routers such as libavoid build), with a penalty per bend.
 *
 * Why our own and not elkjs: ELK routes whole graphs asynchronously (a worker round trip) and re-lays out nodes we
 * place ourselves; the scene is built synchronously and must stay cheap on a 2,000-host fabric. Here each cable is
 * routed on its own against the few boxes near it (a server's contents, or the racks between a server and its
 * switch), so the cost is linear in the number of cables times a small local grid, never quadratic in the design.
 */
import type { Anchor, Bounds, Side } from './types';

/** Distance a route leaves a port straight out before it may turn (clears the port's own box and its marker). */
export const ROUTE_STUB = 14;
/** Space kept between a route and any box it passes. */
export const CLEARANCE = 8;
/** A bend costs as much as this much length: routes prefer a few long runs to a staircase. */
const BEND = 40;
/** Weight of the tie-break toward the far port's lines: far below a unit of length per unit of route. */
const DRIFT = 1e-5;
/** Grids larger than this (lines × lines) are not searched; the caller falls back to a simple route. */
const MAX_GRID = 40_000;

const DIRS = [
  [1, 0],
  [0, 1],
  [-1, 0],
  [0, -1],
] as const;

/** Direction index (into DIRS) pointing out of a box through `side`. */
export function outward(side: Side): number {
  return side === 'right' ? 0 : side === 'bottom' ? 1 : side === 'left' ? 2 : 3;
}

/** The point `d` units out of a port through its side. */
export function stubPoint(a: Anchor, d = ROUTE_STUB): { x: number; y: number } {
  const [dx, dy] = DIRS[outward(a.side)]!;
  return { x: a.x + dx * d, y: a.y + dy * d };
}

/**
 * Where a route may end instead of at a port: anywhere on one of `sides` of the box `frame` (a server's edge that a
 * cable leaves through), at an extra cost `exitCost(x, y)` (how far the rest of the cable still has to go).
 */
export interface FrameGoal {
  frame: Bounds;
  sides: readonly Side[];
  exitCost: (x: number, y: number) => number;
}

export interface RouteResult {
  points: number[];
  /** The side of `frame` the route ends on (FrameGoal routes only). */
  side?: Side;
}

function uniqueSorted(values: number[]): number[] {
  values.sort((p, q) => p - q);
  const out: number[] = [];
  for (const v of values) if (out.length === 0 || v - out[out.length - 1]! > 1e-6) out.push(v);
  return out;
}

function indexOf(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < v - 1e-6) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A binary min-heap of state ids keyed by cost. */
class Heap {
  private ids: number[] = [];
  private keys: number[] = [];
  get size(): number {
    return this.ids.length;
  }
  push(id: number, key: number): void {
    const { ids, keys } = this;
    let i = ids.length;
    ids.push(id);
    keys.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! <= key) break;
      ids[i] = ids[p]!;
      keys[i] = keys[p]!;
      i = p;
    }
    ids[i] = id;
    keys[i] = key;
  }
  pop(): number {
    const { ids, keys } = this;
    const top = ids[0]!;
    const lastId = ids.pop()!;
    const lastKey = keys.pop()!;
    const n = ids.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && keys[r]! < keys[l]! ? r : l;
        if (keys[c]! >= lastKey) break;
        ids[i] = ids[c]!;
        keys[i] = keys[c]!;
        i = c;
      }
      ids[i] = lastId;
      keys[i] = lastKey;
    }
    return top;
  }
}

interface Scratch {
  size: number;
  hBlocked: Uint8Array;
  vBlocked: Uint8Array;
  cost: Float64Array;
  from: Int32Array;
  seen: Uint32Array;
  closed: Uint32Array;
  gen: number;
}

let shared: Scratch | null = null;

/** Work arrays for a grid of `nodes` points (4 states each), grown when too small. */
function scratch(nodes: number): Scratch {
  if (!shared || shared.size < nodes) {
    const size = Math.max(nodes, 1024, (shared?.size ?? 0) * 2);
    shared = {
      size,
      hBlocked: new Uint8Array(size),
      vBlocked: new Uint8Array(size),
      cost: new Float64Array(size * 4),
      from: new Int32Array(size * 4),
      seen: new Uint32Array(size * 4),
      closed: new Uint32Array(size * 4),
      gen: 0,
    };
  }
  return shared;
}

function nextGeneration(s: Scratch): number {
  if (s.gen >= 0xfffffff0) {
    s.seen.fill(0);
    s.closed.fill(0);
    s.gen = 0;
  }
  return ++s.gen;
}

/** Drops points that continue a straight run (and repeated points), so each remaining point is a bend. */
export function simplify(points: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i]!;
    const y = points[i + 1]!;
    const n = out.length;
    if (n >= 2 && Math.abs(out[n - 2]! - x) < 1e-6 && Math.abs(out[n - 1]! - y) < 1e-6) continue;
    if (n >= 4) {
      const px = out[n - 4]!;
      const py = out[n - 3]!;
      const qx = out[n - 2]!;
      const qy = out[n - 1]!;
      if ((Math.abs(px - qx) < 1e-6 && Math.abs(qx - x) < 1e-6) || (Math.abs(py - qy) < 1e-6 && Math.abs(qy - y) < 1e-6)) {
        out[n - 2] = x;
        out[n - 1] = y;
        continue;
      }
    }
    out.push(x, y);
  }
  return out;
}

/**
 * An orthogonal route from port `a` to port `b` (or to the edge of a frame) that keeps CLEARANCE from every box in
 * `obstacles`, or null when there is none (the caller then draws its simple route). The route leaves `a` straight
 * out through its side for ROUTE_STUB and arrives at `b` the same way, so it ends square on both port markers.
 * Obstacles may include the boxes the ports sit on: the stubs carry the route clear of them.
 */
export function routeAround(a: Anchor, b: Anchor | FrameGoal, obstacles: readonly Bounds[], clearance = CLEARANCE, stub = ROUTE_STUB): RouteResult | null {
  const sa = stubPoint(a, stub);
  const toPort = 'side' in b;
  const sb = toPort ? stubPoint(b, stub) : null;
  const frame = toPort ? null : b.frame;

  const xsRaw = [sa.x];
  const ysRaw = [sa.y];
  if (sb) {
    xsRaw.push(sb.x);
    ysRaw.push(sb.y);
  }
  for (const o of obstacles) {
    xsRaw.push(o.x - clearance, o.x + o.w + clearance);
    ysRaw.push(o.y - clearance, o.y + o.h + clearance);
  }
  if (frame) {
    xsRaw.push(frame.x, frame.x + frame.w);
    ysRaw.push(frame.y, frame.y + frame.h);
  }
  let xs = uniqueSorted(xsRaw);
  let ys = uniqueSorted(ysRaw);
  // A frame route stays inside its frame: lines beyond it lead nowhere useful.
  if (frame) {
    xs = xs.filter((x) => x >= frame.x - 1e-6 && x <= frame.x + frame.w + 1e-6);
    ys = ys.filter((y) => y >= frame.y - 1e-6 && y <= frame.y + frame.h + 1e-6);
  }
  const nx = xs.length;
  const ny = ys.length;
  if (nx * ny > MAX_GRID || nx === 0 || ny === 0) return null;

  // Blocked grid edges: a horizontal edge (i→i+1 on row j) is blocked when it runs strictly inside an obstacle grown
  // by the clearance. Every grown edge is a grid line, so an edge is either wholly inside a grown box or wholly out.
  const buf = scratch(nx * ny);
  const { hBlocked, vBlocked } = buf;
  hBlocked.fill(0, 0, nx * ny);
  vBlocked.fill(0, 0, nx * ny);
  for (const o of obstacles) {
    const i0 = indexOf(xs, o.x - clearance);
    const i1 = indexOf(xs, o.x + o.w + clearance);
    const j0 = indexOf(ys, o.y - clearance);
    const j1 = indexOf(ys, o.y + o.h + clearance);
    // Lines filtered away by the frame shift the indices; clamp to what exists.
    const xi0 = xs[i0]! < o.x - clearance - 1e-6 ? i0 + 1 : i0;
    const yj0 = ys[j0]! < o.y - clearance - 1e-6 ? j0 + 1 : j0;
    const xi1 = xs[i1]! > o.x + o.w + clearance + 1e-6 ? i1 - 1 : i1;
    const yj1 = ys[j1]! > o.y + o.h + clearance + 1e-6 ? j1 - 1 : j1;
    for (let j = yj0; j <= yj1; j++) {
      const yInside = ys[j]! > o.y - clearance + 1e-6 && ys[j]! < o.y + o.h + clearance - 1e-6;
      for (let i = xi0; i <= xi1; i++) {
        const xInside = xs[i]! > o.x - clearance + 1e-6 && xs[i]! < o.x + o.w + clearance - 1e-6;
        if (yInside && i < xi1) hBlocked[j * nx + i] = 1;
        if (xInside && j < yj1) vBlocked[j * nx + i] = 1;
      }
    }
  }

  const start = indexOf(ys, sa.y) * nx + indexOf(xs, sa.x);
  if (Math.abs(xs[start % nx]! - sa.x) > 1e-6 || Math.abs(ys[Math.floor(start / nx)]! - sa.y) > 1e-6) return null;
  const goal = sb ? indexOf(ys, sb.y) * nx + indexOf(xs, sb.x) : -1;
  const farFaceHorizontal = toPort && ((b as Anchor).side === 'top' || (b as Anchor).side === 'bottom');
  const arriveDir = sb ? (outward((b as Anchor).side) + 2) % 4 : -1;

  // Frame sides a route may end on, as grid lines.
  const exits: { side: Side; axis: 'x' | 'y'; at: number }[] = [];
  if (frame) {
    for (const s of (b as FrameGoal).sides) {
      if (s === 'left') exits.push({ side: s, axis: 'x', at: 0 });
      else if (s === 'right') exits.push({ side: s, axis: 'x', at: nx - 1 });
      else if (s === 'top') exits.push({ side: s, axis: 'y', at: 0 });
      else exits.push({ side: s, axis: 'y', at: ny - 1 });
    }
  }
  const exitAt = (node: number): Side | null => {
    const i = node % nx;
    const j = Math.floor(node / nx);
    for (const e of exits) if ((e.axis === 'x' ? i : j) === e.at) return e.side;
    return null;
  };
  const h = (node: number): number => {
    const x = xs[node % nx]!;
    const y = ys[Math.floor(node / nx)]!;
    if (sb) return Math.abs(x - sb.x) + Math.abs(y - sb.y);
    let best = Infinity;
    for (const e of exits) {
      const d = e.axis === 'x' ? Math.abs(x - xs[e.at]!) : Math.abs(y - ys[e.at]!);
      if (d < best) best = d;
    }
    return best;
  };

  // States are (node, direction of arrival); the cost of a bend depends on it.
  // Per-state arrays are reused between calls and reset lazily by a generation stamp: allocating and filling them per
  // route was most of the cost of routing a fabric's thousands of cables.
  const gen = nextGeneration(buf);
  const { cost, from, seen, closed } = buf;
  const costOf = (t: number) => (seen[t] === gen ? cost[t]! : Infinity);
  const heap = new Heap();
  const s0 = start * 4 + outward(a.side);
  cost[s0] = 0;
  from[s0] = -1;
  seen[s0] = gen;
  heap.push(s0, h(start));
  let reached = -1;
  let reachedSide: Side | undefined;
  while (heap.size > 0) {
    const s = heap.pop();
    if (closed[s] === gen) continue;
    const node = s >> 2;
    const dir = s & 3;
    closed[s] = gen;
    if (node === goal) {
      reached = s;
      break;
    }
    if (frame) {
      const side = exitAt(node);
      // Leaving through a side means arriving at it moving outward; ending elsewhere on it would run along the frame.
      if (side !== null && dir === outward(side)) {
        const total = cost[s]! + (b as FrameGoal).exitCost(xs[node % nx]!, ys[Math.floor(node / nx)]!);
        // A cheaper exit could still be found later only if its path cost is below `total`; the heap order is by
        // path cost + heuristic, and the exit cost is not in the heuristic, so keep searching while that can happen.
        let best = total;
        let bestState = s;
        let bestSide = side;
        while (heap.size > 0) {
          const t = heap.pop();
          if (closed[t] === gen) continue;
          if (costOf(t) >= best) break;
          closed[t] = gen;
          const tn = t >> 2;
          const td = t & 3;
          const ts = exitAt(tn);
          if (ts !== null && td === outward(ts)) {
            const c = costOf(t) + (b as FrameGoal).exitCost(xs[tn % nx]!, ys[Math.floor(tn / nx)]!);
            if (c < best) {
              best = c;
              bestState = t;
              bestSide = ts;
            }
          }
          expand(t);
        }
        reached = bestState;
        reachedSide = bestSide;
        break;
      }
    }
    expand(s);
  }

  function expand(s: number): void {
    const node = s >> 2;
    const dir = s & 3;
    const i = node % nx;
    const j = Math.floor(node / nx);
    for (let d = 0; d < 4; d++) {
      if (d === (dir + 2) % 4) continue;
      const [dx, dy] = DIRS[d]!;
      const ni = i + dx;
      const nj = j + dy;
      if (ni < 0 || nj < 0 || ni >= nx || nj >= ny) continue;
      if (dy === 0 && hBlocked[j * nx + Math.min(i, ni)]) continue;
      if (dx === 0 && vBlocked[Math.min(j, nj) * nx + i]) continue;
      const next = nj * nx + ni;
      const len = Math.abs(xs[ni]! - xs[i]!) + Math.abs(ys[nj]! - ys[j]!);
      let c = cost[s]! + len + (d === dir ? 0 : BEND);
      // Among routes of equal length and bends, prefer runs along the far port's face close to it (turn just under a
      // switch rather than halfway): cables to one switch then take the same shape and lie side by side as a bundle.
      if (sb && (dy === 0) === farFaceHorizontal) c += DRIFT * len * (dy === 0 ? Math.abs(ys[j]! - sb.y) : Math.abs(xs[i]! - sb.x));
      // Arriving at the far port from the wrong direction means one more bend at its stub.
      if (next === goal && d !== arriveDir) c += BEND;
      const t = next * 4 + d;
      if (c < costOf(t)) {
        cost[t] = c;
        seen[t] = gen;
        from[t] = s;
        // Equal estimates go to the state farther along (a hair of its cost off the key): far fewer states are opened.
        heap.push(t, c + h(next) - 1e-9 * c);
      }
    }
  }

  if (reached < 0) return null;
  const pts: number[] = [];
  for (let s = reached; s >= 0; s = from[s]!) {
    const node = s >> 2;
    pts.push(ys[Math.floor(node / nx)]!, xs[node % nx]!);
  }
  pts.reverse();
  const out = [a.x, a.y, ...pts];
  if (sb) out.push((b as Anchor).x, (b as Anchor).y);
  return { points: simplify(out), side: reachedSide };
}

/** Whether a horizontal or vertical segment passes through the inside of box `r` (touching its edge does not count). */
export function segmentCrosses(x0: number, y0: number, x1: number, y1: number, r: Bounds): boolean {
  const minX = Math.min(x0, x1);
  const maxX = Math.max(x0, x1);
  const minY = Math.min(y0, y1);
  const maxY = Math.max(y0, y1);
  const e = 1e-6;
  return minX < r.x + r.w - e && maxX > r.x + e && minY < r.y + r.h - e && maxY > r.y + e;
}

/** Whether any segment of route `points` crosses box `r`. */
export function routeCrosses(points: readonly number[], r: Bounds): boolean {
  for (let i = 0; i + 3 < points.length; i += 2) if (segmentCrosses(points[i]!, points[i + 1]!, points[i + 2]!, points[i + 3]!, r)) return true;
  return false;
}
