/**
 * The design report: one self-contained HTML file (inline CSS, no scripts, no external resources) that opens
 * under a strict Content-Security-Policy, which it declares itself. Sections: summary, the diagram (inline SVG
 * from the same scene as the canvas), validation results grouped by rule with the rule's description and
 * source, the component list (the bill of materials) and, when given, simulation results.
 */
import { NETWORKING_HEADER, networkingCells, networkingRows } from './networking';
import { ASSIGNMENT_HEADER, ASSIGNMENT_ROWS_SHOWN, assignmentCells, assignmentRows } from './assignment';
import type { Design } from '../model/design';
import { ELEMENT_KINDS, KIND_LABELS } from '../model/elements';
import type { SimulationResult } from '../sim/simulate';
import type { ThemeName } from '../scene/palette';
import type { ValidationResult } from '../validate/engine';
import type { RuleMeta, Severity } from '../validate/types';
import { bomRows } from './bom';
import { chartSvg, reportCharts } from './report-charts';
import { designToSvg, type ExportLayer } from './svg';
import { escapeXml as esc } from './xml';
import { elementName, flowLabel, MODE_LABELS, resourceLabel } from './sim-names';

export interface ReportOptions {
  /** Validation of the design; the section says "not run" when omitted. */
  validation?: ValidationResult;
  /** Rule metadata (ruleCatalog()) for descriptions and sources. */
  rules?: readonly RuleMeta[];
  simulation?: SimulationResult;
  layers?: readonly ExportLayer[];
  theme?: ThemeName;
  /** Rows shown in each simulation table (default 20). */
  top?: number;
  /** When the report was made, as text (e.g. an ISO date); left out when omitted so reports are reproducible. */
  generated?: string;
}

/** The report's own CSP: styles inline, nothing else, so the file cannot load or run anything. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

// Class names start with "rp-": the inline SVG's own stylesheet uses c0, c1, … and applies page-wide.
const CSS = `
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','DejaVu Sans',sans-serif;color:#1b1f24;margin:0 auto;padding:24px;max-width:1200px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}h3{font-size:15px;margin:16px 0 4px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.rp-n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.rp-muted{color:#57606a}.rp-diagram{overflow:auto;border:1px solid #d0d7de;max-height:80vh}.rp-diagram svg{display:block}
.rp-error{color:#cf222e}.rp-warning{color:#9a4700}.rp-info{color:#0a6bc2}
ul.rp-diags{margin:4px 0 8px;padding-left:20px}
.rp-charts svg{display:block;margin:12px 0;max-width:100%;height:auto}
@media print{.rp-diagram{max-height:none;overflow:visible;border:none;break-inside:avoid}.rp-diagram svg{width:100%;height:auto;max-height:95vh}h2,h3{break-after:avoid}tr{break-inside:avoid}}
`;

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** A figure with its unit: right-aligned, never broken across lines (`{ n: '12.5 Gb/s' }`). */
type Figure = { n: string };
type Cell = string | number | null | Figure;

const table = (head: readonly string[], rows: readonly (readonly Cell[])[]): string =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => (typeof c === 'number' ? `<td class="rp-n">${c}</td>` : c !== null && typeof c === 'object' ? `<td class="rp-n">${esc(c.n)}</td>` : `<td>${esc(c ?? '')}</td>`)).join('')}</tr>`)
    .join('')}</tbody></table>`;

// A no-break space joins each figure to its unit, so running text never leaves "Gb/s" alone on a line.
const NBSP = '\u00a0';
const gbps = (g: number) => (!Number.isFinite(g) ? 'unbounded' : g >= 1000 ? `${(g / 1000).toFixed(2)}${NBSP}Tb/s` : g >= 100 ? `${g.toFixed(0)}${NBSP}Gb/s` : g >= 1 ? `${g.toFixed(2)}${NBSP}Gb/s` : `${(g * 1e3).toFixed(1)}${NBSP}Mb/s`);
const pct = (u: number) => `${(u * 100).toFixed(1)}${NBSP}%`;
const secs = (s: number | null | undefined) => (s === null || s === undefined || !Number.isFinite(s) ? '–' : s < 1 ? `${(s * 1e3).toFixed(0)}${NBSP}ms` : `${s.toFixed(2)}${NBSP}s`);
const fig = (text: string): Figure => ({ n: text });

