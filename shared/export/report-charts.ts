/**
 * The design report's simulation charts as scene shapes (shared/scene/types.ts), so one description is drawn
 * into the HTML report as SVG (chartSvg, via the SVG export's shapeSvg) and into the PDF report by the scene
 * painter (electron/export/report-pdf.ts): the two reports cannot drift apart. Charts: how many resources sit
 * in each utilisation band, one timeline bar per migration, and the pre-copy rounds of the slowest migration.
 * Every chart has a bounded size (at most `top` bars), so a 2,000-host result stays small.
 */
import { PALETTES, type ThemeName } from '../scene/palette';
import type { ColorRole, Shape, TextShape } from '../scene/types';
import { formatSeconds, linearScale, timelineSegments, utilisationHistogram, type SegmentKind } from '../sim/charts';
import type { MigrationResult } from '../sim/migration';
import type { MigrationRunResult, ResourceResult, SimulationResult } from '../sim/simulate';
import { shapeSvg, StyleSheet } from './svg';
import { escapeXml, num } from './xml';

export interface ReportChart {
  /** Stable id, used for the HTML element id and by tests. */
  id: 'utilisation' | 'migration-timeline' | 'migration-rounds';
  /** What the chart shows, in one line (also drawn as the chart's first text). */
  title: string;
  w: number;
  h: number;
  shapes: Shape[];
}

/** Chart width in report units (CSS px in HTML; fitted to the text width in the PDF). */
export const CHART_WIDTH = 560;
const PAD = { l: 64, r: 16, t: 30, b: 34 };
const FONT = 10;

/** What the legend and the tables call each part of a migration (as the results panel does). */
export const SEGMENT_NAMES: Readonly<Record<SegmentKind, string>> = {
  'storage-copy': 'disk copy',
  'pre-copy': 'pre-copy',
  'stop-and-copy': 'stop-and-copy',
  resume: 'resume',
  'network-update': 'edge update',
};
const SEGMENT_ORDER: readonly SegmentKind[] = ['storage-copy', 'pre-copy', 'stop-and-copy', 'resume', 'network-update'];
const SEGMENT_COLOR: Readonly<Record<SegmentKind, ColorRole>> = {
  'storage-copy': 'storage.stroke',
  'pre-copy': 'nic.stroke',
  'stop-and-copy': 'problem.error',
  resume: 'compute.stroke',
  'network-update': 'switch.stroke',
};

const text = (x: number, y: number, w: number, s: string, o: Partial<Pick<TextShape, 'size' | 'bold' | 'align' | 'fill'>> = {}): TextShape => ({
  type: 'text',
  x,
  y,
  w,
  text: s,
  size: o.size ?? FONT,
  bold: o.bold ?? false,
  align: o.align ?? 'left',
  fill: o.fill ?? 'text',
  detail: 0,
});
const rect = (x: number, y: number, w: number, h: number, fill: ColorRole): Shape => ({ type: 'rect', x, y, w, h, fill, stroke: null, strokeWidth: 0, radius: 0, dash: null, detail: 0 });
const line = (points: number[], stroke: ColorRole = 'textMuted', strokeWidth = 1): Shape => ({ type: 'line', points, stroke, strokeWidth, dash: null, detail: 0 });
const finite = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0);

/** A vertical value axis: grid lines and tick labels left of the plot, the unit label above it. */
function valueAxis(out: Shape[], max: number, top: number, bottom: number, right: number, label: string, tick: (v: number) => string): (v: number) => number {
  const y = linearScale(max, bottom, top, 4);
  for (const t of y.ticks) {
    out.push(line([PAD.l, y(t), right, y(t)], 'grid'));
    out.push(text(0, y(t) - FONT * 0.6, PAD.l - 6, tick(t), { align: 'right', fill: 'textMuted' }));
  }
  out.push(text(0, top - FONT * 1.9, CHART_WIDTH / 2, label, { size: FONT - 1, fill: 'textMuted' }));
  return y;
}

