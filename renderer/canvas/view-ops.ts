/** Viewport changes requested from outside the canvas (actions, the outline). */
import { centreOn, visibleWorld, zoomAt } from '../../shared/scene/viewport';
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
