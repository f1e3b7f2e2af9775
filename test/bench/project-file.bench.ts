/**
 * Project-file benchmark: saving and opening the fabric at 2,000 hosts × 20 VMs (~50k elements, ~50k links) and,
 * with RACKPLANE_BENCH_LARGE=1, at 10,000 hosts × 20 VMs (~250k elements, ~250k links), each against the cheapest
 * JSON baseline of the same design measured in the same run: `JSON.stringify(designToDocument(d))` for save and
 * `JSON.parse` of that text for open, with no file I/O and no validation. Target: each within 2× its baseline.
 *
 * Open is timed both ways it can go (electron/project/schema-fingerprint.ts): a file this build saved (checksum and
 * schema fingerprint match: the per-record schema parse is skipped) and the same file as another build would have
 * written it (the tag removed from its app version: every record gets full validation).
 *
 * Run: node --import tsx test/bench/project-file.bench.ts (or npm run bench -- project-file);
 * both sizes: RACKPLANE_BENCH_LARGE=1 npm run bench -- project-file. Prints; asserts nothing on time.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import packageJson from '../../package.json';
import { designToDocument } from '../../shared/formats/topology';
import type { Design } from '../../shared/model/design';
import { makeTemplate } from '../../shared/templates';
import { openProject, saveProject, type ProjectLoadResult } from '../../electron/project/store';
import { mib, ms, table, timeWallCpu, type WallCpu } from './timing';

const VMS_PER_HOST = 20;
const TARGET_RATIO = 2;
const SIZES = process.env.RACKPLANE_BENCH_LARGE === '1' ? [2000, 10000] : [2000];

type Timed = WallCpu;
const time = timeWallCpu;

const both = (t: Timed) => `${ms(t.wallMs)} (CPU ${ms(t.cpuMs)})`;

const verdict = (project: Timed, baseline: Timed) => {
  const ratio = project.cpuMs / baseline.cpuMs;
  return [`${ratio.toFixed(2)}× (wall ${(project.wallMs / baseline.wallMs).toFixed(2)}×)`, ratio <= TARGET_RATIO ? 'PASS' : 'MISS'];
};

/** The same file as a build with other schemas would have written it: its app version without this build's tag. */
function asAnotherBuild(file: string, copy: string): void {
  copyFileSync(file, copy);
  const db = new Database(copy);
  try {
    db.prepare("UPDATE meta SET value = ? WHERE key = 'appVersion'").run(packageJson.version);
  } finally {
    db.close();
  }
}

function bench(hosts: number, dir: string): string[] | null {
  const runs = hosts > 2000 ? 3 : 5;
  const design: Design = makeTemplate('fabric', { hosts, vmsPerHost: VMS_PER_HOST });
  const elements = Object.keys(design.elements).length;
  const links = Object.keys(design.links).length;
  const file = join(dir, `fabric-${hosts}.rackplane`);
  const foreign = join(dir, `fabric-${hosts}-other-build.rackplane`);

  let json = '';
  const stringify = time(() => void (json = JSON.stringify(designToDocument(design))), runs);
  const parse = time(() => void JSON.parse(json), runs);
  const jsonBytes = Buffer.byteLength(json);
  // Let the baseline text go, so the project timings do not pay for collecting around it.
  json = '';
  const save = time(() => saveProject(file, design), runs);
  asAnotherBuild(file, foreign);
  // Widened on purpose: the closures below assign them, which TypeScript's narrowing cannot see.
  let fast = { ok: false, reason: 'not opened' } as ProjectLoadResult;
  const open = time(() => void (fast = openProject(file)), runs);
  let full = { ok: false, reason: 'not opened' } as ProjectLoadResult;
  const openFull = time(() => void (full = openProject(foreign)), runs);
  for (const [what, r] of [['this build’s file', fast], ['the other build’s file', full]] as const) {
    if (!r.ok) {
      process.stderr.write(`project-file bench: ${what} did not open: ${r.reason}\n`);
      return null;
    }
    if (Object.keys(r.design.elements).length !== elements || Object.keys(r.design.links).length !== links) {
      process.stderr.write(`project-file bench: ${what} lost elements or links\n`);
      return null;
    }
  }
  const fastTrusted = fast.ok && fast.trusted === true;
  const fullTrusted = full.ok && full.trusted === true;
  const fileBytes = statSync(file).size;
  return [
    `fabric of ${hosts} hosts × ${VMS_PER_HOST} VMs = ${elements} elements, ${links} links (median of ${runs} after a warm-up; ratio on CPU time)`,
    '',
    table(
      ['operation', 'project', 'file', 'JSON baseline', 'JSON', 'ratio', `target ≤ ${TARGET_RATIO}×`],
      [
        ['save', both(save), mib(fileBytes), `stringify ${both(stringify)}`, mib(jsonBytes), ...verdict(save, stringify)],
        [`open (this build's file${fastTrusted ? ', fingerprint path' : ', FULL path?'})`, both(open), mib(fileBytes), `parse ${both(parse)}`, mib(jsonBytes), ...verdict(open, parse)],
        [`open (another build's: full validation${fullTrusted ? ' SKIPPED?' : ''})`, both(openFull), mib(fileBytes), `parse ${both(parse)}`, mib(jsonBytes), verdict(openFull, parse)[0]!, '(no target)'],
      ],
    ),
    '',
  ];
}

function main(): number {
  const dir = mkdtempSync(join(tmpdir(), 'rackplane-bench-'));
  const out: string[] = [];
  try {
    for (const hosts of SIZES) {
      const rows = bench(hosts, dir);
      if (!rows) return 1;
      out.push(...rows);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  out.push(
    'save = saveProject (SQLite, checksum, temp file, fsync, rename) vs JSON.stringify(designToDocument(d)) with no file write;',
    'open = openProject (whole-file read, integrity check, schema and bounds checks, checksum, records) vs JSON.parse alone.',
    SIZES.length === 1 ? 'The 10,000-host rows: RACKPLANE_BENCH_LARGE=1 npm run bench -- project-file.' : '',
    `peak RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (a shared machine stretches every figure, the ratios less)`,
    '',
  );
  process.stdout.write(out.filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n') + '\n');
  return 0;
}

process.exitCode = main();
