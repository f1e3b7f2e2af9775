/**
 * Rename… (F2, the canvas context menu, the command palette): opens the in-place name field over the one
 * selected element (renderer/canvas/RenameField.tsx). Double click on a non-server element opens the same
 * field from the canvas. Links have no names, so a selection with links is not renamed.
 */
import { renaming } from '../canvas/rename-state';
import { revealElement } from '../canvas/view-ops';
import type { AppState, AppStore } from '../state/store';
import type { ActionRegistry } from './registry';

/** The element Rename acts on: the selection's only member, when that is an element. */
export function renameSubject(s: AppState): string | null {
  if (!s.doc || s.busy || s.selection.links.size > 0 || s.selection.elements.size !== 1) return null;
  const [id] = s.selection.elements;
  return id !== undefined && s.doc.design.elements[id] ? id : null;
}

export function registerRenameActions(r: ActionRegistry, store: AppStore): void {
  r.register({
    name: 'edit.rename',
    label: () => 'Rename…',
    // F2 renames in file managers and diagram tools on Windows and Linux; nothing else here uses it.
    shortcuts: [{ key: 'F2' }],
    predicate: (s) => renameSubject(s) !== null,
    perform: () => {
      const id = renameSubject(store.getState());
      if (!id) return;
      // Opened after the menu or palette that ran this has closed and handed the focus back to where it was;
      // opened at once, the field would lose the focus to that hand-back, and losing the focus commits it.
      // An element scrolled out of view is brought into it first, so the field opens where the user can see it.
      revealElement(store, id);
      setTimeout(() => renaming.open(id), 0);
    },
  });
}
