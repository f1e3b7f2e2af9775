/** The speed/width labels of the links in view (shared/scene/labels-link.ts), painted with the shared scene painter. */
import type { Design } from '../../shared/model/design';
import { cachedLinkLabelText, labelSearchBox, LINK_LABEL_SIZE, linkLabels, pickLabels, type PlacedLabels } from '../../shared/scene/labels-link';
import { endLabelTexts, hasEndLabels, paintsAboveServers } from '../../shared/scene/labels-ends';
import type { Palette } from '../../shared/scene/palette';
import { PORT_REACH } from '../../shared/scene/shapes';
import type { SceneIndex } from '../../shared/scene/spatial';
import type { Bounds, LinkPath, Scene, SceneNode, TextShape } from '../../shared/scene/types';
import { FONT } from '../../shared/scene/paint';

const NONE: readonly (readonly TextShape[])[] = [];

// Where each link's label goes depends on the scene and the design only, not on the view, so it is placed once
// per link and reused by every frame of a pan or zoom (placing ~100 labels per frame cost a few milliseconds).
const placements = new WeakMap<Scene, { design: Design; labels: Map<number, readonly (readonly TextShape[])[]> }>();

/**
 * The labels of link `i` (its speed and, on a cable, the port names at its ends; each as its alternative places), placed clear of the boxes that hide
 * them: servers for a cable between them, the boxes in a server for a link inside it.
 */
function placed(design: Design, scene: Scene, index: SceneIndex, i: number): readonly (readonly TextShape[])[] {
  let cache = placements.get(scene);
  if (!cache || cache.design !== design) {
    cache = { design, labels: new Map() };
    placements.set(scene, cache);
  }
  let t = cache.labels.get(i);
  if (t === undefined) {
    const l = scene.links[i]!;
    if (l.part === 'inside' || cachedLinkLabelText(design, l.id) === null) t = NONE;
    else {
      // As the exports do (shared/scene/labels-link.ts placeLinkLabels): a cable between top-level boxes is labelled
      // clear of every box, a link inside a server clear of the boxes in it.
      t = linkLabels(design, l, labelObstacles(design, scene, index, l));
    }
    cache.labels.set(i, t);
  }
  return t;
}

/**
 * How far any label of `l` can lie from the segment it is placed on: its widest text (speed, or a port name at an
 * end) plus two lines and the gaps. placeLinkLabel keeps a label within half its width along and its width plus half
 * a line across a segment (a slanted run rises at most half the width); placeEndLabel within its width and four lines
 * of an end (past a switch's outer row of markers). So a box farther than this from every segment can neither clip the route nor meet a label of it.
 */
function labelReach(design: Design, l: LinkPath): number {
  let chars = cachedLinkLabelText(design, l.id)?.length ?? 0;
  const link = design.links[l.id];
  if (link && hasEndLabels(l)) for (const t of endLabelTexts(design, link)) chars = Math.max(chars, t.length);
  // The gaps, and PORT_REACH: a switch port's names start beyond the outer row of its dense face's markers, and may
  // stagger four lines out (shared/scene/labels-ends.ts); the same bound as labels-link.ts's labelMargin.
  return Math.ceil(chars * LINK_LABEL_SIZE * 0.62) + 2 + 3 * LINK_LABEL_SIZE + 2 * 2 + 1 + PORT_REACH;
}

const meets = (a: Bounds, b: Bounds) => a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;
const inside = (o: Bounds, c: Bounds) => o.x >= c.x && o.y >= c.y && o.x + o.w <= c.x + c.w && o.y + o.h <= c.y + c.h;
const holds = (c: Bounds, x: number, y: number) => x >= c.x - 1e-6 && x <= c.x + c.w + 1e-6 && y >= c.y - 1e-6 && y <= c.y + c.h + 1e-6;

/**
 * The obstacles link `l` is labelled against, giving the labels the exports place (shared/scene/labels-link.ts): every
 * box in the route's label search box, for a cable between top-level boxes; the boxes in a server, for a link inside
 * one. Two kinds of box are left out because they cannot change a placement, which on a 10,000-host fabric turns a
 * long spine cable's tens of thousands of boxes into the few hundred it passes:
 * - boxes farther than labelReach from every segment (they neither clip the route nor meet a label beside it);
 * - for a cable, a box lying inside a server box that is itself an obstacle and holds neither end of the route: the
 *   server clips a superset of the route and meets every label the box meets, and the port-name placement, which
 *   drops the boxes holding an end, keeps that server too (shared/scene/labels-ends.ts endLabels).
 */
