/** A pdfkit document collected into one Buffer, and the title block every Rackplane PDF page carries. */
import PDFDocument from 'pdfkit';
import type { Rect } from '../../shared/export/page-plan';
import type { PdfFonts } from './pdf-fonts';

export interface PdfMeta {
  /** The design's name: the document title and the title block's heading. */
  title: string;
  /** Shown in the title block, e.g. 2026-11-26. */
  date: string;
  revision: number;
  /**
   * Deflate the page streams (default true). Tests turn it off to read the text operators; text stays text
   * (selectable, searchable) either way.
   */
  compress?: boolean;
}

export interface OpenPdf {
  doc: PDFKit.PDFDocument;
  /** Ends the document and resolves with its bytes. */
  finish(): Promise<Buffer>;
}

export function openPdf(meta: PdfMeta, subject: string): OpenPdf {
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: meta.compress ?? true,
    info: { Title: meta.title, Subject: subject, Creator: 'Rackplane', Producer: 'Rackplane (pdfkit)' },
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    doc,
    finish: () => {
      doc.end();
      return done;
    },
  };
}

const INK = '#1b1f24';
const MUTED = '#57606a';
const RULE = '#d0d7de';

/**
 * The title block: design name, what the page shows, revision and date, page number. With `fonts`, a name
 * Helvetica cannot show is set in DejaVu Sans.
 */
export function drawTitleBlock(doc: PDFKit.PDFDocument, box: Rect, meta: PdfMeta, caption: string, page: string, fonts?: PdfFonts): void {
  doc.save();
  doc.lineWidth(0.75).strokeColor(RULE).rect(box.x, box.y, box.w, box.h).stroke();
  const pad = 8;
  const right = 150;
  doc.moveTo(box.x + box.w - right, box.y).lineTo(box.x + box.w - right, box.y + box.h).stroke();
  const textW = box.w - right - 2 * pad;
  const title = fonts ? fonts.pick(meta.title, true) : { font: 'Helvetica-Bold', text: meta.title };
  doc.fillColor(INK).font(title.font).fontSize(11).text(title.text, box.x + pad, box.y + 7, { width: textW, lineBreak: false, ellipsis: true });
  doc.fillColor(MUTED).font('Helvetica').fontSize(8).text(caption, box.x + pad, box.y + 24, { width: textW, lineBreak: false, ellipsis: true });
  const rx = box.x + box.w - right + pad;
  doc.fillColor(INK).fontSize(8).text(`Revision ${meta.revision}`, rx, box.y + 7, { width: right - 2 * pad, lineBreak: false });
  doc.text(meta.date, rx, box.y + 17, { width: right - 2 * pad, lineBreak: false });
  doc.fillColor(MUTED).text(page, rx, box.y + 27, { width: right - 2 * pad, lineBreak: false });
  doc.restore();
}
