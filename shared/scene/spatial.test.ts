import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { makeTemplate } from '../templates';
import { sceneOf } from './scene';
import { distanceToPolyline, SceneIndex } from './spatial';
import type { Bounds } from './types';

const design = makeTemplate('rack', { hosts: 6, vmsPerHost: 8 });
const scene = sceneOf(design);
const index = new SceneIndex(scene);
const overlaps = (a: Bounds, b: Bounds) => a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;
const b = scene.bounds!;
const rect = fc.record({
  x: fc.integer({ min: Math.floor(b.x) - 500, max: Math.ceil(b.x + b.w) }),
  y: fc.integer({ min: Math.floor(b.y) - 500, max: Math.ceil(b.y + b.h) }),
  w: fc.integer({ min: 0, max: 3000 }),
  h: fc.integer({ min: 0, max: 3000 }),
});

describe('SceneIndex', () => {
  test('a viewport query returns exactly the overlapping nodes, in paint order', () => {
    fc.assert(
      fc.property(rect, (view) => {
        const expected = scene.nodes.flatMap((n, i) => (overlaps(n, view) ? [i] : []));
        expect(index.nodesIn(view)).toEqual(expected);
      }),
    );
  });

  test('a click on a VM inside a server hits the VM, not the server', () => {
    const vm = scene.nodes[scene.nodeIndex.get('r01.h002.vm03')!]!;
    expect(index.hitTest(vm.x + vm.w / 2, vm.y + vm.h / 2, 2)).toEqual({ type: 'element', id: 'r01.h002.vm03' });
    const host = scene.nodes[scene.nodeIndex.get('r01.h002')!]!;
    // The server's empty lower-right corner.
    expect(index.hitTest(host.x + host.w - 4, host.y + host.h - 4, 2)).toEqual({ type: 'element', id: 'r01.h002' });
    expect(index.hitTest(b.x - 400, b.y - 400, 2)).toBeNull();
  });

  test('a link is hit within the tolerance of its path where no device covers it', () => {
    // The midpoint of a link's horizontal middle segment that lies over a server's background only.
    const spot = scene.links
      .filter((l) => !l.under && l.points.length >= 6 && l.points[3] === l.points[5])
      .map((l) => ({ l, x: (l.points[2]! + l.points[4]!) / 2, y: (l.points[3]! + l.points[5]!) / 2 }))
      // Only one link there: links of VMs on the same port group share their last segment.
      .find(({ x, y }) => index.nodesIn({ x: x - 4, y: y - 4, w: 8, h: 8 }).every((i) => scene.nodes[i]!.look.container) && scene.links.filter((o) => distanceToPolyline(o.points, x, y) <= 5).length === 1)!;
    expect(spot).toBeDefined();
    expect(index.hitTest(spot.x, spot.y + 2, 3)).toEqual({ type: 'link', id: spot.l.id });
    // Beyond the tolerance the server behind it is hit instead.
    expect(index.hitTest(spot.x, spot.y + 9, 3)?.type).toBe('element');
  });

  test('marquee selection takes only elements entirely inside', () => {
    const host = scene.nodes[scene.nodeIndex.get('r01.h001')!]!;
    const ids = index.elementsWithin({ x: host.x - 1, y: host.y - 1, w: host.w + 2, h: host.h + 2 });
    expect(ids).toContain('r01.h001');
    expect(ids).toContain('r01.h001.vm08');
    expect(ids).not.toContain('r01.h002');
  });

  test('distance to a polyline', () => {
    expect(distanceToPolyline([0, 0, 10, 0, 10, 10], 5, 3)).toBe(3);
    expect(distanceToPolyline([0, 0, 10, 0, 10, 10], 13, 5)).toBe(3);
    expect(distanceToPolyline([0, 0, 0, 0], 3, 4)).toBe(5);
  });

  test('an empty scene answers every query with nothing', () => {
    const empty = new SceneIndex(sceneOf({ meta: { name: '', description: '', revision: 0 }, elements: {}, links: {} }));
    expect(empty.nodesIn({ x: 0, y: 0, w: 100, h: 100 })).toEqual([]);
    expect(empty.hitTest(0, 0, 5)).toBeNull();
  });
});
