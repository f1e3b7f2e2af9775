/**
 * The topology-JSON rows of export.bench.ts (issue #16 item 3): the fabric at 2,000 hosts × 20 VMs and, with
 * RACKPLANE_BENCH_LARGE=1, at 10,000 × 20, exported as canonical JSON three ways against the baseline of the same
 * run, JSON.stringify(designToDocument(d), null, 2) (the same indentation, no canonical key order, one string):
 * - exportTopologyJson: the canonical text as one string (what the app's File ▸ Export holds);
 * - streamed: exportTopologyJsonChunks written piece by piece to a file (what `rackplane export --format json` does);
 * - the CLI itself on the saved project, wall time and peak RSS (/usr/bin/time), when a built CLI is there
 *   (RACKPLANE_OUT or out/): start-up, open, export, write, as a user runs it. The verdict is on wall time, which a
 *   loaded machine stretches: the CPU time beside it is what an idle 2-core machine would about take.
 * A helper module, not a benchmark of its own (run.mjs runs *.bench.ts only).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { saveProject } from '../../electron/project/store';
import { designToDocument, exportTopologyJson, exportTopologyJsonChunks } from '../../shared/formats/topology';
import { makeTemplate } from '../../shared/templates';
import { mib, ms, table, timeWallCpu, type WallCpu } from './timing';

const VMS_PER_HOST = 20;
const TARGET_CLI_MS: Record<number, number> = { 2000: 3000, 10000: 15000 };
const TARGET_RSS_MIB = 1536;
const SIZES = process.env.RACKPLANE_BENCH_LARGE === '1' ? [2000, 10000] : [2000];

type Timed = WallCpu;
const time = timeWallCpu;

const both = (t: Timed) => `${ms(t.wallMs)} (CPU ${ms(t.cpuMs)})`;
const ratio = (t: Timed, base: Timed) => `${(t.cpuMs / base.cpuMs).toFixed(2)}× (wall ${(t.wallMs / base.wallMs).toFixed(2)}×)`;

function writePieces(file: string, pieces: Iterable<string>): number {
  const fd = openSync(file, 'w');
  let bytes = 0;
  try {
    for (const p of pieces) {
      const b = Buffer.from(p, 'utf8');
      for (let at = 0; at < b.length; ) at += writeSync(fd, b, at);
      bytes += b.length;
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** The built CLI the tests would run (test/cli/run-cli.ts): RACKPLANE_OUT's build, else out/. */
function builtCli(): string | null {
  const cli = resolve(__dirname, '../..', process.env.RACKPLANE_OUT ?? 'out', 'main', 'cli.js');
  return existsSync(cli) ? cli : null;
}

/** `rackplane export --format json` on `project`: wall time, CPU time (user + system) and peak RSS from GNU time. */
function cliExport(cli: string, project: string, out: string): { wallMs: number; cpuMs: number; rssMiB: number } | string {
  if (!existsSync('/usr/bin/time')) return 'no /usr/bin/time';
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, cli, 'export', project, '--format', 'json', '-o', out], { encoding: 'utf8' });
  if (r.status !== 0) return `exit ${r.status}: ${r.stderr.trim().split('\n')[0]}`;
  const [secs, user, sys, kib] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wallMs: secs! * 1000, cpuMs: (user! + sys!) * 1000, rssMiB: kib! / 1024 };
}

export function jsonExportRows(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'rackplane-bench-json-'));
  const cli = builtCli();
  const rows: string[][] = [];
  try {
    for (const hosts of SIZES) {
      const runs = hosts > 2000 ? 1 : 3;
      const design = makeTemplate('fabric', { hosts, vmsPerHost: VMS_PER_HOST });
      let bytes = 0;
      const baseline = time(() => void (bytes = Buffer.byteLength(JSON.stringify(designToDocument(design), null, 2))), runs);
      const whole = time(() => void exportTopologyJson(design), runs);
      const file = join(dir, 'out.json');
      const streamed = time(() => void writePieces(file, exportTopologyJsonChunks(design)), runs);
      const label = `${hosts} × ${VMS_PER_HOST}`;
      rows.push(
        [`${label}: JSON.stringify (baseline)`, both(baseline), mib(bytes), '', ''],
        [`${label}: exportTopologyJson`, both(whole), '', ratio(whole, baseline), ''],
        [`${label}: streamed to a file`, both(streamed), '', ratio(streamed, baseline), ''],
      );
      if (cli) {
        const project = join(dir, `fabric-${hosts}.rackplane`);
        saveProject(project, design);
        const r = cliExport(cli, project, join(dir, 'cli.json'));
        const target = TARGET_CLI_MS[hosts]!;
        rows.push(
          typeof r === 'string'
            ? [`${label}: rackplane export --format json`, r, '', '', '']
            : [
                `${label}: rackplane export --format json`,
                `${ms(r.wallMs)} (CPU ${ms(r.cpuMs)}), peak RSS ${r.rssMiB.toFixed(0)} MiB`,
                '',
                `< ${target / 1000} s${hosts > 2000 ? `, < ${TARGET_RSS_MIB} MiB` : ''}`,
                r.wallMs < target && (hosts <= 2000 || r.rssMiB < TARGET_RSS_MIB) ? 'PASS' : 'MISS',
              ],
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    `topology JSON export, fabric with ${VMS_PER_HOST} VMs per host (ratio on CPU time against JSON.stringify of the same design, same run)`,
    table(['step', 'time', 'output', 'vs baseline / target', 'verdict'], rows),
    cli ? `CLI: ${cli}` : 'CLI rows skipped: no built CLI (build with RACKPLANE_OUT=out-<name> npx electron-vite build)',
    SIZES.length === 1 ? 'The 10,000-host rows: RACKPLANE_BENCH_LARGE=1 npm run bench -- export.' : '',
    '',
  ];
}
