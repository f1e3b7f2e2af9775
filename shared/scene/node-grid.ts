/** Scene nodes bucketed on a uniform grid, so a route asks only for the boxes near it (scene build, not the view). */
import type { Bounds, SceneNode } from './types';

const CELL = 256;
/** Cell keys pack a column and a row into one number; rows stay well inside ±2^20 for any drawable diagram. */
const SPAN = 2 ** 21;
/** A box or a query covering more cells than this is not bucketed: it is checked directly (huge or far-flung boxes). */
const MAX_SPAN_CELLS = 256;

const cellsOf = (b: Bounds): number => (Math.floor((b.x + b.w) / CELL) - Math.floor(b.x / CELL) + 1) * (Math.floor((b.y + b.h) / CELL) - Math.floor(b.y / CELL) + 1);

export class NodeGrid {
  private readonly cells = new Map<number, number[]>();
  /** Members too large to bucket (or with coordinates too large for a cell key): checked by every query. */
  private readonly big: number[] = [];
  private readonly members: number[] = [];
  /** Each member's box as x0, y0, x1, y1, in member order: a wide query scans these flat numbers, not the nodes. */
  private readonly boxes: Float64Array;
  private readonly stamp: Uint32Array;
  private query = 0;

  constructor(
    private readonly nodes: readonly SceneNode[],
    members: Iterable<number>,
  ) {
    this.stamp = new Uint32Array(nodes.length);
    for (const i of members) this.members.push(i);
    this.boxes = new Float64Array(4 * this.members.length);
    this.members.forEach((i, k) => {
      const n = nodes[i]!;
      this.boxes[4 * k] = n.x;
      this.boxes[4 * k + 1] = n.y;
      this.boxes[4 * k + 2] = n.x + n.w;
      this.boxes[4 * k + 3] = n.y + n.h;
    });
    for (const i of this.members) {
      const n = nodes[i]!;
      if (!(cellsOf(n) <= MAX_SPAN_CELLS) || !this.keyable(n)) {
        this.big.push(i);
        continue;
      }
      this.each(n, (k) => {
        const list = this.cells.get(k);
        if (list) list.push(i);
        else this.cells.set(k, [i]);
      });
    }
  }

  private keyable(b: Bounds): boolean {
    const lim = (SPAN / 2) * CELL;
    return Math.abs(b.x) < lim && Math.abs(b.y) < lim && Math.abs(b.x + b.w) < lim && Math.abs(b.y + b.h) < lim;
  }

  private each(b: Bounds, fn: (key: number) => void): void {
    for (let cx = Math.floor(b.x / CELL); cx <= Math.floor((b.x + b.w) / CELL); cx++)
      for (let cy = Math.floor(b.y / CELL); cy <= Math.floor((b.y + b.h) / CELL); cy++) fn(cx * SPAN + cy);
  }

  /** Indices of the member nodes overlapping `b` (touching counts), each once, ascending. */
  meeting(b: Bounds): number[] {
    const hit = (i: number) => {
      const n = this.nodes[i]!;
      return n.x <= b.x + b.w && n.x + n.w >= b.x && n.y <= b.y + b.h && n.y + n.h >= b.y;
    };
    // A query wider than the buckets are worth (or far off the grid) reads every member instead.
    if (!(cellsOf(b) <= Math.min(MAX_SPAN_CELLS * 16, this.members.length)) || !this.keyable(b)) return this.scan(b);
    const q = ++this.query;
    const out: number[] = [];
    const take = (i: number) => {
      if (this.stamp[i] === q) return;
      this.stamp[i] = q;
      if (hit(i)) out.push(i);
    };
    this.each(b, (k) => {
      const list = this.cells.get(k);
      if (list) for (const i of list) take(i);
    });
    for (const i of this.big) take(i);
    return out.sort((p, r) => p - r);
  }

  /** meeting() by reading every member's box: for queries spanning more cells than there are members. */
  private scan(b: Bounds): number[] {
    const { boxes, members } = this;
    const x1 = b.x + b.w;
    const y1 = b.y + b.h;
    const out: number[] = [];
    for (let k = 0; k < members.length; k++) {
      if (boxes[4 * k]! <= x1 && boxes[4 * k + 2]! >= b.x && boxes[4 * k + 1]! <= y1 && boxes[4 * k + 3]! >= b.y) out.push(members[k]!);
    }
    return out.sort((p, q) => p - q);
  }
}
