/**
 * The design report as a PDF: the same sections as the HTML report (summary, diagram, validation grouped by rule,
 * components, simulation when given) drawn with pdfkit text and simple ruled tables; the diagram is the vector
 * diagram export (pdf.ts) fitted onto its own page. The simulation charts are the HTML report's chart shapes
 * (shared/export/report-charts.ts) painted by the scene painter through the pdfkit context, so the two reports
 * draw the same charts. Text is text, so the report stays searchable.
 */
import { NETWORKING_HEADER, networkingCells, networkingRows } from '../../shared/export/networking';
import { bomRows } from '../../shared/export/bom';
import { planPdf, type PdfLayoutOptions } from '../../shared/export/page-plan';
import { reportCharts, type ReportChart } from '../../shared/export/report-charts';
import { selectDiagram, type ExportLayer } from '../../shared/export/selection';
import type { Design } from '../../shared/model/design';
import { ELEMENT_KINDS, KIND_LABELS } from '../../shared/model/elements';
import { paintShape } from '../../shared/scene/paint';
import { PALETTES } from '../../shared/scene/palette';
import { formatSeconds } from '../../shared/sim/charts';
import type { SimulationResult } from '../../shared/sim/simulate';
import type { ValidationResult } from '../../shared/validate/engine';
import type { Diagnostic, RuleMeta, Severity } from '../../shared/validate/types';
import { drawDiagramPage } from './pdf';
import { PdfContext } from './pdf-context';
import { drawTitleBlock, openPdf, type PdfMeta } from './pdf-document';
import { pdfFonts, type PdfFonts } from './pdf-fonts';

export interface ReportPdfOptions {
  validation: ValidationResult;
  rules: readonly RuleMeta[];
  simulation?: SimulationResult;
  layers?: readonly ExportLayer[];
  layout?: PdfLayoutOptions;
  /** Diagnostics listed under each rule before "… and N more" (default 50). */
  perRule?: number;
  /** Rows in each simulation table and bars in the migration timeline (default 20). */
  top?: number;
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };
const SEVERITY_COLOR: Readonly<Record<Severity, string>> = { error: '#cf222e', warning: '#9a4700', info: '#0a6bc2' };
const M = 48;

/** Diagnostics grouped by rule, worst rule first (as the HTML report orders them). */
export function problemsByRule(diagnostics: readonly Diagnostic[]): { rule: string; worst: Severity; list: Diagnostic[] }[] {
  const byRule = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) byRule.set(d.rule, [...(byRule.get(d.rule) ?? []), d]);
  return [...byRule]
    .map(([rule, list]) => ({ rule, list, worst: list.reduce<Severity>((w, x) => (SEVERITY_ORDER[x.severity] < SEVERITY_ORDER[w] ? x.severity : w), 'info') }))
    .sort((a, b) => SEVERITY_ORDER[a.worst] - SEVERITY_ORDER[b.worst] || (a.rule < b.rule ? -1 : 1));
}

