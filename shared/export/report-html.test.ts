// The HTML report: every section, problems grouped by rule with description and source, and nothing that a strict
// Content-Security-Policy would block (no scripts, no external resources).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTopologyJson } from '../formats/topology';
import { defaultScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';
import { makeTemplate } from '../templates';
import { ALL_RULES, ruleCatalog, validateDesign } from '../validate';
import { designReportHtml, REPORT_CSP } from './report-html';

describe('designReportHtml', () => {
  it('has the summary, diagram, validation by rule, components and simulation sections', () => {
    const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
    const html = designReportHtml(d, { validation: validateDesign(d, ALL_RULES), rules: ruleCatalog(), simulation: simulate(d, defaultScenario(d)) });
    for (const id of ['summary', 'diagram', 'validation', 'components', 'simulation']) expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).toContain('Slowest flows');
    expect(html).toContain(`content="${REPORT_CSP}"`);
  });

  it('names elements, not internal ids; keeps figures whole; prints the diagram whole', () => {
    const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
    const html = designReportHtml(d, { validation: validateDesign(d, ALL_RULES), rules: ruleCatalog(), simulation: simulate(d, { ...defaultScenario(d), migrations: [{ vm: 'r01.h001.vm02', to: 'r01.h002' }] }) });
    const sim = html.slice(html.indexOf('<section id="simulation">'));
    expect(sim).not.toMatch(/\b(eth|pcie|copy):r01\./);
    expect(sim).not.toContain('r01.h001.vm02');
    expect(sim).toContain('r01-h001-vm02');
    expect(sim).toMatch(/<td class="rp-n">[\d.]+\u00a0Gb\/s<\/td>/);
    expect(html).toContain('<h3>Elements by kind</h3>');
    expect(html).toMatch(/td\.rp-n\{[^}]*white-space:nowrap/);
    expect(html).toMatch(/@media print\{[^]*\.rp-diagram svg\{width:100%;height:auto/);
  });

  it('groups problems by rule with the rule description and source', () => {
    const loaded = importTopologyJson(readFileSync(join(__dirname, '../../test/fixtures/validate/problems.topology.json'), 'utf8'));
    if (!loaded.ok) throw new Error(loaded.reason);
    const validation = validateDesign(loaded.design, ALL_RULES);
    const html = designReportHtml(loaded.design, { validation, rules: ruleCatalog() });
    const rules = new Set(validation.diagnostics.map((x) => x.rule));
    expect(rules.size).toBeGreaterThan(1);
    for (const id of rules) {
      const meta = ruleCatalog().find((r) => r.id === id)!;
      expect(html).toContain(`id="rule-${id}"`);
      expect(html).toContain(meta.source.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
    }
  });

  it('contains no scripts, event handlers, external references or the embedded design', () => {
    const d = makeTemplate('single-host');
    const hostile = { ...d, meta: { ...d.meta, name: '<script>alert(1)</script><img src=x onerror=y>' } };
    const html = designReportHtml(hostile, { validation: validateDesign(hostile, ALL_RULES), rules: ruleCatalog() });
    // Names are user text: they must arrive escaped, never as markup.
    expect(html).not.toMatch(/<script|<[^>]*\son\w+\s*=|<img|<link|@import|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('rackplane-design');
  });

  it('says validation was not run and leaves simulation out when not given', () => {
    const html = designReportHtml(makeTemplate('empty'));
    expect(html).toContain('Not run.');
    expect(html).not.toContain('<section id="simulation">');
    expect(html).not.toContain('id="chart-');
  });

  it('draws the simulation charts as inline SVG with their titles and axis labels', () => {
    const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
    const sim = simulate(d, { ...defaultScenario(d), migrations: [{ vm: 'r01.h001.vm02', to: 'r01.h002' }] });
    const html = designReportHtml(d, { simulation: sim });
    const section = html.slice(html.indexOf('<section id="simulation">'));
    expect(section).toContain('<h3>Charts</h3>');
    for (const id of ['utilisation', 'migration-timeline', 'migration-rounds']) expect(section).toContain(`<svg xmlns="http://www.w3.org/2000/svg" id="chart-${id}"`);
    for (const label of [`Utilisation of ${sim.resources.length} resources`, 'Utilisation (%)', 'Resources (count)', 'Migration timelines (1 of 1)', 'Time (s)', 'r01-h001-vm02 → esx-r01-h002', 'Round (0 = first full pass)']) {
      expect(section).toContain(`>${label}</text>`);
    }
    // The charts' classes are their own: the diagram's c0, c1, … apply page-wide and must not restyle them.
    expect(section).not.toMatch(/<svg[^>]*id="chart-[^>]*>.*class="c\d/s);
  });
});
