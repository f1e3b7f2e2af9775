/**
 * Whether a design arrived without usable positions: a topology JSON written by a script often leaves
 * every element at 0,0, and such a design opens laid out rather than as one pile. Positions count as
 * unusable when most elements share their exact spot with a sibling (same container).
 */
import type { Design } from '../model/design';

/** True when more than half of the elements that have siblings sit exactly on top of a sibling. */
export function needsLayout(design: Design): boolean {
  const spots = new Map<string, number>();
  const siblings = new Map<string, number>();
  for (const el of Object.values(design.elements)) {
    const group = el.parent ?? '';
    siblings.set(group, (siblings.get(group) ?? 0) + 1);
    const k = `${group}\u0000${el.x}\u0000${el.y}`;
    spots.set(k, (spots.get(k) ?? 0) + 1);
  }
  let withSiblings = 0;
  for (const n of siblings.values()) if (n > 1) withSiblings += n;
  if (withSiblings === 0) return false;
  let stacked = 0;
  for (const n of spots.values()) if (n > 1) stacked += n;
  return stacked * 2 > withSiblings;
}