export async function designReportPdf(design: Design, meta: PdfMeta, opts: ReportPdfOptions): Promise<Buffer> {
  const { doc, finish } = openPdf(meta, 'Rackplane design report');
  const layout = opts.layout ?? { page: 'A4', orientation: 'portrait', fit: 'page' };
  const text = () => doc.page.width - 2 * M;
  const textPage = { size: layout.page === 'letter' ? 'LETTER' : layout.page, layout: layout.orientation, margin: M } as const;
  // A page added without options (a table or chart running over, pdfkit wrapping long text) takes the document's
  // options: make them the report's text page, not pdfkit's default US Letter with one-inch margins.
  Object.assign(doc.options, textPage);
  doc.addPage(textPage);

  doc.font('Helvetica-Bold').fontSize(20).fillColor('#1b1f24').text(design.meta.name);
  doc.font('Helvetica').fontSize(10).fillColor('#57606a').text(`Rackplane design report — revision ${design.meta.revision}, ${meta.date}`);
  heading(doc, 'Summary');
  const v = opts.validation;
  body(doc, `${Object.keys(design.elements).length} elements, ${Object.keys(design.links).length} links; ${v.summary.error} errors, ${v.summary.warning} warnings, ${v.summary.info} notes.`);
  if (design.meta.description) body(doc, design.meta.description);
  const counts = new Map<string, number>();
  for (const el of Object.values(design.elements)) counts.set(el.kind, (counts.get(el.kind) ?? 0) + 1);
  drawTable(doc, ['Element kind', 'Count'], ELEMENT_KINDS.filter((k) => counts.has(k)).map((k) => [KIND_LABELS[k], String(counts.get(k))]), [3, 1]);

  // The diagram: its own page, fitted, with the title block of the diagram export.
  const sel = selectDiagram(design, { layers: opts.layers, problems: v.diagnostics, heat: opts.simulation?.resources });
  const plan = planPdf(sel.view.w, sel.view.h, { ...layout, fit: 'page' });
  const fonts = pdfFonts(doc);
  // No margin: the title block sits in the page corner, and pdfkit would break its text onto new pages inside one.
  doc.addPage({ size: [plan.pageWidth, plan.pageHeight], margin: 0 });
  drawDiagramPage(doc, sel, plan, 0, fonts);
  drawTitleBlock(doc, plan.titleBlock, meta, 'Diagram (all problems marked)', 'Design report', fonts);
  doc.addPage(textPage);

  heading(doc, 'Validation');
  const groups = problemsByRule(v.diagnostics);
  if (groups.length === 0) body(doc, 'No problems found.');
  const rules = new Map(opts.rules.map((r) => [r.id, r]));
  const perRule = opts.perRule ?? 50;
  for (const g of groups) {
    const m = rules.get(g.rule);
    doc.moveDown(0.4).font('Helvetica-Bold').fontSize(11).fillColor(SEVERITY_COLOR[g.worst]).text(`${g.worst} `, { continued: true }).fillColor('#1b1f24').text(`${g.rule}${m ? ` — ${m.title}` : ''} (${g.list.length})`, { width: text() });
    if (m) body(doc, `${m.description} Source: ${m.source}`, '#57606a');
    for (const d of g.list.slice(0, perRule)) {
      doc.font('Helvetica').fontSize(9).fillColor(SEVERITY_COLOR[d.severity]).text(`• ${d.severity} `, { continued: true, indent: 8 }).fillColor('#1b1f24').text(d.message, { width: text() - 8 });
    }
    if (g.list.length > perRule) body(doc, `… and ${g.list.length - perRule} more (the HTML report lists them all).`, '#57606a');
  }

  heading(doc, 'Components');
  const bom = bomRows(design);
  if (bom.length === 0) body(doc, 'No hardware in the design.');
  else {
    const rows = bom.map((r) => [r.category, r.model, r.detail, r.location, r.hosts === null ? '' : String(r.hosts), r.perHostMin === null ? '' : r.perHostMin === r.perHostMax ? String(r.perHostMin) : `${r.perHostMin}–${r.perHostMax}`, String(r.total)]);
    drawTable(doc, ['Category', 'Model', 'Detail', 'Location', 'Servers', 'Per server', 'Total'], rows, [1.3, 2.2, 1.6, 1, 0.8, 0.9, 0.8]);
  }

  const networking = networkingRows(design);
  if (networking.length) {
    heading(doc, 'Virtual networking');
    drawTable(doc, [...NETWORKING_HEADER], networking.map(networkingCells), [1.2, 2.6, 0.7, 0.8, 0.6, 0.9, 0.7]);
  }

  const sim = opts.simulation;
  if (sim) {
    const top = opts.top ?? 20;
    heading(doc, 'Simulation');
    const routed = sim.flows.filter((f) => f.dropped === null);
    body(doc, `Scenario ${sim.scenario}: ${sim.flows.length} flows (${routed.length} routed, ${sim.flows.length - routed.length} dropped); PCIe protocol efficiency ${sim.protocolEfficiency.toFixed(3)}.`);
    for (const chart of reportCharts(sim, top)) drawChart(doc, chart, fonts);
    const busiest = sim.resources.filter((x) => x.load > 0).sort((a, b) => b.utilisation - a.utilisation || (a.id < b.id ? -1 : 1)).slice(0, top);
    if (busiest.length) drawTable(doc, ['Resource', 'Kind', 'Capacity (Gb/s)', 'Load (Gb/s)', 'Use'], busiest.map((x) => [x.id, x.kind, x.capacity.toFixed(1), x.load.toFixed(1), `${(x.utilisation * 100).toFixed(1)} %`]), [3, 1.2, 1.1, 1.1, 0.8]);
    if (sim.migrations.length) {
      const rows = sim.migrations.slice(0, top).map((m) => [m.vm, m.to, m.rateGbps.toFixed(2), formatSeconds(m.result?.totalSeconds ?? NaN), formatSeconds(m.result?.downtimeSeconds ?? NaN), m.dropped ?? (m.result?.converged ? 'converged' : `not converged (${m.result?.stopReason ?? 'unknown'})`)]);
      drawTable(doc, ['VM', 'To', 'Rate (Gb/s)', 'Time', 'Downtime', 'Outcome'], rows, [2, 1.6, 0.9, 0.8, 0.9, 1.6]);
    }
  }
  return finish();
}

