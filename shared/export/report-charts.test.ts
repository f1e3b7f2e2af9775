// The report's charts as shapes: inside their box, labelled with units, segments proportional to time, bounded.
import { describe, expect, it } from 'vitest';
import type { Design } from '../model/design';
import type { Element } from '../model/elements';
import type { Shape } from '../scene/types';
import { timelineSegments } from '../sim/charts';
import { defaultScenario } from '../sim/scenarios';
import { simulate, type SimulationResult } from '../sim/simulate';
import { makeTemplate } from '../templates';
import { chartSvg, migrationRoundsChart, migrationTimelineChart, reportCharts, utilisationChart, type ReportChart } from './report-charts';

const withProps = (d: Design, id: string, props: Record<string, unknown>): Design => ({ ...d, elements: { ...d.elements, [id]: { ...d.elements[id]!, ...props } as Element } });

/** A rack whose first host keeps VM disks locally, with traffic and two migrations (one with a disk copy). */
function result(): SimulationResult {
  const d = withProps(withProps(makeTemplate('rack', { hosts: 2, vmsPerHost: 2 }), 'r01.h001', { storage: 'local' }), 'r01.h001.vm02', { diskGiB: 20 });
  const sc = defaultScenario(d);
  return simulate(d, { ...sc, migrations: [{ vm: 'r01.h001.vm02', to: 'r01.h002' }, { vm: 'r01.h002.vm01', to: 'r01.h001' }] });
}

const texts = (c: ReportChart) => c.shapes.filter((s): s is Extract<Shape, { type: 'text' }> => s.type === 'text').map((s) => s.text);
const rects = (c: ReportChart) => c.shapes.filter((s): s is Extract<Shape, { type: 'rect' }> => s.type === 'rect');

function expectInside(c: ReportChart): void {
  for (const s of c.shapes) {
    if (s.type === 'rect' || s.type === 'text') {
      const w = s.w;
      const h = s.type === 'rect' ? s.h : s.size * 1.3;
      expect(s.x, `${c.id} ${s.type}`).toBeGreaterThanOrEqual(-w / 2);
      expect(s.y).toBeGreaterThanOrEqual(0);
      expect(s.x + w).toBeLessThanOrEqual(c.w + w / 2);
      expect(s.y + h).toBeLessThanOrEqual(c.h + 0.01);
      if (s.type === 'rect') expect(s.w).toBeGreaterThanOrEqual(0);
    } else if (s.type === 'line') {
      for (let i = 0; i < s.points.length; i += 2) {
        expect(s.points[i]!).toBeGreaterThanOrEqual(0);
        expect(s.points[i]!).toBeLessThanOrEqual(c.w);
        expect(s.points[i + 1]!).toBeGreaterThanOrEqual(0);
        expect(s.points[i + 1]!).toBeLessThanOrEqual(c.h);
      }
    }
  }
}

describe('report charts', () => {
  const r = result();

  it('draws the utilisation histogram, the migration timelines and the slowest migration rounds, inside their boxes', () => {
    const charts = reportCharts(r);
    expect(charts.map((c) => c.id)).toEqual(['utilisation', 'migration-timeline', 'migration-rounds']);
    for (const c of charts) expectInside(c);
  });

  it('labels axes with units and counts every resource once', () => {
    const c = utilisationChart(r.resources)!;
    expect(texts(c)).toEqual(expect.arrayContaining([`Utilisation of ${r.resources.length} resources`, 'Utilisation (%)', 'Resources (count)', '0', '50', '100']));
    // The counts printed above the bars (the smaller numbers) add up to the number of resources.
    const counts = c.shapes.filter((s) => s.type === 'text' && s.size === 9 && /^\d+$/.test(s.text)).map((s) => Number((s as { text: string }).text));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(r.resources.length);
    const rounds = migrationRoundsChart(r.migrations)!;
    expect(texts(rounds).some((t) => /^Sent per round \((MiB|GiB)\)$/.test(t))).toBe(true);
    expect(texts(rounds)).toContain('Round (0 = first full pass)');
  });

  it('draws each phase of a migration as wide as its seconds, with a legend for the phases shown', () => {
    const c = migrationTimelineChart(r.migrations)!;
    expect(texts(c)).toEqual(expect.arrayContaining(['Time (s)', 'r01.h001.vm02 → r01.h002', 'disk copy', 'pre-copy', 'stop-and-copy']));
    const bars = rects(c).filter((x) => x.h === 12);
    const first = timelineSegments(r.migrations[0]!.result!).filter((s) => s.seconds > 0);
    const row = bars.filter((b) => b.y === bars[0]!.y);
    expect(row).toHaveLength(first.length);
    // Widths over seconds is one constant (the time scale), and each bar starts where the previous ended.
    const k = row[0]!.w / first[0]!.seconds;
    row.forEach((b, i) => {
      expect(b.w / first[i]!.seconds).toBeCloseTo(k, 6);
      if (i > 0) expect(b.x).toBeCloseTo(row[i - 1]!.x + row[i - 1]!.w, 6);
    });
  });

  it('keeps the number of bars bounded for many migrations', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ ...r.migrations[0]!, vm: `vm${i}` }));
    const c = migrationTimelineChart(many, 20)!;
    expect(c.title).toBe('Migration timelines (20 of 500)');
    expect(texts(c).filter((t) => t.startsWith('vm'))).toHaveLength(20);
    expect(c.h).toBeLessThan(600);
  });

  it('has nothing to draw without resources or migrations', () => {
    expect(reportCharts({ ...r, resources: [], migrations: [] })).toEqual([]);
    expect(migrationTimelineChart(r.migrations.map((m) => ({ ...m, result: null, dropped: 'no path' })))).toBeNull();
  });

  it('serialises a chart as standalone SVG with its own class prefix and escaped labels', () => {
    const c = migrationTimelineChart([{ ...r.migrations[0]!, vm: '<vm&1>' }])!;
    const svg = chartSvg(c);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" id="chart-migration-timeline"/);
    expect(svg).toContain('&lt;vm&amp;1&gt; → r01.h002');
    expect(svg).not.toMatch(/class="c\d/);
    expect(svg).toContain('class="kmigrationtimeline0"');
  });
});
