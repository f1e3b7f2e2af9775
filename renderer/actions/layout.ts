/** Arrange Design and Arrange Selection: automatic layout in the worker (renderer/layout), one undo step each. */
import { layoutFor } from '../layout/controller';
import type { AppState, AppStore } from '../state/store';
import type { ActionRegistry } from './registry';

const hasDoc = (s: AppState) => s.doc !== null && !s.busy;

export function registerLayoutActions(r: ActionRegistry, store: AppStore): void {
  const layout = layoutFor(store);
  r.register({
    name: 'layout.arrangeDesign',
    label: () => 'Arrange Design',
    // L for layout; Ctrl+Shift+L and Ctrl+Alt+L are free in the registry and the native menu.
    shortcuts: [{ key: 'l', mod: true, shift: true }],
    predicate: (s) => hasDoc(s) && !layout.running && Object.keys(s.doc!.design.elements).length > 0,
    perform: () => layout.arrange('design'),
  });
  r.register({
    name: 'layout.arrangeSelection',
    label: () => 'Arrange Selection',
    shortcuts: [{ key: 'l', mod: true, alt: true }],
    predicate: (s) => hasDoc(s) && !layout.running && s.selection.elements.size > 0,
    perform: () => layout.arrange('selection'),
  });
}
