import { describe, expect, it } from 'vitest';
import { wheelZoomFactor } from './view-ops';

describe('wheelZoomFactor', () => {
  it('zooms in on a wheel turned away from the user (negative deltaY) and out the other way, symmetrically', () => {
    const zin = wheelZoomFactor(-100, 0, false);
    const zout = wheelZoomFactor(100, 0, false);
    expect(zin).toBeGreaterThan(1);
    expect(zout).toBeLessThan(1);
    expect(zin * zout).toBeCloseTo(1, 12);
  });
  it('treats line and page deltas as pixels (16 px a line, 400 a page)', () => {
    expect(wheelZoomFactor(-3, 1, false)).toBeCloseTo(wheelZoomFactor(-48, 0, false), 12);
    expect(wheelZoomFactor(1, 2, false)).toBe(wheelZoomFactor(400, 0, false));
  });
  it('gives a trackpad pinch (ctrlKey, small deltas) a stronger gain than a plain wheel', () => {
    expect(wheelZoomFactor(-4, 0, true)).toBeGreaterThan(wheelZoomFactor(-4, 0, false));
    expect(wheelZoomFactor(-4, 0, true)).toBeCloseTo(Math.exp(0.04), 12);
  });
  it('caps one event at e^0.5 either way, so a fast flick cannot jump several zoom levels', () => {
    expect(wheelZoomFactor(-10_000, 0, false)).toBeCloseTo(Math.exp(0.5), 12);
    expect(wheelZoomFactor(10_000, 0, true)).toBeCloseTo(Math.exp(-0.5), 12);
  });
});
