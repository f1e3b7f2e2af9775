/**
 * The minimap: an overview of the whole design in a corner of the canvas, with the visible area outlined;
 * pressing or dragging on it moves the view there. The overview paints only top-level items (servers,
 * switches) at the coarsest level of detail, once per scene, into its own canvas; panning and zooming only
 * move the outline, so it stays cheap on a 2,000-server fabric.
 */
import { useEffect, useRef, type ReactElement } from 'react';
import type { Palette } from '../../shared/scene/palette';
import type { Bounds, Scene } from '../../shared/scene/types';
import { centreOn, visibleWorld, type Viewport } from '../../shared/scene/viewport';
import { paintNodes } from './paint';

/** Minimap size in CSS pixels. */
const MAP_W = 200;
const MAP_H = 130;
const PAD = 6;

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

  // The overview, repainted only when the scene or the theme changes.
  useEffect(() => {
    const c = canvas.current;
    if (!c || !bounds) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = MAP_W * dpr;
    c.height = MAP_H * dpr;
    const ctx = c.getContext('2d')!;
    const t = minimapTransform(bounds);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, c.width, c.height);
    ctx.setTransform(dpr * t.scale, 0, 0, dpr * t.scale, dpr * t.ox, dpr * t.oy);
    const top: number[] = [];
    scene.nodes.forEach((n, i) => n.depth === 0 && top.push(i));
    paintNodes(ctx, scene.nodes, top, palette, 0, t.scale);
  }, [scene, bounds, palette]);

  if (!bounds) return null;
  const t = minimapTransform(bounds);
  const view = visibleWorld(viewport, size.w, size.h);
  // The outline of the visible area, clipped to the map so it never draws outside it.
  const x0 = Math.max(0, view.x * t.scale + t.ox);
  const y0 = Math.max(0, view.y * t.scale + t.oy);
  const x1 = Math.min(MAP_W, (view.x + view.w) * t.scale + t.ox);
  const y1 = Math.min(MAP_H, (view.y + view.h) * t.scale + t.oy);

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
      role="img"
      aria-label="Overview of the design; click or drag to move the view"
      style={{ width: MAP_W, height: MAP_H }}
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
      <canvas ref={canvas} style={{ width: MAP_W, height: MAP_H }} />
      {x1 > x0 && y1 > y0 ? <div className="minimap-view" data-testid="minimap-view" style={{ left: x0, top: y0, width: x1 - x0, height: y1 - y0 }} /> : null}
    </div>
  );
}
