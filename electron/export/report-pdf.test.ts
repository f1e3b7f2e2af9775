// The PDF report read back as a viewer would (uncompressed streams): its pages, and the simulation charts drawn
// as real text and paths on the pages after the tables, each chart whole on one page.
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../shared/sim/scenarios';
import { simulate } from '../../shared/sim/simulate';
import { makeTemplate } from '../../shared/templates';
import { ALL_RULES, ruleCatalog, validateDesign } from '../../shared/validate';
import { designReportPdf } from './report-pdf';

const meta = { title: 'Report rack', date: '2026-11-26', revision: 1, compress: false };
const design = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
const validation = validateDesign(design, ALL_RULES);

/** Each page's content streams joined, in page order (pdfkit writes one stream per page here). */
function pages(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/stream\n([^]*?)\nendstream/g)].map((m) => m[1]!).filter((s) => /\bBT\b/.test(s));
}

/** The strings shown in a content stream, one per text object, decoded from their hex operands. */
const shown = (content: string) =>
  [...content.matchAll(/\bBT\b([^]*?)\bET\b/g)].map((b) => [...b[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''));

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

describe('designReportPdf with simulation results', () => {
  it('draws the utilisation, timeline and rounds charts as text and paths, each on one page', async () => {
    const sim = simulate(design, { ...defaultScenario(design), migrations: [{ vm: 'r01.h001.vm02', to: 'r01.h002' }] });
    const pdf = await designReportPdf(design, meta, { validation, rules: ruleCatalog(), simulation: sim });
    const texts = pages(pdf).map(shown);
    const pageOf = (label: string) => texts.findIndex((t) => t.includes(label));
    for (const label of [`Utilisation of ${sim.resources.length} resources`, 'Utilisation (%)', 'Resources (count)', 'Migration timelines (1 of 1)', 'Time (s)', 'Round (0 = first full pass)']) {
      expect(pageOf(label), label).toBeGreaterThan(1);
    }
    // A chart never splits across pages: its title and its axis label are on the same page.
    expect(pageOf('Utilisation (%)')).toBe(pageOf(`Utilisation of ${sim.resources.length} resources`));
    expect(pageOf('Time (s)')).toBe(pageOf('Migration timelines (1 of 1)'));
    // The migration table follows the charts.
    expect(texts.flat()).toEqual(expect.arrayContaining(['Downtime', 'converged']));
    // Summary, diagram, then validation/components/simulation with three charts: a few pages, not one per chart row.
    const without = await designReportPdf(design, meta, { validation, rules: ruleCatalog() });
    expect(pageCount(without)).toBe(3);
    // Set RACKPLANE_REPORT_PDF=/path/report.pdf to keep this report for a look (pdftoppm -png -r 60 …).
    if (process.env.RACKPLANE_REPORT_PDF) (await import('node:fs')).writeFileSync(process.env.RACKPLANE_REPORT_PDF, pdf);
    expect(pageCount(pdf)).toBeGreaterThan(pageCount(without));
    expect(pageCount(pdf)).toBeLessThanOrEqual(pageCount(without) + 3);
    // Pages a table or chart runs onto are the report's A4 pages too, not pdfkit's default US Letter.
    expect(new Set(pdf.toString('latin1').match(/\/MediaBox \[[^\]]*\]/g))).toEqual(new Set(['/MediaBox [0 0 595.28 841.89]']));
  });

  it('has no charts without simulation results', async () => {
    const pdf = await designReportPdf(design, meta, { validation, rules: ruleCatalog() });
    const all = pages(pdf).flatMap(shown);
    expect(all).not.toContain('Utilisation (%)');
    expect(all).not.toContain('Simulation');
  });
});

describe('designReportPdf virtual networking', () => {
  it('lists the servers’ virtual-switch setups (kind, teaming, MTU) in a table', async () => {
    const pdf = await designReportPdf(design, meta, { validation, rules: ruleCatalog() });
    const all = pages(pdf).flatMap(shown).join('\n');
    expect(all).toContain('Virtual networking');
    expect(all).toContain('Route based on originating virtual port');
  });
});
