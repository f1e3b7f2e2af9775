/**
 * Speed and width labels on links: "Gen 4 x16" on a PCIe link (as trained: the lower generation and the narrower
 * width of its two ends and its slot) and "25G" on an Ethernet cable (forced speed, else the slower end). Virtual
 * attachments carry no rate of their own and get no label. A label is a scene text shape placed at the middle of
 * the route's longest segment, beside the line rather than on it, so the canvas and the exports draw it alike.
 */
import type { Design } from '../model/design';
import type { Link } from '../model/links';
import { isPcieNode, trainLink } from '../validate/pcie-tree';
import { ethernetPort } from '../validate/fabric';
import { formatPcie, formatSpeedShort } from './format';
import { endLabels, endLabelTexts, hasEndLabels, paintsAboveServers } from './labels-ends';
import { withPortRows } from './label-obstacles';
import { PORT_REACH } from './shapes';
import type { Bounds, LinkPath, TextShape } from './types';
import { pathBounds } from './geometry';

/** Label text size in diagram units: the size of an element's fine print, legible from about 70 % zoom. */
export const LINK_LABEL_SIZE = 10;
/** Gap between a label's box and its line, diagram units. */
const GAP = 3;
/** Average glyph advance in em of the UI sans-serif, generous so a label is never elided by the painter. */
const EM_ADVANCE = 0.62;
/** Cell keys pack a column and a row into one number; rows stay well inside ±2^21 for any drawable diagram. */
const ROW_SPAN = 2 ** 22;
/** Most cells of the label placement's box grid (4 bytes each): a coarser grid beyond that. */
const MAX_CELLS = 1 << 22;
/** Width of the overlap check's cells, diagram units: about a short label ("25G" is 21 wide). */
const OVERLAP_COLUMN = 32;

/** The rate a link runs at, as a short label; null for links without one (virtual attachments) or unknown rates. */
export function linkLabelText(design: Design, link: Link): string | null {
  switch (link.kind) {
    case 'pcie': {
      const up = design.elements[link.a.element];
      const down = design.elements[link.b.element];
      if (!isPcieNode(up) || !isPcieNode(down)) return null;
      const t = trainLink(link, up, down);
      return t ? formatPcie(t.gen, t.width) : null;
    }
    case 'ethernet': {
      if (link.speedGbps !== null) return formatSpeedShort(link.speedGbps);
      const a = design.elements[link.a.element];
      const b = design.elements[link.b.element];
      const sa = a ? ethernetPort(a, link.a.port)?.speedGbps : undefined;
      const sb = b ? ethernetPort(b, link.b.port)?.speedGbps : undefined;
      // Autonegotiation settles on the faster rate both ends support; with one end unknown, show the known one.
      const speed = sa !== undefined && sb !== undefined ? Math.min(sa, sb) : (sa ?? sb);
      return speed === undefined ? null : formatSpeedShort(speed);
    }
    case 'vnic':
    case 'vf':
    case 'passthrough':
    case 'uplink':
    case 'sChannel':
      return null;
  }
}

// Label texts depend on the link and on its two end elements; designs are immutable, so a cache per design
// object is exact, and the canvas asks only for the links in view.
const textCache = new WeakMap<Design, Map<string, string | null>>();

/** linkLabelText by link id, memoised per design. */
export function cachedLinkLabelText(design: Design, linkId: string): string | null {
  let m = textCache.get(design);
  if (!m) {
    m = new Map();
    textCache.set(design, m);
  }
  let t = m.get(linkId);
  if (t === undefined) {
    const link = design.links[linkId];
    t = link ? linkLabelText(design, link) : null;
    m.set(linkId, t);
  }
  return t;
}

/** Index (of the first point's x) of the longest segment of a polyline; ties go to the first. */
export function longestSegment(points: readonly number[]): number {
  let best = 0;
  let bestLen = -1;
  for (let i = 0; i + 3 < points.length; i += 2) {
    const len = Math.hypot(points[i + 2]! - points[i]!, points[i + 3]! - points[i + 1]!);
    if (len > bestLen) {
      bestLen = len;
      best = i;
    }
  }
  return best;
}

/**
 * The parameter interval (0–1) of segment a→b inside box `r`, or null when it misses it (Liang–Barsky clipping).
 * Unrolled over the four edges without allocating: label placement runs it millions of times on a large fabric.
 */
