import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { LINK_KINDS } from '../model/links';
import { linkStyle, routeBetween } from './routing';
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
