/**
 * Export benchmark on the 2,000-host fabric (the template's default 10 VMs per host): designToSvg with every layer
 * and with the validator's problems marked (median of 3), its size against the design's topology JSON, and the
 * BOM CSV and HTML report for scale, then the Node-side renderers on the same SVG: PNG via resvg at 1× (capped by
 * planRaster) and the vector PDF fitted onto one A3 landscape page (one run each, no warm-up: each takes many
 * seconds at this size, so a median would add minutes and tell little more).
 * Targets (verdicts on the medians): SVG, PNG and PDF each < 3 s, and SVG ≤ 2× the JSON.
 * The SVG must also reopen JSON-identically (exit 1 otherwise: a correctness failure, not a slow result).
 * Run: node --import tsx test/bench/export.bench.ts (or npm run bench -- export). Asserts nothing on time.
 */
import { svgToPdf } from '../../electron/export/pdf';
import { svgToPng } from '../../electron/export/png';
import { bomCsv } from '../../shared/export/bom';
import { designReportHtml } from '../../shared/export/report-html';
import { designToSvg, svgToDesign } from '../../shared/export/svg';
import { exportTopologyJson } from '../../shared/formats/topology';
import { makeTemplate } from '../../shared/templates';
import { ALL_RULES, ruleCatalog, validateDesign } from '../../shared/validate';
import { mib, ms, table, time } from './timing';

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

let pngBytes = 0;
let pngNote = '';
const pngStart = process.hrtime.bigint();
{
  const r = svgToPng(svg, 1);
  pngBytes = r.png.length;
  pngNote = `${r.plan.width}×${r.plan.height} px at ${r.plan.scale.toFixed(2)}×`;
}
const png = { medianMs: Number(process.hrtime.bigint() - pngStart) / 1e6 };

/** Wall time of one run of an async step. */
async function timeOnce(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
const meta = { title: design.meta.name, date: '2026-01-01', revision: design.meta.revision };
let fitBytes = 0;
const fitMs = await timeOnce(async () => void (fitBytes = (await svgToPdf(svg, { page: 'A3', orientation: 'landscape', fit: 'page' }, meta)).pdf.length));

const ratio = bytes(svg) / bytes(json);
console.log(`${HOSTS}-host fabric: ${Object.keys(design.elements).length} elements, ${Object.keys(design.links).length} links, ${validation.diagnostics.length} problems; topology JSON ${mib(bytes(json))}`);
console.log(
  table(
    ['step', 'median', 'output', 'target', 'verdict'],
    [
      ['designToSvg (all layers)', ms(plain.medianMs), `${mib(bytes(svg))} (${ratio.toFixed(2)}× JSON)`, `< ${TARGETS.svgMs} ms, ≤ ${TARGETS.sizeRatio}×`, pass(plain.medianMs < TARGETS.svgMs && ratio <= TARGETS.sizeRatio)],
      ['designToSvg + problems', ms(withProblems.medianMs), mib(bytes(marked)), `< ${TARGETS.svgMs} ms`, pass(withProblems.medianMs < TARGETS.svgMs)],
      ['svgToDesign (reopen)', ms(reopen.medianMs), '', '', ''],
      ['bomCsv', ms(bom.medianMs), `${csv.split('\r\n').length - 2} rows`, '', ''],
      ['designReportHtml', ms(report.medianMs), mib(bytes(html)), '', ''],
      ['PNG (resvg, 1×)', ms(png.medianMs), `${mib(pngBytes)} ${pngNote}`, `< ${TARGETS.pngMs} ms`, pass(png.medianMs < TARGETS.pngMs)],
      ['PDF (A3 landscape, fit)', ms(fitMs), mib(fitBytes), `< ${TARGETS.pdfMs} ms`, pass(fitMs < TARGETS.pdfMs)],
    ],
  ),
);
if (reopened !== json) {
  console.error('export bench: the exported SVG did not reopen to the same design');
  process.exit(1);
}
}

main().catch((e: unknown) => {
  console.error(`export bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
