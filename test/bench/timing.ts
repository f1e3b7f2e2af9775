/** Timing helpers shared by the benchmarks: warm-up then median of N, and a plain-text table. */
import { spawnSync } from 'node:child_process';

export interface Timing {
  medianMs: number;
  runsMs: number[];
}

/** Runs `fn` once to warm up (JIT, caches, page cache), then `runs` times; reports the median. */
export function time(fn: () => void, runs = 5): Timing {
  fn();
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    runsMs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { medianMs, runsMs };
}

export interface WallCpu {
  wallMs: number;
  cpuMs: number;
}

/**
 * One warm-up, then `runs` runs: the median wall time and the median CPU time (all threads of this process). On a
 * machine shared with other work the wall time stretches with the load and the CPU time much less, so verdicts are
 * taken on CPU time and both are printed.
 */
export function timeWallCpu(fn: () => void, runs: number): WallCpu {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const start = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

export const ms = (t: number) => `${t.toFixed(1)} ms`;
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Columns padded to their widest cell; the first column left-aligned, the rest right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Runs the bench file `file` once per host count, each in its own process (so each size's peak RSS is its own),
 * passing the count in the environment variable `sizeVar`; returns 1 when any run failed.
 */
export function runEachSize(file: string, sizeVar: string, sizes: readonly number[], cwd: string): number {
  if (sizes.length === 1) process.stdout.write('(the 10,000-host size runs with RACKPLANE_BENCH_10K=1)\n\n');
  let status = 0;
  for (const hosts of sizes) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd, stdio: 'inherit', env: { ...process.env, [sizeVar]: String(hosts) } });
    if (r.status !== 0) status = 1;
  }
  return status;
}
