/**
 * Placement of an imported PCIe forest inside its host container. Each root complex heads a column
 * block; every device takes the next row below its parent, one column further left per level, so
 * children sit below their parents and the tree grows leftward from the root complex, matching the
 * scene's port sides (root ports on the left of a root complex, upstream ports on the right of a device).
 */

export interface LayoutNode {
  id: string;
  children: LayoutNode[];
}

export interface Point {
  x: number;
  y: number;
}

/** Cell of one device, in design units (elements are 148×56; the rest is gutter for the links). */
const CELL_W = 184;
const CELL_H = 72;
/** Inner margin of the host container, its title bar, and the gap between root-complex blocks. */
const PAD = 16;
const TITLE = 40;
const BLOCK_GAP = 24;
/** Smallest host box, so a machine with one device still reads as a server. */
const MIN_W = 480;
const MIN_H = 160;

function depthOf(n: LayoutNode): number {
  let d = 0;
  for (const c of n.children) d = Math.max(d, depthOf(c) + 1);
  return d;
}

/** Positions (relative to the host's top-left corner) of every node, and the host size that holds them. */
export function layoutForest(roots: readonly LayoutNode[]): { positions: Map<string, Point>; width: number; height: number } {
  const positions = new Map<string, Point>();
  let left = PAD;
  let rowsUsed = 0;
  for (const root of roots) {
    const depth = depthOf(root);
    // The root complex sits in the rightmost column of its block; depth d is d columns to its left.
    const rootX = left + depth * CELL_W;
    let row = 0;
    const place = (n: LayoutNode, d: number) => {
      positions.set(n.id, { x: rootX - d * CELL_W, y: TITLE + row * CELL_H });
      row++;
      for (const c of n.children) place(c, d + 1);
    };
    place(root, 0);
    rowsUsed = Math.max(rowsUsed, row);
    left += (depth + 1) * CELL_W + BLOCK_GAP;
  }
  const width = Math.max(MIN_W, left - BLOCK_GAP + PAD);
  const height = Math.max(MIN_H, TITLE + rowsUsed * CELL_H + PAD);
  return { positions, width, height };
}