export function labelObstacles(design: Design, scene: Scene, index: SceneIndex, l: LinkPath): SceneNode[] {
  const within = labelSearchBox(l.points);
  const reach = labelReach(design, l);
  const p = l.points;
  const ids: number[] = [];
  const seen = new Set<number>();
  for (let k = 0; k + 3 < p.length; k += 2) {
    const x = Math.min(p[k]!, p[k + 2]!) - reach;
    const y = Math.min(p[k + 1]!, p[k + 3]!) - reach;
    const strip = { x, y, w: Math.max(p[k]!, p[k + 2]!) + reach - x, h: Math.max(p[k + 1]!, p[k + 3]!) + reach - y };
    for (const j of index.nodesIn(strip)) {
      if (seen.has(j) || !meets(scene.nodes[j]!, within)) continue;
      seen.add(j);
      ids.push(j);
    }
  }
  ids.sort((a, b) => a - b);
  const nodes = ids.map((j) => scene.nodes[j]!);
  if (!l.under) return nodes.filter((n) => !n.look.container);
  // Servers among the obstacles that hold neither end: what lies inside them adds nothing.
  const n = p.length;
  const opaque = new Set<number>();
  for (const j of ids) {
    const c = scene.nodes[j]!;
    if (c.look.container && !holds(c, p[0]!, p[1]!) && !holds(c, p[n - 2]!, p[n - 1]!)) opaque.add(j);
  }
  if (opaque.size === 0) return nodes;
  return nodes.filter((o) => {
    if (o.depth === 0) return true;
    const root = rootOf(design, scene, o.id);
    return root === undefined || !opaque.has(root) || !inside(o, scene.nodes[root]!);
  });
}

/** Index of the top-level scene node that element `id` sits in. */
function rootOf(design: Design, scene: Scene, id: string): number | undefined {
  let el = design.elements[id];
  for (let guard = 0; el && el.parent !== null && guard < 16; guard++) el = design.elements[el.parent];
  return el ? scene.nodeIndex.get(el.id) : undefined;
}

/**
 * Labels for the visible links; one printed over another is dropped (the first already says it). Placing a label
 * the first time costs up to a millisecond (a cable across a rack has hundreds of boxes to avoid), so labels not yet
 * placed are placed for up to `budgetMs` per call; `pending` then says some were left for the
 * next frame, and a fast pan never stalls a frame on them.
 */
export function labelsInView(design: Design, scene: Scene, index: SceneIndex, under: readonly number[], inner: readonly number[], budgetMs = Infinity): PlacedLabels & { pending: boolean } {
  const deadline = performance.now() + budgetMs;
  let pending = false;
  const pick = (list: readonly number[]) => {
    const out: (readonly TextShape[])[] = [];
    for (const i of list) {
      const known = placements.get(scene);
      if (!(known?.design === design && known.labels.has(i)) && performance.now() >= deadline) {
        pending = true;
        continue;
      }
      out.push(...placed(design, scene, index, i));
    }
    return out;
  };
  const u = pick(under);
  const n = pick(inner);
  const kept = pickLabels([...n, ...u]);
  // A cable's labels paint with it beneath the servers, except port names placed just inside a server's edge.
  const fromUnder = new Set(u.flat());
  const beneath = (t: TextShape) => fromUnder.has(t) && !paintsAboveServers(t);
  return { under: kept.filter(beneath), inner: kept.filter((t) => !beneath(t)), pending };
}

/**
 * Paints labels as the scene painter's paintShape would (same font, colour, baseline and alignment), with the
 * context state set once per run of equal styles: setting `font` makes the browser parse it, and doing that for
 * every one of a hundred labels per frame was what cost a frame at 100 % zoom. Labels are sized to fit their
 * text, so there is nothing to elide.
 */
export function paintLabels(ctx: CanvasRenderingContext2D, labels: readonly TextShape[], palette: Palette): void {
  let font = '';
  let fill = '';
  ctx.textBaseline = 'top';
  for (const t of labels) {
    const f = `${t.bold ? '600 ' : ''}${t.size}px ${FONT}`;
    if (f !== font) ctx.font = font = f;
    if (palette[t.fill] !== fill) ctx.fillStyle = fill = palette[t.fill];
    ctx.textAlign = t.align;
    ctx.fillText(t.text, t.align === 'left' ? t.x : t.align === 'center' ? t.x + t.w / 2 : t.x + t.w, t.y);
  }
}
