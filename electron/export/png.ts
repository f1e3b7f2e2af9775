/**
 * The diagram as a PNG, painted in Node by @napi-rs/canvas (prebuilt skia; no display, no browser) with the
 * canvas's own scene painter (shared/export/paint-diagram.ts), so the bitmap shows what the screen shows at that
 * zoom. planRaster decides the pixel size and caps it; png-encode.ts writes the file.
 */
import { createCanvas } from '@napi-rs/canvas';
import { paintDiagram } from '../../shared/export/paint-diagram';
import { planRaster, type PngBackground, type RasterPlan } from '../../shared/export/page-plan';
import { selectDiagram, type DiagramOptions, type DiagramSelection } from '../../shared/export/selection';
import { PALETTES } from '../../shared/scene/palette';
import { detailForScale } from '../../shared/scene/viewport';
import type { Design } from '../../shared/model/design';
import { StateSkippingContext } from './png-context';
import { encodePng } from './png-encode';

export interface PngResult {
  png: Buffer;
  plan: RasterPlan;
}

export interface PngOptions extends DiagramOptions {
  /** Pixels per diagram unit, already checked to be 1–4 (planRaster may lower it). */
  scale: number;
  /** The theme's canvas colour behind the diagram, or none (the diagram keeps the light theme then). */
  background: PngBackground;
}

/** Renders `design`'s diagram as a PNG (`selection`: selectDiagram(design, opts) when the caller already made it). */
export async function designToPng(design: Design, opts: PngOptions, selection?: DiagramSelection): Promise<PngResult> {
  const sel = selection ?? selectDiagram(design, opts);
  const plan = planRaster(sel.view.w, sel.view.h, opts.scale);
  const palette = PALETTES[opts.background === 'dark' ? 'dark' : 'light'];
  const canvas = createCanvas(plan.width, plan.height);
  const ctx = canvas.getContext('2d');
  if (opts.background !== 'transparent') {
    ctx.fillStyle = palette.canvas;
    ctx.fillRect(0, 0, plan.width, plan.height);
  }
  ctx.scale(plan.scale, plan.scale);
  ctx.translate(-sel.view.x, -sel.view.y);
  // The detail the canvas would show at this zoom: a bitmap cannot be zoomed into, so finer text would be noise.
  paintDiagram(new StateSkippingContext(ctx), sel, { palette, scale: plan.scale, detail: detailForScale(plan.scale) });
  const png = await encodePng(plan.width, plan.height, (y, h) => ctx.getImageData(0, y, plan.width, h).data);
  return { png, plan };
}
