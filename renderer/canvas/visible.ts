/**
 * What the canvas draws for one viewport: the culled nodes and links (live painting), or nothing but the marks
 * and the selection when the overview bitmap draws the diagram (./overview-bitmap.ts). In bitmap mode the grid
 * query over the whole design, the one per-frame cost that grows with the design, is skipped: the selection and
 * the problem marks come from their own (small) id sets, and the visible counts are exact when the whole design
 * is in view and computed after the gesture settles otherwise.
 */
import type { ProblemLevel } from '../../shared/scene/problems';
import { isSummaryScale, SUMMARY_MAX_SCALE } from '../../shared/scene/summary';
import type { SceneIndex } from '../../shared/scene/spatial';
import type { Bounds, Scene } from '../../shared/scene/types';
import { visibleWorld, type Viewport } from '../../shared/scene/viewport';

/** Above this many visible nodes the view switches from one Konva shape per node to one overview shape. */
export const NODE_BUDGET = 600;
/**
 * Below this scale links inside servers (vNIC, uplink, PCIe) are not drawn: the servers are summaries there
 * (shared/scene/summary.ts), and their contents with them.
 */
export const INNER_LINK_MIN_SCALE = SUMMARY_MAX_SCALE;

export interface VisibleCounts {
  nodes: number;
  links: number;
}

export interface Visible {
  /** The world area drawn: the view plus a margin, so shapes sliding in during a pan are already there. */
  area: Bounds;
  /** Culled node and link indices for live painting (empty in bitmap mode). */
  underLinks: number[];
  innerLinks: number[];
  containers: number[];
  contents: number[];
  /** More nodes in view than one Konva shape each can carry: paint them as one shape (or the bitmap). */
  overview: boolean;
  selectedNodes: number[];
  selectedLinks: number[];
  problemMarks: { index: number; level: ProblemLevel }[];
  /** What is in view; null when it would take the full grid query (bitmap mode, part of the design in view). */
  counts: VisibleCounts | null;
}

const overlaps = (n: Bounds, a: Bounds) => n.x < a.x + a.w && n.x + n.w > a.x && n.y < a.y + a.h && n.y + n.h > a.y;
const containsAll = (a: Bounds, b: Bounds | null) => !b || (a.x <= b.x && a.y <= b.y && a.x + a.w >= b.x + b.w && a.y + a.h >= b.y + b.h);

/** The world area drawn for a viewport of `w × h` pixels. */
export function drawArea(vp: Viewport, w: number, h: number): Bounds {
  const view = visibleWorld(vp, w, h);
  const margin = 40 / vp.scale;
  return { x: view.x - margin, y: view.y - margin, w: view.w + 2 * margin, h: view.h + 2 * margin };
}

// Link index by id per scene, for the selection outline in bitmap mode (built on first use).
const linkIds = new WeakMap<Scene, Map<string, number>>();
function linkIndexOf(scene: Scene, id: string): number | undefined {
  let m = linkIds.get(scene);
  if (!m) {
    m = new Map(scene.links.map((l, i) => [l.id as string, i]));
    linkIds.set(scene, m);
  }
  return m.get(id);
}

// What the whole scene counts, per scene: read every frame of a pan with the whole design in view, and after every
// gesture, so counted once (272,500 links on a 10,000-host fabric).
const totals = new WeakMap<Scene, { under: number; all: number }>();
function totalsOf(scene: Scene): { under: number; all: number } {
  let t = totals.get(scene);
  if (!t) {
    t = { under: 0, all: 0 };
    // A cable drawn in parts (shared/scene/cables.ts) counts once: its parts inside servers are not counted.
    for (const l of scene.links) {
      if (l.under) t.under++;
      if (l.part !== 'inside') t.all++;
    }
    totals.set(scene, t);
  }
  return t;
}

