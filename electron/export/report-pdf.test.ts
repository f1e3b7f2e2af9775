// The PDF report read back as a viewer would (uncompressed streams): its pages, and the simulation charts drawn
// as real text and paths on the pages after the tables, each chart whole on one page.
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../shared/sim/scenarios';
import { simulate } from '../../shared/sim/simulate';
import { makeTemplate } from '../../shared/templates';
import { ALL_RULES, ruleCatalog, validateDesign } from '../../shared/validate';
import { columnWidths, designReportPdf } from './report-pdf';

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
    // (The diagram's own pages are A4 too, in whichever orientation fits the design.)
    for (const box of pdf.toString('latin1').match(/\/MediaBox \[[^\]]*\]/g)!) expect(['/MediaBox [0 0 595.28 841.89]', '/MediaBox [0 0 841.89 595.28]']).toContain(box);
  });

  it('gives every table its heading, lists the slowest flows, and names elements, never internal ids', async () => {
    const sim = simulate(design, { ...defaultScenario(design), migrations: [{ vm: 'r01.h001.vm02', to: 'r01.h002' }] });
    const pdf = await designReportPdf(design, meta, { validation, rules: ruleCatalog(), simulation: sim });
    const all = pages(pdf).flatMap(shown);
    for (const h of ['Elements by kind', 'Charts', 'Slowest flows', 'Bottlenecks (busiest', 'Migrations (1)']) expect(all.some((t) => t.startsWith(h)), h).toBe(true);
    const joined = all.join('\n');
    expect(joined).not.toMatch(/\b(eth|pcie|copy):r01\./);
    expect(joined).not.toContain('r01.h001.vm02');
    expect(joined).toContain('r01-h001-vm02');
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

describe('report table columns', () => {
  it('give a column at least its longest word or figure, taking the room from the others by weight', () => {
    expect(columnWidths(100, [1, 1], [10, 10])).toEqual([50, 50]);
    const w = columnWidths(100, [3, 1, 1], [10, 30, 10]);
    expect(w[1]).toBe(30);
    expect(w[0]! + w[2]!).toBeCloseTo(70, 9);
    expect(w[0]! / w[2]!).toBeCloseTo(3, 9);
  });
});
