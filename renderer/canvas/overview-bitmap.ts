/**
 * The zoomed-out overview as one bitmap. Below 40 % zoom nothing on the diagram is finer than a box outline, and
 * a large design (the 2,000-server fabric: 50,000 boxes and as many links) costs tens of milliseconds to paint,
 * far too much to repeat every frame of a pan or zoom. So the whole scene is painted once into an offscreen canvas
 * at the current scale, and each frame only draws that bitmap where the viewport puts it: a pan never repaints,
 * and a zoom stretches the bitmap until the gesture settles (or the stretch passes 2×), then paints it sharp.
 * The bitmap is repainted whenever what it shows changes: scene, theme, heatmap.
 *
 * Painting the whole scene takes 150-800 ms on the 2,000-server fabric with software rasterisation, far more than a
 * frame, so a repaint is spread over animation frames (PAINT_BUDGET_MS of painting each, in paint order, into a new
 * canvas) while the previous bitmap goes on being drawn, stretched; the new one replaces it once complete, and
 * `onProgress` asks the canvas to draw again. Only the very first bitmap, with nothing to show meanwhile, appears
 * in parts over a few frames.
 */
import type { LinkHeat } from '../../shared/scene/paint';
import type { Palette } from '../../shared/scene/palette';
import type { Bounds, Scene } from '../../shared/scene/types';
import { detailForScale, type Viewport } from '../../shared/scene/viewport';
import { paintLinks, paintNodes } from './paint';

/** Largest bitmap side and area in device pixels: beyond this the live, culled painter is cheaper than the memory. */
const MAX_SIDE = 4096;
const MAX_AREA = 8_000_000;
/** How far a bitmap may be stretched or shrunk while a zoom is under way before it is repainted. */
const MAX_STRETCH = 2;
/** Painting per animation frame, ms: leaves most of a 60 Hz frame for the draw itself and for input. */
const PAINT_BUDGET_MS = 8;
/**
 * Items painted between two looks at the clock: small, as a server with its text can take 0.1 ms to paint and a
 * cable routed across the fabric a good deal more (a slice of 48 cables once took 28 ms).
 */
const NODE_CHUNK = 48;
const LINK_CHUNK = 12;
/** World units around the scene bounds, so outlines and link widths at the edge are not cut off. */
const PAD = 8;

/** What a bitmap shows besides the scale; a change in any of these repaints it. */
export interface OverviewInput {
  scene: Scene;
  palette: Palette;
  heat: LinkHeat | null;
  /** Links inside servers are drawn from this scale up (as in the live painter). */
  innerLinkMinScale: number;
}

const padded = (b: Bounds): Bounds => ({ x: b.x - PAD, y: b.y - PAD, w: b.w + 2 * PAD, h: b.h + 2 * PAD });

/** Whether a bitmap of the whole scene at `scale` stays within the memory budget. */
export function overviewFits(bounds: Bounds | null, scale: number, dpr: number): boolean {
  if (!bounds) return false;
  const b = padded(bounds);
  const w = b.w * scale * dpr;
  const h = b.h * scale * dpr;
  return w <= MAX_SIDE && h <= MAX_SIDE && w * h <= MAX_AREA;
}

/** One step of a repaint: a slice of one paint-order list. */
type Step = (ctx: CanvasRenderingContext2D, from: number, to: number) => void;
interface StepList {
  run: Step;
  /** Items in the list, and how many to paint between two looks at the clock. */
  n: number;
  chunk: number;
}

/** A repaint under way: a new canvas filled list by list, slice by slice, across frames. */
interface PaintJob {
  input: OverviewInput;
  scale: number;
  dpr: number;
  area: Bounds;
  canvas: HTMLCanvasElement;
  /** The painted part of `canvas`, device pixels from its top left (a reused canvas can be larger). */
  w: number;
  h: number;
  ctx: CanvasRenderingContext2D;
  /** The paint-order lists still to paint, each with its length; `at` is how far into the first one. */
  steps: StepList[];
  at: number;
}

