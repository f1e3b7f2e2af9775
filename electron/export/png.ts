/**
 * SVG → PNG in Node with resvg (a prebuilt native renderer): no display, no browser. The diagram's own SVG is the
 * input, so the bitmap matches the SVG export exactly; planRaster decides the pixel size and caps it.
 */
import { Resvg } from '@resvg/resvg-js';
import { planRaster, svgSize, type RasterPlan } from '../../shared/export/page-plan';

export interface PngResult {
  png: Buffer;
  plan: RasterPlan;
}

/** Renders an SVG written by designToSvg at `scale` (already checked to be 1–4). Throws only on a broken SVG. */
export function svgToPng(svg: string, scale: number): PngResult {
  const size = svgSize(svg);
  if (!size) throw new Error('the diagram SVG has no width and height');
  const plan = planRaster(size.width, size.height, scale);
  // fitTo width gives exactly the planned pixel width; the height follows the aspect ratio (same rounding).
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: plan.width },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    logLevel: 'off',
  });
  const image = resvg.render();
  return { png: image.asPng(), plan: { ...plan, width: image.width, height: image.height } };
}