function insideInterval(ax: number, ay: number, bx: number, by: number, r: Bounds): [number, number] | null {
  const dx = bx - ax;
  const dy = by - ay;
  let t0 = 0;
  let t1 = 1;
  // Edges in the order left, right, top, bottom: (p, q) = (-dx, ax - x), (dx, x + w - ax), (-dy, ay - y), (dy, y + h - ay).
  for (let e = 0; e < 4; e++) {
    const p = e === 0 ? -dx : e === 1 ? dx : e === 2 ? -dy : dy;
    const q = e === 0 ? ax - r.x : e === 1 ? r.x + r.w - ax : e === 2 ? ay - r.y : r.y + r.h - ay;
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return null;
  }
  return [t0, t1];
}

/** Stretches (parameter intervals) of segment a→b that lie outside every obstacle, in order. */
function freeStretches(ax: number, ay: number, bx: number, by: number, obstacles: readonly Bounds[]): [number, number][] {
  const minX = Math.min(ax, bx);
  const maxX = Math.max(ax, bx);
  const minY = Math.min(ay, by);
  const maxY = Math.max(ay, by);
  const covered: [number, number][] = [];
  for (const r of obstacles) {
    // A box wholly to one side of the segment's bounds cannot clip it (insideInterval would return null): skip it cheaply.
    if (maxX < r.x || minX > r.x + r.w || maxY < r.y || minY > r.y + r.h) continue;
    const iv = insideInterval(ax, ay, bx, by, r);
    if (iv !== null) covered.push(iv);
  }
  // Stable sort by start, as before: boxes keep their order among equal starts.
  covered.sort((p, q) => p[0] - q[0]);
  const free: [number, number][] = [];
  let from = 0;
  for (const [c0, c1] of covered) {
    if (c0 > from) free.push([from, c0]);
    from = Math.max(from, c1);
  }
  if (from < 1) free.push([from, 1]);
  return free;
}

/** Most places offered for one speed label: enough to find room beside a bundle, few enough to stay cheap. */
const MAX_PLACES = 12;
/** Places tried along one stretch: its middle, then steps of a label's length toward either end. */
const SLIDES = 5;

/**
 * A label for the route `points`, at the middle of its longest segment, or of the longest stretch of a segment
 * that no obstacle covers (a cable passing behind servers is labelled where it can be seen). It sits above a
 * horizontal-ish segment (centred) or right of a vertical-ish one (left-aligned); on a slanted segment the box
 * moves further out by the line's rise across it, so the line never crosses the text. When that box would cover an
 * obstacle (a line running close under a switch), the other side is tried, then the next longest stretch. Null when
 * no stretch is long enough to carry the label clear of obstacles: a label hanging past the end of its line reads as
 * belonging to the next one.
 */
export function placeLinkLabel(points: readonly number[], text: string, obstacles: readonly Bounds[] = [], size = LINK_LABEL_SIZE): TextShape | null {
  return linkLabelPlaces(points, text, obstacles, size)[0] ?? null;
}

/**
 * Every place for the label of route `points` that stays clear of `obstacles`, best first (placeLinkLabel's choice
 * first): on each stretch, longest first, its middle and then places slid along it a label's length at a time, on
 * either side of the line. A bundle's cables run side by side with their middles level, so their labels would all
 * want one spot; pickLabels takes the first place still free, so each label moves along its own line instead of
 * being dropped. Every place stays beside its stretch, so the reach of a label from its route is unchanged.
 */
