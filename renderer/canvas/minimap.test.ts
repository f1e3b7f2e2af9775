import { describe, expect, test } from 'vitest';
import { minimapTransform } from './Minimap';

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
