/**
 * Spreads cables that share a run. Routes are found one by one on the same grid lines, so two cables from a server to
 * one switch, or a rack's cables up the channel beside it, would lie exactly on top of each other and read as one.
 * Runs on the same line that overlap are moved apart (a few units each, centred on the line, and never into a box),
 * which draws them as a bundle. Only a route's middle runs move: its first and last runs stay square on the ports.
 */
import { runSteps, type Steps } from './steps';
import type { Bounds, LinkPath } from './types';

/** Distance between neighbouring cables of a bundle, diagram units. */
export const BUNDLE_SPACING = 4;
/** Space kept between a moved run and a box. */
const KEEP = 2;
/** Farthest a run moves from its line. */
const MAX_SHIFT = 40;

interface Run {
  path: LinkPath;
  /** The path's points before any run moved: every bundle is ordered on the same geometry, whatever moved first. */
  orig: readonly number[];
  /** Index of the run's first point (its x) in path.points. */
  at: number;
  vertical: boolean;
  /** x of a vertical run, y of a horizontal one. */
  line: number;
  lo: number;
  hi: number;
}

function runsOf(path: LinkPath): Run[] {
  const p = path.points;
  // A route of three runs or fewer has no middle run to move.
  if (p.length < 8) return [];
  const orig = p.slice();
  const out: Run[] = [];
  // Middle runs only: index 2 … n-6 (the run from point k to point k+1, k from 1 to count-3).
  for (let at = 2; at + 5 < p.length; at += 2) {
    const x0 = p[at]!;
    const y0 = p[at + 1]!;
    const x1 = p[at + 2]!;
    const y1 = p[at + 3]!;
    const vertical = Math.abs(x0 - x1) < 1e-6;
    if (!vertical && Math.abs(y0 - y1) > 1e-6) continue;
    out.push({ path, orig, at, vertical, line: vertical ? x0 : y0, lo: vertical ? Math.min(y0, y1) : Math.min(x0, x1), hi: vertical ? Math.max(y0, y1) : Math.max(x0, x1) });
  }
  return out;
}

/**
 * Moves overlapping runs on a shared line apart, in place. `boxesNear(area)` gives the boxes a run must not move
 * into. Cost: one sort of the runs plus a box query per bundle.
 */
export function nudgeParallel(paths: readonly LinkPath[], boxesNear: (area: Bounds) => readonly Bounds[]): void {
  runSteps(nudgeSteps(paths, boxesNear));
}

/** nudgeParallel as resumable work (./steps.ts), yielding its progress every few hundred lines. */
export function* nudgeSteps(paths: readonly LinkPath[], boxesNear: (area: Bounds) => readonly Bounds[]): Steps<void> {
  const groups = new Map<string, Run[]>();
  let seen = 0;
  for (const path of paths) {
    // Gathering the runs is the first fifth of the work, spreading the bundles the rest.
    if (++seen % 4096 === 0) yield (0.2 * seen) / paths.length;
    for (const r of runsOf(path)) {
      const key = `${r.vertical ? 'v' : 'h'}${Math.round(r.line * 4) / 4}`;
      const g = groups.get(key);
      if (g) g.push(r);
      else groups.set(key, [r]);
    }
  }
  // A report every few thousand runs: one line can carry a bundle of hundreds (a fabric's spine channel).
  let done = 0;
  let runs = 0;
  for (const group of groups.values()) {
    done++;
    if ((runs += group.length) >= 4096) {
      runs = 0;
      yield 0.2 + (0.8 * done) / groups.size;
    }
    if (group.length < 2) continue;
    group.sort((p, q) => p.lo - q.lo || p.hi - q.hi);
    // Bundles: runs whose spans overlap (a chain of overlaps is one bundle).
    let start = 0;
    let reach = group[0]!.hi;
    for (let i = 1; i <= group.length; i++) {
      if (i < group.length && group[i]!.lo < reach - 1e-6) {
        reach = Math.max(reach, group[i]!.hi);
        continue;
      }
      if (i - start >= 2) spread(group.slice(start, i), boxesNear);
      if (i < group.length) {
        start = i;
        reach = group[i]!.hi;
      }
    }
  }
}

const X = (p: readonly number[], i: number) => p[i]!;
const Y = (p: readonly number[], i: number) => p[i + 1]!;
/** -1, 0 or +1: the turn from direction (ux, uy) to (vx, vy) as the sign of their cross product. */
const turnSign = (ux: number, uy: number, vx: number, vy: number) => Math.sign(ux * vy - uy * vx);
const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/**
 * Which side of their common way run `a` must keep from run `b` so that the two do not cross ahead, walking both
 * routes (as first routed) from the run along `dir` (+2: toward the path's last point, -2: toward its first) while
 * they go the same way: +1 when `a` belongs on the side where the cross product with the direction of travel is
 * positive, -1 for the other side, 0 when nothing ahead decides (they part at the same point the same way, or end).
 * Offsets keep their side of the direction of travel round every bend of a bundle, so the side where they part is
 * the side they keep on the run.
 */
