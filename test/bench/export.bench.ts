/**
 * Export benchmark on the 2,000-host fabric (the template's default 10 VMs per host): designToSvg with every layer
 * and with the validator's problems marked (median of 3), its size against the design's topology JSON, and the
 * BOM CSV and HTML report for scale, then the Node-side renderers, each drawing from the design with the canvas's
 * painter and the problems marked (as `rackplane export` does): PNG at 1× (capped by planRaster), the vector PDF
 * fitted onto one A3 landscape page, and the same PDF tiled. One run each, each building the scene itself as the
 * CLI does (warm code: the SVG rows ran first). Wall and CPU time are both shown, with the load average, because
 * other work on a shared machine stretches wall time but not CPU time.
 * Targets (verdicts on wall time): SVG, PNG and PDF each < 3 s, and SVG ≤ 2× the JSON.
 * The SVG must also reopen JSON-identically (exit 1 otherwise: a correctness failure, not a slow result).
 * Then `rackplane export --format svg|png|pdf` from the built CLI: wall, CPU and peak RSS per export at 2,000 hosts × 20
 * VMs, and at 10,000 × 20 with RACKPLANE_BENCH_LARGE=1, beside the targets and the before figures
 * (export-diagram-rows.ts).
 * Run: node --import tsx test/bench/export.bench.ts (or npm run bench -- export). Asserts nothing on time.
 */
import { loadavg } from 'node:os';
import { designToPdf } from '../../electron/export/pdf';
import { designToPng } from '../../electron/export/png';
import { bomCsv } from '../../shared/export/bom';
import { designReportHtml } from '../../shared/export/report-html';
import { designToSvg, svgToDesign } from '../../shared/export/svg';
import { exportTopologyJson } from '../../shared/formats/topology';
import { makeTemplate } from '../../shared/templates';
import { ALL_RULES, ruleCatalog, validateDesign } from '../../shared/validate';
import { mib, ms, table, time } from './timing';
import { jsonExportRows } from './export-json-rows';
import { diagramExportRows } from './export-diagram-rows';

const HOSTS = 2000;
const TARGETS = { svgMs: 3000, sizeRatio: 2, pngMs: 3000, pdfMs: 3000 };
const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

const design = makeTemplate('fabric', { hosts: HOSTS });
const json = exportTopologyJson(design);
const validation = validateDesign(design, ALL_RULES);

let svg = '';
const plain = time(() => void (svg = designToSvg(design)), 3);
let marked = '';
const withProblems = time(() => void (marked = designToSvg(design, { problems: validation.diagnostics })), 3);
let csv = '';
const bom = time(() => void (csv = bomCsv(design)), 3);
let html = '';
const report = time(() => void (html = designReportHtml(design, { validation, rules: ruleCatalog() })), 1);
let reopened = '';
const reopen = time(() => {
  const r = svgToDesign(svg);
  if (!r.ok) throw new Error(r.reason);
  reopened = exportTopologyJson(r.design);
}, 1);

/** Wall and CPU time (all threads: zlib and skia work off the main thread) of one run of an async step. */
async function timeOnce(fn: () => Promise<void>): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wallMs: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (used.user + used.system) / 1000 };
}

async function main(): Promise<void> {
// Topology JSON at 2,000 and (RACKPLANE_BENCH_LARGE=1) 10,000 hosts × 20 VMs, beside JSON.stringify: export-json-rows.ts.
console.log(jsonExportRows().join('\n'));
const meta = { title: design.meta.name, date: '2026-01-01', revision: design.meta.revision };
const problems = validation.diagnostics;
let pngNote = '';
const png = await timeOnce(async () => {
  const r = await designToPng(design, { problems, scale: 1, background: 'light' });
  pngNote = `${mib(r.png.length)} ${r.plan.width}×${r.plan.height} px at ${r.plan.scale.toFixed(2)}×`;
});
let fitNote = '';
const fit = await timeOnce(async () => {
  const r = await designToPdf(design, { problems }, { page: 'A3', orientation: 'landscape', fit: 'page' }, meta);
  fitNote = mib(r.pdf.length);
});
let tileNote = '';
const tile = await timeOnce(async () => {
  const r = await designToPdf(design, { problems }, { page: 'A3', orientation: 'landscape', fit: 'tile' }, meta);
  tileNote = `${mib(r.pdf.length)}, ${r.plan.pages.length} pages`;
});
const wallCpu = (t: { wallMs: number; cpuMs: number }) => `${ms(t.wallMs)} (CPU ${ms(t.cpuMs)})`;

const ratio = bytes(svg) / bytes(json);
console.log(`${HOSTS}-host fabric: ${Object.keys(design.elements).length} elements, ${Object.keys(design.links).length} links, ${validation.diagnostics.length} problems; topology JSON ${mib(bytes(json))}`);
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine during the run`);
console.log(
  table(
    ['step', 'time', 'output', 'target', 'verdict'],
    [
      ['designToSvg (all layers)', ms(plain.medianMs), `${mib(bytes(svg))} (${ratio.toFixed(2)}× JSON)`, `< ${TARGETS.svgMs} ms, ≤ ${TARGETS.sizeRatio}×`, pass(plain.medianMs < TARGETS.svgMs && ratio <= TARGETS.sizeRatio)],
      ['designToSvg + problems', ms(withProblems.medianMs), mib(bytes(marked)), `< ${TARGETS.svgMs} ms`, pass(withProblems.medianMs < TARGETS.svgMs)],
      ['svgToDesign (reopen)', ms(reopen.medianMs), '', '', ''],
      ['bomCsv', ms(bom.medianMs), `${csv.split('\r\n').length - 2} rows`, '', ''],
      ['designReportHtml', ms(report.medianMs), mib(bytes(html)), '', ''],
      ['PNG (napi-rs canvas, 1×)', wallCpu(png), pngNote, `< ${TARGETS.pngMs} ms`, pass(png.wallMs < TARGETS.pngMs)],
      ['PDF (A3 landscape, fit)', wallCpu(fit), fitNote, `< ${TARGETS.pdfMs} ms`, pass(fit.wallMs < TARGETS.pdfMs)],
      ['PDF (A3 landscape, tiles)', wallCpu(tile), tileNote, '', ''],
    ],
  ),
);
// SVG, PNG and PDF from the CLI at 2,000 and (RACKPLANE_BENCH_LARGE=1) 10,000 hosts × 20 VMs: export-diagram-rows.ts.
console.log(diagramExportRows().join('\n'));
if (reopened !== json) {
  console.error('export bench: the exported SVG did not reopen to the same design');
  process.exit(1);
}
}

main().catch((e: unknown) => {
  console.error(`export bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
