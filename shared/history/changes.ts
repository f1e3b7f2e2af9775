/**
 * What an edit changed, read off its immer patches: the ids of the elements and links it added, removed or
 * replaced. Consumers that update derived state incrementally (the validator) use it instead of comparing every
 * record of the designs before and after, which costs far more than the edit on a large design.
 */
import type { Patch } from 'immer';

/** Ids of elements and links that differ between two designs (the shape the validator's diff uses). */
export interface DesignDiff {
  elements: Set<string>;
  links: Set<string>;
}

/**
 * The records `patches` touch: a patch under `elements/<id>` or `links/<id>` (at any depth) touches that record, a
 * patch on `meta` touches none. Returns null when a patch replaces a whole record map or the whole design, where only
 * comparing the designs can tell what changed.
 */
export function changesFromPatches(patches: readonly Patch[]): DesignDiff | null {
  const elements = new Set<string>();
  const links = new Set<string>();
  for (const p of patches) {
    const [root, id] = p.path;
    if (root === 'meta') continue;
    if (id === undefined || (root !== 'elements' && root !== 'links')) return null;
    (root === 'elements' ? elements : links).add(String(id));
  }
  return { elements, links };
}
