/**
 * Paints scene shapes onto a 2D context. Konva calls these from custom shapes' `sceneFunc`, one node per shape
 * when few are visible, or all visible nodes in one shape for the zoomed-out overview; the PNG export calls them
 * on a @napi-rs/canvas context and the PDF export on a pdfkit adapter. Every path uses the same code, so the
 * views and the exports never disagree (STYLE.md point 11).
 */
import type { Context2D } from './paint-context';
import type { Palette } from './palette';
import { problemShapes, type ProblemLevel } from './problems';
import { HEAT_BANDS, heatWidthFactor } from './heatmap';
import { isSummaryScale, summaryShapes } from './summary';
import type { Detail, ElementLook, LinkPath, SceneNode, Shape } from './types';

export type { Context2D } from './paint-context';

/** Utilisation colouring for links: heat band per link id (shared/scene/heatmap.ts); `stale` dims it. */
export interface LinkHeat {
  bands: ReadonlyMap<string, number>;
  stale: boolean;
  /** Colour per band index when not the utilisation bands (the what-if diff, shared/scene/heat-diff.ts). */
  colors?: readonly string[];
}

/** The label font stack (DejaVu Sans is what a Linux export host usually has). */
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif";

// Eliding text needs measureText, which is slow enough to matter at a thousand labels per frame; the
// result only depends on the font, the width and the text, so it is cached (bounded, cleared when full).
// One cache per context: the screen, the PNG and the PDF measure with different fonts.
const elidedBy = new WeakMap<Context2D, Map<string, string>>();
const ELIDED_MAX = 20_000;

