// The PNG painter's state-skipping context: a repeated fill, stroke, width, dash or font never reaches the canvas
// again, a changed one always does, and save()/restore() keep the remembered state in step with the canvas's.
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { StateSkippingContext } from './png-context';

/** A real 2D context whose setters count how often they reach it. */
function counted() {
  const ctx = createCanvas(8, 8).getContext('2d');
  const calls: string[] = [];
  for (const prop of ['fillStyle', 'strokeStyle', 'lineWidth', 'font'] as const) {
    const desc = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(ctx), prop)!;
    Object.defineProperty(ctx, prop, {
      get: () => desc.get!.call(ctx),
      set: (v: unknown) => {
        calls.push(`${prop}=${String(v)}`);
        desc.set!.call(ctx, v);
      },
    });
  }
  const setLineDash = ctx.setLineDash.bind(ctx);
  ctx.setLineDash = (d: number[]) => {
    calls.push(`dash=${d.join(',')}`);
    setLineDash(d);
  };
  return { ctx, calls };
}

describe('StateSkippingContext', () => {
  it('passes on changes only', () => {
    const { ctx, calls } = counted();
    const c = new StateSkippingContext(ctx);
    for (let i = 0; i < 3; i++) {
      c.fillStyle = '#ff0000';
      c.strokeStyle = '#00ff00';
      c.lineWidth = 2;
      c.setLineDash([5, 3]);
      c.font = '11px sans-serif';
    }
    c.setLineDash([]);
    c.fillStyle = '#0000ff';
    expect(calls).toEqual(['fillStyle=#ff0000', 'strokeStyle=#00ff00', 'lineWidth=2', 'dash=5,3', 'font=11px sans-serif', 'dash=', 'fillStyle=#0000ff']);
  });

  it('forgets what restore() undid, so the next set reaches the canvas', () => {
    const { ctx, calls } = counted();
    const c = new StateSkippingContext(ctx);
    c.fillStyle = '#ff0000';
    c.save();
    c.fillStyle = '#00ff00';
    c.restore();
    // The canvas holds red again (its own stack); setting red is a no-op, green must be set anew.
    expect(ctx.fillStyle).toBe('#ff0000');
    c.fillStyle = '#ff0000';
    c.fillStyle = '#00ff00';
    expect(calls).toEqual(['fillStyle=#ff0000', 'fillStyle=#00ff00', 'fillStyle=#00ff00']);
  });

  it('paints what the canvas itself paints', () => {
    const direct = createCanvas(16, 16).getContext('2d');
    const through = createCanvas(16, 16);
    const c = new StateSkippingContext(through.getContext('2d'));
    for (const ctx of [direct, c]) {
      ctx.fillStyle = '#336699';
      ctx.fillRect(2, 2, 8, 8);
      ctx.fillStyle = '#336699';
      ctx.fillRect(6, 6, 8, 8);
      ctx.strokeStyle = '#cc0000';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(0, 15);
      ctx.lineTo(15, 0);
      ctx.stroke();
    }
    expect(Buffer.from(through.getContext('2d').getImageData(0, 0, 16, 16).data).equals(Buffer.from(direct.getImageData(0, 0, 16, 16).data))).toBe(true);
  });
});
