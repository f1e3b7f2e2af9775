/**
 * The middle stage of a large layout: racks. Top-level elements joined by cables below the spine tier (a
 * ToR pair with its servers, extenders and storage) form a group that is laid out on its own; identical
 * racks then share one ELK run, and the top graph only holds spines and racks as boxes. Laying out 2,000
 * servers under 100 ToR pairs as one flat graph took minutes (test/bench/layout.bench.ts); by rack it is
 * one run per distinct rack.
 */
import type { Design } from '../model/design';
import type { Element, Host } from '../model/elements';
import type { Link } from '../model/links';
import { anchorOf, GraphBuilder, rankOf, TOP_OPTIONS, topOf, type BuiltGraph, type HostInterior } from './graph';

/**
 * Connected groups of `tops` (document order within and between groups). Spines (rank 0) always stand
 * alone, so racks joined only through the spines stay separate groups.
 */
export function rackGroups(design: Design, tops: readonly Element[]): Element[][] {
  const index = new Map(tops.map((t, i) => [t.id, i]));
  const parent = tops.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const l of Object.values(design.links)) {
    const a = design.elements[l.a.element];
    const b = design.elements[l.b.element];
    if (!a || !b) continue;
    const ta = topOf(design, a);
    const tb = topOf(design, b);
    const ia = index.get(ta.id);
    const ib = index.get(tb.id);
    if (ia === undefined || ib === undefined || ia === ib || rankOf(ta) === 0 || rankOf(tb) === 0) continue;
    const [ra, rb] = [find(ia), find(ib)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const groups = new Map<number, Element[]>();
  tops.forEach((t, i) => {
    const r = find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(t);
  });
  return [...groups.values()];
}

/** A laid-out group (or a lone element): its box and where each of its top-level elements sits in it. */
export interface Block {
  /** The first member's id (names the ELK node). */
  id: string;
  members: string[];
  w: number;
  h: number;
  positions: Map<string, { x: number; y: number }>;
}

/** The graph over blocks: a cable enters a rack on its top or bottom face, above the element it reaches. */
export function blockGraph(design: Design, blocks: readonly Block[], interiors: ReadonlyMap<string, HostInterior>, links: Iterable<Link> = Object.values(design.links)): BuiltGraph {
  const b = new GraphBuilder();
  const blockOf = new Map<string, Block>();
  const rank = new Map<string, number>();
  for (const blk of blocks) {
    b.addNode(blk.id, blk.w, blk.h);
    for (const m of blk.members) blockOf.set(m, blk);
    rank.set(blk.id, Math.min(...blk.members.map((m) => rankOf(design.elements[m]!))));
  }
  const port = (end: Link['a'], face: 'top' | 'bottom'): string => {
    const el = design.elements[end.element]!;
    const top = topOf(design, el);
    const blk = blockOf.get(top.id)!;
    const at = blk.positions.get(top.id) ?? { x: 0, y: 0 };
    let x: number;
    if (el === top) {
      x = at.x + anchorOf(el, end.port).anchor.x;
    } else {
      const host = top as Host;
      const pos = host.collapsed ? null : (interiors.get(host.id)?.positions.get(el.id) ?? { x: el.x, y: el.y });
      x = at.x + (pos ? pos.x + anchorOf(el, end.port).anchor.x : blk.w / 2);
    }
    x = Math.min(blk.w, Math.max(0, x));
    return b.port(blk.id, `${face}:${el.id}:${end.port}`, { x, y: face === 'top' ? 0 : blk.h, side: face });
  };
  for (const l of links) {
    const a = design.elements[l.a.element];
    const z = design.elements[l.b.element];
    if (!a || !z) continue;
    const ba = blockOf.get(topOf(design, a).id);
    const bz = blockOf.get(topOf(design, z).id);
    if (!ba || !bz || ba === bz) continue;
    const ra = rank.get(ba.id)!;
    const rz = rank.get(bz.id)!;
    if (ra === rz) continue;
    const [upper, lower] = ra < rz ? [l.a, l.b] : [l.b, l.a];
    b.edge(port(upper, 'bottom'), port(lower, 'top'));
  }
  return b.build(TOP_OPTIONS);
}
