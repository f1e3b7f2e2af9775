/**
 * Routes remembered by their geometry relative to an origin. A route around boxes depends only on where its ends and
 * the boxes near it lie relative to each other, and a rack's or a fabric's servers are alike: cached this way, a
 * 2,000-host fabric routes each kind of server (and each kind of cable in a rack) once, and rebuilding the scene
 * after an edit routes again only what the edit changed. Entries hold plain numbers; the cache is emptied when full.
 */
import type { Anchor, Bounds } from './types';

export interface CachedRoute {
  points: number[];
  /** Where the route leaves a server's frame (routes to a frame only). */
  exit?: Anchor;
}

const MAX_ENTRIES = 50_000;
const routes = new Map<string, CachedRoute | null>();

/** FNV-1a over the bits of a number, continuing hash `h`. */
function mix(h: number, v: number): number {
  // Coordinates are multiples of small fractions; scaling by 64 and rounding keeps them exact as integers.
  let x = Math.round(v * 64) | 0;
  for (let k = 0; k < 4; k++) {
    h ^= x & 0xff;
    h = Math.imul(h, 0x01000193);
    x >>>= 8;
  }
  return h >>> 0;
}

/**
 * A key for a list of boxes seen from `origin` (with a tag for anything else the routes depend on): two independent
 * 32-bit hashes of the relative coordinates, so a key costs no string per box (a fabric has 50,000 boxes) and two
 * different contexts share a key with a chance of about 2^-64.
 */
export function contextId(origin: { x: number; y: number }, boxes: readonly Bounds[], tag = ''): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01234567;
  const step = (v: number) => {
    h1 = mix(h1, v);
    h2 = mix(h2 ^ 0x5bd1e995, v);
  };
  for (const b of boxes) {
    step(b.x - origin.x);
    step(b.y - origin.y);
    step(b.w);
    step(b.h);
  }
  return `${tag}:${boxes.length}:${h1.toString(36)}:${h2.toString(36)}`;
}

/** An anchor relative to `origin`, as part of a key. */
export const relKey = (origin: { x: number; y: number }, a: { x: number; y: number; side?: string }): string => `${a.x - origin.x},${a.y - origin.y},${a.side ?? ''}`;

const shift = (r: CachedRoute, dx: number, dy: number): CachedRoute => ({
  points: r.points.map((v, i) => v + (i % 2 === 0 ? dx : dy)),
  exit: r.exit && { ...r.exit, x: r.exit.x + dx, y: r.exit.y + dy },
});

/** The route for `key` (relative to `origin`, in context `ctx`), computed once and moved to `origin` after that. */
export function cachedRoute(origin: { x: number; y: number }, ctx: string, key: string, compute: () => CachedRoute | null): CachedRoute | null {
  const full = `${ctx}#${key}`;
  let hit = routes.get(full);
  if (hit === undefined) {
    const r = compute();
    hit = r && shift(r, -origin.x, -origin.y);
    if (routes.size >= MAX_ENTRIES) routes.clear();
    routes.set(full, hit);
  }
  return hit && shift(hit, origin.x, origin.y);
}