/** `text` elided to `width` in `font`, the font `ctx` has just been given (reading ctx.font back costs a serialisation). */
function fit(ctx: Context2D, font: string, text: string, width: number): string {
  let elided = elidedBy.get(ctx);
  if (!elided) elidedBy.set(ctx, (elided = new Map()));
  const key = `${font}|${width}|${text}`;
  const hit = elided.get(key);
  if (hit !== undefined) return hit;
  let out = text;
  if (ctx.measureText(text).width > width) {
    // Elided in the middle: names in a design differ at both ends ("r01-h001-vm07" beside "r01-h001-vm08", "Intel
    // E810-XXV" beside "Intel E810-C"), and cutting the end would make neighbours read alike.
    const elide = (keep: number) => {
      const head = Math.ceil(keep / 2);
      return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`;
    };
    let lo = 0;
    let hi = text.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ctx.measureText(elide(mid)).width <= width) lo = mid;
      else hi = mid - 1;
    }
    out = lo > 0 ? elide(lo) : '';
  }
  if (elided.size >= ELIDED_MAX) elided.clear();
  elided.set(key, out);
  return out;
}

function roundRect(ctx: Context2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  if (r > 0 && typeof ctx.roundRect === 'function') ctx.roundRect(x, y, w, h, Math.min(r, w / 2, h / 2));
  else ctx.rect(x, y, w, h);
}

/**
 * Paints one shape offset by (ox, oy). `minStroke` is the thinnest line worth drawing in world units,
 * so outlines stay visible (as hairlines) when zoomed far out.
 */
export function paintShape(ctx: Context2D, s: Shape, ox: number, oy: number, palette: Palette, minStroke: number): void {
  switch (s.type) {
    case 'rect':
      roundRect(ctx, ox + s.x, oy + s.y, s.w, s.h, s.radius);
      if (s.fill) {
        ctx.fillStyle = palette[s.fill];
        ctx.fill();
      }
      if (s.stroke) {
        ctx.strokeStyle = palette[s.stroke];
        ctx.lineWidth = Math.max(s.strokeWidth, minStroke);
        ctx.setLineDash(s.dash ?? []);
        ctx.stroke();
      }
      return;
    case 'text': {
      const font = `${s.bold ? '600 ' : ''}${s.size}px ${FONT}`;
      ctx.font = font;
      const t = fit(ctx, font, s.text, s.w);
      if (!t) return;
      ctx.fillStyle = palette[s.fill];
      ctx.textBaseline = 'top';
      ctx.textAlign = s.align;
      const x = s.align === 'left' ? s.x : s.align === 'center' ? s.x + s.w / 2 : s.x + s.w;
      ctx.fillText(t, ox + x, oy + s.y);
      return;
    }
    case 'line':
      ctx.beginPath();
      ctx.moveTo(ox + s.points[0]!, oy + s.points[1]!);
      for (let i = 2; i + 1 < s.points.length; i += 2) ctx.lineTo(ox + s.points[i]!, oy + s.points[i + 1]!);
      ctx.strokeStyle = palette[s.stroke];
      ctx.lineWidth = Math.max(s.strokeWidth, minStroke);
      ctx.setLineDash(s.dash ?? []);
      ctx.stroke();
      return;
    case 'port':
      ctx.fillStyle = palette[s.fill];
      ctx.fillRect(ox + s.x, oy + s.y, s.size, s.size);
      return;
  }
}

/** Paints a look at (ox, oy), skipping shapes finer than `detail`. */
export function paintLook(ctx: Context2D, look: ElementLook, ox: number, oy: number, palette: Palette, detail: Detail, minStroke: number): void {
  for (const s of look.shapes) if (s.detail <= detail) paintShape(ctx, s, ox, oy, palette, minStroke);
}

/**
 * Paints many nodes in one pass (the overview). Nodes smaller than a few screen pixels are skipped:
 * at that size a VM is noise, and skipping 40,000 of them is what keeps the overview fast.
 */
export function paintNodes(ctx: Context2D, nodes: readonly SceneNode[], indices: readonly number[], palette: Palette, detail: Detail, scale: number): number {
  const minStroke = 0.75 / scale;
  let painted = 0;
  for (const i of indices) {
    const n = nodes[i]!;
    if (n.w * scale < 3 && !n.look.container) continue;
    paintLook(ctx, n.look, n.x, n.y, palette, detail, minStroke);
    painted++;
  }
  return painted;
}

/**
 * The canvas's node painter, with level of detail: at full zoom the same as paintNodes; below SUMMARY_MAX_SCALE
 * each top-level element as its summary (./summary.ts: box, name and counts in readable letters) and nothing
 * nested, which is what makes a zoomed-out view both legible and cheap. Exports keep paintNodes (full detail).
 */
export function paintNodesLod(ctx: Context2D, nodes: readonly SceneNode[], indices: readonly number[], palette: Palette, detail: Detail, scale: number): number {
  if (!isSummaryScale(scale)) return paintNodes(ctx, nodes, indices, palette, detail, scale);
  const minStroke = 0.75 / scale;
  let painted = 0;
  for (const i of indices) {
    const n = nodes[i]!;
    const shapes = summaryShapes(n, scale);
    if (!shapes) continue;
    for (const s of shapes) paintShape(ctx, s, n.x, n.y, palette, minStroke);
    painted++;
  }
  return painted;
}

/**
 * Paints links grouped by style, so a thousand cables of one kind are one stroke call. With a heatmap,
 * simulated links take their band's colour (solid, thicker when busier) and group by band.
 */
export function paintLinks(ctx: Context2D, links: readonly LinkPath[], indices: readonly number[], palette: Palette, scale: number, heat: LinkHeat | null = null): void {
  const groups = new Map<string, LinkPath[]>();
  const bandOf = new Map<string, number>();
  for (const i of indices) {
    const l = links[i]!;
    const band = heat?.bands.get(l.id);
    const key = band !== undefined ? `heat|${band}|${l.strokeWidth}` : `${l.stroke}|${l.strokeWidth}|${l.dash?.join(',') ?? ''}`;
    if (band !== undefined) bandOf.set(key, band);
    const g = groups.get(key);
    if (g) g.push(l);
    else groups.set(key, [l]);
  }
  for (const [key, group] of groups) {
    const first = group[0]!;
    ctx.beginPath();
    for (const l of group) {
      ctx.moveTo(l.points[0]!, l.points[1]!);
      for (let k = 2; k + 1 < l.points.length; k += 2) ctx.lineTo(l.points[k]!, l.points[k + 1]!);
    }
    const band = bandOf.get(key);
    if (band === undefined) {
      ctx.strokeStyle = palette[first.stroke];
      ctx.lineWidth = Math.max(first.strokeWidth, 0.75 / scale);
      ctx.setLineDash(first.dash ?? []);
      ctx.stroke();
      continue;
    }
    ctx.save();
    // Stale results stay visible (the user can compare) but clearly faded.
    ctx.globalAlpha = heat!.stale ? 0.35 : 1;
    ctx.strokeStyle = heat!.colors?.[band] ?? HEAT_BANDS[band]!.color;
    ctx.lineWidth = Math.max(first.strokeWidth * heatWidthFactor(band), 1.5 / scale);
    ctx.setLineDash([]);
    ctx.stroke();
    ctx.restore();
  }
}

/** Outlines selected nodes and links with a constant on-screen width. */
export function paintSelection(
  ctx: Context2D,
  nodes: readonly SceneNode[],
  links: readonly LinkPath[],
  nodeIdx: readonly number[],
  linkIdx: readonly number[],
  palette: Palette,
  scale: number,
): void {
  const px = 1 / scale;
  ctx.setLineDash([]);
  ctx.strokeStyle = palette.selection;
  ctx.lineWidth = 3 * px;
  ctx.beginPath();
  for (const i of linkIdx) {
    const l = links[i]!;
    ctx.moveTo(l.points[0]!, l.points[1]!);
    for (let k = 2; k + 1 < l.points.length; k += 2) ctx.lineTo(l.points[k]!, l.points[k + 1]!);
  }
  ctx.stroke();
  ctx.lineWidth = 2 * px;
  for (const i of nodeIdx) {
    const n = nodes[i]!;
    const pad = 3 * px;
    roundRect(ctx, n.x - pad, n.y - pad, n.w + 2 * pad, n.h + 2 * pad, 6 * px);
    // A tint over a whole server would wash out its contents; containers get the outline only.
    if (!n.look.container) {
      ctx.fillStyle = palette['selection.fill'];
      ctx.fill();
    }
    ctx.stroke();
  }
}

/** Outlines and badges the nodes with problems (indices into `nodes`, already culled to the view). */
export function paintProblems(ctx: Context2D, nodes: readonly SceneNode[], marks: readonly { index: number; level: ProblemLevel }[], palette: Palette, scale: number): void {
  // Outlines first, badges on top, so a badge is never crossed by a neighbour's outline.
  const shapes = marks.map((m) => problemShapes(nodes[m.index]!, m.level, scale));
  for (const s of shapes) paintShape(ctx, s[0]!, 0, 0, palette, 0);
  for (const s of shapes) for (let k = 1; k < s.length; k++) paintShape(ctx, s[k]!, 0, 0, palette, 0);
}
