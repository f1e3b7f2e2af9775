import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { clampScale, detailForScale, fitBounds, MAX_SCALE, MIN_SCALE, screenToWorld, visibleWorld, zoomAt } from './viewport';

const vp = fc.record({ x: fc.double({ min: -1e4, max: 1e4, noNaN: true }), y: fc.double({ min: -1e4, max: 1e4, noNaN: true }), scale: fc.double({ min: 0.02, max: 4, noNaN: true }) });

describe('viewport arithmetic', () => {
  test('zooming keeps the world point under the pointer where it was', () => {
    fc.assert(
      fc.property(vp, fc.double({ min: 0.5, max: 2, noNaN: true }), fc.integer({ min: 0, max: 1400 }), fc.integer({ min: 0, max: 900 }), (v, f, sx, sy) => {
        const before = screenToWorld(v, sx, sy);
        const after = screenToWorld(zoomAt(v, f, sx, sy), sx, sy);
        expect(after.x).toBeCloseTo(before.x, 6);
        expect(after.y).toBeCloseTo(before.y, 6);
      }),
    );
  });

  test('zoom is clamped', () => {
    expect(clampScale(100)).toBe(MAX_SCALE);
    expect(clampScale(0)).toBe(MIN_SCALE);
    expect(zoomAt({ x: 0, y: 0, scale: MAX_SCALE }, 2, 10, 10).scale).toBe(MAX_SCALE);
  });

  test('fit centres the bounds inside the padding, never magnifying beyond 100 %', () => {
    const v = fitBounds({ x: 1000, y: 500, w: 4000, h: 1000 }, 1000, 600, 50);
    expect(v.scale).toBeCloseTo(900 / 4000);
    const world = visibleWorld(v, 1000, 600);
    expect(world.x + world.w / 2).toBeCloseTo(3000);
    expect(world.y + world.h / 2).toBeCloseTo(1000);
    expect(fitBounds({ x: 0, y: 0, w: 10, h: 10 }, 1000, 600).scale).toBe(1);
    expect(fitBounds(null, 1000, 600).scale).toBe(1);
  });

  test('the visible world is the screen mapped back', () => {
    const v = { x: -200, y: 100, scale: 0.5 };
    expect(visibleWorld(v, 800, 600)).toEqual({ x: 400, y: -200, w: 1600, h: 1200 });
  });

  test('fine print appears only when legible', () => {
    expect(detailForScale(1)).toBe(2);
    expect(detailForScale(0.5)).toBe(1);
    expect(detailForScale(0.1)).toBe(0);
  });
});
