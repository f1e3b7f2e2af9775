/**
 * Which element's name is being edited on the canvas, if any. Kept apart from the app store, like the
 * overlays (renderer/actions/overlays.ts): it is UI chrome that nothing in the document or history reads.
 * The Rename action and a double click open it; the canvas's RenameField shows it and closes it.
 */
import { useSyncExternalStore } from 'react';
import type { SceneIndex } from '../../shared/scene/spatial';
import { hitAtScale } from '../../shared/scene/summary';
import { screenToWorld, type Viewport } from '../../shared/scene/viewport';
import type { AppStore } from '../state/store';
import { renameTargetOf } from './rename-model';

export class RenameState {
  private id: string | null = null;
  private readonly listeners = new Set<() => void>();

  /** The element being renamed, or null. */
  get = (): string | null => this.id;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  open(id: string): void {
    this.set(id);
  }

  close(): void {
    this.set(null);
  }

  private set(id: string | null): void {
    if (this.id === id) return;
    this.id = id;
    for (const fn of this.listeners) fn();
  }
}

/** The app's one rename state (a window has one canvas). */
export const renaming = new RenameState();

export function useRenaming(): string | null {
  return useSyncExternalStore(renaming.subscribe, renaming.get);
}

/**
 * A double click at canvas point `p` renames the element under it, unless that is a server (its header's
 * double click toggles collapse) or a link. Same hit test and tolerance as the select tool's click.
 */
export function renameOnDoubleClick(store: AppStore, view: { index: SceneIndex; viewport: Viewport }, p: { x: number; y: number }): void {
  const { doc, busy } = store.getState();
  if (!doc || busy) return;
  const w = screenToWorld(view.viewport, p.x, p.y);
  const id = renameTargetOf(hitAtScale(view.index, w.x, w.y, 5 / view.viewport.scale, view.viewport.scale), doc.design);
  if (id) renaming.open(id);
}
