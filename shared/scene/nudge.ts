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
  const out: Run[] = [];
  // Middle runs only: index 2 … n-6 (the run from point k to point k+1, k from 1 to count-3).
  for (let at = 2; at + 5 < p.length; at += 2) {
    const x0 = p[at]!;
    const y0 = p[at + 1]!;
    const x1 = p[at + 2]!;
    const y1 = p[at + 3]!;
    const vertical = Math.abs(x0 - x1) < 1e-6;
    if (!vertical && Math.abs(y0 - y1) > 1e-6) continue;
    out.push({ path, at, vertical, line: vertical ? x0 : y0, lo: vertical ? Math.min(y0, y1) : Math.min(x0, x1), hi: vertical ? Math.max(y0, y1) : Math.max(x0, x1) });
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

/**
 * Which side (-1, 0, +1 across the line) the route turns to at the `lo` or `hi` end of run `r`: where the
 * neighbouring run goes.
 */
function turn(r: Run, end: 'lo' | 'hi'): number {
  const p = r.path.points;
  const c = r.vertical ? 0 : 1;
  const along = r.vertical ? 1 : 0;
  // The run's first point is its lo end when its along-coordinate is the smaller one.
  const startIsLo = p[r.at + along]! <= p[r.at + 2 + along]!;
  const neighbour = (end === 'lo') === startIsLo ? r.at - 2 : r.at + 4;
  return Math.sign(p[neighbour + c]! - r.line);
}

/**
 * Order across the line that avoids crossings where the runs turn off it (positive: `a` goes to the larger
 * coordinate). Where both turn to the same side, the run whose end comes first must sit nearer that side, or its
 * turn would cut through the other run; where they turn to opposite sides, each sits on its own side.
 */
function order(a: Run, b: Run): number {
  let vote = 0;
  for (const end of ['lo', 'hi'] as const) {
    const ta = turn(a, end);
    const tb = turn(b, end);
    if (ta !== tb) vote += (ta - tb) / 2;
    else if (ta !== 0) {
      const ea = end === 'lo' ? a.lo : a.hi;
      const eb = end === 'lo' ? b.lo : b.hi;
      // At the lo end the run that starts later is the inner one; at the hi end the one that ends sooner.
      const inner = end === 'lo' ? Math.sign(ea - eb) : Math.sign(eb - ea);
      vote += inner * ta;
    }
  }
  return Math.sign(vote);
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
