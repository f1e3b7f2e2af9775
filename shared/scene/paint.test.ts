// The shared scene painter against a recording Context2D: the calls the canvas, the PNG and the PDF exports all
// receive. Checks what a painter must get right whatever the surface: fill then stroke per box, detail levels,
// hairlines at low zoom, grouped links, heat bands and elision measured by the context itself.
import { describe, expect, it } from 'vitest';
import { HEAT_BANDS } from './heatmap';
import { paintLinks, paintLook, paintShape, type Context2D } from './paint';
import { PALETTES } from './palette';
import type { ElementLook, LinkPath, Shape } from './types';

type Call = [string, ...unknown[]];

/** A Context2D that records every call and state change; text is 6 units wide per character. */
function recorder(): Context2D & { calls: Call[] } {
  const calls: Call[] = [];
  const state: Record<string, unknown> = { fillStyle: '#000', strokeStyle: '#000', lineWidth: 1, globalAlpha: 1, font: '10px sans-serif', textAlign: 'start', textBaseline: 'alphabetic' };
  const method =
    (name: string) =>
    (...args: unknown[]) =>
      void calls.push([name, ...args]);
  const ctx = {
    calls,
    beginPath: method('beginPath'),
    rect: method('rect'),
    roundRect: method('roundRect'),
    moveTo: method('moveTo'),
    lineTo: method('lineTo'),
    fill: method('fill'),
    stroke: method('stroke'),
    fillRect: method('fillRect'),
    fillText: method('fillText'),
    setLineDash: method('setLineDash'),
    save: method('save'),
    restore: method('restore'),
    translate: method('translate'),
    scale: method('scale'),
    measureText: (t: string) => ({ width: t.length * 6 }),
  };
  for (const key of Object.keys(state)) {
    Object.defineProperty(ctx, key, {
      get: () => state[key],
      set: (v: unknown) => {
        state[key] = v;
        calls.push([`set ${key}`, v]);
      },
    });
  }
  return ctx as unknown as Context2D & { calls: Call[] };
}

const p = PALETTES.light;
const names = (calls: Call[]) => calls.map((c) => c[0]);

describe('paintShape', () => {
  it('fills then strokes a box with its palette colours, keeping outlines at least minStroke wide', () => {
    const ctx = recorder();
    const box: Shape = { type: 'rect', x: 1, y: 2, w: 30, h: 20, fill: 'compute.fill', stroke: 'compute.stroke', strokeWidth: 1, radius: 4, dash: null, detail: 0 };
    paintShape(ctx, box, 100, 200, p, 2);
    expect(ctx.calls).toEqual([
      ['beginPath'],
      ['roundRect', 101, 202, 30, 20, 4],
      ['set fillStyle', p['compute.fill']],
      ['fill'],
      ['set strokeStyle', p['compute.stroke']],
      ['set lineWidth', 2],
      ['setLineDash', []],
      ['stroke'],
    ]);
  });

  it('elides text in the middle to its box with the context\'s own measurements and aligns it', () => {
    const ctx = recorder();
    const text: Shape = { type: 'text', x: 0, y: 0, w: 40, text: 'esx-r01-h001', size: 11, bold: true, align: 'right', fill: 'text', detail: 1 };
    paintShape(ctx, text, 10, 10, p, 0);
    const shown = ctx.calls.find((c) => c[0] === 'fillText')!;
    // 6 units a character: 5 kept characters and the ellipsis fit 40; the end ("01") stays, so neighbours differ.
    expect(shown).toEqual(['fillText', 'esx…01', 50, 10]);
    expect(ctx.calls).toContainEqual(['set textAlign', 'right']);
    expect(ctx.calls).toContainEqual(['set textBaseline', 'top']);
  });
});

describe('paintLook', () => {
  it('skips shapes finer than the detail asked for', () => {
    const look: ElementLook = {
      w: 50,
      h: 30,
      container: false,
      anchors: {},
      fallback: { x: 0, y: 0, side: 'top' },
      shapes: [
        { type: 'rect', x: 0, y: 0, w: 50, h: 30, fill: 'nic.fill', stroke: null, strokeWidth: 0, radius: 0, dash: null, detail: 0 },
        { type: 'text', x: 0, y: 0, w: 50, text: 'nic0', size: 12, bold: true, align: 'left', fill: 'text', detail: 1 },
        { type: 'port', name: 'p0', x: 0, y: 0, size: 6, fill: 'port.ethernet', detail: 2 },
      ],
    };
    const count = (detail: 0 | 1 | 2) => {
      const ctx = recorder();
      paintLook(ctx, look, 0, 0, p, detail, 0);
      return [names(ctx.calls).filter((n) => n === 'fill').length, names(ctx.calls).filter((n) => n === 'fillText').length, names(ctx.calls).filter((n) => n === 'fillRect').length];
    };
    expect(count(0)).toEqual([1, 0, 0]);
    expect(count(1)).toEqual([1, 1, 0]);
    expect(count(2)).toEqual([1, 1, 1]);
  });
});

describe('paintLinks', () => {
  const link = (id: string, dash: number[] | null, y: number): LinkPath => ({ id: id as LinkPath['id'], kind: 'ethernet', points: [0, y, 100, y], stroke: 'link.ethernet', strokeWidth: 1.5, dash, under: true });

  it('strokes all links of one style as one path, with a hairline floor at low zoom', () => {
    const ctx = recorder();
    const links = [link('a', null, 0), link('b', null, 10), link('c', [7, 3], 20)];
    paintLinks(ctx, links, [0, 1, 2], p, 0.1);
    expect(names(ctx.calls).filter((n) => n === 'stroke')).toHaveLength(2);
    expect(ctx.calls).toContainEqual(['set lineWidth', 7.5]);
    expect(ctx.calls).toContainEqual(['setLineDash', [7, 3]]);
  });

  it('colours heat-banded links by band, solid and thicker, faded when stale', () => {
    const ctx = recorder();
    const band = HEAT_BANDS.length - 1;
    paintLinks(ctx, [link('a', [7, 3], 0)], [0], p, 1, { bands: new Map([['a', band]]), stale: true });
    expect(ctx.calls).toContainEqual(['set strokeStyle', HEAT_BANDS[band]!.color]);
    expect(ctx.calls).toContainEqual(['set globalAlpha', 0.35]);
    expect(ctx.calls).toContainEqual(['setLineDash', []]);
    const width = ctx.calls.find((c) => c[0] === 'set lineWidth')![1] as number;
    expect(width).toBeGreaterThan(1.5);
  });
});
