/**
 * Which transient overlay is open over the canvas: the command palette (actions or find-by-name) or the
 * canvas context menu. Kept apart from the app store because it is pure UI chrome: nothing in the document,
 * history or persistence depends on it.
 */
import { useSyncExternalStore } from 'react';

export type Overlay = { type: 'palette'; mode: 'actions' | 'find' } | { type: 'contextMenu'; x: number; y: number } | null;

export class OverlayState {
  private current: Overlay = null;
  private readonly listeners = new Set<() => void>();

  get = (): Overlay => this.current;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  open(o: Exclude<Overlay, null>): void {
    this.current = o;
    for (const fn of this.listeners) fn();
  }

  close(): void {
    if (this.current === null) return;
    this.current = null;
    for (const fn of this.listeners) fn();
  }
}

/** The app's one overlay state (an app has one canvas and one palette). */
export const overlays = new OverlayState();

export function useOverlay(): Overlay {
  return useSyncExternalStore(overlays.subscribe, overlays.get);
}
