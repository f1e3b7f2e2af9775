import { describe, expect, it } from 'vitest';
import { zoomAt, type Viewport } from '../../shared/scene/viewport';
import { addWheel, applyWheel, wheelAction, wheelZoomFactor, type PendingWheel, type WheelInput } from './view-ops';

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

const wheel = (w: Partial<WheelInput>): WheelInput => ({ deltaX: 0, deltaY: 0, deltaMode: 0, ctrlKey: false, metaKey: false, shiftKey: false, ...w });

describe('wheelAction', () => {
  it('pans with a plain wheel: scrolling down moves the diagram up, by the delta in pixels', () => {
    expect(wheelAction(wheel({ deltaY: 100 }))).toEqual({ type: 'pan', dx: -0, dy: -100 });
    expect(wheelAction(wheel({ deltaY: 3, deltaMode: 1 }))).toEqual({ type: 'pan', dx: -0, dy: -48 });
    // A trackpad's two-finger scroll sends both axes.
    expect(wheelAction(wheel({ deltaX: 12, deltaY: -5 }))).toEqual({ type: 'pan', dx: -12, dy: 5 });
  });
  it('pans sideways with Shift, unless the system already turned the delta sideways', () => {
    expect(wheelAction(wheel({ deltaY: 100, shiftKey: true }))).toEqual({ type: 'pan', dx: -100, dy: 0 });
    expect(wheelAction(wheel({ deltaX: 100, shiftKey: true }))).toEqual({ type: 'pan', dx: -100, dy: -0 });
  });
  it('zooms with Ctrl or ⌘ (and a pinch, which arrives with ctrlKey), never pans then', () => {
    const a = wheelAction(wheel({ deltaY: -100, ctrlKey: true }));
    expect(a.type).toBe('zoom');
    expect(a.type === 'zoom' && a.factor).toBeGreaterThan(1);
    const m = wheelAction(wheel({ deltaY: 100, metaKey: true }));
    expect(m.type === 'zoom' && m.factor).toBeLessThan(1);
  });
});

describe('addWheel / applyWheel', () => {
  it('gathers a burst of events into one view change, equal to applying them one by one', () => {
    const v: Viewport = { x: 10, y: 20, scale: 1 };
    const events = [wheel({ deltaY: 40 }), wheel({ deltaY: 60 }), wheel({ deltaY: 100, shiftKey: true })];
    let p: PendingWheel | null = null;
    for (const e of events) p = addWheel(p, wheelAction(e), 300, 200);
    expect(applyWheel(v, p!)).toEqual({ x: -90, y: -80, scale: 1 });
  });
  it('zooms about the latest pointer, and two notches in then one out equal one notch in', () => {
    const v: Viewport = { x: 0, y: 0, scale: 1 };
    let p: PendingWheel | null = null;
    p = addWheel(p, wheelAction(wheel({ deltaY: -100, ctrlKey: true })), 100, 100);
    p = addWheel(p, wheelAction(wheel({ deltaY: -100, ctrlKey: true })), 200, 150);
    p = addWheel(p, wheelAction(wheel({ deltaY: 100, ctrlKey: true })), 200, 150);
    const once = zoomAt(v, wheelZoomFactor(-100, 0, true), 200, 150);
    const got = applyWheel(v, p);
    expect(got.scale).toBeCloseTo(once.scale, 12);
    expect(got.x).toBeCloseTo(once.x, 9);
    // The world point under the pointer stays under it.
    expect((200 - got.x) / got.scale).toBeCloseTo(200, 9);
  });
});
