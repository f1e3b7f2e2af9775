/** The speed/width labels of the links in view (shared/scene/labels-link.ts), painted with the shared scene painter. */
import type { Design } from '../../shared/model/design';
import { cachedLinkLabelText, labelSearchBox, linkLabels, pickLabels, type PlacedLabels } from '../../shared/scene/labels-link';
import { paintsAboveServers } from '../../shared/scene/labels-ends';
import type { Palette } from '../../shared/scene/palette';
import type { SceneIndex } from '../../shared/scene/spatial';
import type { Scene, TextShape } from '../../shared/scene/types';
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
      const obstacles = index
        .nodesIn(labelSearchBox(l.points))
        .map((k) => scene.nodes[k]!)
        .filter((n) => l.under || !n.look.container);
      t = linkLabels(design, l, obstacles);
    }
    cache.labels.set(i, t);
  }
  return t;
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
