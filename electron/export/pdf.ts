/**
 * The diagram as a vector PDF, painted by the canvas's own scene painter through a pdfkit Context2D adapter
 * (pdf-context.ts): boxes and cables as PDF paths, labels as real text. The diagram is either fitted onto one
 * page or tiled at full size across overlapping pages with overlap marks; every page has a title block.
 * planPdf (shared) decides the pages; this file only draws them.
 */
import { paintDiagram } from '../../shared/export/paint-diagram';
import { diagramOrientation, planPdf, type DiagramOrientation, type PdfLayoutOptions, type PdfPlan } from '../../shared/export/page-plan';
import { selectDiagram, type DiagramOptions, type DiagramSelection } from '../../shared/export/selection';
import type { Design } from '../../shared/model/design';
import { PALETTES } from '../../shared/scene/palette';
import { PdfContext } from './pdf-context';
import { drawTitleBlock, openPdf, type PdfMeta } from './pdf-document';
import { pdfFonts, type PdfFonts } from './pdf-fonts';

export interface DiagramPdfResult {
  pdf: Buffer;
  plan: PdfPlan;
  /** Lines worth telling the user: the plan's note (tiles shrunk), characters the fonts could not show. */
  notes: string[];
}

/** Options for designToPdf: what to draw (as the SVG export) and where to find DejaVu Sans (tests change it). */
export interface PdfDiagramOptions extends DiagramOptions {
  fontDir?: string;
}

/** A diagram PDF's page: its orientation may be `auto`, decided by the diagram's shape (diagramOrientation). */
export type DiagramPdfLayout = Omit<PdfLayoutOptions, 'orientation'> & { orientation: DiagramOrientation };

/** Renders `design`'s diagram into a PDF laid out as `layout` (`selection`: selectDiagram(design, opts) when the caller already made it). */
export async function designToPdf(design: Design, opts: PdfDiagramOptions, layout: DiagramPdfLayout, meta: PdfMeta, selection?: DiagramSelection): Promise<DiagramPdfResult> {
  const sel = selection ?? selectDiagram(design, opts);
  const orientation = diagramOrientation(sel.view.w, sel.view.h, layout.page, layout.fit, layout.orientation);
  const plan = planPdf(sel.view.w, sel.view.h, { ...layout, orientation });
  const { doc, finish } = openPdf(meta, 'Rackplane diagram');
  const fonts = pdfFonts(doc, opts.fontDir);
  const total = plan.pages.length;
  const scalePct = Math.round((plan.ptPerUnit / 0.75) * 100);
  plan.pages.forEach((p, i) => {
    doc.addPage({ size: [plan.pageWidth, plan.pageHeight], margin: 0 });
    drawDiagramPage(doc, sel, plan, i, fonts);
    for (const m of p.marks) doc.save().lineWidth(0.5).strokeColor('#57606a').moveTo(m.x1, m.y1).lineTo(m.x2, m.y2).stroke().restore();
    const where = total > 1 ? `tile row ${p.row}, column ${p.col} of ${plan.rows} × ${plan.cols}; ` : '';
    const caption = `Rackplane diagram — ${where}${scalePct} % of print size, ${layout.page} ${orientation}`;
    drawTitleBlock(doc, plan.titleBlock, meta, caption, `Page ${i + 1} of ${total}`, fonts);
  });
  const pdf = await finish();
  return { pdf, plan, notes: [plan.note, fonts.note()].filter((n): n is string => n !== null) };
}

/**
 * One page's part of the diagram: the tile's source area drawn onto its dest box, clipped to it. Only what meets
 * the tile is painted, so a tiled fabric costs about one full drawing in all, not one per page.
 */
export function drawDiagramPage(doc: PDFKit.PDFDocument, sel: DiagramSelection, plan: PdfPlan, index: number, fonts: PdfFonts): void {
  const p = plan.pages[index]!;
  const k = plan.ptPerUnit;
  const palette = PALETTES.light;
  doc.save();
  doc.rect(p.dest.x, p.dest.y, p.dest.w, p.dest.h).clip();
  doc.rect(p.dest.x, p.dest.y, p.dest.w, p.dest.h).fill(palette.canvas);
  const ctx = new PdfContext(doc, fonts);
  ctx.translate(p.dest.x - p.source.x * k, p.dest.y - p.source.y * k);
  ctx.scale(k, k);
  ctx.translate(-sel.view.x, -sel.view.y);
  const tiled = plan.pages.length > 1;
  const area = { x: sel.view.x + p.source.x, y: sel.view.y + p.source.y, w: p.source.w, h: p.source.h };
  // Vector output can be zoomed in a viewer: every detail, with strokes and marks sized as at 100 %.
  paintDiagram(ctx, sel, { palette, scale: 1, detail: 2, ...(tiled ? { area } : {}) });
  ctx.flush();
  doc.restore();
}
