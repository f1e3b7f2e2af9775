/**
 * Automatic layout of a design or of a selection, in stages: the contents of each server (independent of
 * each other), then each rack with its servers as fixed boxes, then spines and racks as boxes; graphs with
 * the same structure are laid out once. The ELK engine is passed in, so this runs unchanged in the renderer's
 * layout worker, in Node tests and in the benchmark; the result is plain positions, turned into one
 * undoable command by `arrangeCommand` (apply.ts).
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { Design } from '../model/design';
import type { Element } from '../model/elements';
import type { Link } from '../model/links';
import { childrenByHost, HOST_MIN, interiorGraph, topGraph, topOf, topSize, type BuiltGraph, type HostInterior } from './graph';
import { blockGraph, rackGroups, type Block } from './groups';
import { rackBlock, racksTopLevel } from './rack-blocks';

/** Runs ELK on one graph (elk.layout, or a fake in tests). */
export type LayoutEngine = (graph: ElkNode) => Promise<ElkNode>;

export interface ArrangeOptions {
  /** Element ids to arrange: their top-level elements and everything inside those move. Omitted = the whole design. */
  selection?: Iterable<string>;
  /** Called as the layout advances: `done` of `total` steps (each server, each rack, then the top level). */
  onProgress?: (done: number, total: number) => void;
  /** Checked between steps; true stops the run with ArrangeCancelled. */
  shouldCancel?: () => boolean;
}

export class ArrangeCancelled extends Error {
  override name = 'ArrangeCancelled';
  constructor() {
    super('arrange cancelled');
  }
}

/** Where everything goes: top-level positions in ELK's frame (apply.ts moves them to the old origin), server interiors. */
export interface ArrangeResult {
  /** Top-level elements that were arranged, in document order. */
  tops: string[];
  /** Top-left corner of each arranged top-level element, relative to the arrangement's own origin. */
  positions: Map<string, { x: number; y: number }>;
  interiors: Map<string, HostInterior>;
  /** ELK runs made (graphs with the same structure share one run), for tests and the benchmark. */
  elkRuns: number;
}

/** Top-level elements to arrange: all, or those holding (or being) a selected element, in document order. */
export function arrangedTops(design: Design, selection?: Iterable<string>): Element[] {
  if (!selection) return Object.values(design.elements).filter((el) => el.parent === null);
  const wanted = new Set<string>();
  for (const id of selection) {
    const el = design.elements[id];
    if (el) wanted.add(topOf(design, el).id);
  }
  return Object.values(design.elements).filter((el) => el.parent === null && wanted.has(el.id));
}

/** Links sorted once for the many graphs of one run: inside each server, and between top-level elements. */
function sortLinks(design: Design): { inside: Map<string, Link[]>; between: Link[] } {
  const inside = new Map<string, Link[]>();
  const between: Link[] = [];
  for (const l of Object.values(design.links)) {
    const a = design.elements[l.a.element];
    const b = design.elements[l.b.element];
    if (!a || !b) continue;
    if (a.parent !== null && a.parent === b.parent) {
      let list = inside.get(a.parent);
      if (!list) inside.set(a.parent, (list = []));
      list.push(l);
    } else if (topOf(design, a).id !== topOf(design, b).id) {
      between.push(l);
    }
  }
  return { inside, between };
}

/** Positions of the graph's children by element id. */
function positionsOf(built: BuiltGraph, result: ElkNode): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  for (const child of result.children ?? []) {
    const i = Number(child.id.slice(1));
    const id = built.nodeIds[i];
    if (id !== undefined) out.set(id, { x: child.x ?? 0, y: child.y ?? 0 });
  }
  return out;
}

/** Runs ELK on a graph, or reuses the run of an identical graph (same structure, same sizes). */
class CachedEngine {
  private readonly cache = new Map<string, ElkNode>();
  runs = 0;
  constructor(private readonly engine: LayoutEngine) {}

  async layout(built: BuiltGraph): Promise<ElkNode> {
    const key = JSON.stringify(built.graph);
    let result = this.cache.get(key);
    if (!result) {
      result = await this.engine(built.graph);
      this.cache.set(key, result);
      this.runs++;
    }
    return result;
  }
}

