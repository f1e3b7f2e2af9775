/** Viewport changes requested from outside the canvas (actions, the outline). */
import { centreOn, fitBounds, visibleWorld, zoomAt, type Viewport } from '../../shared/scene/viewport';
import type { AppStore } from '../state/store';
import { indexedSceneOf } from './scene-cache';

/** Zooms about the centre of the canvas. */
export function zoomBy(store: AppStore, factor: number): void {
  const { viewport, canvasSize } = store.getState();
  store.setViewport(zoomAt(viewport, factor, canvasSize.w / 2, canvasSize.h / 2));
}

/** Scrolls the canvas so that an element is in view (centred), unless it already is entirely. */
export function revealElement(store: AppStore, id: string): void {
  const { doc, viewport, canvasSize } = store.getState();
  if (!doc || canvasSize.w === 0) return;
  const { scene } = indexedSceneOf(doc.design);
  const i = scene.nodeIndex.get(id);
  if (i === undefined) return;
  const n = scene.nodes[i]!;
  const view = visibleWorld(viewport, canvasSize.w, canvasSize.h);
  const inside = n.x >= view.x && n.y >= view.y && n.x + n.w <= view.x + view.w && n.y + n.h <= view.y + view.h;
  if (!inside) store.setViewport(centreOn(viewport, n.x + n.w / 2, n.y + n.h / 2, canvasSize.w, canvasSize.h));
}

/** Zooms so that the given elements fill the canvas (never beyond 100%); elements not drawn are skipped. */
export function zoomToElements(store: AppStore, ids: readonly string[]): void {
  const { doc, canvasSize } = store.getState();
  if (!doc || canvasSize.w === 0) return;
  const { scene } = indexedSceneOf(doc.design);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const id of ids) {
    const i = scene.nodeIndex.get(id);
    if (i === undefined) continue;
    const n = scene.nodes[i]!;
    x0 = Math.min(x0, n.x);
    y0 = Math.min(y0, n.y);
    x1 = Math.max(x1, n.x + n.w);
    y1 = Math.max(y1, n.y + n.h);
  }
  if (x0 === Infinity) return;
  store.setViewport(fitBounds({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, canvasSize.w, canvasSize.h, 60));
}

/** Pixels in one wheel "line" and one "page" (deltaMode 1 and 2), as browsers scroll pages. */
const LINE_PX = 16;
const PAGE_PX = 400;
const toPx = (d: number, mode: number) => (mode === 1 ? d * LINE_PX : mode === 2 ? d * PAGE_PX : d);

/** The parts of a WheelEvent the canvas reads. */
export interface WheelInput {
  deltaX: number;
  deltaY: number;
  deltaMode: number;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** What one wheel event asks of the view: move it by (dx, dy) screen pixels, or zoom by `factor` about the pointer. */
export type WheelAction = { type: 'pan'; dx: number; dy: number } | { type: 'zoom'; factor: number };

/**
 * How the canvas reads the wheel, as draw.io and Figma do: the wheel (and a trackpad's two-finger scroll) pans,
 * Shift+wheel pans sideways, Ctrl/⌘+wheel zooms about the pointer, and a trackpad pinch (which browsers send as wheel
 * events with ctrlKey set) zooms too. Scrolling down moves the diagram up, as a page scrolls.
 */
export function wheelAction(e: WheelInput): WheelAction {
  if (e.ctrlKey || e.metaKey) return { type: 'zoom', factor: wheelZoomFactor(e.deltaY, e.deltaMode, e.ctrlKey) };
  const dx = toPx(e.deltaX, e.deltaMode);
  const dy = toPx(e.deltaY, e.deltaMode);
  // Shift turns a plain wheel sideways; where the system already did that (macOS sends deltaX), keep its delta.
  if (e.shiftKey && dx === 0) return { type: 'pan', dx: -dy, dy: 0 };
  return { type: 'pan', dx: -dx, dy: -dy };
}

/** Wheel input gathered between two frames: applied as one view change, so a burst of events costs one render. */
export interface PendingWheel {
  dx: number;
  dy: number;
  factor: number;
  /** The pointer, canvas pixels, at the latest zoom event: the point that stays put. */
  px: number;
  py: number;
}

/** Adds one event's action (pointer at canvas pixels px, py) to what is pending for the next frame. */
export function addWheel(pending: PendingWheel | null, a: WheelAction, px: number, py: number): PendingWheel {
  const p = pending ?? { dx: 0, dy: 0, factor: 1, px, py };
  if (a.type === 'pan') return { ...p, dx: p.dx + a.dx, dy: p.dy + a.dy };
  return { ...p, factor: p.factor * a.factor, px, py };
}

/** The viewport after the pending wheel input: pan first, then zoom about the pointer. */
export function applyWheel(v: Viewport, p: PendingWheel): Viewport {
  const panned = { scale: v.scale, x: v.x + p.dx, y: v.y + p.dy };
  return p.factor === 1 ? panned : zoomAt(panned, p.factor, p.px, p.py);
}

/**
 * The zoom factor of one wheel event. A mouse notch is ~100 px of deltaY (or 3 lines); a trackpad pinch arrives as
 * wheel events with ctrlKey set and deltas of a few px each, many per second, so it needs a stronger gain to feel
 * direct. Each event's change is capped so one large delta (a fast flick) cannot jump several zoom levels.
 */
export function wheelZoomFactor(deltaY: number, deltaMode: number, ctrlKey: boolean): number {
  const delta = toPx(deltaY, deltaMode);
  const pinch = ctrlKey && Math.abs(delta) < 50;
  const step = Math.max(-0.5, Math.min(0.5, -delta * (pinch ? 0.01 : 0.0015)));
  return Math.exp(step);
}
