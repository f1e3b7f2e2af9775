/**
 * The diagram rows of export.bench.ts (issue #16 item 3): `rackplane export --format svg|png|pdf` run by the built
 * CLI on the saved fabric at 2,000 hosts × 20 VMs and, with RACKPLANE_BENCH_LARGE=1, at 10,000 × 20, as a user
 * runs it (open, validate, scene, labels, draw, write), each in its own process so its peak RSS is its own. Wall,
 * CPU (user + system, all threads) and peak RSS come from GNU time; CPU is shown because other work on a shared
 * machine stretches wall time but not CPU time. Beside them: the targets, and the figures the issue measured before
 * this work (the baseline). The canvas peer (../shared/bench/canvas, maxGraph) has no export workload, so there is
 * no peer column. Needs a built CLI (RACKPLANE_OUT's build, else out/) and /usr/bin/time; skipped with a line otherwise.
 * A helper module, not a benchmark of its own (run.mjs runs *.bench.ts only).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { saveProject } from '../../electron/project/store';
import { PARALLEL_VALIDATION_MAX_BYTES } from '../../electron/export/validate-job';
import { makeTemplate } from '../../shared/templates';
import { mib, table } from './timing';

const VMS_PER_HOST = 20;
const SIZES = process.env.RACKPLANE_BENCH_LARGE === '1' ? [2000, 10000] : [2000];
const FORMATS = ['svg', 'png', 'pdf'] as const;
type DiagramFormat = (typeof FORMATS)[number];
/** Wall-time targets (issue #16 item 3), and the peak RSS target at 10,000 hosts. */
const TARGET_MS: Record<number, number> = { 2000: 3000, 10000: 15000 };
const TARGET_RSS_MIB = 1536;
/** The issue's own measurements before this work (CLI wall; RSS where it gave one), "—" where it gave none. */
const BEFORE: Record<number, Record<DiagramFormat, string>> = {
  2000: { svg: '5.3 s', png: '6.4 s', pdf: '5.6 s' },
  10000: { svg: '31 s, 2.1 GB', png: '—', pdf: '—' },
};

/** The built CLI the tests would run (test/cli/run-cli.ts): RACKPLANE_OUT's build, else out/. */
function builtCli(): string | null {
  const cli = resolve(__dirname, '../..', process.env.RACKPLANE_OUT ?? 'out', 'main', 'cli.js');
  return existsSync(cli) ? cli : null;
}

interface CliRun {
  wallS: number;
  cpuS: number;
  rssMiB: number;
  bytes: number;
  note: string;
}

/** One `rackplane export` under GNU time: wall, CPU and peak RSS of that process, or why it did not run. */
function cliExport(cli: string, project: string, format: DiagramFormat, out: string): CliRun | string {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, cli, 'export', project, '--format', format, '-o', out], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const lines = r.stderr.trim().split('\n');
  if (r.status !== 0) return `exit ${r.status}: ${lines[0] ?? ''}`;
  const [wall, user, sys, kib] = lines.pop()!.split(' ').map(Number);
  // A note from the CLI (a bitmap scaled down to stay within limits) is worth showing beside the figure.
  const note = lines.find((l) => l.startsWith('rackplane: note:'))?.replace(/^rackplane: note: /, '') ?? '';
  return { wallS: wall!, cpuS: user! + sys!, rssMiB: kib! / 1024, bytes: statSync(out).size, note };
}

export function diagramExportRows(): string[] {
  const cli = builtCli();
  if (!cli || !existsSync('/usr/bin/time')) {
    return [
      `diagram export rows skipped: ${cli ? 'no /usr/bin/time' : 'no built CLI (build with RACKPLANE_OUT=out-<name> npx electron-vite build)'}`,
      '',
    ];
  }
  const dir = mkdtempSync(join(tmpdir(), 'rackplane-bench-diagram-'));
  const rows: string[][] = [];
  const notes = new Set<string>();
  try {
    for (const hosts of SIZES) {
      const project = join(dir, `fabric-${hosts}.rackplane`);
      saveProject(project, makeTemplate('fabric', { hosts, vmsPerHost: VMS_PER_HOST }));
      for (const format of FORMATS) {
        const label = `${hosts} × ${VMS_PER_HOST}: rackplane export --format ${format}`;
        const r = cliExport(cli, project, format, join(dir, `out.${format}`));
        const target = `< ${TARGET_MS[hosts]! / 1000} s${hosts > 2000 ? `, < ${TARGET_RSS_MIB} MiB` : ''}`;
        if (typeof r === 'string') {
          rows.push([label, r, '', '', target, BEFORE[hosts]![format], '']);
          continue;
        }
        if (r.note) notes.add(`${hosts} hosts, ${format}: ${r.note}`);
        const ok = r.wallS * 1000 < TARGET_MS[hosts]! && (hosts <= 2000 || r.rssMiB < TARGET_RSS_MIB);
        rows.push([label, `${r.wallS.toFixed(1)} s (CPU ${r.cpuS.toFixed(1)} s)`, `${r.rssMiB.toFixed(0)} MiB`, mib(r.bytes), target, BEFORE[hosts]![format], ok ? 'PASS' : 'MISS']);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    `diagram export from the CLI, fabric with ${VMS_PER_HOST} VMs per host (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} after the runs)`,
    table(['step', 'wall (CPU)', 'peak RSS', 'output', 'target', 'before (issue #16)', 'verdict'], rows),
    ...[...notes].map((n) => `note: ${n}`),
    `CLI: ${cli}; no maxGraph peer: the canvas bench (../shared/bench/canvas) has no export workload`,
    `The problem marks' validation runs on a worker thread beside the scene for files up to ${PARALLEL_VALIDATION_MAX_BYTES / 1024 / 1024} MiB (electron/export/validate-job.ts), in-process above (memory); the overlap shortens wall time only when a second core is free.`,
    SIZES.length === 1 ? 'The 10,000-host rows: RACKPLANE_BENCH_LARGE=1 npm run bench -- export.' : '',
    '',
  ];
}