export function linkLabelPlaces(points: readonly number[], text: string, obstacles: readonly Bounds[] = [], size = LINK_LABEL_SIZE): TextShape[] {
  const w = Math.ceil(text.length * size * EM_ADVANCE) + 2;
  const stretches: { x0: number; y0: number; x1: number; y1: number; len: number }[] = [];
  const order = [longestSegment(points)];
  for (let i = 0; i + 3 < points.length; i += 2) if (i !== order[0]) order.push(i);
  for (const i of order) {
    const ax = points[i]!;
    const ay = points[i + 1]!;
    const bx = points[i + 2]!;
    const by = points[i + 3]!;
    for (const [t0, t1] of obstacles.length ? freeStretches(ax, ay, bx, by, obstacles) : [[0, 1] as [number, number]]) {
      const x0 = ax + (bx - ax) * t0;
      const y0 = ay + (by - ay) * t0;
      const x1 = ax + (bx - ax) * t1;
      const y1 = ay + (by - ay) * t1;
      stretches.push({ x0, y0, x1, y1, len: Math.hypot(x1 - x0, y1 - y0) });
    }
  }
  // Longest stretch first (stable: the longest segment's own stretches win ties); only places whose box stays clear
  // of every obstacle are offered, so a label never prints over a box the line runs close to.
  stretches.sort((a, b) => b.len - a.len);
  const base = { type: 'text' as const, text, size, bold: false, fill: 'textMuted' as const, detail: 2 as const, w };
  const out: TextShape[] = [];
  let near: readonly Bounds[] = obstacles;
  const clear = (x: number, y: number) => !near.some((o) => x < o.x + o.w && x + w > o.x && y < o.y + o.h && y + size > o.y);
  for (const { x0, y0, x1, y1, len } of stretches) {
    const dx = Math.abs(x1 - x0);
    const dy = Math.abs(y1 - y0);
    const horizontal = dx >= dy;
    // The label's length along the line: its width on a horizontal run, its height (with a line's room) on a vertical one.
    const along = horizontal ? w : 2 * size;
    if (len < along) continue;
    // Every place on this stretch lies within a label's width and height of it: only the boxes there can be in the way
    // (a long cable's obstacles are hundreds of boxes along its whole route).
    const r = w + 2 * size + GAP;
    const bx0 = Math.min(x0, x1) - r;
    const bx1 = Math.max(x0, x1) + r;
    const by0 = Math.min(y0, y1) - r;
    const by1 = Math.max(y0, y1) + r;
    near = obstacles.filter((o) => o.x < bx1 && o.x + o.w > bx0 && o.y < by1 && o.y + o.h > by0);
    // Slid places only on straight runs (a slanted segment's label is kept at its middle, where its rise is known).
    const slides = dx < 1e-6 || dy < 1e-6 ? Math.min(SLIDES, 1 + 2 * Math.floor((len - along) / 2 / along)) : 1;
    for (let k = 0; k < slides; k++) {
      // 0, +1, -1, +2, -2 …: steps of a label's length from the middle, never past the stretch's ends.
      const step = k === 0 ? 0 : (k % 2 === 1 ? 1 : -1) * Math.ceil(k / 2);
      const f = 0.5 + (step * along) / len;
      const mx = x0 + (x1 - x0) * f;
      const my = y0 + (y1 - y0) * f;
      // The two sides of the line, as the top-left corners of the label's box; a place is made only when it is clear.
      let ax: number, ay: number, bx: number, by: number;
      if (horizontal) {
        // Half the box width along the line raises the line by slope × w/2 at the box's edge.
        const rise = dx === 0 ? 0 : (dy / dx) * (w / 2);
        ax = bx = mx - w / 2;
        ay = my - GAP - rise - size;
        by = my + GAP + rise;
      } else {
        const run = (dx / dy) * (size / 2);
        ax = mx + GAP + run;
        bx = mx - GAP - run - w;
        ay = by = my - size / 2;
      }
      if (clear(ax, ay)) out.push({ ...base, align: horizontal ? 'center' : 'left', x: ax, y: ay });
      if (clear(bx, by)) out.push({ ...base, align: horizontal ? 'center' : 'right', x: bx, y: by });
      if (out.length >= MAX_PLACES) return out;
    }
  }
  return out;
}

/** The label of a routed link in `design` clear of `obstacles`, or null when it has no rate or no room to show. */
export function linkLabel(design: Design, path: LinkPath, obstacles: readonly Bounds[] = []): TextShape | null {
  // A cable drawn in parts (shared/scene/cables.ts) is labelled once, on its part between the boxes.
  if (path.part === 'inside') return null;
  const text = cachedLinkLabelText(design, path.id);
  return text === null || path.points.length < 4 ? null : placeLinkLabel(path.points, text, obstacles);
}

/**
 * The labels of a drawn link, each as a list of alternative placements in order of preference (pickLabels takes the
 * first that is clear of the labels kept before it): the speed label and, on a cable between top-level items, the
 * port names at its ends (labels-ends.ts).
 */
