/**
 * The design report as a PDF: the same sections as the HTML report (summary, diagram, validation grouped by rule,
 * components, simulation when given) drawn with pdfkit text and simple ruled tables; the diagram is the vector
 * diagram export (pdf.ts) fitted onto its own page. The simulation charts are the HTML report's chart shapes
 * (shared/export/report-charts.ts) painted by the scene painter through the pdfkit context, so the two reports
 * draw the same charts. Text is text, so the report stays searchable.
 */
import { NETWORKING_HEADER, networkingCells, networkingRows } from '../../shared/export/networking';
import { ASSIGNMENT_HEADER, ASSIGNMENT_ROWS_SHOWN, assignmentCells, assignmentRows } from '../../shared/export/assignment';
import { bomRows } from '../../shared/export/bom';
import { planReportDiagram, PX_TO_PT, type PdfLayoutOptions } from '../../shared/export/page-plan';
import { elementName, flowLabel, MODE_LABELS, resourceLabel } from '../../shared/export/sim-names';
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
// Joins a figure to its unit: pdfkit's line breaker (UAX #14) never breaks at a no-break space.
const NBSP = '\u00a0';
/** Column indexes `from` up to `to` (inclusive; the last column by default) that hold figures. */
const NUMERIC_FROM = (from: number, to = Infinity): Set<number> => new Set(Array.from({ length: Math.min(to, 20) - from + 1 }, (_, k) => from + k));

/**
 * Column widths for `total` points: by weight, except that a column below its minimum gets its minimum and the
 * others give up the difference in proportion (while they stay above their own minimum).
 */
