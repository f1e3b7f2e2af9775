/**
 * A uniform-grid index over a scene: which nodes and links touch a rectangle (viewport culling) and
 * what is under a point (hit testing). Painters draw only what the viewport query returns, which keeps
 * a 2,000-host design interactive; hit testing here spares the canvas a per-shape hit graph.
 */
import type { Bounds, Scene } from './types';
import { pathBounds } from './scene';
import { runSteps, type Steps } from './steps';

/** Cells per index at most (plus the border row/column); enough for ~50k items with small buckets. */
const MAX_CELLS = 4096;
const MIN_CELL = 256;

class Grid {
  readonly cols: number;
  readonly rows: number;
  readonly cell: number;
  private readonly buckets: number[][];
  private readonly stamp: Uint32Array;
  private query = 0;

  constructor(
    private readonly origin: Bounds,
    itemCount: number,
  ) {
    this.cell = Math.max(MIN_CELL, Math.ceil(Math.sqrt((origin.w * origin.h) / MAX_CELLS)));
    this.cols = Math.max(1, Math.ceil(origin.w / this.cell) + 1);
    this.rows = Math.max(1, Math.ceil(origin.h / this.cell) + 1);
    this.buckets = Array.from({ length: this.cols * this.rows }, () => []);
    this.stamp = new Uint32Array(itemCount);
  }

  private range(b: Bounds): [number, number, number, number] {
    const clampX = (v: number) => Math.min(this.cols - 1, Math.max(0, Math.floor((v - this.origin.x) / this.cell)));
    const clampY = (v: number) => Math.min(this.rows - 1, Math.max(0, Math.floor((v - this.origin.y) / this.cell)));
    return [clampX(b.x), clampY(b.y), clampX(b.x + b.w), clampY(b.y + b.h)];
  }

  insert(item: number, b: Bounds): void {
    const [x0, y0, x1, y1] = this.range(b);
    for (let cy = y0; cy <= y1; cy++) for (let cx = x0; cx <= x1; cx++) this.buckets[cy * this.cols + cx]!.push(item);
  }

  /** Items whose cells overlap `b`, ascending (= paint order), each once. */
  candidates(b: Bounds): number[] {
    const out: number[] = [];
    this.each(b, (item) => out.push(item));
    return out.sort((a, b2) => a - b2);
  }

  /** Calls `fn` once for each item whose cells overlap `b`, in no particular order. */
  each(b: Bounds, fn: (item: number) => void): void {
    const q = ++this.query;
    const [x0, y0, x1, y1] = this.range(b);
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        for (const item of this.buckets[cy * this.cols + cx]!) {
          if (this.stamp[item] === q) continue;
          this.stamp[item] = q;
          fn(item);
        }
      }
    }
  }
}

/** Items indexed between two progress reports. */
const STEP_ITEMS = 8192;

/** The grids of an index, built by indexSteps. */
interface IndexParts {
  linkBounds: Bounds[];
  nodeGrid: Grid | null;
  linkGrid: Grid | null;
}

function* indexSteps(scene: Scene): Steps<IndexParts> {
  const linkBounds = scene.links.map((l) => pathBounds(l.points));
  const b = scene.bounds;
  const nodeGrid = b ? new Grid(b, scene.nodes.length) : null;
  const linkGrid = b ? new Grid(b, scene.links.length) : null;
  const total = scene.nodes.length + scene.links.length;
  if (nodeGrid && linkGrid) {
    for (let i = 0; i < scene.nodes.length; i++) {
      if ((i + 1) % STEP_ITEMS === 0) yield i / total;
      nodeGrid.insert(i, scene.nodes[i]!);
    }
    for (let i = 0; i < linkBounds.length; i++) {
      if ((i + 1) % STEP_ITEMS === 0) yield (scene.nodes.length + i) / total;
      linkGrid.insert(i, linkBounds[i]!);
    }
  }
  return { linkBounds, nodeGrid, linkGrid };
}

const overlaps = (a: Bounds, b: Bounds) => a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;

export type Hit = { type: 'element'; id: string } | { type: 'link'; id: string };

export class SceneIndex {
  private readonly nodeGrid: Grid | null;
  private readonly linkGrid: Grid | null;
  private readonly linkBounds: Bounds[];

