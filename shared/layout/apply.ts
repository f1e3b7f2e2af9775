/**
 * Layout result → one `move` command (positions, and server sizes that fit their contents), so a whole
 * arrangement is one undo step. The arrangement keeps the top-left corner of what it arranged: a selection
 * stays where it was and the elements around it stay put; a whole design keeps its origin.
 */
import type { Command } from '../history/commands';
import type { Design } from '../model/design';
import type { Element } from '../model/elements';
import type { ElementId } from '../model/ids';
import { describeElement } from '../scene/describe';
import type { ArrangeResult } from './arrange';

type Move = Extract<Command, { type: 'move' }>['moves'][number];

/** Size of a top-level element as drawn (a collapsed server is drawn as a small box). */
function drawnSize(el: Element): { w: number; h: number } {
  if (el.kind === 'host' && !el.collapsed) return { w: el.width, h: el.height };
  const look = describeElement(el);
  return { w: look.w, h: look.h };
}

/** Top-left corner of the boxes of `ids` as they are now. */
function originOf(design: Design, ids: readonly string[]): { x: number; y: number } {
  let x = Infinity;
  let y = Infinity;
  for (const id of ids) {
    const el = design.elements[id];
    if (!el) continue;
    x = Math.min(x, el.x);
    y = Math.min(y, el.y);
  }
  return Number.isFinite(x) ? { x, y } : { x: 0, y: 0 };
}

/** The command that applies an arrangement of `design`; null when the arrangement moved nothing. */
export function arrangeCommand(design: Design, result: ArrangeResult): Command | null {
  const old = originOf(design, result.tops);
  let minX = Infinity;
  let minY = Infinity;
  for (const id of result.tops) {
    const p = result.positions.get(id);
    if (!p) continue;
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
  }
  if (!Number.isFinite(minX)) return null;
  const dx = old.x - minX;
  const dy = old.y - minY;
  const moves: Move[] = [];
  for (const id of result.tops) {
    const el = design.elements[id];
    const p = result.positions.get(id);
    if (!el || !p) continue;
    const x = Math.round(p.x + dx);
    const y = Math.round(p.y + dy);
    const inside = result.interiors.get(id);
    if (el.kind === 'host' && inside) {
      moves.push({ id: el.id, x, y, width: inside.width, height: inside.height });
      for (const [child, c] of inside.positions) moves.push({ id: child as ElementId, x: Math.round(c.x), y: Math.round(c.y) });
    } else {
      moves.push({ id: el.id, x, y });
    }
  }
  const changed = moves.some((m) => {
    const el = design.elements[m.id]!;
    return el.x !== m.x || el.y !== m.y || (el.kind === 'host' && m.width !== undefined && (el.width !== m.width || el.height !== m.height));
  });
  return changed ? { type: 'move', moves } : null;
}

/** Bounds of every top-level box, for overlap checks (tests) and for deciding whether a design is placed. */
export function topBoxes(design: Design): { id: string; x: number; y: number; w: number; h: number }[] {
  return Object.values(design.elements)
    .filter((el) => el.parent === null)
    .map((el) => ({ id: el.id, x: el.x, y: el.y, ...drawnSize(el) }));
}
