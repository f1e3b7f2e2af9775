import { describe, expect, test } from 'vitest';
import { minimapSize, minimapTransform, wholeDesignInView } from './Minimap';

describe('minimapTransform', () => {
  test('fits the design inside the map with a margin, centred, keeping its aspect ratio', () => {
    const b = { x: 100, y: 50, w: 2000, h: 500 };
    const t = minimapTransform(b, 200, 130);
    const map = (x: number, y: number) => [x * t.scale + t.ox, y * t.scale + t.oy];
    const [x0, y0] = map(b.x, b.y);
    const [x1, y1] = map(b.x + b.w, b.y + b.h);
    expect(x0).toBeCloseTo(6);
    expect(x1).toBeCloseTo(194);
    // Wider than tall: centred vertically.
    expect((y0! + y1!) / 2).toBeCloseTo(65);
    expect((x1! - x0!) / (y1! - y0!)).toBeCloseTo(4);
  });
  test('a single point does not divide by zero', () => {
    const t = minimapTransform({ x: 5, y: 5, w: 0, h: 0 }, 200, 130);
    expect(Number.isFinite(t.scale) && Number.isFinite(t.ox) && Number.isFinite(t.oy)).toBe(true);
  });
});

describe('minimapSize', () => {
  test('is 200 × 130 on a roomy canvas and about a quarter of a small canvas, never below 96 px wide', () => {
    expect(minimapSize({ w: 1200, h: 800 })).toEqual({ w: 200, h: 130 });
    expect(minimapSize({ w: 460, h: 340 })).toEqual({ w: 115, h: 75 });
    expect(minimapSize({ w: 200, h: 120 }).w).toBe(96);
  });
});

describe('wholeDesignInView', () => {
  test('is true when the design bounds lie inside the visible world, false when any part is outside', () => {
    const b = { x: 0, y: 0, w: 400, h: 300 };
    expect(wholeDesignInView(b, { x: 10, y: 10, scale: 1 }, { w: 500, h: 400 })).toBe(true);
    expect(wholeDesignInView(b, { x: -20, y: 10, scale: 1 }, { w: 500, h: 400 })).toBe(false);
    expect(wholeDesignInView(b, { x: 0, y: 0, scale: 2 }, { w: 500, h: 400 })).toBe(false);
    expect(wholeDesignInView(null, { x: 0, y: 0, scale: 1 }, { w: 500, h: 400 })).toBe(true);
  });
});
