/**
 * Chart arithmetic for the results view and the design report, kept out of the drawing code: linear scales with round ticks,
 * the utilisation histogram, and the segments of a migration's timeline (disk copy, pre-copy rounds,
 * stop-and-copy, resume, network update).
 */
import type { MigrationResult } from './migration';

export interface LinearScale {
  (v: number): number;
  ticks: number[];
  max: number;
}

/** A step of 1, 2 or 5 × 10^k giving about `count` ticks up to `max`. */
export function niceStep(max: number, count = 5): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/** Maps [0, max] (rounded up to a tick) onto [r0, r1]. */
export function linearScale(max: number, r0: number, r1: number, count = 5): LinearScale {
  const step = niceStep(max, count);
  const top = max > 0 && Number.isFinite(max) ? Math.ceil(max / step - 1e-9) * step : step;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  const f = ((v: number) => r0 + ((r1 - r0) * v) / top) as LinearScale;
  f.ticks = ticks;
  f.max = top;
  return f;
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

/** Counts utilisations (0-1) in `bins` equal bins; values ≥ 1 land in the last bin. */
export function utilisationHistogram(values: Iterable<number>, bins = 10): HistogramBin[] {
  const out: HistogramBin[] = Array.from({ length: bins }, (_, i) => ({ from: i / bins, to: (i + 1) / bins, count: 0 }));
  for (const v of values) {
    if (!Number.isFinite(v) || v < 0) continue;
    out[Math.min(bins - 1, Math.floor(v * bins))]!.count++;
  }
  return out;
}

export type SegmentKind = 'storage-copy' | 'pre-copy' | 'stop-and-copy' | 'resume' | 'network-update';

export interface TimelineSegment {
  kind: SegmentKind;
  /** Round number for copy segments (0 = the first full pass); null for the others. */
  round: number | null;
  start: number;
  seconds: number;
  bytes: number;
  /** What the segment copies: VM memory, or the local disk. */
  data: 'memory' | 'disk' | null;
}

/**
 * The phases of one migration in time order: the local-disk copy (bulk pass, then dirty blocks), the
 * memory pre-copy rounds, the stop-and-copy (with any disk blocks the copy did not catch up on), resume,
 * and the network update at the edge. Results stored before disks and the edge update were modelled have
 * neither, and their resume time is what the total leaves.
 */
export function timelineSegments(r: MigrationResult): TimelineSegment[] {
  const out: TimelineSegment[] = [];
  let t = 0;
  const push = (kind: SegmentKind, round: number | null, seconds: number, bytes: number, data: TimelineSegment['data']) => {
    out.push({ kind, round, start: t, seconds, bytes, data });
    t += seconds;
  };
  const disk = r.storageRounds ?? [];
  // A copy that did not catch up leaves its last blocks for the stop-and-copy.
  const lateDisk = r.storageConverged === false ? disk.at(-1) : undefined;
  (lateDisk ? disk.slice(0, -1) : disk).forEach((x, i) => push('storage-copy', i, x.seconds, x.sentBytes, 'disk'));
  r.rounds.forEach((round, i) => push(round.stopAndCopy ? 'stop-and-copy' : 'pre-copy', i, round.seconds, round.sentBytes, 'memory'));
  if (lateDisk) push('stop-and-copy', null, lateDisk.seconds, lateDisk.sentBytes, 'disk');
  const resume = r.resumeSeconds ?? (Number.isFinite(r.totalSeconds) ? Math.max(0, r.totalSeconds - t) : 0);
  push('resume', null, resume, 0, null);
  if (r.networkUpdateSeconds) push('network-update', null, r.networkUpdateSeconds, 0, null);
  return out;
}

/** Bytes as the charts label them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(bytes >= 10 * 1024 ** 3 ? 1 : 2)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
  return `${Math.round(bytes / 1024)} KiB`;
}

/** Seconds as the charts and tables label them. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '—';
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  return `${s.toFixed(s < 10 ? 2 : 1)} s`;
}

/** A stream's rate steps as the corners of a step line [seconds, Gb/s] (each rate held until the next step). */
export function rateStepPoints(steps: readonly { t: number; gbps: number }[]): [number, number][] {
  const out: [number, number][] = [];
  steps.forEach((s, i) => {
    if (i > 0) out.push([s.t, steps[i - 1]!.gbps]);
    out.push([s.t, s.gbps]);
  });
  return out;
}

/** "5 → 10 Gb/s" for a stream whose rate changed, "5 Gb/s" for one that kept it (the final 0 step left out). */
export function rateStepsLabel(steps: readonly { t: number; gbps: number }[]): string {
  const rates = steps.filter((s, i) => i < steps.length - 1 || s.gbps > 0).map((s) => s.gbps);
  const fmt = (g: number) => (g >= 100 ? g.toFixed(0) : g >= 1 ? g.toFixed(2) : g.toPrecision(2));
  return rates.length ? `${rates.map(fmt).join(' → ')} Gb/s` : '';
}