/** What the whole scene shows at `scale`: every node, and the links the live painter draws there. */
function wholeCounts(scene: Scene, scale: number): VisibleCounts {
  const t = totalsOf(scene);
  return { nodes: scene.nodes.length, links: scale >= INNER_LINK_MIN_SCALE ? t.all : t.under };
}

/**
 * Counts of what is in `area`: nodes, and links as the live painter would draw them. The whole design in view is
 * counted once per scene; otherwise the grid is walked without listing or sorting what it finds.
 */
export function countVisible(scene: Scene, index: SceneIndex, area: Bounds, scale: number): VisibleCounts {
  if (containsAll(area, scene.bounds)) return wholeCounts(scene, scale);
  // A cable drawn in parts (shared/scene/cables.ts) counts once: its parts inside servers are not counted.
  const links = index.linkCountIn(area, (i) => scene.links[i]!.part !== 'inside' && (scale >= INNER_LINK_MIN_SCALE || scene.links[i]!.under));
  return { nodes: index.nodeCountIn(area), links };
}

export function visibleFor(
  scene: Scene,
  index: SceneIndex,
  vp: Viewport,
  size: { w: number; h: number },
  selection: { elements: ReadonlySet<string>; links: ReadonlySet<string> },
  worst: ReadonlyMap<string, ProblemLevel>,
  bitmap: boolean,
): Visible {
  const area = drawArea(vp, size.w, size.h);
  const problemMarks: { index: number; level: ProblemLevel }[] = [];
  // Problem marks: walk the (few) elements with problems rather than the (many) visible nodes.
  if (size.w > 0) {
    for (const [id, level] of worst) {
      const i = scene.nodeIndex.get(id);
      const n = i === undefined ? undefined : scene.nodes[i];
      if (n && overlaps(n, area)) problemMarks.push({ index: i!, level });
    }
  }
  if (bitmap) {
    const selectedNodes: number[] = [];
    for (const id of selection.elements) {
      const i = scene.nodeIndex.get(id);
      if (i !== undefined && overlaps(scene.nodes[i]!, area)) selectedNodes.push(i);
    }
    const selectedLinks: number[] = [];
    for (const id of selection.links) {
      const i = linkIndexOf(scene, id);
      if (i !== undefined) selectedLinks.push(i);
    }
    const counts = containsAll(area, scene.bounds) ? wholeCounts(scene, vp.scale) : null;
    return { area, underLinks: [], innerLinks: [], containers: [], contents: [], overview: true, selectedNodes, selectedLinks, problemMarks, counts };
  }
  const visibleNodes = size.w > 0 ? index.nodesIn(area) : [];
  const visibleLinks = size.w > 0 ? index.linksIn(area) : [];
  const underLinks = visibleLinks.filter((i) => scene.links[i]!.under);
  const innerLinks = vp.scale >= INNER_LINK_MIN_SCALE ? visibleLinks.filter((i) => !scene.links[i]!.under) : [];
  // Zoomed out, servers are summaries: what they hold is not painted, and the summaries are painted in one pass
  // by the level-of-detail painter (./paint.ts paintNodes), so the view counts as an overview.
  const summary = isSummaryScale(vp.scale);
  return {
    area,
    underLinks,
    innerLinks,
    containers: visibleNodes.filter((i) => scene.nodes[i]!.look.container),
    contents: visibleNodes.filter((i) => !scene.nodes[i]!.look.container && (!summary || scene.nodes[i]!.depth === 0)),
    overview: summary || visibleNodes.length > NODE_BUDGET,
    selectedNodes: selection.elements.size ? visibleNodes.filter((i) => selection.elements.has(scene.nodes[i]!.id)) : [],
    selectedLinks: selection.links.size ? visibleLinks.filter((i) => selection.links.has(scene.links[i]!.id)) : [],
    problemMarks,
    counts: { nodes: visibleNodes.length, links: underLinks.length + innerLinks.filter((i) => scene.links[i]!.part !== 'inside').length },
  };
}
