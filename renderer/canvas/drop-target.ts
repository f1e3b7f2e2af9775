/**
 * Where on the canvas a screen point falls, and what a palette drop there would do. The palette drags with pointer
 * events (which Playwright and touch screens drive as reliably as a mouse), so it needs the canvas element's box
 * and the viewport. While an item is dragged, the drop it would make is planned at every move (the same plan the
 * release carries out), and the canvas outlines the server it would go into, or marks it refused.
 */
import { useSyncExternalStore } from 'react';
import { hostAt, planDrop, type DropItem, type DropOptions } from '../../shared/scene/drop';
import { randomIds } from '../../shared/model/ids';
import { screenToWorld, visibleWorld } from '../../shared/scene/viewport';
import type { AppStore } from '../state/store';
import { indexedSceneOf } from './scene-cache';

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

/** What releasing a dragged palette item at a point would do. */
export type DropPreview =
  /** Not over the canvas (over a panel, say): a release there does nothing. */
  | { status: 'off' }
  /** Creates the item; `host` is the server it goes into, if any. */
  | { status: 'ok'; at: { x: number; y: number }; host: string | null }
  /** Refused, with the reason; `host` is the server under the pointer, if any (a collapsed one, say). */
  | { status: 'refused'; at: { x: number; y: number }; host: string | null; reason: string };

/**
 * How a pointer drop places the new box: its top-left corner at the pointer (where the user let go, not centred
 * on it, so nothing lands under a panel to the left or above), kept inside the part of the canvas in view.
 */
export function pointerDropOptions(store: AppStore): DropOptions {
  const { viewport, canvasSize } = store.getState();
  return { anchor: 'topLeft', within: visibleWorld(viewport, canvasSize.w, canvasSize.h) };
}

/** Plans (without doing) a drop of `item` at client coordinates. */
export function previewDrop(store: AppStore, item: DropItem, clientX: number, clientY: number): DropPreview {
  const doc = store.getState().doc;
  const at = worldAtClient(store, clientX, clientY);
  if (!doc || !at) return { status: 'off' };
  const { scene } = indexedSceneOf(doc.design);
  const host = hostAt(doc.design, scene, at.x, at.y)?.id ?? null;
  const plan = planDrop(doc.design, scene, item, at, randomIds, pointerDropOptions(store));
  return plan.ok ? { status: 'ok', at, host: plan.command.type === 'add' && plan.command.elements[0]?.parent ? host : null } : { status: 'refused', at, host, reason: plan.reason };
}

// The drop the dragged item would make, for the canvas to draw (one palette drag at a time per window).
let hover: DropPreview | null = null;
const listeners = new Set<() => void>();

/** Sets (null: clears) the drop under a palette drag. */
export function setDropHover(p: DropPreview | null): void {
  if (p === hover || (p?.status === 'off' && hover?.status === 'off')) return;
  hover = p;
  for (const fn of listeners) fn();
}

/** The drop under the palette drag in progress, re-rendering when it changes. */
export function useDropHover(): DropPreview | null {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    () => hover,
  );
}
