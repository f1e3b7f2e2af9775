/**
 * How this window shows the diagram: which layers are drawn (View ▸ Layers) and how links are routed (View ▸
 * Straight Links). These are viewing choices, not part of the design: they last for the window's session, are
 * shared by every design opened in it, and are neither saved in the project (a colleague opening the file should
 * see everything) nor undoable. One instance per AppStore, like the simulation controller.
 */
import { useSyncExternalStore } from 'react';
import { elementLayer, linkLayer, SCENE_LAYERS, type SceneLayer } from '../../shared/scene/layers';
import type { RoutingStyle } from '../../shared/scene/routing';
import type { AppStore } from '../state/store';
import { useAppStore } from '../state/use-store';

export interface ViewPrefs {
  /** Layers drawn; hosts and NICs are drawn whatever this holds. */
  layers: ReadonlySet<SceneLayer>;
  routing: RoutingStyle;
}

export const DEFAULT_VIEW_PREFS: ViewPrefs = { layers: new Set(SCENE_LAYERS), routing: 'orthogonal' };

export class ViewPrefsStore {
  private state: ViewPrefs = DEFAULT_VIEW_PREFS;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly store: AppStore) {}

  get = (): ViewPrefs => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /**
   * Shows or hides a layer. Hiding one also deselects what it hides: an invisible selection would still be cut,
   * deleted or moved by the next shortcut, which nobody expects of something they cannot see.
   */
  toggleLayer(layer: SceneLayer): void {
    const layers = new Set(this.state.layers);
    if (layers.has(layer)) layers.delete(layer);
    else layers.add(layer);
    this.set({ ...this.state, layers });
    if (!layers.has(layer)) this.dropHiddenFromSelection(layers);
  }

  setRouting(routing: RoutingStyle): void {
    if (routing !== this.state.routing) this.set({ ...this.state, routing });
  }

  private set(next: ViewPrefs): void {
    this.state = next;
    for (const fn of this.listeners) fn();
  }

  private dropHiddenFromSelection(shown: ReadonlySet<SceneLayer>): void {
    const { doc, selection } = this.store.getState();
    if (!doc || selection.elements.size + selection.links.size === 0) return;
    const d = doc.design;
    const visibleEl = (id: string) => {
      const el = d.elements[id];
      const layer = el ? elementLayer(el.kind) : null;
      return layer === null || shown.has(layer);
    };
    const elements = new Set([...selection.elements].filter(visibleEl));
    const links = new Set(
      [...selection.links].filter((id) => {
        const l = d.links[id];
        return !!l && shown.has(linkLayer(l.kind)) && visibleEl(l.a.element) && visibleEl(l.b.element);
      }),
    );
    if (elements.size !== selection.elements.size || links.size !== selection.links.size) this.store.select({ elements, links });
  }
}

/**
 * The choices as the native View menu shows them (its check marks; `window:state` carries them to main), with
 * whether the minimap shows (a remembered part of the panel layout, renderer/components/panel-layout.ts).
 */
export function menuViewOf(p: ViewPrefs, minimap: boolean): { layers: Record<SceneLayer, boolean>; straightLinks: boolean; minimap: boolean } {
  return { layers: { pcie: p.layers.has('pcie'), ethernet: p.layers.has('ethernet'), virtual: p.layers.has('virtual') }, straightLinks: p.routing === 'straight', minimap };
}

const instances = new WeakMap<AppStore, ViewPrefsStore>();

/** The view preferences of the window that owns `store`. */
export function viewPrefsFor(store: AppStore): ViewPrefsStore {
  let p = instances.get(store);
  if (!p) {
    p = new ViewPrefsStore(store);
    instances.set(store, p);
  }
  return p;
}

/** The current view preferences, re-rendering when they change. */
export function useViewPrefs(): ViewPrefs {
  const prefs = viewPrefsFor(useAppStore());
  return useSyncExternalStore(prefs.subscribe, prefs.get);
}
