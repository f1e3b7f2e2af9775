/**
 * View ▸ Layers (PCIe, Ethernet, Virtual) and View ▸ Straight Links: window view choices (renderer/canvas/view-prefs.ts);
 * and the minimap toggle, a remembered part of the window's layout (renderer/components/panel-layout.ts).
 */
import type { SceneLayer } from '../../shared/scene/layers';
import { viewPrefsFor } from '../canvas/view-prefs';
import type { AppState, AppStore } from '../state/store';
import { panelLayout } from '../components/panel-layout';
import type { ActionRegistry } from './registry';
import type { ActionName } from './types';

const hasDoc = (s: AppState) => s.doc !== null;

/** Layer toggles in menu order; the digit keys sit next to 0 (zoom to fit), the other whole-view key. */
export const LAYER_ACTIONS: readonly { name: ActionName; layer: SceneLayer; title: string; key: string }[] = [
  { name: 'view.layerPcie', layer: 'pcie', title: 'PCIe', key: '1' },
  { name: 'view.layerEthernet', layer: 'ethernet', title: 'Ethernet', key: '2' },
  { name: 'view.layerVirtual', layer: 'virtual', title: 'Virtual', key: '3' },
];

export function registerViewLayerActions(r: ActionRegistry, store: AppStore): void {
  const prefs = viewPrefsFor(store);
  for (const a of LAYER_ACTIONS) {
    r.register({
      name: a.name,
      label: () => `${prefs.get().layers.has(a.layer) ? 'Hide' : 'Show'} ${a.title} Layer`,
      shortcuts: [{ key: a.key }],
      predicate: hasDoc,
      perform: () => prefs.toggleLayer(a.layer),
    });
  }
  r.register({
    name: 'view.straightLinks',
    label: () => (prefs.get().routing === 'straight' ? 'Route Links Orthogonally' : 'Route Links Straight'),
    // R for routing; Shift keeps a stray R typed at the canvas from changing the view.
    shortcuts: [{ key: 'r', shift: true }],
    predicate: hasDoc,
    perform: () => prefs.setRouting(prefs.get().routing === 'straight' ? 'orthogonal' : 'straight'),
  });
  r.register({
    name: 'view.minimap',
    label: () => (panelLayout().get().minimap ? 'Hide Minimap' : 'Show Minimap'),
    // M for map; Shift keeps a stray M typed at the canvas from changing the view (as Shift+R).
    shortcuts: [{ key: 'm', shift: true }],
    predicate: hasDoc,
    perform: () => panelLayout().setMinimap(!panelLayout().get().minimap),
  });
}
