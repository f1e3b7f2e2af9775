/**
 * Updating a scene after a small edit instead of rebuilding it. Most edits (a rename, a property in the
 * inspector) change a few elements without moving anything; on a 50,000-element design rebuilding the
 * scene and its index costs a few hundred milliseconds, while this patch costs one pass over the ids.
 */
import type { Design } from '../model/design';
import type { Element } from '../model/elements';
import { lookOf } from './scene';
import type { Anchor, ElementLook, Scene, SceneNode } from './types';

/** Above this many changed elements a full rebuild is as cheap and far simpler. */
const MAX_PATCHED = 256;

function sameAnchors(a: Readonly<Record<string, Anchor>>, b: Readonly<Record<string, Anchor>>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const x = a[k]!;
    const y = b[k];
    if (!y || x.x !== y.x || x.y !== y.y || x.side !== y.side) return false;
  }
  return true;
}

const sameShape = (a: ElementLook, b: ElementLook) =>
  a.w === b.w && a.h === b.h && a.container === b.container && a.fallback.x === b.fallback.x && a.fallback.y === b.fallback.y && sameAnchors(a.anchors, b.anchors);

// Placement inputs: when none of these change, the element's box and every link end stay where they were.
const samePlace = (a: Element, b: Element) =>
  a.x === b.x && a.y === b.y && a.parent === b.parent && (a.kind !== 'host' || b.kind !== 'host' || (a.collapsed === b.collapsed && a.width === b.width && a.height === b.height));

/**
 * The scene of `next` derived from `prev`'s scene, when `next` differs from `prev` only in elements
 * whose geometry (position, size, ports) is unchanged and in link properties other than their ends.
 * Returns null when anything moved, appeared or vanished: the caller then rebuilds with `sceneOf`.
 * The result has the same geometry, so a spatial index of `prevScene` stays valid for it.
 */
export function patchScene(prev: Design, prevScene: Scene, next: Design): Scene | null {
  if (next.elements === prev.elements && next.links === prev.links) return prevScene;

  let nodes: SceneNode[] | null = null;
  if (next.elements !== prev.elements) {
    let changed = 0;
    let count = 0;
    for (const id in next.elements) {
      count++;
      const after = next.elements[id]!;
      const before = prev.elements[id];
      if (after === before) continue;
      if (!before || ++changed > MAX_PATCHED || before.kind !== after.kind || !samePlace(before, after)) return null;
      const i = prevScene.nodeIndex.get(id);
      // Hidden inside a collapsed server: nothing drawn, and its placement did not change.
      if (i === undefined) continue;
      const look = lookOf(after);
      const old = prevScene.nodes[i]!;
      if (!sameShape(old.look, look)) return null;
      nodes ??= prevScene.nodes.slice();
      nodes[i] = { ...old, name: after.name, look };
    }
    if (count !== Object.keys(prev.elements).length) return null;
  }

  if (next.links !== prev.links) {
    let count = 0;
    for (const id in next.links) {
      count++;
      const after = next.links[id]!;
      const before = prev.links[id];
      if (after === before) continue;
      // Style follows the kind and the route follows the ends; other link properties are not drawn.
      if (!before || before.kind !== after.kind) return null;
      if (before.a.element !== after.a.element || before.a.port !== after.a.port || before.b.element !== after.b.element || before.b.port !== after.b.port) return null;
    }
    if (count !== Object.keys(prev.links).length) return null;
  }

  return nodes ? { ...prevScene, nodes } : prevScene;
}
