/**
 * Edit ▸ Select All selects what the canvas shows: elements of a hidden layer (View ▸ Layers) are left out, since
 * a selection nobody can see would still be cut, deleted or moved by the next shortcut. Hosts and NICs belong to
 * every layer and are always selectable.
 */
import type { Design } from '../../shared/model/design';
import { elementLayer, type SceneLayer } from '../../shared/scene/layers';

/** Ids of the elements of `design` drawn when the layers in `shown` are on, in document order. */
export function visibleElementIds(design: Design, shown: ReadonlySet<SceneLayer>): string[] {
  const out: string[] = [];
  for (const [id, el] of Object.entries(design.elements)) {
    const layer = elementLayer(el.kind);
    if (layer === null || shown.has(layer)) out.push(id);
  }
  return out;
}

/** Whether Select All would select anything; stops at the first visible element (menus ask on every open). */
export function anyVisibleElement(design: Design, shown: ReadonlySet<SceneLayer>): boolean {
  for (const id in design.elements) {
    const layer = elementLayer(design.elements[id]!.kind);
    if (layer === null || shown.has(layer)) return true;
  }
  return false;
}
