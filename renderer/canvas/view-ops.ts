/** Viewport changes requested from outside the canvas (actions, the outline). */
import { centreOn, fitBounds, visibleWorld, zoomAt } from '../../shared/scene/viewport';
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

/**
 * The zoom factor of one wheel event. A mouse notch is ~100 px of deltaY (or 3 lines); a trackpad pinch arrives as
 * wheel events with ctrlKey set and deltas of a few px each, many per second, so it needs a stronger gain to feel
 * direct. Each event's change is capped so one large delta (a fast flick) cannot jump several zoom levels.
 */
export function wheelZoomFactor(deltaY: number, deltaMode: number, ctrlKey: boolean): number {
  const delta = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  const pinch = ctrlKey && Math.abs(delta) < 50;
  const step = Math.max(-0.5, Math.min(0.5, -delta * (pinch ? 0.01 : 0.0015)));
  return Math.exp(step);
}
