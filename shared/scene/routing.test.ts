import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { LINK_KINDS } from '../model/links';
import { linkStyle, routeBetween, routeScene, straightRoute } from './routing';
import { makeTemplate } from '../templates';
import { sceneOf } from './scene';
import { selectDiagram } from '../export/selection';
import type { Anchor, Side } from './types';

const side = fc.constantFrom<Side>('top', 'bottom', 'left', 'right');
const anchor = fc.record({ x: fc.integer({ min: -2000, max: 2000 }), y: fc.integer({ min: -2000, max: 2000 }), side });

describe('routeBetween', () => {
  test('starts and ends on the anchors with only horizontal and vertical segments', () => {
    fc.assert(
      fc.property(anchor, anchor, (a: Anchor, b: Anchor) => {
        const p = routeBetween(a, b);
        expect(p.length % 2).toBe(0);
        expect(p.slice(0, 2)).toEqual([a.x, a.y]);
        expect(p.slice(-2)).toEqual([b.x, b.y]);
        for (let i = 0; i + 3 < p.length; i += 2) expect(p[i] === p[i + 2] || p[i + 1] === p[i + 3]).toBe(true);
      }),
    );
  });

  test('facing ports meet on a run just past the upper port', () => {
    // A switch port facing down at y=100, a NIC port facing up at y=400: the run hugs the switch.
    expect(routeBetween({ x: 50, y: 100, side: 'bottom' }, { x: 300, y: 400, side: 'top' })).toEqual([50, 100, 50, 110, 300, 110, 300, 400]);
    // Close ports meet halfway.
    expect(routeBetween({ x: 0, y: 0, side: 'bottom' }, { x: 20, y: 8, side: 'top' })).toEqual([0, 0, 0, 4, 20, 4, 20, 8]);
  });

  test('ports facing the same way route around, clear of both boxes', () => {
    expect(routeBetween({ x: 0, y: 50, side: 'bottom' }, { x: 100, y: 80, side: 'bottom' })).toEqual([0, 50, 0, 94, 100, 94, 100, 80]);
    expect(routeBetween({ x: 0, y: 50, side: 'top' }, { x: 100, y: 80, side: 'top' })).toEqual([0, 50, 0, 36, 100, 36, 100, 80]);
  });

  test('aligned ports get a straight line', () => {
    expect(routeBetween({ x: 10, y: 0, side: 'bottom' }, { x: 10, y: 90, side: 'top' })).toEqual([10, 0, 10, 90]);
  });

  test('physical links are solid, virtual attachments dashed', () => {
    for (const kind of LINK_KINDS) {
      const s = linkStyle(kind);
      expect(s.dash === null).toBe(kind === 'pcie' || kind === 'ethernet');
    }
  });
});

describe('routing style', () => {
  const scene = sceneOf(makeTemplate('rack', { hosts: 2, vmsPerHost: 2 }));

  test('orthogonal is the default look: the scene itself, unchanged', () => {
    expect(routeScene(scene, 'orthogonal')).toBe(scene);
  });

  test('straight joins the same two ends with one segment', () => {
    expect(straightRoute([0, 0, 0, 10, 50, 10, 50, 40])).toEqual([0, 0, 50, 40]);
    expect(straightRoute([5, 5, 9, 9])).toEqual([5, 5, 9, 9]);
    const s = routeScene(scene, 'straight');
    expect(s.links.length).toBe(scene.links.length);
    s.links.forEach((l, i) => {
      const o = scene.links[i]!;
      expect(l.id).toBe(o.id);
      expect(l.points).toEqual([o.points[0], o.points[1], o.points.at(-2), o.points.at(-1)]);
    });
    // Nodes and bounds are shared: only the links change.
    expect(s.nodes).toBe(scene.nodes);
    expect(s.bounds).toBe(scene.bounds);
  });

  test('exports take the same choice (DiagramOptions.routing), orthogonal by default', () => {
    const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
    const straight = selectDiagram(d, { routing: 'straight' });
    expect([...straight.underLinks, ...straight.innerLinks].every((l) => l.points.length === 4)).toBe(true);
    const plain = selectDiagram(d);
    expect([...plain.underLinks, ...plain.innerLinks].some((l) => l.points.length > 4)).toBe(true);
  });
});
