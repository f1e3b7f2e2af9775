/**
 * Where on the canvas a screen point falls. The palette drags with pointer events (which Playwright and
 * touch screens drive as reliably as a mouse), so it needs the canvas element's box and the viewport.
 */
import { screenToWorld } from '../../shared/scene/viewport';
import type { AppStore } from '../state/store';

let host: HTMLElement | null = null;

/** The canvas registers its host element while mounted. */
export function registerCanvasHost(el: HTMLElement | null): void {
  host = el;
}

/** The world point under client coordinates, or null when they are outside the canvas. */
export function worldAtClient(store: AppStore, clientX: number, clientY: number): { x: number; y: number } | null {
  if (!host) return null;
  const r = host.getBoundingClientRect();
  if (clientX < r.left || clientX > r.right || clientY < r.top || clientY > r.bottom) return null;
  return screenToWorld(store.getState().viewport, clientX - r.left, clientY - r.top);
}

/** The world point at the centre of the canvas. */
export function viewCentre(store: AppStore): { x: number; y: number } {
  const { viewport, canvasSize } = store.getState();
  return screenToWorld(viewport, canvasSize.w / 2, canvasSize.h / 2);
}
