/**
 * The zoomed-out overview as one bitmap. Below 40 % zoom nothing on the diagram is finer than a box outline, and
 * a large design (the 2,000-server fabric: 50,000 boxes and as many links) costs tens of milliseconds to paint,
 * far too much to repeat every frame of a pan or zoom. So the whole scene is painted once into an offscreen canvas
 * at the current scale, and each frame only draws that bitmap where the viewport puts it: a pan never repaints,
 * and a zoom stretches the bitmap until the gesture settles (or the stretch passes 2×), then paints it sharp.
 * The bitmap is repainted whenever what it shows changes: scene, theme, heatmap.
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

export class OverviewBitmap {
  private canvas: HTMLCanvasElement | null = null;
  private input: OverviewInput | null = null;
  /** Scale the bitmap was painted at, and the world rectangle it covers. */
  private scale = 0;
  private area: Bounds = { x: 0, y: 0, w: 0, h: 0 };
  private dpr = 1;
  /** How many times the bitmap was painted (for tests and the benchmark's curiosity). */
  paints = 0;

  /**
   * Makes the bitmap ready for `scale`. With `settled` false (a zoom is under way) a bitmap painted at a nearby
   * scale is kept; with `settled` true it must match the scale exactly.
   */
  ensure(input: OverviewInput, scale: number, dpr: number, settled: boolean): void {
    const same = this.input !== null && this.input.scene === input.scene && this.input.palette === input.palette && this.input.heat === input.heat && this.dpr === dpr;
    const stretch = this.scale > 0 ? Math.max(scale / this.scale, this.scale / scale) : Infinity;
    if (same && (settled ? stretch === 1 : stretch <= MAX_STRETCH)) return;
    this.paint(input, scale, dpr);
  }

  private paint(input: OverviewInput, scale: number, dpr: number): void {
    const { scene, palette, heat } = input;
    const area = padded(scene.bounds ?? { x: 0, y: 0, w: 0, h: 0 });
    const c = this.canvas ?? document.createElement('canvas');
    c.width = Math.max(1, Math.ceil(area.w * scale * dpr));
    c.height = Math.max(1, Math.ceil(area.h * scale * dpr));
    const ctx = c.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, c.width, c.height);
    ctx.setTransform(scale * dpr, 0, 0, scale * dpr, -area.x * scale * dpr, -area.y * scale * dpr);
    // Paint order of the live painter: cables between servers, servers, links inside them, their contents.
    const detail = detailForScale(scale);
    const under: number[] = [];
    const inner: number[] = [];
    scene.links.forEach((l, i) => (l.under ? under : inner).push(i));
    const containers: number[] = [];
    const contents: number[] = [];
    scene.nodes.forEach((n, i) => (n.look.container ? containers : contents).push(i));
    paintLinks(ctx, scene.links, under, palette, scale, heat);
    paintNodes(ctx, scene.nodes, containers, palette, detail, scale);
    if (scale >= input.innerLinkMinScale) paintLinks(ctx, scene.links, inner, palette, scale, heat);
    paintNodes(ctx, scene.nodes, contents, palette, detail, scale);
    this.canvas = c;
    this.input = input;
    this.scale = scale;
    this.area = area;
    this.dpr = dpr;
    this.paints++;
  }

  /** Frees the bitmap (up to 32 MB of pixels) once the view has zoomed in past the overview. */
  release(): void {
    this.canvas = null;
    this.input = null;
    this.scale = 0;
  }

  /** Draws the bitmap for `vp` onto a context in CSS pixels (Konva has already applied the device pixel ratio). */
  draw(ctx: CanvasRenderingContext2D, vp: Viewport): void {
    const c = this.canvas;
    if (!c) return;
    const k = vp.scale / this.scale;
    let x = this.area.x * vp.scale + vp.x;
    let y = this.area.y * vp.scale + vp.y;
    if (k === 1) {
      // At its own scale, land on whole device pixels: a copy, not a resample, so it stays as sharp as painted.
      x = Math.round(x * this.dpr) / this.dpr;
      y = Math.round(y * this.dpr) / this.dpr;
    }
    ctx.imageSmoothingEnabled = k !== 1;
    ctx.drawImage(c, x, y, c.width / this.dpr * k, c.height / this.dpr * k);
  }
}
