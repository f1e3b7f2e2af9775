/** Element-tree helpers for the canvas. */

/** Whether an ancestor of `id` (through `parent`) is in `set`; bounded, so a corrupt parent chain cannot hang. */
export function hasAncestorIn(elements: Readonly<Record<string, { parent: string | null }>>, id: string, set: ReadonlySet<string>): boolean {
  let p = elements[id]?.parent ?? null;
  for (let guard = 0; p !== null && guard < 64; guard++) {
    if (set.has(p)) return true;
    p = elements[p]?.parent ?? null;
  }
  return false;
}