/** One report chart at the text width (never enlarged), on a new page when it would not fit below the text. */
function drawChart(doc: PDFKit.PDFDocument, chart: ReportChart, fonts: PdfFonts): void {
  const width = doc.page.width - 2 * M;
  const k = Math.min(1, width / chart.w);
  if (doc.y + chart.h * k > doc.page.height - M) doc.addPage();
  const y = doc.y + 6;
  doc.save();
  const ctx = new PdfContext(doc, fonts);
  ctx.translate(M, y);
  ctx.scale(k, k);
  // Hairlines stay visible when the chart is scaled down (as the diagram's minimum stroke).
  for (const s of chart.shapes) paintShape(ctx, s, 0, 0, PALETTES.light, 0.5);
  ctx.flush();
  doc.restore();
  doc.x = M;
  doc.y = y + chart.h * k + 8;
}

function heading(doc: PDFKit.PDFDocument, title: string): void {
  if (doc.y > doc.page.height - M - 80) doc.addPage();
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor('#1b1f24').text(title, M, doc.y);
  const y = doc.y + 2;
  doc.save().lineWidth(0.5).strokeColor('#d0d7de').moveTo(M, y).lineTo(doc.page.width - M, y).stroke().restore();
  doc.moveDown(0.4);
}

function body(doc: PDFKit.PDFDocument, s: string, color = '#1b1f24'): void {
  doc.font('Helvetica').fontSize(10).fillColor(color).text(s, M, doc.y, { width: doc.page.width - 2 * M });
}

/** A ruled table, columns sized by `weights`; the header row repeats on each new page. */
function drawTable(doc: PDFKit.PDFDocument, head: readonly string[], rows: readonly (readonly string[])[], weights: readonly number[]): void {
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => ((doc.page.width - 2 * M) * w) / total);
  const pad = 3;
  const row = (cells: readonly string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 2 * pad }))) + 2 * pad;
    if (doc.y + h > doc.page.height - M) {
      doc.addPage();
      if (!bold) row(head, true);
    }
    const y = doc.y;
    let x = M;
    cells.forEach((c, i) => {
      if (bold) doc.save().rect(x, y, widths[i]!, h).fill('#f6f8fa').restore();
      doc.save().lineWidth(0.5).strokeColor('#d0d7de').rect(x, y, widths[i]!, h).stroke().restore();
      doc.fillColor('#1b1f24').text(c, x + pad, y + pad, { width: widths[i]! - 2 * pad });
      x += widths[i]!;
    });
    doc.x = M;
    doc.y = y + h;
  };
  doc.moveDown(0.3);
  // Keep the header with at least one row: never a lone header at the foot of a page.
  if (doc.y + 40 > doc.page.height - M) doc.addPage();
  row(head, true);
  for (const r of rows) row(r, false);
  doc.x = M;
  doc.moveDown(0.5);
}
