/**
 * Paints a selected diagram (selection.ts) onto any Context2D with the canvas's own painter, in the canvas's
 * paint order: cables between servers (with their speed labels) beneath the servers, then containers, the links
 * inside them (with theirs), their contents, and problem marks on top. The PNG export paints it on a @napi-rs/canvas bitmap and the PDF export on
 * a pdfkit adapter, so neither can drift from the screen.
 */
import { paintLinks, paintNodes, paintProblems, paintShape, type Context2D, type LinkHeat } from '../scene/paint';
import { paintFailed } from '../scene/paint-failed';
import type { Palette } from '../scene/palette';
import type { Bounds, Detail, LinkPath, TextShape } from '../scene/types';
import { diagramLabels, labelsIn } from './labels';
import type { DiagramSelection } from './selection';

export interface PaintDiagramOptions {
  palette: Palette;
  /** Output units per diagram unit: thins hairlines, sizes problem badges and skips specks, as the canvas zoom does. */
  scale: number;
  /** The finest detail to draw (detailForScale for a bitmap; 2 for vector output, which can be zoomed). */
  detail: Detail;
  /** Only what meets this part of the diagram (a PDF tile); everything when omitted. */
  area?: Bounds;
}

const all = (n: number) => Array.from({ length: n }, (_, i) => i);
const meets = (b: Bounds, a: Bounds) => b.x <= a.x + a.w && b.x + b.w >= a.x && b.y <= a.y + a.h && b.y + b.h >= a.y;

function linkMeets(l: LinkPath, a: Bounds): boolean {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i + 1 < l.points.length; i += 2) {
    x0 = Math.min(x0, l.points[i]!);
    x1 = Math.max(x1, l.points[i]!);
    y0 = Math.min(y0, l.points[i + 1]!);
    y1 = Math.max(y1, l.points[i + 1]!);
  }
  return x0 <= a.x + a.w && x1 >= a.x && y0 <= a.y + a.h && y1 >= a.y;
}

/** Paints `sel` in diagram coordinates (the caller sets the transform). Returns how many nodes were painted. */
export function paintDiagram(ctx: Context2D, sel: DiagramSelection, o: PaintDiagramOptions): number {
  const { nodes } = sel;
  const a = o.area;
  // Badges stick out of their node by half a badge; a node just outside a tile may still show its badge.
  const slack = 16 / o.scale;
  const nodeMeets = (i: number) => {
    if (!a) return true;
    const n = nodes[i]!;
    return n.x - slack <= a.x + a.w && n.x + n.w + slack >= a.x && n.y - slack <= a.y + a.h && n.y + n.h + slack >= a.y;
  };
  const links = (list: readonly LinkPath[]) => (a ? all(list.length).filter((i) => linkMeets(list[i]!, a)) : all(list.length));
  const heat: LinkHeat | null = sel.bands ? { bands: sel.bands, stale: false, ...(sel.bandColors ? { colors: sel.bandColors } : {}) } : null;

  // Link labels are full-detail fine print, as on the canvas: a bitmap too small to read them leaves them out.
  const labels = o.detail === 2 ? diagramLabels(sel) : null;
  const paintLabels = (list: readonly TextShape[]) => {
    for (const t of labelsIn(list, a)) paintShape(ctx, t, 0, 0, o.palette, 0);
  };

  paintLinks(ctx, sel.underLinks, links(sel.underLinks), o.palette, o.scale, heat);
  if (labels) paintLabels(labels.under);
  let painted = paintNodes(ctx, nodes, sel.containers.filter(nodeMeets), o.palette, o.detail, o.scale);
  paintLinks(ctx, sel.innerLinks, links(sel.innerLinks), o.palette, o.scale, heat);
  if (labels) paintLabels(labels.inner);
  painted += paintNodes(ctx, nodes, sel.contents.filter(nodeMeets), o.palette, o.detail, o.scale);
  paintProblems(ctx, nodes, sel.marks.filter((m) => nodeMeets(m.index)), o.palette, o.scale);
  // What-if failures on top of everything, as the canvas marks them whatever the heatmap shows.
  const down = a ? sel.failed.links.filter((l) => linkMeets(l, a)) : sel.failed.links;
  paintFailed(ctx, nodes, down, sel.failed.nodes.filter(nodeMeets), all(down.length), o.scale);
  if (sel.legend && (!a || meets(sel.legend.box, a))) {
    for (const s of sel.legend.swatches) {
      ctx.fillStyle = s.color;
      ctx.fillRect(s.x, s.y, s.size, s.size);
    }
    for (const t of sel.legend.texts) paintShape(ctx, t, 0, 0, o.palette, 0);
  }
  return painted;
}
