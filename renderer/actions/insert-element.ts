/** Creating an element from the palette: plan the drop, run it as one undo step, select it, say where it went. */
import { planDrop, originOf, type DropItem, type DropOptions } from '../../shared/scene/drop';
import { randomIds } from '../../shared/model/ids';
import { viewCentre } from '../canvas/drop-target';
import { indexedSceneOf } from '../canvas/scene-cache';
import type { AppStore } from '../state/store';

/** Drops `item` centred on world point `at` (or as `opts` say); refusals go to the status bar. Returns whether it was created. */
export function dropItemAt(store: AppStore, item: DropItem, at: { x: number; y: number }, opts?: DropOptions): boolean {
  const doc = store.getState().doc;
  if (!doc) return false;
  const { scene } = indexedSceneOf(doc.design);
  const plan = planDrop(doc.design, scene, item, at, randomIds, opts);
  if (!plan.ok) {
    store.error(plan.reason);
    return false;
  }
  if (!store.execute(plan.command, { label: plan.label }).ok) return false;
  store.select({ elements: new Set([plan.created]), links: new Set() });
  store.notify(plan.linkedTo ? `${plan.label}, on ${plan.linkedTo}` : plan.label, 'success');
  return true;
}

/**
 * Keyboard insertion: into the selected server (or the server of the selected element) when there is one,
 * near its top-left free area, else at the centre of the view.
 */
export function insertItem(store: AppStore, item: DropItem): boolean {
  const { doc, selection } = store.getState();
  if (!doc) return false;
  const { scene } = indexedSceneOf(doc.design);
  let at = viewCentre(store);
  if (selection.elements.size === 1) {
    const sel = doc.design.elements[[...selection.elements][0]!];
    const host = sel?.kind === 'host' ? sel : sel?.parent ? doc.design.elements[sel.parent] : undefined;
    if (host?.kind === 'host' && host.collapsed) {
      // Aimed at the compact box, the drop is refused with the reason (expand it first), not "drop onto a server".
      const n = scene.nodes[scene.nodeIndex.get(host.id) ?? -1];
      if (n) at = { x: n.x + n.w / 2, y: n.y + n.h / 2 };
    } else if (host?.kind === 'host') {
      // Below the devices the server already holds, so the new box does not land on one of them.
      const kids = Object.values(doc.design.elements).filter((e) => e.parent === host.id);
      const o = originOf(scene, host);
      const bottom = kids.reduce((m, k) => Math.max(m, k.y + (scene.nodes[scene.nodeIndex.get(k.id) ?? -1]?.h ?? 0)), 32);
      at = { x: o.x + 16 + 80, y: o.y + Math.min(bottom + 8 + 32, host.height - 40) };
    }
  }
  return dropItemAt(store, item, at);
}