/** How many resources (PCIe links, Ethernet links, vSwitch copy paths) fall in each 10 % utilisation band. */
export function utilisationChart(resources: readonly ResourceResult[]): ReportChart | null {
  if (resources.length === 0) return null;
  const h = 220;
  const bins = utilisationHistogram(resources.map((r) => r.utilisation));
  const out: Shape[] = [];
  const title = `Utilisation of ${resources.length} resources`;
  out.push(text(0, 0, CHART_WIDTH, title, { bold: true, size: 12 }));
  const bottom = h - PAD.b;
  const right = CHART_WIDTH - PAD.r;
  const y = valueAxis(out, Math.max(1, ...bins.map((b) => b.count)), PAD.t + 12, bottom, right, 'Resources (count)', (v) => String(v));
  const bw = (right - PAD.l) / bins.length;
  bins.forEach((b, i) => {
    const x = PAD.l + i * bw;
    // Busy bands in warning colours, as the heatmap marks them (75 % and 90 %).
    const role: ColorRole = b.from >= 0.9 ? 'problem.error' : b.from >= 0.75 ? 'problem.warning' : 'nic.stroke';
    if (b.count > 0) {
      out.push(rect(x + 2, y(b.count), bw - 4, bottom - y(b.count), role));
      out.push(text(x, y(b.count) - FONT * 1.3, bw, String(b.count), { align: 'center', size: FONT - 1 }));
    }
    out.push(text(x - bw / 2, bottom + 4, bw, String(Math.round(b.from * 100)), { align: 'center', fill: 'textMuted' }));
  });
  out.push(text(right - bw / 2, bottom + 4, bw, '100', { align: 'center', fill: 'textMuted' }));
  out.push(line([PAD.l, bottom, right, bottom]));
  out.push(text(PAD.l, h - FONT * 1.3, right - PAD.l, 'Utilisation (%)', { align: 'center', fill: 'textMuted' }));
  return { id: 'utilisation', title, w: CHART_WIDTH, h, shapes: out };
}

const ran = (m: MigrationRunResult): m is MigrationRunResult & { result: MigrationResult } => m.result !== null && m.result.rounds.length > 0;

/** One bar per migration (the first `top` that ran), split into its phases over a shared time axis. */
export function migrationTimelineChart(migrations: readonly MigrationRunResult[], top = 20, name: ElementNamer = (id) => id): ReportChart | null {
  const all = migrations.filter(ran);
  if (all.length === 0) return null;
  const shown = all.slice(0, Math.max(1, top));
  // Rate steps (the stream re-allocated as other streams end) are marked on each bar at the times they happen.
  const rows = shown.map((m) => ({
    label: `${name(m.vm)} → ${name(m.to)}`,
    segs: timelineSegments(m.result).map((s) => ({ ...s, seconds: finite(s.seconds) })),
    steps: (m.rateSteps ?? []).slice(1, -1).map((x) => x.t),
  }));
  const label = 150;
  const rowH = 18;
  const top0 = PAD.t + 8;
  const bottom = top0 + rows.length * rowH;
  const right = CHART_WIDTH - PAD.r;
  const maxT = Math.max(...rows.map((r) => r.segs.reduce((t, s) => t + s.seconds, 0)), 1e-3);
  const x = linearScale(maxT, label, right, 5);
  const out: Shape[] = [];
  const stepped = rows.some((r) => r.steps.length > 0);
  const title = `Migration timelines (${shown.length} of ${all.length})${stepped ? '; ticks: the stream’s rate changed' : ''}`;
  out.push(text(0, 0, CHART_WIDTH, title, { bold: true, size: 12 }));
  for (const t of x.ticks) {
    out.push(line([x(t), top0 - 4, x(t), bottom], 'grid'));
    out.push(text(x(t) - 30, bottom + 4, 60, t === 0 ? '0 s' : formatSeconds(t), { align: 'center', fill: 'textMuted' }));
  }
  rows.forEach((r, i) => {
    const y = top0 + i * rowH;
    out.push(text(0, y + 2, label - 6, r.label, { align: 'right', size: FONT - 1 }));
    for (const s of r.segs) if (s.seconds > 0) out.push(rect(x(s.start), y + 3, x(s.seconds) - x(0), rowH - 6, SEGMENT_COLOR[s.kind]));
    for (const t of r.steps) out.push(line([x(t), y + 1, x(t), y + rowH - 1]));
  });
  out.push(line([label, bottom, right, bottom]));
  out.push(text(label, bottom + 4 + FONT * 1.4, right - label, 'Time (s)', { align: 'center', fill: 'textMuted' }));
  // Legend: the phases present, left to right, wrapping (about 0.6 em per character).
  const present = new Set(rows.flatMap((r) => r.segs.filter((s) => s.seconds > 0).map((s) => s.kind)));
  let lx = label;
  let ly = bottom + 4 + FONT * 3;
  for (const k of SEGMENT_ORDER.filter((kk) => present.has(kk))) {
    const w = 24 + SEGMENT_NAMES[k].length * FONT * 0.6;
    if (lx + w > right && lx > label) {
      lx = label;
      ly += FONT * 1.6;
    }
    out.push(rect(lx, ly + 1, 10, 10, SEGMENT_COLOR[k]));
    out.push(text(lx + 14, ly, w - 14, SEGMENT_NAMES[k], { size: FONT - 1 }));
    lx += w;
  }
  return { id: 'migration-timeline', title, w: CHART_WIDTH, h: ly + FONT * 2, shapes: out };
}

