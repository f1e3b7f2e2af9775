/** The command palette, find-by-name and zoom-to-selection actions. */
import { zoomToElements } from '../canvas/view-ops';
import type { AppState, AppStore } from '../state/store';
import { overlays } from './overlays';
import type { ActionRegistry } from './registry';

const hasDoc = (s: AppState) => s.doc !== null && !s.busy;

export function registerNavigationActions(r: ActionRegistry, store: AppStore): void {
  r.register({
    name: 'view.commandPalette',
    label: () => 'Command Palette…',
    shortcuts: [{ key: 'p', mod: true, shift: true }],
    inTextFields: true,
    predicate: () => true,
    perform: () => overlays.open({ type: 'palette', mode: 'actions' }),
  });
  r.register({
    name: 'view.find',
    label: () => 'Find Element by Name…',
    shortcuts: [{ key: 'f', mod: true }],
    inTextFields: true,
    predicate: hasDoc,
    perform: () => overlays.open({ type: 'palette', mode: 'find' }),
  });
  r.register({
    name: 'view.zoomSelection',
    label: () => 'Zoom to Selection',
    // "." frames the selection in several 3D and diagram tools; it is free here.
    shortcuts: [{ key: '.' }],
    predicate: (s) => hasDoc(s) && s.selection.elements.size > 0,
    perform: () => zoomToElements(store, [...store.getState().selection.elements]),
  });
}