function sideAhead(a: Run, ai: number, b: Run, bi: number, adir: 2 | -2, bdir: 2 | -2): number {
  const pa = a.orig;
  const pb = b.orig;
  // ai, bi: the point each route reached; both arrived there travelling the same way, along the same line.
  for (let guard = 0; guard < 64; guard++) {
    const ux = X(pa, ai) - X(pa, ai - adir);
    const uy = Y(pa, ai) - Y(pa, ai - adir);
    const along = (p: readonly number[], i: number) => X(p, i) * ux + Y(p, i) * uy;
    const da = along(pa, ai);
    const db = along(pb, bi);
    const na = ai + adir;
    const nb = bi + bdir;
    const aNext = na >= 0 && na + 1 < pa.length;
    const bNext = nb >= 0 && nb + 1 < pb.length;
    const ta = aNext ? turnSign(ux, uy, X(pa, na) - X(pa, ai), Y(pa, na) - Y(pa, ai)) : 0;
    const tb = bNext ? turnSign(ux, uy, X(pb, nb) - X(pb, bi), Y(pb, nb) - Y(pb, bi)) : 0;
    if (!same(da, db)) {
      // One turns off first: it must sit on the side it turns to, or it cuts across the other.
      return da < db ? ta : -tb;
    }
    if (!aNext || !bNext || ta !== tb) return Math.sign(ta - tb);
    // Both turn the same way at the same point: they go on together along the next line.
    ai = na;
    bi = nb;
  }
  return 0;
}

/**
 * Order across the line that avoids crossings (positive: `a` goes to the larger coordinate): both routes are followed
 * each way from the bundle until they part, and each sits on the side it parts to. When the two ways disagree (the
 * ends are wired so that they must cross once), the way toward the paths' last points wins: a cable's last point is
 * its switch port, so the bundle reaches the switch in the order of its ports and the one crossing is left at the far
 * end, where the cables fan out from their servers, instead of in the bundle's turn under the switch.
 */
function order(a: Run, b: Run): number {
  const votes: number[] = [];
  for (const dir of [2, -2] as const) {
    // Walk `a` along dir; walk `b` the same way along the line, which is its own dir when both run the same way.
    const aFrom = dir === 2 ? a.at + 2 : a.at;
    // Each run's direction from its first point to its second, as one signed number (runs are axis-parallel).
    const forward = (r: Run) => X(r.orig, r.at + 2) - X(r.orig, r.at) + Y(r.orig, r.at + 2) - Y(r.orig, r.at);
    const bdir: 2 | -2 = Math.sign(forward(a)) === Math.sign(forward(b)) ? dir : (-dir as 2 | -2);
    const bFrom = bdir === 2 ? b.at + 2 : b.at;
    const side = sideAhead(a, aFrom, b, bFrom, dir, bdir);
    // The side (+1: cross product positive) as a coordinate across the line: for travel u and the axis n across the
    // line ((1, 0) for a vertical run, (0, 1) for a horizontal one), cross(u, n) says which it is.
    const ux = X(a.orig, aFrom) - X(a.orig, aFrom - dir);
    const uy = Y(a.orig, aFrom) - Y(a.orig, aFrom - dir);
    const axis = a.vertical ? turnSign(ux, uy, 1, 0) : turnSign(ux, uy, 0, 1);
    votes.push(side * axis);
  }
  const [ahead, behind] = votes as [number, number];
  return ahead !== 0 ? ahead : behind;
}

/** Moves the runs of one bundle to distinct lines around their shared one, within the free space around it. */
function spread(bundle: Run[], boxesNear: (area: Bounds) => readonly Bounds[]): void {
  const { vertical, line } = bundle[0]!;
  const lo = Math.min(...bundle.map((r) => r.lo));
  const hi = Math.max(...bundle.map((r) => r.hi));
  // Free space on each side of the line along the bundle: up to the nearest box edge that faces it.
  let below = -MAX_SHIFT;
  let above = MAX_SHIFT;
  const area = vertical ? { x: line - MAX_SHIFT, y: lo, w: 2 * MAX_SHIFT, h: hi - lo } : { x: lo, y: line - MAX_SHIFT, w: hi - lo, h: 2 * MAX_SHIFT };
  for (const n of boxesNear(area)) {
    const [a, b] = vertical ? [n.x, n.x + n.w] : [n.y, n.y + n.h];
    // Along the run, the box must overlap the bundle's span (a box merely touching an end does not limit it).
    const [s0, s1] = vertical ? [n.y, n.y + n.h] : [n.x, n.x + n.w];
    if (s1 <= lo + 1e-6 || s0 >= hi - 1e-6) continue;
    if (b <= line + 1e-6) below = Math.max(below, b - line + KEEP);
    else if (a >= line - 1e-6) above = Math.min(above, a - line - KEEP);
    // A box the line runs inside (the server a part runs in) does not limit it.
  }
  if (below > 0 || above < 0) return;
  bundle.sort(order);
  const n = bundle.length;
  const step = Math.min(BUNDLE_SPACING, (above - below) / (n - 1));
  if (step < 0.5) return;
  // Centred on the line, then shifted into the free space.
  let first = -((n - 1) * step) / 2;
  if (first < below) first = below;
  if (first + (n - 1) * step > above) first = above - (n - 1) * step;
  bundle.forEach((r, k) => {
    const d = first + k * step;
    const p = r.path.points;
    const c = vertical ? 0 : 1;
    p[r.at + c] = r.line + d;
    p[r.at + 2 + c] = r.line + d;
  });
}