export function linkLabels(design: Design, path: LinkPath, given: readonly Bounds[] = []): TextShape[][] {
  // Links without a rate (virtual attachments) carry no labels at all; placeLinkLabels skips them on that test too.
  if (path.part === 'inside' || cachedLinkLabelText(design, path.id) === null) return [];
  const obstacles = given.map(withPortRows);
  const out: TextShape[][] = [];
  // Each place the speed label could take, so that pickLabels moves it along its line rather than drop it.
  const speed = path.points.length < 4 ? [] : linkLabelPlaces(path.points, cachedLinkLabelText(design, path.id)!, obstacles);
  if (speed.length) out.push(speed);
  const link = design.links[path.id];
  if (link && hasEndLabels(path)) out.push(...endLabels(design, link, path, obstacles));
  return out;
}


/** Space kept between two labels: touching labels read as one word ("25G25G"). */
const LABEL_SPACING = 2;

/**
 * One label per entry of `choices`: the first of its alternative placements whose box stays LABEL_SPACING clear of
 * every label kept before it; none when all of them would touch one (two parallel links of one rate, such as an MLAG
 * peer pair, would otherwise print over each other: the first label already says it). Keeps the order.
 */
export function pickLabels(choices: readonly (readonly TextShape[])[]): TextShape[] {
  const kept: TextShape[] = [];
  // Bucketed by cells of label height and a few glyphs' width, so the check stays linear: a whole fabric's
  // ToR cables put thousands of labels in one row, which made row buckets quadratic (~0.1 s on 2,000 hosts).
  const cells = new Map<number, TextShape[]>();
  const each = (t: TextShape, fn: (list: TextShape[] | undefined, key: number) => boolean | void): void => {
    // Cells cover the box grown by the spacing, so a label just that far away is found too.
    const r0 = Math.floor((t.y - LABEL_SPACING) / LINK_LABEL_SIZE);
    const r1 = Math.floor((t.y + t.size + LABEL_SPACING) / LINK_LABEL_SIZE);
    const c0 = Math.floor((t.x - LABEL_SPACING) / OVERLAP_COLUMN);
    const c1 = Math.floor((t.x + t.w + LABEL_SPACING) / OVERLAP_COLUMN);
    for (let c = c0; c <= c1; c++) for (let r = r0; r <= r1; r++) if (fn(cells.get(c * ROW_SPAN + r), c * ROW_SPAN + r) === true) return;
  };
  const g = LABEL_SPACING;
  const clear = (t: TextShape): boolean => {
    let hit = false;
    each(t, (list) => (hit = (list ?? []).some((o) => o.x - g < t.x + t.w && t.x < o.x + o.w + g && o.y - g < t.y + t.size && t.y < o.y + o.size + g)));
    return !hit;
  };
  for (const options of choices) {
    const t = options.find(clear);
    if (!t) continue;
    kept.push(t);
    each(t, (list, key) => {
      if (list) list.push(t);
      else cells.set(key, [t]);
    });
  }
  return kept;
}

/** Drops labels that overlap, or come within LABEL_SPACING of, one kept before it (pickLabels with no alternatives). */
export function withoutOverlaps(labels: readonly TextShape[]): TextShape[] {
  return pickLabels(labels.map((t) => [t]));
}

/** Labels of drawn links: cables between top-level items, and links inside them. */
export interface PlacedLabels {
  under: TextShape[];
  inner: TextShape[];
}

const meets = (n: Bounds, b: Bounds) => n.x < b.x + b.w && n.x + n.w > b.x && n.y < b.y + b.h && n.y + n.h > b.y;

/**
 * Labels for the drawn links of `design`, each placed where its link can be seen: a cable between servers
 * passes behind the servers (`containers`), a link inside a server behind the boxes in it (`contents`), so those
 * are its obstacles; labels printed over an earlier one are dropped. The canvas passes what is in view, an export
 * everything it draws; both paint the result with the link layer it belongs to.
 */