function summarySection(d: Design, v: ValidationResult | undefined): string {
  const counts = new Map<string, number>();
  for (const el of Object.values(d.elements)) counts.set(el.kind, (counts.get(el.kind) ?? 0) + 1);
  const rows = ELEMENT_KINDS.filter((k) => counts.has(k)).map((k) => [KIND_LABELS[k], counts.get(k)!]);
  const problems = v ? `${v.summary.error} errors, ${v.summary.warning} warnings, ${v.summary.info} notes` : 'validation not run';
  return `<section id="summary"><h2>Summary</h2>
<p>${Object.keys(d.elements).length} elements, ${Object.keys(d.links).length} links; ${esc(problems)}.</p>
${d.meta.description ? `<p>${esc(d.meta.description)}</p>` : ''}<h3>Elements by kind</h3>${table(['Element kind', 'Count'], rows)}</section>`;
}

function validationSection(d: Design, v: ValidationResult | undefined, rules: readonly RuleMeta[]): string {
  if (!v) return '<section id="validation"><h2>Validation</h2><p class="rp-muted">Not run.</p></section>';
  if (v.diagnostics.length === 0) return '<section id="validation"><h2>Validation</h2><p>No problems found.</p></section>';
  const meta = new Map(rules.map((r) => [r.id, r]));
  const byRule = new Map<string, typeof v.diagnostics>();
  for (const dg of v.diagnostics) {
    const list = byRule.get(dg.rule);
    if (list) list.push(dg);
    else byRule.set(dg.rule, [dg]);
  }
  const worst = (list: typeof v.diagnostics) => list.reduce((w, x) => (SEVERITY_ORDER[x.severity] < SEVERITY_ORDER[w] ? x.severity : w), 'info' as Severity);
  const groups = [...byRule].sort(([a, la], [b, lb]) => SEVERITY_ORDER[worst(la)] - SEVERITY_ORDER[worst(lb)] || (a < b ? -1 : 1));
  const body = groups
    .map(([rule, list]) => {
      const m = meta.get(rule);
      const sev = worst(list);
      return `<h3 id="rule-${esc(rule)}"><span class="rp-${sev}">${esc(sev)}</span> ${esc(rule)}${m ? ` — ${esc(m.title)}` : ''} (${list.length})</h3>
${m ? `<p>${esc(m.description)}<br><span class="rp-muted">Source: ${esc(m.source)}</span></p>` : ''}<ul class="rp-diags">${list
        .map((x) => `<li><span class="rp-${x.severity}">${esc(x.severity)}</span> ${esc(x.message)}${x.elements.length ? ` <span class="rp-muted">[${esc(x.elements.map((id) => elementName(d, id)).join(', '))}]</span>` : ''}</li>`)
        .join('')}</ul>`;
    })
    .join('\n');
  return `<section id="validation"><h2>Validation</h2><p>${v.summary.error} errors, ${v.summary.warning} warnings, ${v.summary.info} notes, from ${byRule.size} rules.</p>\n${body}</section>`;
}

function componentsSection(d: Design): string {
  const rows = bomRows(d).map((r) => [r.category, r.model, r.catalogId, r.detail, r.location, r.hosts, r.perHostMin === r.perHostMax ? r.perHostMin : fig(`${r.perHostMin}–${r.perHostMax}`), r.total]);
  return `<section id="components"><h2>Components</h2>${rows.length ? table(['Category', 'Model', 'Catalog id', 'Detail', 'Location', 'Servers', 'Per server', 'Total'], rows) : '<p class="rp-muted">No hardware in the design.</p>'}</section>`;
}

function networkingSection(d: Design): string {
  const rows = networkingRows(d).map(networkingCells);
  if (rows.length === 0) return '';
  return `<section id="networking"><h2>Virtual networking</h2>${table([...NETWORKING_HEADER], rows)}</section>`;
}

function assignmentSection(d: Design): string {
  const all = assignmentRows(d);
  if (all.length === 0) return '';
  const more = all.length > ASSIGNMENT_ROWS_SHOWN ? `<p class="rp-muted">… and ${all.length - ASSIGNMENT_ROWS_SHOWN} more (export the topology JSON for all).</p>` : '';
  return `<section id="assignment"><h2>Device assignment</h2><p>${all.length} whole ${all.length === 1 ? 'function is' : 'functions are'} passed through to VMs; those VMs cannot live-migrate (IOV-003).</p>${table([...ASSIGNMENT_HEADER], all.slice(0, ASSIGNMENT_ROWS_SHOWN).map(assignmentCells))}${more}</section>`;
}