/** Bytes per memory copy round of the slowest migration (pre-copy rounds, then the stop-and-copy). */
export function migrationRoundsChart(migrations: readonly MigrationRunResult[], name: ElementNamer = (id) => id): ReportChart | null {
  const slowest = migrations.filter(ran).reduce<(MigrationRunResult & { result: MigrationResult }) | null>((a, m) => (!a || finite(m.result.totalSeconds) > finite(a.result.totalSeconds) ? m : a), null);
  if (!slowest) return null;
  const r = slowest.result;
  // Xen's cap of 30 rounds fits; a longer run (another model) shows its first 29 rounds and its last.
  const cap = 30;
  const rounds = r.rounds.length > cap ? [...r.rounds.slice(0, cap - 1), r.rounds.at(-1)!] : r.rounds;
  const index = r.rounds.length > cap ? [...rounds.keys()].map((i) => (i === rounds.length - 1 ? r.rounds.length - 1 : i)) : [...rounds.keys()];
  const maxB = Math.max(...rounds.map((x) => finite(x.sentBytes)), 1);
  const unit = maxB >= 1024 ** 3 ? { div: 1024 ** 3, name: 'GiB' } : { div: 1024 ** 2, name: 'MiB' };
  const h = 236;
  const bottom = h - PAD.b;
  const right = CHART_WIDTH - PAD.r;
  const out: Shape[] = [];
  const title = 'Copy rounds of the slowest migration';
  out.push(text(0, 0, CHART_WIDTH, title, { bold: true, size: 12 }));
  // Names can be long: the migration and its times get a line of their own under the title.
  out.push(text(0, 16, CHART_WIDTH, `${name(slowest.vm)} → ${name(slowest.to)}: ${formatSeconds(r.totalSeconds)} in all, ${formatSeconds(r.downtimeSeconds)} downtime`, { size: FONT }));
  const y = valueAxis(out, maxB / unit.div, PAD.t + 28, bottom, right, `Sent per round (${unit.name})`, (v) => String(v));
  const bw = (right - PAD.l) / rounds.length;
  const every = rounds.length > 15 ? 5 : 1;
  rounds.forEach((round, i) => {
    const v = finite(round.sentBytes) / unit.div;
    const x = PAD.l + i * bw;
    out.push(rect(x + Math.min(2, bw * 0.1), y(v), bw - 2 * Math.min(2, bw * 0.1), bottom - y(v), round.stopAndCopy ? SEGMENT_COLOR['stop-and-copy'] : SEGMENT_COLOR['pre-copy']));
    const n = index[i]!;
    if (n % every === 0 || i === rounds.length - 1) out.push(text(x - 8, bottom + 4, bw + 16, String(n), { align: 'center', fill: 'textMuted' }));
  });
  out.push(line([PAD.l, bottom, right, bottom]));
  out.push(text(PAD.l, h - FONT * 1.3, (right - PAD.l) / 2, 'Round (0 = first full pass)', { fill: 'textMuted' }));
  out.push(rect(right - 200, h - FONT * 1.3 + 1, 10, 10, SEGMENT_COLOR['pre-copy']));
  out.push(text(right - 186, h - FONT * 1.3, 80, 'pre-copy', { size: FONT - 1 }));
  out.push(rect(right - 100, h - FONT * 1.3 + 1, 10, 10, SEGMENT_COLOR['stop-and-copy']));
  out.push(text(right - 86, h - FONT * 1.3, 86, 'stop-and-copy', { size: FONT - 1 }));
  return { id: 'migration-rounds', title, w: CHART_WIDTH, h, shapes: out };
}

/** An element's name for its id (the reports pass the design's names; ids are the fallback). */
export type ElementNamer = (id: string) => string;

/** The report's charts for a simulation result, in reading order (those with nothing to show left out). */
export function reportCharts(r: SimulationResult, top = 20, name?: ElementNamer): ReportChart[] {
  return [utilisationChart(r.resources), migrationTimelineChart(r.migrations, top, name), migrationRoundsChart(r.migrations, name)].filter((c): c is ReportChart => c !== null);
}

/** A chart as an inline SVG element; `prefix` keeps its CSS classes apart from the page's other SVGs. */
export function chartSvg(chart: ReportChart, theme: ThemeName = 'light', prefix = `k${chart.id.replace(/[^a-z]/g, '')}`): string {
  const css = new StyleSheet(prefix);
  const body = chart.shapes.map((s) => shapeSvg(s, 0, 0, PALETTES[theme], css)).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" id="chart-${chart.id}" role="img" aria-label="${escapeXml(chart.title)}" width="${num(chart.w)}" height="${num(chart.h)}" viewBox="0 0 ${num(chart.w)} ${num(chart.h)}"><style>${css.css()}</style>${body}</svg>`;
}