export function columnWidths(total: number, weights: readonly number[], minimum: readonly number[]): number[] {
  const fixed = new Set<number>();
  for (;;) {
    const free = total - [...fixed].reduce((s, i) => s + minimum[i]!, 0);
    const weight = weights.reduce((s, w, i) => (fixed.has(i) ? s : s + w), 0);
    const widths = weights.map((w, i) => (fixed.has(i) ? minimum[i]! : (free * w) / weight));
    const short = widths.findIndex((w, i) => !fixed.has(i) && w < minimum[i]!);
    if (short < 0 || fixed.size === weights.length - 1) return widths;
    fixed.add(short);
  }
}
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
  subheading(doc, 'Elements by kind');
  drawTable(doc, ['Element kind', 'Count'], ELEMENT_KINDS.filter((k) => counts.has(k)).map((k) => [KIND_LABELS[k], String(counts.get(k))]), [3, 1]);

  // The diagram: its own pages, in the orientation and at the scale that keep it readable (a tall design on a
  // portrait page; tiled over a few pages when one page would shrink its labels below legibility).
  const sel = selectDiagram(design, { layers: opts.layers, problems: v.diagnostics, heat: opts.simulation?.resources });
  const plan = planReportDiagram(sel.view.w, sel.view.h, layout.page);
  const fonts = pdfFonts(doc);
  const scalePct = Math.round((plan.ptPerUnit / PX_TO_PT) * 100);
  plan.pages.forEach((p, i) => {
    // No margin: the title block sits in the page corner, and pdfkit would break its text onto new pages inside one.
    doc.addPage({ size: [plan.pageWidth, plan.pageHeight], margin: 0 });
    drawDiagramPage(doc, sel, plan, i, fonts);
    const where = plan.pages.length > 1 ? `, part ${i + 1} of ${plan.pages.length} (row ${p.row}, column ${p.col})` : '';
    drawTitleBlock(doc, plan.titleBlock, meta, `Diagram (all problems marked)${where}; ${scalePct} % of print size, ${layout.page} ${plan.orientation}`, 'Design report', fonts);
  });
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
    drawTable(doc, ['Category', 'Model', 'Detail', 'Location', 'Servers', 'Per server', 'Total'], rows, [1.3, 2.2, 1.6, 1, 0.8, 0.9, 0.8], NUMERIC_FROM(4));
  }

  const networking = networkingRows(design);
  if (networking.length) {
    heading(doc, 'Virtual networking');
    drawTable(doc, [...NETWORKING_HEADER], networking.map(networkingCells), [1.2, 2.6, 0.7, 0.8, 0.6, 0.9, 0.7]);
  }

  const assigned = assignmentRows(design);
  if (assigned.length) {
    heading(doc, 'Device assignment');
    body(doc, `${assigned.length} whole ${assigned.length === 1 ? 'function is' : 'functions are'} passed through to VMs; those VMs cannot live-migrate (IOV-003).${assigned.length > ASSIGNMENT_ROWS_SHOWN ? ` The first ${ASSIGNMENT_ROWS_SHOWN} are listed.` : ''}`);
    drawTable(doc, [...ASSIGNMENT_HEADER], assigned.slice(0, ASSIGNMENT_ROWS_SHOWN).map(assignmentCells), [1.2, 1.2, 0.9, 2, 0.8, 0.9]);
  }

  const sim = opts.simulation;
  if (sim) {
    const top = opts.top ?? 20;
    heading(doc, 'Simulation');
    const routed = sim.flows.filter((f) => f.dropped === null);
    const total = routed.reduce((s, f) => s + f.rate, 0);
    body(doc, `Scenario ${sim.scenario}: ${sim.flows.length} flows (${routed.length} routed, ${sim.flows.length - routed.length} dropped), ${total >= 1000 ? `${(total / 1000).toFixed(2)}${NBSP}Tb/s` : `${total.toFixed(1)}${NBSP}Gb/s`} in all; PCIe protocol efficiency ${sim.protocolEfficiency.toFixed(3)}.`);
    const charts = reportCharts(sim, top, (id) => elementName(design, id));
    if (charts.length) subheading(doc, 'Charts');
    for (const chart of charts) drawChart(doc, chart, fonts);
    const busiest = sim.resources.filter((x) => x.load > 0).sort((a, b) => b.utilisation - a.utilisation || (a.id < b.id ? -1 : 1)).slice(0, top);
    if (busiest.length) {
      subheading(doc, `Bottlenecks (busiest ${busiest.length})`);
      drawTable(doc, ['Resource', 'Kind', 'Capacity (Gb/s)', 'Load (Gb/s)', 'Use'], busiest.map((x) => [resourceLabel(design, x.id), x.kind, x.capacity.toFixed(1), x.load.toFixed(1), `${(x.utilisation * 100).toFixed(1)}${NBSP}%`]), [3, 1.2, 1.1, 1.1, 0.8], NUMERIC_FROM(2));
    }
    const slowest = [...routed].sort((a, b) => a.rate - b.rate || (a.id < b.id ? -1 : 1)).slice(0, top);
    if (slowest.length) {
      subheading(doc, `Slowest flows (${slowest.length} of ${routed.length})`);
      drawTable(doc, ['Flow', 'Rate (Gb/s)', 'Mode', 'Bottleneck'], slowest.map((f) => [flowLabel(design, f.id), f.rate.toFixed(2), f.mode ? MODE_LABELS[f.mode] : '–', f.bottleneck ? resourceLabel(design, f.bottleneck) : '–']), [2.6, 0.9, 1.3, 2.6], new Set([1]));
    }
    const dropped = sim.flows.filter((f) => f.dropped !== null);
    if (dropped.length) {
      subheading(doc, `Dropped flows (${dropped.length})`);
      drawTable(doc, ['Flow', 'Reason'], dropped.slice(0, top).map((f) => [flowLabel(design, f.id), f.dropped ?? '']), [2, 3]);
    }
    if (sim.migrations.length) {
      subheading(doc, `Migrations (${sim.migrations.length})`);
      const rows = sim.migrations.slice(0, top).map((m) => [elementName(design, m.vm), elementName(design, m.to), m.rateGbps.toFixed(2), formatSeconds(m.result?.totalSeconds ?? NaN), formatSeconds(m.result?.downtimeSeconds ?? NaN), m.dropped ?? (m.result?.converged ? 'converged' : `not converged (${m.result?.stopReason ?? 'unknown'})`)]);
      drawTable(doc, ['VM', 'To', 'Rate (Gb/s)', 'Time', 'Downtime', 'Outcome'], rows, [2, 1.6, 0.9, 0.8, 0.9, 1.6], NUMERIC_FROM(2, 4));
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

/** A table's or chart's own heading, under the section's. */
function subheading(doc: PDFKit.PDFDocument, title: string): void {
  if (doc.y > doc.page.height - M - 60) doc.addPage();
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(11).fillColor('#1b1f24').text(title, M, doc.y, { width: doc.page.width - 2 * M });
}

function body(doc: PDFKit.PDFDocument, s: string, color = '#1b1f24'): void {
  doc.font('Helvetica').fontSize(10).fillColor(color).text(s, M, doc.y, { width: doc.page.width - 2 * M });
}

/**
 * A ruled table, columns sized by `weights` but never narrower than their longest word, or than their whole figure
 * in a `numeric` column (so "1,234.5" or "12.5 %" never breaks); the header row repeats on each new page.
 */
function drawTable(doc: PDFKit.PDFDocument, head: readonly string[], rows: readonly (readonly string[])[], weights: readonly number[], numeric: ReadonlySet<number> = new Set()): void {
  const pad = 3;
  doc.font('Helvetica').fontSize(8);
  const minimum = head.map((_, i) => {
    let w = 0;
    for (const r of rows) {
      const c = r[i] ?? '';
      for (const word of numeric.has(i) ? [c] : c.split(/\s+/)) w = Math.max(w, doc.widthOfString(word));
    }
    return w + 2 * pad + 1;
  });
  const widths = columnWidths(doc.page.width - 2 * M, weights, minimum);
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