export function placeLinkLabels(
  design: Design,
  under: readonly LinkPath[],
  inner: readonly LinkPath[],
  containers: readonly Bounds[],
  contents: readonly Bounds[],
): PlacedLabels {
  const place = (links: readonly LinkPath[], boxes: readonly Bounds[]): TextShape[][] => {
    const out: TextShape[][] = [];
    let grid: BoxGrid | null = null;
    for (const l of links) {
      // Most links are virtual attachments without a label: skip them before any geometry.
      if (l.part === 'inside' || cachedLinkLabelText(design, l.id) === null) continue;
      grid ??= new BoxGrid(boxes);
      out.push(...linkLabels(design, l, grid.meetingRoute(l.points, labelSearchBox(l.points), labelMargin(design, l))));
    }
    return out;
  };
  // A cable between top-level boxes runs under the servers and must not be labelled over a switch it leaves from
  // either: every box is an obstacle. A link inside a server is labelled clear of the boxes in it.
  const underChoices = place(under, [...containers, ...contents]);
  const innerChoices = place(inner, contents);
  const kept = pickLabels([...innerChoices, ...underChoices]);
  const fromUnder = new Set(underChoices.flat());
  const beneath = (t: TextShape) => fromUnder.has(t) && !paintsAboveServers(t);
  const underShapes = kept.filter(beneath);
  const innerShapes = kept.filter((t) => !beneath(t));
  return { under: underShapes, inner: innerShapes };
}

/**
 * How far any label of `path` (its speed label or a port name at an end) can reach from the route's segments: its
 * widest text's box plus three lines and two gaps. A horizontal-ish label rises at most half its width off a segment
 * and a vertical-ish one runs at most half a line, so this bounds every placement placeLinkLabel and placeEndLabel try
 * (a port name's fourth row ends 4 × 11 = 44 units along its run, PORT_REACH more at a switch, and a second row beside a sideways run 22 across
 * it: less than the margin of any text of a character or more).
 */
function labelMargin(design: Design, path: LinkPath): number {
  let chars = cachedLinkLabelText(design, path.id)?.length ?? 0;
  const link = design.links[path.id];
  if (link && hasEndLabels(path)) for (const t of endLabelTexts(design, link)) chars = Math.max(chars, t.length);
  // PORT_REACH: a switch port's names start beyond the outer row of markers of its dense face (labels-ends.ts).
  return Math.ceil(chars * LINK_LABEL_SIZE * EM_ADVANCE) + 2 + 3 * LINK_LABEL_SIZE + 2 * GAP + 1 + PORT_REACH;
}

/**
 * Boxes bucketed on a uniform grid, so each link tests only the boxes near it: testing every box for every link
 * cost ~0.7 s on a 2,000-host fabric (thousands of labelled links against tens of thousands of boxes). The grid is
 * dense (one typed array of cell starts over the boxes' extent, then the box indices cell by cell): a long cable's
 * strip walks a thousand mostly empty cells on a 10,000-host fabric, and an array read is far cheaper than a Map's.
 */
class BoxGrid {
  private readonly cell: number;
  private readonly x0: number;
  private readonly y0: number;
  private readonly cols: number;
  private readonly rows: number;
  /** Cell c holds items[start[c] .. start[c + 1]); cells run row by row. */
  private readonly start: Int32Array;
  private readonly items: Int32Array;
  private readonly stamp: Uint32Array;
  private query = 0;