/**
 * Lays out the design (or the selection's top-level elements) in three stages: each server's contents,
 * then each rack (top-level elements cabled together below the spines), then spines and racks. A group of
 * servers cabled to ToRs is placed as a rack (switches on top, servers in a grid of 2-4 per row, racks side by
 * side under the spines, as the templates draw them); other groups and the top level without racks go to ELK.
 * Identical servers and identical racks are laid out once. Rejects with ArrangeCancelled when cancelled.
 */
export async function arrange(design: Design, engine: LayoutEngine, opts: ArrangeOptions = {}): Promise<ArrangeResult> {
  const tops = arrangedTops(design, opts.selection);
  const children = childrenByHost(design);
  const links = sortLinks(design);
  const hosts = tops.filter((el) => el.kind === 'host' && (children.get(el.id)?.length ?? 0) > 0);
  const groups = rackGroups(design, tops);
  const racks = groups.filter((g) => g.length > 1);
  const total = hosts.length + racks.length + 1;
  const elk = new CachedEngine(engine);
  const interiors = new Map<string, HostInterior>();
  let done = 0;
  const step = () => {
    if (opts.shouldCancel?.()) throw new ArrangeCancelled();
  };
  opts.onProgress?.(0, total);
  for (const host of hosts) {
    step();
    const built = interiorGraph(design, children.get(host.id)!, links.inside.get(host.id) ?? []);
    const result = await elk.layout(built);
    interiors.set(host.id, {
      width: Math.ceil(Math.max(HOST_MIN.w, result.width ?? 0)),
      height: Math.ceil(Math.max(HOST_MIN.h, result.height ?? 0)),
      positions: positionsOf(built, result),
    });
    opts.onProgress?.(++done, total);
  }
  // Each rack's own cables, so building 50 rack graphs reads the design's links once, not 50 times.
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((el) => groupOf.set(el.id, i)));
  const rackLinks = groups.map((): Link[] => []);
  for (const l of links.between) {
    const ga = groupOf.get(topOf(design, design.elements[l.a.element]!).id);
    if (ga !== undefined && ga === groupOf.get(topOf(design, design.elements[l.b.element]!).id)) rackLinks[ga]!.push(l);
  }
  const blocks: Block[] = [];
  // Groups recognised as racks (servers cabled to ToRs) are placed as racks, not by ELK (./rack-blocks.ts).
  const racked = new Set<string>();
  for (const [i, group] of groups.entries()) {
    if (group.length === 1) {
      const el = group[0]!;
      const size = topSize(el, interiors.get(el.id));
      blocks.push({ id: el.id, members: [el.id], w: size.w, h: size.h, positions: new Map([[el.id, { x: 0, y: 0 }]]) });
      continue;
    }
    step();
    const rack = rackBlock(group, interiors);
    if (rack) {
      blocks.push(rack);
      racked.add(rack.id);
    } else {
      const built = topGraph(design, group, interiors, rackLinks[i]);
      const result = await elk.layout(built);
      blocks.push({ id: group[0]!.id, members: group.map((g) => g.id), w: result.width ?? 0, h: result.height ?? 0, positions: positionsOf(built, result) });
    }
    opts.onProgress?.(++done, total);
  }
  step();
  let placed: Map<string, { x: number; y: number }>;
  if (blocks.length === 1) {
    placed = new Map([[blocks[0]!.id, { x: 0, y: 0 }]]);
  } else if (racked.size > 0) {
    placed = racksTopLevel(design, blocks).positions;
  } else {
    const built = blockGraph(design, blocks, interiors, links.between);
    placed = positionsOf(built, await elk.layout(built));
  }
  const positions = new Map<string, { x: number; y: number }>();
  for (const blk of blocks) {
    const at = placed.get(blk.id) ?? { x: 0, y: 0 };
    for (const [id, p] of blk.positions) positions.set(id, { x: at.x + p.x, y: at.y + p.y });
  }
  opts.onProgress?.(total, total);
  return { tops: tops.map((t) => t.id), positions, interiors, elkRuns: elk.runs };
}
