/**
 * The diagram as a vector PDF: the SVG export drawn by svg-to-pdfkit (shapes as paths, labels as text), either
 * fitted onto one page or tiled at full size across pages that overlap, with overlap marks; every page has a
 * title block. planPdf (shared) decides the pages; this file only draws them.
 */
import SVGtoPDF from 'svg-to-pdfkit';
import { planPdf, svgSize, type PdfLayoutOptions, type PdfPlan } from '../../shared/export/page-plan';
import { drawTitleBlock, openPdf, type PdfMeta } from './pdf-document';

export interface DiagramPdfResult {
  pdf: Buffer;
  plan: PdfPlan;
}

/** Renders an SVG written by designToSvg into a PDF laid out as `layout`. Throws only on a broken SVG. */
export async function svgToPdf(svg: string, layout: PdfLayoutOptions, meta: PdfMeta): Promise<DiagramPdfResult> {
  const size = svgSize(svg);
  if (!size) throw new Error('the diagram SVG has no width and height');
  const plan = planPdf(size.width, size.height, layout);
  const { doc, finish } = openPdf(meta, 'Rackplane diagram');
  const total = plan.pages.length;
  const scalePct = Math.round((plan.ptPerUnit / 0.75) * 100);
  plan.pages.forEach((p, i) => {
    doc.addPage({ size: [plan.pageWidth, plan.pageHeight], margin: 0 });
    drawDiagram(doc, svg, size, plan, i);
    for (const m of p.marks) doc.save().lineWidth(0.5).strokeColor('#57606a').moveTo(m.x1, m.y1).lineTo(m.x2, m.y2).stroke().restore();
    const where = total > 1 ? `tile row ${p.row}, column ${p.col} of ${plan.rows} × ${plan.cols}; ` : '';
    const caption = `Rackplane diagram — ${where}${scalePct} % of print size, ${layout.page} ${layout.orientation}`;
    drawTitleBlock(doc, plan.titleBlock, meta, caption, `Page ${i + 1} of ${total}`);
  });
  return { pdf: await finish(), plan };
}

/** One page's part of the diagram: the whole SVG placed so the tile's source lands on dest, clipped to dest. */
export function drawDiagram(doc: PDFKit.PDFDocument, svg: string, size: { width: number; height: number }, plan: PdfPlan, index: number): void {
  const p = plan.pages[index]!;
  const k = plan.ptPerUnit;
  doc.save();
  doc.rect(p.dest.x, p.dest.y, p.dest.w, p.dest.h).clip();
  SVGtoPDF(doc, svg, p.dest.x - p.source.x * k, p.dest.y - p.source.y * k, {
    width: size.width * k,
    height: size.height * k,
    preserveAspectRatio: 'xMinYMin meet',
    // svg-to-pdfkit warns about CSS it ignores (white-space); the drawing is unaffected.
    warningCallback: () => undefined,
  });
  doc.restore();
}
