/**
 * The minimap: an overview of the whole design in a corner of the canvas, with the visible area outlined;
 * pressing or dragging on it moves the view there. The overview paints only top-level items (servers,
 * switches) at the coarsest level of detail, once per scene, into its own canvas; panning and zooming only
 * move the outline, so it stays cheap on a 2,000-server fabric.
 *
 * It can be hidden (its × button, View ▸ Hide Minimap, Shift+M) and shown again (the map button left in its place),
 * remembered with the window's layout; and it stands aside whenever the whole design is in view (after zoom to fit,
 * say), where it would show nothing new and only cover part of the diagram.
 */
import { useEffect, useRef, type ReactElement } from 'react';
import type { Palette } from '../../shared/scene/palette';
import type { Bounds, Scene } from '../../shared/scene/types';
import { centreOn, visibleWorld, type Viewport } from '../../shared/scene/viewport';
import { panelLayout } from '../components/panel-layout';
import { paintNodes } from './paint';

/** Minimap size in CSS pixels (on a roomy canvas; see minimapSize). */
const MAP_W = 200;
const MAP_H = 130;
const PAD = 6;

/**
 * The minimap's size for a canvas of `size`: at most 200 × 130, and a quarter of the canvas's width on a small
 * one (a 1024-px window with the side panels open), so it never takes over the diagram it is there to help with.
 */
export function minimapSize(size: { w: number; h: number }): { w: number; h: number } {
  const w = Math.round(Math.max(96, Math.min(MAP_W, size.w * 0.25, size.h * 0.4 * (MAP_W / MAP_H))));
  return { w, h: Math.round((w * MAP_H) / MAP_W) };
}

/** How the world maps into the minimap: map = (world - origin) * scale + offset. */
export function minimapTransform(bounds: Bounds, w = MAP_W, h = MAP_H): { scale: number; ox: number; oy: number } {
  const scale = Math.min((w - 2 * PAD) / Math.max(bounds.w, 1), (h - 2 * PAD) / Math.max(bounds.h, 1));
  // Centre the design in the map.
  const ox = (w - bounds.w * scale) / 2 - bounds.x * scale;
  const oy = (h - bounds.h * scale) / 2 - bounds.y * scale;
  return { scale, ox, oy };
}

export function Minimap({ scene, viewport, size, palette, onViewport }: { scene: Scene; viewport: Viewport; size: { w: number; h: number }; palette: Palette; onViewport: (v: Viewport) => void }): ReactElement | null {
  const canvas = useRef<HTMLCanvasElement>(null);
  const bounds = scene.bounds;
  const { w: mapW, h: mapH } = minimapSize(size);

  // The overview, painted once per scene, theme and size and copied in whenever the minimap appears: it comes and goes
  // as the whole design enters and leaves the view, and painting a 10,000-server fabric's servers takes a long frame.
  useEffect(() => {
    const c = canvas.current;
    if (!c || !bounds) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = mapW * dpr;
    c.height = mapH * dpr;
    const ctx = c.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, c.width, c.height);
    ctx.drawImage(overviewOf(scene, bounds, palette, c.width, c.height, dpr, mapW, mapH), 0, 0);
  }, [scene, bounds, palette, mapW, mapH]);

  if (!bounds) return null;
  const t = minimapTransform(bounds, mapW, mapH);
  const view = visibleWorld(viewport, size.w, size.h);
  // The outline of the visible area, clipped to the map so it never draws outside it.
  const x0 = Math.max(0, view.x * t.scale + t.ox);
  const y0 = Math.max(0, view.y * t.scale + t.oy);
  const x1 = Math.min(mapW, (view.x + view.w) * t.scale + t.ox);
  const y1 = Math.min(mapH, (view.y + view.h) * t.scale + t.oy);

  const moveTo = (e: React.PointerEvent) => {
    const r = e.currentTarget.getBoundingClientRect();
    const wx = (e.clientX - r.left - t.ox) / t.scale;
    const wy = (e.clientY - r.top - t.oy) / t.scale;
    onViewport(centreOn(viewport, wx, wy, size.w, size.h));
  };

  return (
    <div
      className="minimap"
      data-testid="minimap"
      // A group, not an image: it holds a button (hide).
      role="group"
      aria-label="Overview of the design; click or drag to move the view"
      style={{ width: mapW, height: mapH }}
      // The canvas underneath must not see these presses (they would start a rubber band).
      onPointerDown={(e) => {
        e.stopPropagation();
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        moveTo(e);
      }}
      onPointerMove={(e) => {
        e.stopPropagation();
        if (e.currentTarget.hasPointerCapture(e.pointerId)) moveTo(e);
      }}
      onPointerUp={(e) => e.stopPropagation()}
      onContextMenu={(e) => {
        e.preventDefault();
        e.stopPropagation();
      }}
    >
      <canvas ref={canvas} style={{ width: mapW, height: mapH }} />
      <button
        type="button"
        className="minimap-hide"
        aria-label="Hide the minimap"
        title="Hide the minimap (Shift+M)"
        data-testid="minimap-hide"
        onPointerDown={(e) => e.stopPropagation()}
        onClick={() => panelLayout().setMinimap(false)}
      >
        ×
      </button>
      {x1 > x0 && y1 > y0 ? <div className="minimap-view" data-testid="minimap-view" style={{ left: x0, top: y0, width: x1 - x0, height: y1 - y0 }} /> : null}
    </div>
  );
}

// The painted overview per scene, for the theme and pixel size it was painted at.
const painted = new WeakMap<Scene, { palette: Palette; w: number; h: number; canvas: HTMLCanvasElement }>();

/** The minimap's picture of `scene`: its top-level items at the coarsest level of detail, `w × h` device pixels. */
function overviewOf(scene: Scene, bounds: Bounds, palette: Palette, w: number, h: number, dpr: number, mapW: number, mapH: number): HTMLCanvasElement {
  const known = painted.get(scene);
  if (known && known.palette === palette && known.w === w && known.h === h) return known.canvas;
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  const ctx = c.getContext('2d')!;
  const t = minimapTransform(bounds, mapW, mapH);
  ctx.setTransform(dpr * t.scale, 0, 0, dpr * t.scale, dpr * t.ox, dpr * t.oy);
  const top: number[] = [];
  scene.nodes.forEach((n, i) => n.depth === 0 && top.push(i));
  paintNodes(ctx, scene.nodes, top, palette, 0, t.scale);
  painted.set(scene, { palette, w, h, canvas: c });
  return c;
}

/** Whether the whole design is in view, so that the minimap would add nothing. */
export function wholeDesignInView(bounds: Bounds | null, viewport: Viewport, size: { w: number; h: number }): boolean {
  if (!bounds) return true;
  const v = visibleWorld(viewport, size.w, size.h);
  return bounds.x >= v.x && bounds.y >= v.y && bounds.x + bounds.w <= v.x + v.w && bounds.y + bounds.h <= v.y + v.h;
}

/** The button in the minimap's place while it is hidden. */
export function MinimapShowButton(): ReactElement {
  return (
    <button type="button" className="minimap-show" data-testid="minimap-show" aria-label="Show the minimap" title="Show the minimap (Shift+M)" onPointerDown={(e) => e.stopPropagation()} onClick={() => panelLayout().setMinimap(true)}>
      <svg width="16" height="12" viewBox="0 0 16 12" aria-hidden="true">
        <rect x="0.5" y="0.5" width="15" height="11" rx="1.5" fill="none" stroke="currentColor" />
        <rect x="3" y="3" width="6" height="4" fill="currentColor" opacity="0.6" />
      </svg>
    </button>
  );
}
