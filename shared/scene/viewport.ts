/**
 * Pan and zoom as pure arithmetic: screen = world × scale + offset. The canvas keeps one Viewport and
 * derives everything (visible area, level of detail, zoom steps) from these functions.
 */
import type { Bounds, Detail } from './types';

export interface Viewport {
  /** Screen position of the world origin, CSS pixels. */
  x: number;
  y: number;
  scale: number;
}

export const MIN_SCALE = 0.01;
export const MAX_SCALE = 8;
/** Each zoom-in/out step multiplies or divides the scale by this. */
export const ZOOM_STEP = 1.25;

export const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

export const IDENTITY: Viewport = { x: 0, y: 0, scale: 1 };

/** The world rectangle visible in a screen of `width × height`. */
export function visibleWorld(vp: Viewport, width: number, height: number): Bounds {
  return { x: -vp.x / vp.scale, y: -vp.y / vp.scale, w: width / vp.scale, h: height / vp.scale };
}

export function screenToWorld(vp: Viewport, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - vp.x) / vp.scale, y: (sy - vp.y) / vp.scale };
}

/** Zooms by `factor` keeping the world point under screen point (sx, sy) fixed. */
export function zoomAt(vp: Viewport, factor: number, sx: number, sy: number): Viewport {
  const scale = clampScale(vp.scale * factor);
  const k = scale / vp.scale;
  return { scale, x: sx - (sx - vp.x) * k, y: sy - (sy - vp.y) * k };
}

/** Zooms so that `bounds` fills the screen with `padding` pixels around it, centred; never beyond 100 %. */
export function fitBounds(bounds: Bounds | null, width: number, height: number, padding = 40): Viewport {
  if (!bounds || width <= 0 || height <= 0) return { ...IDENTITY, x: padding, y: padding };
  const availW = Math.max(1, width - padding * 2);
  const availH = Math.max(1, height - padding * 2);
  const scale = clampScale(Math.min(1, availW / Math.max(1, bounds.w), availH / Math.max(1, bounds.h)));
  return {
    scale,
    x: (width - bounds.w * scale) / 2 - bounds.x * scale,
    y: (height - bounds.h * scale) / 2 - bounds.y * scale,
  };
}

/** Centres the world point (wx, wy) on screen at the current scale. */
export function centreOn(vp: Viewport, wx: number, wy: number, width: number, height: number): Viewport {
  return { scale: vp.scale, x: width / 2 - wx * vp.scale, y: height / 2 - wy * vp.scale };
}

/**
 * The finest detail worth drawing at a scale: 12 px titles become legible around 40 %, 10 px fine
 * print and 6 px port markers around 70 %.
 */
export function detailForScale(scale: number): Detail {
  if (scale >= 0.7) return 2;
  if (scale >= 0.4) return 1;
  return 0;
}