interface PaintOrder {
  under: number[];
  inner: number[];
  containers: number[];
  contents: number[];
}
// The paint-order lists of a scene, split once: a zoom gesture starts several repaints of the same scene, and
// splitting 100,000 items each time cost more than a frame's painting budget.
const paintOrders = new WeakMap<Scene, PaintOrder>();
function paintOrderOf(scene: Scene): PaintOrder {
  let o = paintOrders.get(scene);
  if (!o) {
    o = { under: [], inner: [], containers: [], contents: [] };
    scene.links.forEach((l, i) => (l.under ? o!.under : o!.inner).push(i));
    scene.nodes.forEach((n, i) => (n.look.container ? o!.containers : o!.contents).push(i));
    paintOrders.set(scene, o);
  }
  return o;
}

const sameInput = (a: OverviewInput | null, b: OverviewInput) => a !== null && a.scene === b.scene && a.palette === b.palette && a.heat === b.heat;
const stretchOf = (a: number, b: number) => (a > 0 ? Math.max(a / b, b / a) : Infinity);

export class OverviewBitmap {
  private canvas: HTMLCanvasElement | null = null;
  /** The painted part of `canvas`, device pixels. */
  private w = 0;
  private h = 0;
  /**
   * The bitmap a completed repaint replaced, kept for the next repaint to paint into: allocating a new canvas of up
   * to 8 M pixels (and clearing it) cost a 200-500 ms frame while zooming a 10,000-host fabric's overview.
   */
  private spare: HTMLCanvasElement | null = null;
  private input: OverviewInput | null = null;
  /** Scale the bitmap was painted at, and the world rectangle it covers. */
  private scale = 0;
  private area: Bounds = { x: 0, y: 0, w: 0, h: 0 };
  private dpr = 1;
  private job: PaintJob | null = null;
  private frame = 0;
  /** How many times a bitmap was completed (for tests and the benchmark's curiosity). */
  paints = 0;

  /** `onProgress` is called after each frame of a repaint, so the canvas draws the bitmap again. */
  constructor(private readonly onProgress: () => void = () => {}) {}

  /**
   * Makes the bitmap ready for `scale`, starting a repaint if needed. With `settled` false (a zoom is under way) a
   * bitmap painted at a nearby scale is kept; with `settled` true it must match the scale exactly. The repaint
   * completes over the next frames; until then `draw` shows the previous bitmap.
   */
  ensure(input: OverviewInput, scale: number, dpr: number, settled: boolean): void {
    const fits = (s: number) => (settled ? s === scale : stretchOf(s, scale) <= MAX_STRETCH);
    if (sameInput(this.input, input) && this.dpr === dpr && fits(this.scale)) {
      this.cancel();
      return;
    }
    const j = this.job;
    if (j && sameInput(j.input, input) && j.dpr === dpr && fits(j.scale)) return;
    this.start(input, scale, dpr);
  }

  private start(input: OverviewInput, scale: number, dpr: number): void {
    this.cancel();
    const { scene, palette, heat } = input;
    const area = padded(scene.bounds ?? { x: 0, y: 0, w: 0, h: 0 });
    const w = Math.max(1, Math.ceil(area.w * scale * dpr));
    const h = Math.max(1, Math.ceil(area.h * scale * dpr));
    // The replaced bitmap, when large enough, cleared whole: a zoom stretch samples pixels just past the painted part.
    let c = this.spare && this.spare.width >= w && this.spare.height >= h ? this.spare : null;
    this.spare = null;
    if (c) {
      const g = c.getContext('2d')!;
      g.setTransform(1, 0, 0, 1, 0, 0);
      g.clearRect(0, 0, c.width, c.height);
    } else {
      c = document.createElement('canvas');
      c.width = w;
      c.height = h;
    }
    const ctx = c.getContext('2d')!;
    ctx.setTransform(scale * dpr, 0, 0, scale * dpr, -area.x * scale * dpr, -area.y * scale * dpr);
    // Paint order of the live painter: cables between servers, servers, links inside them, their contents.
    const detail = detailForScale(scale);
    const { under, inner, containers, contents } = paintOrderOf(scene);
    const links = (list: number[]): Step => (g, a, b) => paintLinks(g, scene.links, list.slice(a, b), palette, scale, heat);
    const nodes = (list: number[]): Step => (g, a, b) => void paintNodes(g, scene.nodes, list.slice(a, b), palette, detail, scale);
    const steps: StepList[] = [
      { run: links(under), n: under.length, chunk: LINK_CHUNK },
      { run: nodes(containers), n: containers.length, chunk: NODE_CHUNK },
      ...(scale >= input.innerLinkMinScale ? [{ run: links(inner), n: inner.length, chunk: LINK_CHUNK }] : []),
      { run: nodes(contents), n: contents.length, chunk: NODE_CHUNK },
    ].filter((s) => s.n > 0);
    this.job = { input, scale, dpr, area, canvas: c, w, h, ctx, steps, at: 0 };
    // The first bitmap has nothing to stand in for it: paint a frame's worth now, so something shows at once.
    if (!this.canvas) this.work();
    else this.frame = requestAnimationFrame(() => this.tick());
  }

