/**
 * Racks drawn as racks: a rack's switches in rows on top (ToRs, then extenders), its servers in a grid of a few
 * per row beneath them, racks side by side (in rows of racks when there are many), spines in one row above every
 * rack. Pure geometry on boxes, shared by the templates (shared/templates/layout.ts, uniform boxes) and Arrange
 * Design (./arrange.ts, boxes of any size), so a template and an arranged design read the same way.
 */

/** Gaps in design units: between servers of a rack, between switches of a row, between tiers, between racks. */
export const RACK_SPACING = { server: 40, switch: 16, tier: 104, rack: 160 } as const;

/**
 * Width over height the grids aim for. The canvas of a 1400×900 window is about square once the side panels are
 * open (816×835 px), and a square-ish rack fits it at the largest zoom.
 */
const TARGET_ASPECT = 1;
/** Servers per row of a rack: at least two (a rack is not one long column), at most four (not one long row). */
const MIN_COLUMNS = 2;
const MAX_COLUMNS = 4;

/** How far an aspect ratio is from the target, symmetric in wider/taller. */
const aspectMiss = (w: number, h: number) => Math.abs(Math.log(w / h / TARGET_ASPECT));

/**
 * Servers per row for `n` servers in cells of `cellW × cellH` (gaps included) under a switch row `headH` tall:
 * the count from 2 to 4 whose rack comes closest to the target aspect (fewer when the rack has fewer servers).
 */
export function serverColumns(n: number, cellW: number, cellH: number, headH = 0): number {
  if (n <= 1) return Math.max(n, 1);
  let best = Math.min(n, MIN_COLUMNS);
  let bestMiss = Infinity;
  for (let c = Math.min(n, MIN_COLUMNS); c <= Math.min(n, MAX_COLUMNS); c++) {
    const miss = aspectMiss(c * cellW, headH + Math.ceil(n / c) * cellH);
    if (miss < bestMiss - 1e-9) {
      best = c;
      bestMiss = miss;
    }
  }
  return best;
}

/** Racks per row of racks: all in one row until the row grows past the target aspect, then rows of about √n. */
export function racksPerRow(n: number, rackW: number, rackH: number): number {
  if (n <= 1) return Math.max(n, 1);
  let best = n;
  let bestMiss = aspectMiss(n * rackW, rackH);
  for (let c = n - 1; c >= 1; c--) {
    const miss = aspectMiss(c * rackW, Math.ceil(n / c) * rackH);
    if (miss < bestMiss - 1e-9) {
      best = c;
      bestMiss = miss;
    }
  }
  return best;
}

export interface GridBox {
  id: string;
  w: number;
  h: number;
}

export interface Placed {
  w: number;
  h: number;
  positions: Map<string, { x: number; y: number }>;
}

/** Places `boxes` in one row at height `y`, `gap` apart, the first at x = `dx`. */
function row(boxes: readonly GridBox[], gap: number, y: number, dx: number, out: Map<string, { x: number; y: number }>): void {
  let x = dx;
  for (const b of boxes) {
    out.set(b.id, { x, y });
    x += b.w + gap;
  }
}

const rowWidth = (boxes: readonly GridBox[], gap: number) => boxes.reduce((s, b) => s + b.w, 0) + Math.max(0, boxes.length - 1) * gap;
const rowHeight = (boxes: readonly GridBox[]) => boxes.reduce((s, b) => Math.max(s, b.h), 0);

/**
 * One rack: each switch tier (`tiers`, top first: ToRs, then extenders) a centred row, the `servers` (servers and
 * storage, in order) in a grid beneath, filled row by row. Positions are relative to the rack's top-left corner.
 */
export function placeRack(tiers: readonly (readonly GridBox[])[], servers: readonly GridBox[]): Placed {
  const cellW = servers.reduce((s, b) => Math.max(s, b.w), 0);
  const heads = tiers.filter((t) => t.length > 0);
  const headH = heads.reduce((s, t) => s + rowHeight(t) + RACK_SPACING.tier, 0);
  const avgH = servers.length ? servers.reduce((s, b) => s + b.h, 0) / servers.length : 0;
  const cols = serverColumns(servers.length, cellW + RACK_SPACING.server, avgH + RACK_SPACING.server, headH);
  const gridW = servers.length ? cols * cellW + (cols - 1) * RACK_SPACING.server : 0;
  const w = Math.max(gridW, ...heads.map((t) => rowWidth(t, RACK_SPACING.switch)));
  const positions = new Map<string, { x: number; y: number }>();
  let y = 0;
  for (const t of heads) {
    row(t, RACK_SPACING.switch, y, (w - rowWidth(t, RACK_SPACING.switch)) / 2, positions);
    y += rowHeight(t) + RACK_SPACING.tier;
  }
  const gridX = (w - gridW) / 2;
  for (let i = 0; i < servers.length; i += cols) {
    const line = servers.slice(i, i + cols);
    line.forEach((b, k) => positions.set(b.id, { x: gridX + k * (cellW + RACK_SPACING.server), y }));
    y += rowHeight(line) + RACK_SPACING.server;
  }
  const h = servers.length ? y - RACK_SPACING.server : Math.max(0, y - RACK_SPACING.tier);
  return { w, h, positions };
}

/**
 * Spines (a centred row on top) over racks side by side, in rows of racks when there are many (`perRow`, or
 * racksPerRow of the largest rack). `racks` are placed blocks with an id; positions are their top-left corners.
 */
export function placeRacks(spines: readonly GridBox[], racks: readonly GridBox[], perRow?: number): Placed {
  const rackW = racks.reduce((s, b) => Math.max(s, b.w), 0);
  const rackH = racks.reduce((s, b) => Math.max(s, b.h), 0);
  const cols = perRow ?? racksPerRow(racks.length, rackW + RACK_SPACING.rack, rackH + RACK_SPACING.rack);
  const positions = new Map<string, { x: number; y: number }>();
  const racksW = racks.length ? Math.min(cols, racks.length) * (rackW + RACK_SPACING.rack) - RACK_SPACING.rack : 0;
  const spinesW = rowWidth(spines, RACK_SPACING.switch);
  const w = Math.max(racksW, spinesW);
  // Spines spread over the racks' width (at least their own), so their cables fan out evenly.
  if (spines.length) {
    const step = w / spines.length;
    spines.forEach((s, i) => positions.set(s.id, { x: Math.round(step * i + (step - s.w) / 2), y: 0 }));
  }
  let y = spines.length ? rowHeight(spines) + 2 * RACK_SPACING.tier : 0;
  const x0 = (w - racksW) / 2;
  for (let i = 0; i < racks.length; i += cols) {
    const line = racks.slice(i, i + cols);
    line.forEach((b, k) => positions.set(b.id, { x: x0 + k * (rackW + RACK_SPACING.rack), y }));
    y += rowHeight(line) + RACK_SPACING.rack;
  }
  const h = racks.length ? y - RACK_SPACING.rack : rowHeight(spines);
  return { w, h, positions };
}
