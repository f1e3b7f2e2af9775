/**
 * What a diagram export draws: the scene nodes and links kept by the layers and the scope, the problem marks, the
 * heatmap bands and the framed view box. The SVG, PNG and PDF exports all start here, so they show the same
 * things in the same place; only the drawing differs.
 */
import type { Design } from '../model/design';
import { heatBand, linkUtilisation, type UtilisationSample } from '../scene/heatmap';
import { diffLegend, heatLegendLayout, UTILISATION_LEGEND, viewWithLegend, type HeatLegendLayout } from './heat-legend';
import { DIFF_COLORS, diffBands } from '../scene/heat-diff';
import type { LinkChange } from '../sim/whatif-links';
import type { ProblemLevel } from '../scene/problems';
import { elementLayer, linkLayer, SCENE_LAYERS as EXPORT_LAYERS, type SceneLayer as ExportLayer } from '../scene/layers';
import { sceneOf } from '../scene/scene';
import { placeLinkLabels, type PlacedLabels } from '../scene/labels-link';
import { routeScene, type RoutingStyle } from '../scene/routing';
import type { Bounds, LinkPath, Scene, SceneNode } from '../scene/types';
import type { Diagnostic } from '../validate/types';

// The layer tables live with the scene (the canvas's View ▸ Layers uses them too); re-exported for the exports.
export { elementLayer, linkLayer, EXPORT_LAYERS, type ExportLayer };

/** What to draw: the options every diagram format shares. */
export interface DiagramOptions {
  /** Layers to draw; all by default. */
  layers?: readonly ExportLayer[];
  /** Diagnostics to mark (outline and badge, as on the canvas); none when omitted. */
  problems?: readonly Diagnostic[];
  /** Simulation resources: links are coloured by utilisation, as the canvas heatmap. */
  heat?: readonly UtilisationSample[];
  /** Everything, or only these elements (with their contents) and the links between them. */
  scope?: 'all' | readonly string[];
  /** How links are routed, as View ▸ Straight Links on the canvas; orthogonal by default. */
  routing?: RoutingStyle;
  /**
   * With `heat`: the run had what-if failures, so links are coloured by how their traffic changed against the run
   * without them, and the failed elements and cables are marked, as the canvas shows that run.
   */
  whatIf?: WhatIfOverlay;
}

/** What the canvas's what-if view adds to the heatmap: the link changes, the failure count and what is failed. */
export interface WhatIfOverlay {
  /** Each changed link and how (unchanged links are left out), as the app's what-if run reports them. */
  links: readonly (readonly [string, LinkChange])[];
  /** How many failures the scenario applies (the legend's title). */
  failures: number;
  /** Failed switches and hosts, and cables down (renderer/simulation failedMarks): marked dashed with a ✕. */
  failed: { elements: readonly string[]; links: readonly string[] };
}

/** Space around the drawing, in diagram units. */
export const DIAGRAM_MARGIN = 24;

export interface DiagramSelection {
  /** The design drawn (link labels read their rates from it). */
  design: Design;
  scene: Scene;
  /** Drawn nodes, in the scene's paint order. */
  nodes: SceneNode[];
  /** Indices into `nodes`: containers (painted beneath links) and contents (painted above). */
  containers: number[];
  contents: number[];
  /** Drawn links: between top-level items (painted beneath containers), and the rest. */
  underLinks: LinkPath[];
  innerLinks: LinkPath[];
  /**
   * The drawn links' labels (speeds, port names), placed once here because the frame must hold them: every format
   * paints these (labels.ts diagramLabels), so the exports show the labels the screen shows.
   */
  labels: PlacedLabels;
  /** Worst problem per marked node (index into `nodes`), in order of first mention. */
  marks: { index: number; level: ProblemLevel }[];
  /** Heat band by link id (an index into HEAT_BANDS, or into DIFF_BANDS with a what-if); null without a heatmap. */
  bands: Map<string, number> | null;
  /** The colour of each band when they are not HEAT_BANDS' (the what-if diff); null otherwise. */
  bandColors: readonly string[] | null;
  /** Failed elements (indices into `nodes`) and drawn cable paths that are down, marked on top; empty without a what-if. */
  failed: { nodes: number[]; links: LinkPath[] };
  /** The drawing's bounds plus DIAGRAM_MARGIN (and the heat legend's strip): the SVG view box, the PNG's pixels, the PDF's source. */
  view: Bounds;
  /** The heatmap's legend under the drawing; null without a heatmap. */
  legend: HeatLegendLayout | null;
}

const SEVERITY_RANK: Readonly<Record<ProblemLevel, number>> = { error: 0, warning: 1, info: 2 };

/** Which scene nodes a scope keeps: the listed elements and everything inside them. */
function inScope(d: Design, scope: 'all' | readonly string[]): (id: string) => boolean {
  if (scope === 'all') return () => true;
  const chosen = new Set(scope);
  const memo = new Map<string, boolean>();
  const check = (id: string, guard: number): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const el = d.elements[id];
    const v = chosen.has(id) || (!!el && el.parent !== null && guard < 16 && check(el.parent, guard + 1));
    memo.set(id, v);
    return v;
  };
  return (id) => check(id, 0);
}

/** Worst severity per drawn node: a problem on a hidden element (inside a collapsed host) marks what hides it. */
function problemMarks(d: Design, nodes: readonly SceneNode[], shown: ReadonlyMap<string, number>, problems: readonly Diagnostic[]): Map<number, ProblemLevel> {
  const marks = new Map<number, ProblemLevel>();
  for (const diag of problems) {
    for (const id of diag.elements) {
      let cur: string | null = id;
      for (let guard = 0; cur !== null && !shown.has(cur) && guard < 16; guard++) cur = d.elements[cur]?.parent ?? null;
      const idx = cur === null ? undefined : shown.get(cur);
      if (idx === undefined || !nodes[idx]) continue;
      const prev = marks.get(idx);
      if (prev === undefined || SEVERITY_RANK[diag.severity] < SEVERITY_RANK[prev]) marks.set(idx, diag.severity);
    }
  }
  return marks;
}

