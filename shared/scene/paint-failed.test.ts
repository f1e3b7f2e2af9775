// Failed marks (what-if) and the diff colours against a minimal recording Context2D.
import { describe, expect, it } from 'vitest';
import { FAILED_COLOR, paintFailed, polylineMiddle } from './paint-failed';
import { paintLinks, type Context2D } from './paint';
import { PALETTES } from './palette';
import { DIFF_COLORS } from './heat-diff';
import type { LinkPath, SceneNode } from './types';

/** Records method calls and the colours set, which is what these marks are about. */
function recorder(): Context2D & { calls: unknown[][]; strokes: string[] } {
  const calls: unknown[][] = [];
  const strokes: string[] = [];
  let strokeStyle = '';
  return new Proxy({} as Context2D & { calls: unknown[][]; strokes: string[] }, {
    get: (_t, k) => (k === 'calls' ? calls : k === 'strokes' ? strokes : k === 'strokeStyle' ? strokeStyle : k === 'measureText' ? () => ({ width: 0 }) : (...a: unknown[]) => void calls.push([k, ...a])),
    set: (_t, k, v) => {
      if (k === 'strokeStyle') strokes.push((strokeStyle = v as string));
      calls.push([`set ${String(k)}`, v]);
      return true;
    },
  });
}

const link = (id: string, points: number[], part?: 'inside' | 'outside'): LinkPath => ({ id, kind: 'ethernet', points, stroke: 'link.ethernet', strokeWidth: 2, dash: null, ...(part ? { part } : {}) }) as unknown as LinkPath;
const node = { id: 'tor', kind: 'tor', name: 'tor', x: 10, y: 20, w: 100, h: 40, depth: 0, look: {} } as unknown as SceneNode;

describe('failed marks', () => {
  it('the middle of a polyline is halfway along its length', () => {
    expect(polylineMiddle([0, 0, 10, 0, 10, 30])).toEqual({ x: 10, y: 10 });
    expect(polylineMiddle([5, 5])).toEqual({ x: 5, y: 5 });
  });
  it('a failed switch gets a dashed outline and a cross; a cable is dashed with one ✕ badge, not one per part', () => {
    const ctx = recorder();
    paintFailed(ctx, [node], [link('c', [0, 0, 0, 20], 'inside'), link('c', [0, 20, 40, 20], 'outside')], [0], [0, 1], 2);
    expect(ctx.strokes.every((s) => s === FAILED_COLOR)).toBe(true);
    expect(ctx.calls.filter((c) => c[0] === 'set setLineDash' || c[0] === 'setLineDash').length).toBeGreaterThan(0);
    expect(ctx.calls).toContainEqual(['rect', 10, 20, 100, 40]);
    // One badge: a 14 px (7 design units at scale 2) square around the outside part's middle (20, 20).
    expect(ctx.calls.filter((c) => c[0] === 'rect' && c[3] === 7)).toEqual([['rect', 16.5, 16.5, 7, 7]]);
  });
  it('nothing failed paints nothing', () => {
    const ctx = recorder();
    paintFailed(ctx, [node], [], [], [], 1);
    expect(ctx.calls).toEqual([]);
  });
  it('the diff mode paints links in its own colours', () => {
    const ctx = recorder();
    paintLinks(ctx, [link('a', [0, 0, 1, 1]), link('b', [0, 0, 2, 2])], [0, 1], PALETTES.light, 1, { bands: new Map([['a', 2], ['b', 3]]), stale: false, colors: DIFF_COLORS });
    expect(ctx.strokes).toEqual([DIFF_COLORS[2], DIFF_COLORS[3]]);
  });
});
