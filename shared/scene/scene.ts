/** Places every element's look at its absolute position and routes every link: the scene of a design. */
import type { Design } from '../model/design';
import type { Element, ElementKind } from '../model/elements';
import type { ElementId } from '../model/ids';
import { describeElement } from './describe';
import { routeLinkSteps, type PlacedLink } from './cables';
import { runSteps, scaled, type Steps } from './steps';
import type { Anchor, Bounds, ElementLook, LinkPath, Scene, SceneNode } from './types';
import { pathBounds } from './geometry';

export { pathBounds };

// Looks depend only on the element object; designs are immutable and share unchanged elements between
// versions, so this cache makes re-describing a 50,000-element design after one edit nearly free.
const lookCache = new WeakMap<Element, ElementLook>();

/** The element's look, memoised per element object. */
export function lookOf(el: Element): ElementLook {
  let l = lookCache.get(el);
  if (!l) {
    l = describeElement(el);
    lookCache.set(el, l);
  }
  return l;
}

// Containment in the model is one level (hosts hold devices), but a corrupt chain must not hang the view.
const MAX_DEPTH = 16;

interface Placement {
  x: number;
  y: number;
  depth: number;
  /** The nearest drawn element: itself, or the collapsed container that hides it. */
  shownAs: string;
  /** The top-level element it sits in (itself at top level). */
  root: string;
}

function place(d: Design, id: string, memo: Map<string, Placement>, guard = 0): Placement {
  const known = memo.get(id);
  if (known) return known;
  const el = d.elements[id]!;
  const parent = el.parent !== null && guard < MAX_DEPTH ? d.elements[el.parent] : undefined;
  let p: Placement;
  if (!parent) {
    p = { x: el.x, y: el.y, depth: 0, shownAs: id, root: id };
  } else {
    const pp = place(d, parent.id, memo, guard + 1);
    const hidden = pp.shownAs !== parent.id || (parent.kind === 'host' && parent.collapsed);
    p = { x: pp.x + el.x, y: pp.y + el.y, depth: pp.depth + 1, shownAs: hidden ? pp.shownAs : id, root: pp.root };
  }
  memo.set(id, p);
  return p;
}

/** The scene of a design: nodes in paint order (containers, then contents, shallow first) and routed links. */
export function sceneOf(d: Design): Scene {
  return runSteps(sceneSteps(d));
}

/** Elements or links handled between two progress reports: a few milliseconds of work. */
const STEP_ITEMS = 4096;

/**
 * sceneOf as resumable work (./steps.ts): the same scene, built a slice at a time. Placing the elements takes the
 * first tenth of the progress, their link ends the next, routing the rest.
 */
export function* sceneSteps(d: Design): Steps<Scene> {
  const memo = new Map<string, Placement>();
  const containers: SceneNode[] = [];
  const contents: SceneNode[] = [];
  // What each top-level element holds, counted by kind, for the summary drawn when zoomed out (summary.ts).
  const held = new Map<string, Partial<Record<ElementKind, number>>>();
  const elements = Object.values(d.elements);
  let done = 0;
  for (const el of elements) {
    if (++done % STEP_ITEMS === 0) yield (0.1 * done) / elements.length;
    const p = place(d, el.id, memo);
    if (p.depth > 0) {
      let c = held.get(p.root);
      if (!c) held.set(p.root, (c = {}));
      c[el.kind] = (c[el.kind] ?? 0) + 1;
    }
    if (p.shownAs !== el.id) continue;
    const look = lookOf(el);
    const node: SceneNode = { id: el.id, kind: el.kind, name: el.name, x: p.x, y: p.y, w: look.w, h: look.h, depth: p.depth, look };
    (look.container ? containers : contents).push(node);
  }
  const byDepth = (a: SceneNode, b: SceneNode) => a.depth - b.depth;
  containers.sort(byDepth);
  contents.sort(byDepth);
  const nodes = [...containers, ...contents];
  for (const n of nodes) if (n.depth === 0 && held.has(n.id)) n.contents = held.get(n.id);
  const nodeIndex = new Map<string, number>();
  nodes.forEach((n, i) => nodeIndex.set(n.id, i));

  const roots = nodes.map((n) => nodeIndex.get(memo.get(n.id)!.root) ?? nodeIndex.get(n.id)!);
  const placed: PlacedLink[] = [];
  const designLinks = Object.values(d.links);
  done = 0;
  for (const l of designLinks) {
    if (++done % STEP_ITEMS === 0) yield 0.1 + (0.1 * done) / designLinks.length;
    const ea = endAnchor(d, memo, nodes, nodeIndex, l.a.element, l.a.port);
    const eb = endAnchor(d, memo, nodes, nodeIndex, l.b.element, l.b.port);
    // Both ends folded into the same collapsed container: the link is internal to it, nothing to draw.
    if (!ea || !eb || ea.node === eb.node) continue;
    placed.push({ id: l.id, kind: l.kind, a: { ...ea, root: roots[ea.node]! }, b: { ...eb, root: roots[eb.node]! } });
  }
  // Routed around the boxes they do not connect; cables leaving a server come in parts (shared/scene/cables.ts).
  const links = yield* scaled(routeLinkSteps(nodes, roots, placed), 0.2, 1);
  return { nodes, links, nodeIndex, bounds: boundsOf(nodes, links) };
}

function endAnchor(
  d: Design,
  memo: Map<string, Placement>,
  nodes: SceneNode[],
  nodeIndex: Map<string, number>,
  elementId: ElementId,
  port: string,
): { node: number; anchor: Anchor } | null {
  if (!d.elements[elementId]) return null;
  const p = place(d, elementId, memo);
  const idx = nodeIndex.get(p.shownAs);
  if (idx === undefined) return null;
  const node = nodes[idx]!;
  const local = p.shownAs === elementId ? (node.look.anchors[port] ?? node.look.fallback) : node.look.fallback;
  return { node: idx, anchor: { x: node.x + local.x, y: node.y + local.y, side: local.side } };
}

function boundsOf(nodes: SceneNode[], links: LinkPath[]): Bounds | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    if (n.x < minX) minX = n.x;
    if (n.y < minY) minY = n.y;
    if (n.x + n.w > maxX) maxX = n.x + n.w;
    if (n.y + n.h > maxY) maxY = n.y + n.h;
  }
  for (const l of links) {
    for (let i = 0; i < l.points.length; i += 2) {
      const x = l.points[i]!;
      const y = l.points[i + 1]!;
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return Number.isFinite(minX) ? { x: minX, y: minY, w: maxX - minX, h: maxY - minY } : null;
}