  private tick(): void {
    this.frame = 0;
    this.work();
    this.onProgress();
  }

  /** Paints the current job for up to PAINT_BUDGET_MS; completes it or schedules the next frame. */
  private work(): void {
    const j = this.job;
    if (!j) return;
    const t0 = performance.now();
    while (j.steps.length > 0 && performance.now() - t0 < PAINT_BUDGET_MS) {
      const s = j.steps[0]!;
      const to = Math.min(s.n, j.at + s.chunk);
      s.run(j.ctx, j.at, to);
      j.at = to;
      if (to >= s.n) {
        j.steps.shift();
        j.at = 0;
      }
    }
    if (j.steps.length > 0) {
      if (!this.frame) this.frame = requestAnimationFrame(() => this.tick());
      return;
    }
    this.job = null;
    this.spare = this.canvas;
    this.canvas = j.canvas;
    this.w = j.w;
    this.h = j.h;
    this.input = j.input;
    this.scale = j.scale;
    this.area = j.area;
    this.dpr = j.dpr;
    this.paints++;
  }

  private cancel(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    // An abandoned repaint's canvas serves the next one.
    if (this.job && !this.spare) this.spare = this.job.canvas;
    this.job = null;
  }

  /** Frees the bitmap (up to 32 MB of pixels) once the view has zoomed in past the overview. */
  release(): void {
    this.cancel();
    this.canvas = null;
    this.spare = null;
    this.input = null;
    this.scale = 0;
  }

  /**
   * Draws the bitmap for `vp` onto a context in CSS pixels (Konva has already applied the device pixel ratio).
   * Before the first bitmap is complete, the part painted so far.
   */
  draw(ctx: CanvasRenderingContext2D, vp: Viewport, view: { w: number; h: number }): void {
    const j = this.job;
    const src = this.canvas
      ? { c: this.canvas, pw: this.w, ph: this.h, scale: this.scale, area: this.area, dpr: this.dpr }
      : j
        ? { c: j.canvas, pw: j.w, ph: j.h, scale: j.scale, area: j.area, dpr: j.dpr }
        : null;
    if (!src) return;
    const { c, pw, ph, area, dpr } = src;
    const k = vp.scale / src.scale;
    let x = area.x * vp.scale + vp.x;
    let y = area.y * vp.scale + vp.y;
    if (k === 1) {
      // At its own scale, land on whole device pixels: a copy, not a resample, so it stays as sharp as painted.
      x = Math.round(x * dpr) / dpr;
      y = Math.round(y * dpr) / dpr;
    }
    ctx.imageSmoothingEnabled = k !== 1;
    // Only the part in view: resampling the whole bitmap (up to 8 M pixels) for every frame of a zoom cost 30-60 ms.
    const w = (pw / dpr) * k;
    const h = (ph / dpr) * k;
    const x0 = Math.max(x, 0);
    const y0 = Math.max(y, 0);
    const x1 = Math.min(x + w, view.w);
    const y1 = Math.min(y + h, view.h);
    if (x1 <= x0 || y1 <= y0) return;
    const sx = pw / w;
    const sy = ph / h;
    ctx.drawImage(c, (x0 - x) * sx, (y0 - y) * sy, (x1 - x0) * sx, (y1 - y0) * sy, x0, y0, x1 - x0, y1 - y0);
  }
}