const marksOf = (d: Design, nodes: readonly SceneNode[], shown: ReadonlyMap<string, number>, problems: readonly Diagnostic[]) =>
  [...problemMarks(d, nodes, shown, problems)].map(([index, level]) => ({ index, level }));

/**
 * Sets the problem marks of a selection made without them (its `marks` as selectDiagram with these problems would
 * make them), so a caller can draw the scene while the validation runs elsewhere and mark problems once it ends.
 */
export function markProblems(sel: DiagramSelection, problems: readonly Diagnostic[]): void {
  sel.marks = marksOf(sel.design, sel.nodes, new Map(sel.nodes.map((n, i) => [n.id as string, i])), problems);
}

/** The nodes, links, marks and frame of `design`'s diagram under `opts`. */
export function selectDiagram(design: Design, opts: DiagramOptions = {}, scene: Scene = routeScene(sceneOf(design), opts.routing ?? 'orthogonal')): DiagramSelection {
  const layers = new Set(opts.layers ?? EXPORT_LAYERS);
  const keep = inScope(design, opts.scope ?? 'all');
  const nodes = scene.nodes.filter((n) => keep(n.id) && (elementLayer(n.kind) === null || layers.has(elementLayer(n.kind)!)));
  const shown = new Map(nodes.map((n, i) => [n.id as string, i]));
  // A link is drawn when its layer is on and both ends are drawn (each end is shown as itself or its container).
  const shownAs = (id: string): string | null => {
    let cur: string | null = id;
    for (let guard = 0; cur !== null && guard < 16; guard++) {
      if (shown.has(cur)) return cur;
      if (scene.nodeIndex.has(cur)) return null;
      cur = design.elements[cur]?.parent ?? null;
    }
    return null;
  };
  const links = scene.links.filter((l) => {
    const link = design.links[l.id]!;
    return layers.has(linkLayer(l.kind)) && shownAs(link.a.element) !== null && shownAs(link.b.element) !== null;
  });

  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    x0 = Math.min(x0, n.x);
    y0 = Math.min(y0, n.y);
    x1 = Math.max(x1, n.x + n.w);
    y1 = Math.max(y1, n.y + n.h);
  }
  for (const l of links) {
    for (let i = 0; i + 1 < l.points.length; i += 2) {
      x0 = Math.min(x0, l.points[i]!);
      x1 = Math.max(x1, l.points[i]!);
      y0 = Math.min(y0, l.points[i + 1]!);
      y1 = Math.max(y1, l.points[i + 1]!);
    }
  }
  // Link labels (speeds, port names) can hang past the boxes and lines they belong to: the frame holds them too.
  const underLinks = links.filter((l) => l.under);
  const innerLinks = links.filter((l) => !l.under);
  const labels = placeLinkLabels(design, underLinks, innerLinks, nodes.filter((n) => n.look.container), nodes.filter((n) => !n.look.container));
  for (const t of [...labels.under, ...labels.inner]) {
    x0 = Math.min(x0, t.x);
    y0 = Math.min(y0, t.y);
    x1 = Math.max(x1, t.x + t.w);
    y1 = Math.max(y1, t.y + t.size);
  }
  const box = x0 <= x1 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : { x: 0, y: 0, w: 0, h: 0 };
  const drawing = { x: box.x - DIAGRAM_MARGIN, y: box.y - DIAGRAM_MARGIN, w: box.w + 2 * DIAGRAM_MARGIN, h: box.h + 2 * DIAGRAM_MARGIN };
  // A heatmap export says what its colours mean, in a strip under the drawing.
  const whatIf = opts.heat ? opts.whatIf : undefined;
  const legendSpec = whatIf ? diffLegend(whatIf.failures) : UTILISATION_LEGEND;
  const view = opts.heat ? viewWithLegend(drawing, legendSpec) : drawing;

  let bands: Map<string, number> | null = null;
  if (opts.heat && whatIf) {
    // As the canvas (renderer/canvas/use-link-heat.ts): every simulated link grey, changed ones by their change.
    bands = diffBands(linkUtilisation(opts.heat).keys(), whatIf.links);
  } else if (opts.heat) {
    bands = new Map();
    for (const [id, u] of linkUtilisation(opts.heat)) bands.set(id, heatBand(u));
  }
  const failed: DiagramSelection['failed'] = { nodes: [], links: [] };
  if (whatIf) {
    for (const id of whatIf.failed.elements) {
      const i = shown.get(id);
      if (i !== undefined) failed.nodes.push(i);
    }
    // In paint order, as the canvas marks them.
    failed.nodes.sort((a, b) => a - b);
    const down = new Set(whatIf.failed.links);
    for (const l of links) if (down.has(l.id)) failed.links.push(l);
  }
  const containers: number[] = [];
  const contents: number[] = [];
  nodes.forEach((n, i) => (n.look.container ? containers : contents).push(i));
  return {
    design,
    scene,
    nodes,
    containers,
    contents,
    underLinks,
    innerLinks,
    labels,
    marks: marksOf(design, nodes, shown, opts.problems ?? []),
    bands,
    bandColors: whatIf ? DIFF_COLORS : null,
    failed,
    view,
    legend: opts.heat ? heatLegendLayout(view, legendSpec) : null,
  };
}
