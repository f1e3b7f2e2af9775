/**
 * One drag of the selection: which elements move (the selection's roots, and everything inside them for the
 * preview), the snapped delta so far, and the commit on release. Nothing touches the design until release,
 * so a drag over a 2,000-host fabric repaints one overlay shape per frame instead of rebuilding the scene.
 */
import type { Design } from '../../shared/model/design';
import type { Element } from '../../shared/model/elements';
import { randomIds } from '../../shared/model/ids';
import { GRID } from '../../shared/scene/drop';
import { planMove, selectionRoots, snappedDelta } from '../../shared/scene/move';
import type { Palette } from '../../shared/scene/palette';
import type { Detail, Scene, SceneNode } from '../../shared/scene/types';
import type { AppStore } from '../state/store';
import { paintLook } from './paint';

/** Above this many dragged nodes the preview draws outlines only, keeping each frame cheap. */
const GHOST_DETAIL_BUDGET = 400;

export class MoveSession {
  private delta = { dx: 0, dy: 0 };

  private constructor(
    private readonly design: Design,
    private readonly scene: Scene,
    readonly roots: readonly Element[],
    private readonly anchor: Element,
    /** Indices into scene.nodes of the roots and their contents, in paint order. */
    readonly nodes: readonly number[],
    /** Indices of the roots' own nodes, outlined as the selection. */
    readonly rootNodes: readonly number[],
  ) {}

  /** A session moving the selected elements, snapping on `anchorId`; null when nothing selected can move. */
  static start(design: Design, scene: Scene, selected: Iterable<string>, anchorId: string): MoveSession | null {
    const roots = selectionRoots(design, selected);
    if (roots.length === 0) return null;
    const anchor = roots.find((r) => r.id === anchorId) ?? roots[0]!;
    const rootIds = new Set<string>(roots.map((r) => r.id));
    const nodes: number[] = [];
    scene.nodes.forEach((n, i) => {
      for (let id: string | null = n.id, guard = 0; id !== null && guard < 64; guard++) {
        if (rootIds.has(id)) {
          nodes.push(i);
          return;
        }
        id = design.elements[id]?.parent ?? null;
      }
    });
    const rootNodes = roots.map((r) => scene.nodeIndex.get(r.id)).filter((i): i is number => i !== undefined);
    return new MoveSession(design, scene, roots, anchor, nodes, rootNodes);
  }

  /** Updates the drag by a raw world delta; returns the delta actually shown (snapped unless `free`). */
  update(dx: number, dy: number, free: boolean): { dx: number; dy: number } {
    this.delta = snappedDelta(this.anchor, dx, dy, free ? null : GRID);
    return this.delta;
  }

  /** Runs the move as one undo step; a refused move (a VM dropped outside any server) says why and changes nothing. */
  commit(store: AppStore, at: { x: number; y: number }): boolean {
    const { dx, dy } = this.delta;
    if (store.getState().doc?.design !== this.design) return false;
    const plan = planMove(this.design, this.scene, this.roots, dx, dy, at, randomIds);
    if (!plan.ok) {
      store.error(plan.reason);
      return false;
    }
    if (plan.commands.length === 0) return false;
    return store.execute(plan.commands, { label: plan.label }).ok;
  }
}

/** Paints the dragged nodes at their previewed position, over the diagram. */
export function paintMoveGhost(
  ctx: CanvasRenderingContext2D,
  nodes: readonly SceneNode[],
  session: MoveSession,
  delta: { dx: number; dy: number },
  palette: Palette,
  detail: Detail,
  minStroke: number,
): void {
  ctx.save();
  ctx.globalAlpha = 0.75;
  const outlinesOnly = session.nodes.length > GHOST_DETAIL_BUDGET;
  ctx.strokeStyle = palette.selection;
  ctx.lineWidth = Math.max(minStroke * 2, 1.5 * minStroke);
  for (const i of session.nodes) {
    const n = nodes[i]!;
    if (outlinesOnly) ctx.strokeRect(n.x + delta.dx, n.y + delta.dy, n.w, n.h);
    else paintLook(ctx, n.look, n.x + delta.dx, n.y + delta.dy, palette, detail, minStroke);
  }
  ctx.globalAlpha = 1;
  for (const i of session.rootNodes) ctx.strokeRect(nodes[i]!.x + delta.dx, nodes[i]!.y + delta.dy, nodes[i]!.w, nodes[i]!.h);
  ctx.restore();
}
