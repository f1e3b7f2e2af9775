// Bundles of cables to one switch reach it in the order of its ports (shared/scene/nudge.ts orders each bundle by
// where its cables part, preferring the way toward their switch ends), and long leaf-to-spine cables of a fabric with
// several rows of racks are routed as trunks (shared/scene/cables.ts) that still miss every box.
import { describe, expect, test } from 'vitest';
import { makeTemplate } from '../templates';
import type { Design } from '../model/design';
import { sceneOf } from './scene';
import { nudgeParallel, BUNDLE_SPACING } from './nudge';
import { routeCrosses } from './route-grid';
import type { LinkPath, Scene } from './types';

type Segment = [number, number, number, number];

const segments = (points: readonly number[]): Segment[] => {
  const out: Segment[] = [];
  for (let k = 0; k + 3 < points.length; k += 2) out.push(points.slice(k, k + 4) as Segment);
  return out;
};

/** Where a horizontal and a vertical segment cross inside both (touching at an end does not count), else null. */
function crossing(p: Segment, q: Segment): [number, number] | null {
  const horizontal = (s: Segment) => Math.abs(s[1] - s[3]) < 1e-6 && Math.abs(s[0] - s[2]) > 1e-6;
  const vertical = (s: Segment) => Math.abs(s[0] - s[2]) < 1e-6 && Math.abs(s[1] - s[3]) > 1e-6;
  const [h, v] = horizontal(p) && vertical(q) ? [p, q] : horizontal(q) && vertical(p) ? [q, p] : [null, null];
  if (!h || !v) return null;
  const e = 1e-6;
  const x = v[0];
  const y = h[1];
  const inside = x > Math.min(h[0], h[2]) + e && x < Math.max(h[0], h[2]) - e && y > Math.min(v[1], v[3]) + e && y < Math.max(v[1], v[3]) - e;
  return inside ? [x, y] : null;
}

/** Every crossing between the drawn parts of two different links, with the links' ids. */
function crossings(paths: readonly LinkPath[]): { a: string; b: string; at: [number, number] }[] {
  const out: { a: string; b: string; at: [number, number] }[] = [];
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      if (paths[i]!.id === paths[j]!.id) continue;
      for (const p of segments(paths[i]!.points)) for (const q of segments(paths[j]!.points)) {
        const at = crossing(p, q);
        if (at) out.push({ a: paths[i]!.id, b: paths[j]!.id, at });
      }
    }
  }
  return out;
}

/** The switch (top-level element) a cable of `d` ends on. */
const switchOf = (d: Design, id: string): string => {
  const l = d.links[id]!;
  return d.elements[l.a.element]!.parent === null ? l.a.element : l.b.element;
};

describe('bundles to a switch', () => {
  test('two cables up one channel and into neighbouring ports do not cross: the one whose port comes first keeps outside', () => {
    // Both leave their server to the left, climb one channel (x = -14) and turn right along one run (y = 70) to the
    // ports at x = 385 and 394 of a switch above. The cable to the nearer port (385) turns up first, so on the run it
    // must lie above the other, and round the corner that is the outer lane of the climb (farther left).
    const path = (id: string, points: number[]): LinkPath => ({ id: id as LinkPath['id'], kind: 'ethernet', points, under: true, stroke: 'link.ethernet', strokeWidth: 1.5, dash: null });
    const near = path('near', [65, 248, 65, 254, -14, 254, -14, 70, 385, 70, 385, 56]);
    const far = path('far', [65, 608, 65, 614, -14, 614, -14, 70, 394, 70, 394, 56]);
    nudgeParallel([far, near], () => []);
    expect(near.points[4]!).toBeLessThan(far.points[4]!);
    expect(near.points[7]!).toBeLessThan(far.points[7]!);
    expect(Math.abs(near.points[4]! - far.points[4]!)).toBe(BUNDLE_SPACING);
    // They cross once, where the upper server's cable leaves its server across the other's climb, not at the switch.
    expect(crossings([near, far]).map((c) => c.at)).toEqual([[far.points[4]!, 254]]);
  });

  test('rack template: the cables that come to a ToR from one side reach it without crossing, and few cross under the switches', () => {
    const d = makeTemplate('rack', { hosts: 8, vmsPerHost: 10 });
    const s = sceneOf(d);
    const cables = s.links.filter((l) => l.kind === 'ethernet');
    // Above the servers (the fan-in under the ToRs) as far down as the servers' top edge.
    const serversTop = Math.min(...s.nodes.filter((n) => n.look.container).map((n) => n.y));
    const under = crossings(cables).filter((c) => c.at[1] < serversTop && switchOf(d, c.a) === switchOf(d, c.b));
    // The left column's servers (h001, h003, h005, h007) are cabled by eth0 to tor-a's p0, p2, p4, p6, in the order
    // they climb the rack's left side: nothing forces two of them to cross under the switch.
    const left = new Set(['r01.h001.nic0.eth0', 'r01.h003.nic0.eth0', 'r01.h005.nic0.eth0', 'r01.h007.nic0.eth0']);
    expect(under.filter((c) => left.has(c.a) && left.has(c.b))).toEqual([]);
    // Cables from the two sides interleave on tor-a's ports (p0 from the left, p1 from the right, …), which forces
    // some crossings; ordering bundles by their far ends took them from 34 to 19 (regression bound, not a figure).
    expect(under.length).toBeLessThanOrEqual(19);
  });
});

describe('trunks between rows of racks', () => {
  // Four racks of 40 hosts: three in the first row, the fourth below them (rack-grid layout), so r04's leaves reach
  // the spines above the first row through it.
  const d = makeTemplate('fabric', { hosts: 160, vmsPerHost: 1 });
  const s: Scene = sceneOf(d);

  test('every cable misses the boxes it does not connect, the long uplinks of the second row included', () => {
    const tops = s.nodes.filter((n) => n.depth === 0);
    const uplinks = s.links.filter((l) => l.id.startsWith('r04.tor-') && l.id.includes('spine'));
    expect(uplinks.length).toBe(8);
    for (const l of s.links.filter((p) => p.part !== 'inside')) {
      const link = d.links[l.id]!;
      const own = (id: string) => id === link.a.element || id === link.b.element || d.elements[link.a.element]!.parent === id || d.elements[link.b.element]!.parent === id;
      for (const n of tops) if (!own(n.id)) expect(routeCrosses(l.points, n), `${l.id} crosses ${n.id}`).toBe(false);
    }
  });

  test("a leaf's four spine uplinks climb together, side by side", () => {
    for (const tor of ['r04.tor-a', 'r04.tor-b']) {
      const climbs = s.links
        .filter((l) => l.id.startsWith(`${tor}.spine`))
        .map((l) => {
          // The longest vertical run of each uplink: its climb past the first row of racks.
          let best = { x: 0, len: 0 };
          for (const [x0, y0, x1, y1] of segments(l.points)) if (x0 === x1 && Math.abs(y1 - y0) > best.len) best = { x: x0, len: Math.abs(y1 - y0) };
          return best;
        });
      expect(climbs).toHaveLength(4);
      // Each climbs past the rows above (more than the 3,240 units between the rows' leaves, less a stub or two).
      for (const c of climbs) expect(c.len).toBeGreaterThan(3000);
      const xs = climbs.map((c) => c.x);
      expect(Math.max(...xs) - Math.min(...xs)).toBeLessThanOrEqual(3 * BUNDLE_SPACING + 1e-6);
    }
  });
});