  /** Indexes `scene`; with `sameGeometryAs`, reuses that index's grids (the scene must have the same boxes and paths). */
  constructor(
    readonly scene: Scene,
    sameGeometryAs?: SceneIndex | IndexParts,
  ) {
    const parts: IndexParts =
      sameGeometryAs instanceof SceneIndex
        ? { linkBounds: sameGeometryAs.linkBounds, nodeGrid: sameGeometryAs.nodeGrid, linkGrid: sameGeometryAs.linkGrid }
        : (sameGeometryAs ?? runSteps(indexSteps(scene)));
    this.linkBounds = parts.linkBounds;
    this.nodeGrid = parts.nodeGrid;
    this.linkGrid = parts.linkGrid;
  }

  /** The index of `scene` built as resumable work (./steps.ts), for the canvas opening a large design. */
  static *build(scene: Scene): Steps<SceneIndex> {
    return new SceneIndex(scene, yield* indexSteps(scene));
  }

  /** Indices into `scene.nodes` of the nodes that overlap `view`, in paint order. */
  nodesIn(view: Bounds): number[] {
    if (!this.nodeGrid) return [];
    return this.nodeGrid.candidates(view).filter((i) => overlaps(this.scene.nodes[i]!, view));
  }

  /** How many nodes overlap `view`: nodesIn(view).length without listing or sorting them. */
  nodeCountIn(view: Bounds): number {
    if (!this.nodeGrid) return 0;
    let n = 0;
    this.nodeGrid.each(view, (i) => void (overlaps(this.scene.nodes[i]!, view) && n++));
    return n;
  }

  /** How many links overlap `view` and pass `keep`: linksIn(view).filter(keep).length without listing or sorting them. */
  linkCountIn(view: Bounds, keep: (i: number) => boolean): number {
    if (!this.linkGrid) return 0;
    let n = 0;
    this.linkGrid.each(view, (i) => void (overlaps(this.linkBounds[i]!, view) && keep(i) && n++));
    return n;
  }

  /** Indices into `scene.links` of the links whose bounds overlap `view`. */
  linksIn(view: Bounds): number[] {
    if (!this.linkGrid) return [];
    return this.linkGrid.candidates(view).filter((i) => overlaps(this.linkBounds[i]!, view));
  }

  /**
   * What is under a point, matching paint order: contents above links above containers.
   * `tolerance` (design units) widens thin links so they can be clicked.
   */
  hitTest(x: number, y: number, tolerance: number): Hit | null {
    const probe = { x: x - tolerance, y: y - tolerance, w: tolerance * 2, h: tolerance * 2 };
    const nodes = this.nodesIn(probe).filter((i) => contains(this.scene.nodes[i]!, x, y));
    const top = nodes.at(-1);
    if (top !== undefined && !this.scene.nodes[top]!.look.container) return { type: 'element', id: this.scene.nodes[top]!.id };
    let best: { id: string; d: number } | null = null;
    for (const i of this.linksIn(probe)) {
      const l = this.scene.links[i]!;
      const d = distanceToPolyline(l.points, x, y);
      if (d <= tolerance && (!best || d < best.d)) best = { id: l.id, d };
    }
    if (best) return { type: 'link', id: best.id };
    return top !== undefined ? { type: 'element', id: this.scene.nodes[top]!.id } : null;
  }

  /** Element ids whose boxes lie entirely inside `area` (marquee selection). */
  elementsWithin(area: Bounds): string[] {
    return this.nodesIn(area)
      .map((i) => this.scene.nodes[i]!)
      .filter((n) => n.x >= area.x && n.y >= area.y && n.x + n.w <= area.x + area.w && n.y + n.h <= area.y + area.h)
      .map((n) => n.id);
  }
}

const contains = (b: Bounds, x: number, y: number) => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h;

/** Shortest distance from a point to a polyline given as x0,y0,x1,y1,… */
export function distanceToPolyline(points: readonly number[], x: number, y: number): number {
  let best = Infinity;
  for (let i = 0; i + 3 < points.length; i += 2) {
    const ax = points[i]!;
    const ay = points[i + 1]!;
    const bx = points[i + 2]!;
    const by = points[i + 3]!;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
}