function simulationSection(d: Design, r: SimulationResult | undefined, top: number, theme: ThemeName): string {
  if (!r) return '';
  const routed = r.flows.filter((f) => f.dropped === null);
  const total = routed.reduce((s, f) => s + f.rate, 0);
  const dropped = r.flows.filter((f) => f.dropped !== null);
  const slowest = [...routed].sort((a, b) => a.rate - b.rate || (a.id < b.id ? -1 : 1)).slice(0, top);
  const busiest = r.resources
    .filter((x) => x.load > 0)
    .sort((a, b) => b.utilisation - a.utilisation || (a.id < b.id ? -1 : 1))
    .slice(0, top);
  const parts = [
    `<p>Scenario ${esc(r.scenario)}: ${r.flows.length} flows (${routed.length} routed, ${dropped.length} dropped), ${esc(gbps(total))} in all; PCIe protocol efficiency ${r.protocolEfficiency.toFixed(3)}.</p>`,
  ];
  // The charts come from the same shape description the PDF report paints (report-charts.ts).
  const charts = reportCharts(r, top, (id) => elementName(d, id));
  if (charts.length) parts.push(`<h3>Charts</h3><div class="rp-charts">${charts.map((c) => chartSvg(c, theme)).join('\n')}</div>`);
  if (busiest.length) parts.push(`<h3>Bottlenecks (busiest ${busiest.length})</h3>`, table(['Resource', 'Kind', 'Capacity', 'Load', 'Use'], busiest.map((x) => [resourceLabel(d, x.id), x.kind, fig(gbps(x.capacity)), fig(gbps(x.load)), fig(pct(x.utilisation))])));
  if (slowest.length) parts.push(`<h3>Slowest flows (${slowest.length} of ${routed.length})</h3>`, table(['Flow', 'Rate', 'Mode', 'Bottleneck'], slowest.map((f) => [flowLabel(d, f.id), fig(gbps(f.rate)), f.mode ? MODE_LABELS[f.mode] : '–', f.bottleneck ? resourceLabel(d, f.bottleneck) : '–'])));
  if (dropped.length) parts.push(`<h3>Dropped flows (${dropped.length})</h3>`, table(['Flow', 'Reason'], dropped.slice(0, top).map((f) => [flowLabel(d, f.id), f.dropped])));
  if (r.migrations.length) {
    parts.push(
      `<h3>Migrations (${r.migrations.length})</h3>`,
      table(
        ['VM', 'To', 'Rate', 'Time', 'Downtime', 'Outcome'],
        r.migrations.slice(0, top).map((m) => [elementName(d, m.vm), elementName(d, m.to), fig(gbps(m.rateGbps)), fig(secs(m.result?.totalSeconds)), fig(secs(m.result?.downtimeSeconds)), (m.dropped ?? (m.result?.converged ? 'converged' : `not converged (${m.result?.stopReason ?? 'unknown'})`)) + (m.notes?.length ? `; ${m.notes.join(' ')}` : '')]),
      ),
    );
  }
  return `<section id="simulation"><h2>Simulation</h2>${parts.join('\n')}</section>`;
}

/** The design report as one HTML document. */
export function designReportHtml(design: Design, opts: ReportOptions = {}): string {
  const svg = designToSvg(design, { layers: opts.layers, problems: opts.validation?.diagnostics, heat: opts.simulation?.resources, theme: opts.theme, embedDesign: false }).replace(/^<\?xml[^>]*>\s*/, '');
  const name = esc(design.meta.name);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="generator" content="Rackplane">
<title>${name} — design report</title>
<style>${CSS}</style></head>
<body>
<header><h1>${name}</h1><p class="rp-muted">Rackplane design report${opts.generated ? `, ${esc(opts.generated)}` : ''}</p></header>
${summarySection(design, opts.validation)}
<section id="diagram"><h2>Diagram</h2><div class="rp-diagram">${svg}</div></section>
${validationSection(design, opts.validation, opts.rules ?? [])}
${componentsSection(design)}
${networkingSection(design)}
${assignmentSection(design)}
${simulationSection(design, opts.simulation, opts.top ?? 20, opts.theme ?? 'light')}
</body></html>
`;
}