  constructor(private readonly boxes: readonly Bounds[]) {
    // About the size of a typical box, so most boxes sit in a few cells and a query reads few of them; coarser when
    // the extent would need more than MAX_CELLS cells. The cell size changes what is read, never what is found.
    let sum = 0;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const b of boxes) {
      sum += Math.max(b.w, b.h);
      x0 = Math.min(x0, b.x);
      y0 = Math.min(y0, b.y);
      x1 = Math.max(x1, b.x + b.w);
      y1 = Math.max(y1, b.y + b.h);
    }
    if (!(x0 <= x1 && y0 <= y1)) x0 = y0 = x1 = y1 = 0;
    let cell = Math.max(64, boxes.length ? sum / boxes.length : 64);
    while (((x1 - x0) / cell + 1) * ((y1 - y0) / cell + 1) > MAX_CELLS) cell *= 2;
    this.cell = cell;
    this.x0 = x0;
    this.y0 = y0;
    this.cols = Math.floor((x1 - x0) / cell) + 1;
    this.rows = Math.floor((y1 - y0) / cell) + 1;
    this.stamp = new Uint32Array(boxes.length);
    const start = new Int32Array(this.cols * this.rows + 1);
    boxes.forEach((b) => this.forCells(b, (c) => void start[c + 1]!++));
    for (let c = 0; c < this.cols * this.rows; c++) start[c + 1]! += start[c]!;
    const items = new Int32Array(start[this.cols * this.rows]!);
    const fill = start.slice(0, -1);
    boxes.forEach((b, i) => this.forCells(b, (c) => void (items[fill[c]!++] = i)));
    this.start = start;
    this.items = items;
  }

  /** Cells covering `b`, clamped to the grid (no box lies outside it), as [c0, c1, r0, r1]; empty when c0 > c1. */
  private span(b: Bounds): [number, number, number, number] {
    const c0 = Math.max(0, Math.floor((b.x - this.x0) / this.cell));
    const c1 = Math.min(this.cols - 1, Math.floor((b.x + b.w - this.x0) / this.cell));
    const r0 = Math.max(0, Math.floor((b.y - this.y0) / this.cell));
    const r1 = Math.min(this.rows - 1, Math.floor((b.y + b.h - this.y0) / this.cell));
    return r0 > r1 ? [1, 0, 0, 0] : [c0, c1, r0, r1];
  }

  private forCells(b: Bounds, fn: (cell: number) => void): void {
    const [c0, c1, r0, r1] = this.span(b);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) fn(r * this.cols + c);
  }

  private cellCount(b: Bounds): number {
    const [c0, c1, r0, r1] = this.span(b);
    return c0 > c1 ? 0 : (c1 - c0 + 1) * (r1 - r0 + 1);
  }

  /** Indices of the boxes in the cells of `areas` passing `keep`, each once, ascending. */
  private collect(areas: readonly Bounds[], keep: (b: Bounds) => boolean): Bounds[] {
    const q = ++this.query;
    const hits: number[] = [];
    for (const area of areas) {
      const [c0, c1, r0, r1] = this.span(area);
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          const cell = r * this.cols + c;
          for (let k = this.start[cell]!; k < this.start[cell + 1]!; k++) {
            const i = this.items[k]!;
            if (this.stamp[i] === q) continue;
            this.stamp[i] = q;
            if (keep(this.boxes[i]!)) hits.push(i);
          }
        }
      }
    }
    return hits.sort((p, r) => p - r).map((i) => this.boxes[i]!);
  }

  /**
   * The boxes that overlap `within` and come within `margin` of a segment of the route `points`, each once, in their
   * original order. Only those can clip the route or meet a label placed beside it, so a label placed against them
   * is placed as against every box in `within`; a long cable's bounding box holds hundreds of boxes it never passes.
   */
  meetingRoute(points: readonly number[], within: Bounds, margin: number): Bounds[] {
    const strips: Bounds[] = [];
    let cells = 0;
    for (let i = 0; i + 3 < points.length; i += 2) {
      const x = Math.min(points[i]!, points[i + 2]!) - margin;
      const y = Math.min(points[i + 1]!, points[i + 3]!) - margin;
      const strip = { x, y, w: Math.max(points[i]!, points[i + 2]!) + margin - x, h: Math.max(points[i + 1]!, points[i + 3]!) + margin - y };
      strips.push(strip);
      cells += this.cellCount(strip);
    }
    if (strips.length === 0) return this.meeting(within);
    const near = (n: Bounds) => meets(n, within) && strips.some((s) => meets(n, s));
    if (cells > this.boxes.length) return this.boxes.filter(near);
    return this.collect(strips, near);
  }

  /** The boxes that overlap `b`, each once, in their original order. */
  meeting(b: Bounds): Bounds[] {
    // A long diagonal cable's box can span more cells than there are boxes: then a plain scan is cheaper.
    if (this.cellCount(b) > this.boxes.length) return this.boxes.filter((n) => meets(n, b));
    return this.collect([b], (n) => meets(n, b));
  }
}

/**
 * How far a label can reach from its line: the gap plus the widest label ("Gen 5 x16" at the label size) on a vertical
 * run, so boxes that the label (not only the line) could cover are among the obstacles.
 */
export const LABEL_REACH = GAP + Math.ceil(9 * LINK_LABEL_SIZE * EM_ADVANCE) + 2;

/** The area a link's label may occupy: the route's bounding box grown by LABEL_REACH. */
export function labelSearchBox(points: readonly number[]): Bounds {
  const b = pathBounds(points);
  return { x: b.x - LABEL_REACH, y: b.y - LABEL_REACH, w: b.w + 2 * LABEL_REACH, h: b.h + 2 * LABEL_REACH };
}

