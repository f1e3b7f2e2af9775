/**
 * What dragging a selection does to the design: the selection's roots (elements whose container is not
 * also selected; contents are relative to their server, so moving a server moves them) shift by the drag,
 * snapped to the grid; a device or VM dropped onto another server changes server (reparent), leaving its
 * old server's links behind and plugging a PCIe device into a free port of the new one. Pure: the canvas
 * previews the drag and commits the commands planned here as one undo step.
 */
import type { Command } from '../history/commands';
import type { Design } from '../model/design';
import { HOSTED_KINDS, type Element } from '../model/elements';
import type { ElementId, IdSource, LinkId } from '../model/ids';
import type { Link } from '../model/links';
import { collapsedRefusal, hostAt, originOf, pcieLinkTo, snap, upstreamFor } from './drop';
import type { Scene } from './types';

export type MovePlan = { ok: true; commands: Command[]; label: string } | { ok: false; reason: string };

/** Selected elements whose ancestors are not selected: the ones a drag actually moves. */
export function selectionRoots(design: Design, ids: Iterable<string>): Element[] {
  const set = new Set(ids);
  const out: Element[] = [];
  for (const id of set) {
    const el = design.elements[id];
    if (!el) continue;
    let p = el.parent;
    let covered = false;
    for (let guard = 0; p !== null && guard < 64; guard++) {
      if (set.has(p)) {
        covered = true;
        break;
      }
      p = design.elements[p]?.parent ?? null;
    }
    if (!covered) out.push(el);
  }
  return out;
}

/**
 * The delta the drag really applies: `anchor` (the element pressed) lands on the grid, and every other
 * root shifts by the same amount so the selection keeps its shape. With `grid` null the delta is raw.
 */
export function snappedDelta(anchor: { x: number; y: number }, dx: number, dy: number, grid: number | null): { dx: number; dy: number } {
  if (grid === null) return { dx, dy };
  return { dx: snap(anchor.x + dx, grid) - anchor.x, dy: snap(anchor.y + dy, grid) - anchor.y };
}

const isPcieDevice = (el: Element) => el.kind === 'nic' || el.kind === 'endpoint' || el.kind === 'pcieSwitch';
const deviceWidth = (el: Element): number | null => (el.kind === 'nic' || el.kind === 'endpoint' ? el.pcieWidth : el.kind === 'pcieSwitch' ? el.upstreamWidth : null);

/**
 * Plans the move of `roots` by (dx, dy) (already snapped), released with the pointer at world point `at`.
 * Hosted roots released over a different server move into it; over no server they are refused.
 */
export function planMove(design: Design, scene: Scene, roots: readonly Element[], dx: number, dy: number, at: { x: number; y: number }, ids: IdSource): MovePlan {
  if (roots.length === 0 || (dx === 0 && dy === 0)) return { ok: true, commands: [], label: 'Move' };
  const moving = new Set(roots.map((r) => r.id));
  const target = hostAt(design, scene, at.x, at.y, moving);
  const moves: { id: ElementId; x: number; y: number }[] = [];
  const commands: Command[] = [];
  const dropLinks = new Set<LinkId>();
  const newLinks: Link[] = [];
  let reparented = 0;
  for (const el of roots) {
    if (!HOSTED_KINDS.has(el.kind) || el.parent === null) {
      moves.push({ id: el.id, x: el.x + dx, y: el.y + dy });
      continue;
    }
    if (!target) return { ok: false, reason: `A ${el.kind === 'vm' ? 'VM' : 'device'} stays inside a server: drop ${el.name || el.id} onto a server` };
    if (target.collapsed && target.id !== el.parent) return { ok: false, reason: collapsedRefusal(target, `to move ${el.name || el.id} into it`) };
    if (target.id === el.parent) {
      moves.push({ id: el.id, x: el.x + dx, y: el.y + dy });
      continue;
    }
    // Into another server: keep where it was dropped, in the new server's coordinates.
    const abs = originOf(scene, el);
    const o = originOf(scene, target);
    const x = snap(abs.x + dx - o.x);
    const y = snap(abs.y + dy - o.y);
    commands.push({ type: 'reparent', id: el.id, parent: target.id, x, y });
    reparented++;
    // Links to what stays behind in the old server would cross servers (a PCIe link, a vNIC, an uplink).
    const oldParent = el.parent;
    for (const l of Object.values(design.links)) {
      const ends = [l.a.element, l.b.element];
      if (!ends.includes(el.id)) continue;
      const other = design.elements[ends[0] === el.id ? ends[1]! : ends[0]!];
      if (other && !moving.has(other.id) && (other.parent === oldParent || other.id === oldParent)) dropLinks.add(l.id);
    }
    if (isPcieDevice(el)) {
      const up = upstreamFor(design, target, x, y, deviceWidth(el), el.id);
      if (up) newLinks.push(pcieLinkTo(design, up, el, ids));
    }
  }
  if (dropLinks.size) commands.unshift({ type: 'remove', elements: [], links: [...dropLinks] });
  if (moves.length) commands.push({ type: 'move', moves });
  if (newLinks.length) commands.push({ type: 'add', elements: [], links: newLinks });
  const n = roots.length;
  const label = reparented ? `Move ${n === 1 ? roots[0]!.name || 'element' : `${n} elements`} into ${target!.name || target!.id}` : `Move ${n === 1 ? roots[0]!.name || 'element' : `${n} elements`}`;
  return { ok: true, commands, label };
}
