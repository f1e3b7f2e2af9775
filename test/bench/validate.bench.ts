/**
 * Validator benchmark on the fabric template (20 VMs per host) at 2,000 hosts (~50k elements) and, with
 * RACKPLANE_BENCH_10K=1, also at 10,000 hosts (~250k elements, 252k links; slow: about a minute more). Per size, in its
 * own process so that its peak RSS is its own: a full validation (the first, cold run as the CLI pays it, then the median
 * of 5, 3 at 10,000), incremental revalidation after single-element edits (ValidationSession.run after one
 * updateElement command: a VM's vCPUs, a NIC's enabled VFs, a ToR port's reflective relay, a VM's tenant and vNIC VLAN,
 * a vSwitch port group's trunk; median and p95 over ~60 edits, changes taken from the command's patches as the app
 * does), and `rackplane validate` against `rackplane info` on the saved project (what validation adds to reading the
 * file), with each command's peak RSS where /usr/bin/time exists.
 * Targets (verdicts on the medians): full < 200 ms at 2,000 hosts and < 1 s at 10,000 (issue #16), incremental < 10 ms,
 * validate ≤ 1.5× info, peak RSS < 1.5 GiB at 10,000 hosts. The incremental result is compared with a full validation
 * of the final design (exit 1 when they differ: a correctness failure, not a slow result).
 * Run: node --import tsx test/bench/validate.bench.ts (or npm run bench -- validate); RACKPLANE_BENCH_10K=1 adds the
 * 10,000-host size; with RACKPLANE_OUT set it times that build folder's CLI (RACKPLANE_OUT=out-x npx electron-vite build
 * first). Asserts nothing on time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { saveProject } from '../../electron/project/store';
import { changesFromPatches } from '../../shared/history/changes';
import { applyCommand, type Command } from '../../shared/history/commands';
import type { Design } from '../../shared/model/design';
import type { ElementOf } from '../../shared/model/elements';
import type { ElementId } from '../../shared/model/ids';
import { makeTemplate } from '../../shared/templates';
import { ALL_RULES, ValidationSession, validateDesign } from '../../shared/validate';
import { mib, ms, runEachSize, table, time, timeWallCpu } from './timing';

const ROOT = resolve(__dirname, '../..');
// RACKPLANE_OUT (see electron.vite.config.mts) names another build folder than out/: time that build's CLI directly.
const OUT_DIR = process.env.RACKPLANE_OUT;
const BUILT_CLI = join(ROOT, OUT_DIR ?? 'out', 'main', 'cli.js');
const VMS_PER_HOST = 20;
const EDITS_PER_KIND = 12;
/** Sizes run, each in a child process: 10,000 hosts only on request (it adds about a minute). */
const SIZES = process.env.RACKPLANE_BENCH_10K ? [2000, 10000] : [2000];
/** Set in the child process: the one size it measures. */
const ONE_SIZE = process.env.RACKPLANE_BENCH_VALIDATE_HOSTS;
// Full validation: the original 2,000-host target, and issue #16's at 10,000 hosts.
const FULL_TARGET_MS: Record<number, number> = { 2000: 200, 10000: 1000 };
const TARGETS = { incrementalMs: 10, cliRatio: 1.5, rssBytes: 1.5 * 2 ** 30 };
const TIME_BIN = '/usr/bin/time';

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');

/** Ids of elements of a kind, sorted, spread evenly: `n` picks across the whole fabric. */
function spread(d: Design, kind: 'vm' | 'nic' | 'tor' | 'vswitch', n: number): ElementId[] {
  const all = Object.values(d.elements)
    .filter((e) => e.kind === kind)
    .map((e) => e.id)
    .sort();
  return Array.from({ length: n }, (_, i) => all[Math.floor((i * all.length) / n)]!);
}

/** One updateElement per pick, against the design as it is when the edit runs. */
function edits(d: Design): ((cur: Design) => Command)[] {
  const vm = spread(d, 'vm', EDITS_PER_KIND).map((id) => (cur: Design): Command => {
    const now = cur.elements[id] as ElementOf<'vm'>;
    return { type: 'updateElement', id, changes: { vcpus: now.vcpus === 8 ? 4 : 8 } };
  });
  const nic = spread(d, 'nic', EDITS_PER_KIND).map((id) => (cur: Design): Command => {
    const now = cur.elements[id] as ElementOf<'nic'>;
    const physicalFunctions = now.physicalFunctions.map((pf, i) => (i === 0 ? { ...pf, enabledVfs: pf.enabledVfs === 0 ? 4 : 0 } : pf));
    return { type: 'updateElement', id, changes: { physicalFunctions } };
  });
  const tors = spread(d, 'tor', EDITS_PER_KIND - 1);
  const tor = tors.map((id, k) => (cur: Design): Command => {
    const now = cur.elements[id] as ElementOf<'tor'>;
    const port = k % now.ports.length;
    const ports = now.ports.map((p, i) => (i === port ? { ...p, reflectiveRelay: !p.reflectiveRelay } : p));
    return { type: 'updateElement', id, changes: { ports } };
  });
  // Tenants and guest VLANs feed tenant isolation (L2-005); port groups feed VLAN paths and migration networks.
  const tenant = spread(d, 'vm', EDITS_PER_KIND).map((id, k) => (cur: Design): Command => {
    const now = cur.elements[id] as ElementOf<'vm'>;
    const vnics = now.vnics.map((n, i) => (i === 0 ? { ...n, vlan: n.vlan === null ? 100 + (k % 2) * 10 : null } : n));
    return { type: 'updateElement', id, changes: { tenant: now.tenant === null ? `tenant-${k % 3}` : null, vnics } };
  });
  const group = spread(d, 'vswitch', EDITS_PER_KIND).map((id, k) => (cur: Design): Command => {
    const now = cur.elements[id] as ElementOf<'vswitch'>;
    const portGroups = now.portGroups.map((g, i) => (i === 0 ? { ...g, trunk: g.trunk.length ? [] : [3000 + k] } : g));
    return { type: 'updateElement', id, changes: { portGroups } };
  });
  // Interleaved, so that consecutive edits touch different parts of the design.
  const out: ((cur: Design) => Command)[] = [];
  for (let i = 0; i < EDITS_PER_KIND; i++) out.push(vm[i]!, nic[i]!, ...(tor[i] ? [tor[i]!] : []), tenant[i]!, group[i]!);
  return out;
}

/** Median wall time of a CLI command, and its largest peak RSS (bytes; null without /usr/bin/time). */
function cliWall(args: string[], runs = 3): { ms: number; rss: number | null } {
  // bin/rackplane.cjs only requires out/main/cli.js; with another build folder, run that folder's CLI itself.
  const cli = OUT_DIR ? BUILT_CLI : join(ROOT, 'bin/rackplane.cjs');
  const timed = existsSync(TIME_BIN);
  const times: number[] = [];
  let rss: number | null = null;
  for (let i = 0; i <= runs; i++) {
    const start = process.hrtime.bigint();
    // GNU time prints the child's peak RSS in KiB as the last stderr line.
    const [cmd, argv] = timed ? [TIME_BIN, ['-f', '%M', process.execPath, cli, ...args]] : [process.execPath, [cli, ...args]];
    const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const t = Number(process.hrtime.bigint() - start) / 1e6;
    // validate exits 1 when the design has errors; 2 means it could not read the file.
    if (r.error || r.status === null || r.status >= 2) throw new Error(`rackplane ${args[0]} failed: ${r.error?.message ?? r.stderr.trim()}`);
    if (timed) {
      const kib = Number(r.stderr.trim().split('\n').at(-1));
      if (Number.isFinite(kib)) rss = Math.max(rss ?? 0, kib * 1024);
    }
    if (i > 0) times.push(t); // the first run warms the page cache
  }
  return { ms: percentile(times, 50), rss };
}

/** Wall times of `rackplane validate` and `rackplane info` on the design saved as a project. */
function cliTimes(design: Design, runs: number): { validate: ReturnType<typeof cliWall>; info: ReturnType<typeof cliWall> } {
  const dir = mkdtempSync(join(tmpdir(), 'rackplane-validate-bench-'));
  try {
    const file = join(dir, 'fabric.rackplane');
    saveProject(file, design);
    return { validate: cliWall(['validate', file], runs), info: cliWall(['info', file], runs) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rssText = (bytes: number | null) => (bytes === null ? '' : mib(bytes));

/** Measures one size (in the child process RACKPLANE_BENCH_VALIDATE_HOSTS names). */
function measure(hosts: number): number {
  const big = hosts > 2000;
  const design = makeTemplate('fabric', { hosts, vmsPerHost: VMS_PER_HOST });
  const elements = Object.keys(design.elements).length;
  const links = Object.keys(design.links).length;
  const fullTarget = FULL_TARGET_MS[hosts] ?? FULL_TARGET_MS[10000]!;
  const coldStart = process.hrtime.bigint();
  validateDesign(design, ALL_RULES);
  const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
  const full = time(() => void validateDesign(design, ALL_RULES), big ? 3 : 5);
  // CPU time beside the wall time: on a machine shared with other work the wall time stretches with the load.
  const fullCpu = timeWallCpu(() => void validateDesign(design, ALL_RULES), big ? 3 : 5);

  const session = new ValidationSession(ALL_RULES);
  session.run(design);
  let cur = design;
  const byKind: Record<string, number[]> = { 'VM vcpus': [], 'NIC enabledVfs': [], 'ToR reflectiveRelay': [], 'VM tenant + vNIC VLAN': [], 'vSwitch port group trunk': [] };
  const all: number[] = [];
  const allCpu: number[] = [];
  for (const make of edits(design)) {
    const cmd = make(cur) as Extract<Command, { type: 'updateElement' }>;
    const applied = applyCommand(cur, cmd);
    cur = applied.design;
    const el = cur.elements[cmd.id]!;
    // As the app does: the history's patches name what changed, so the session need not compare the designs.
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    session.run(cur, changesFromPatches(applied.patches));
    const t = Number(process.hrtime.bigint() - start) / 1e6;
    const used = process.cpuUsage(cpu);
    all.push(t);
    allCpu.push((used.user + used.system) / 1000);
    const label = el.kind === 'vm' ? ('tenant' in cmd.changes ? 'VM tenant + vNIC VLAN' : 'VM vcpus') : el.kind === 'nic' ? 'NIC enabledVfs' : el.kind === 'tor' ? 'ToR reflectiveRelay' : 'vSwitch port group trunk';
    byKind[label]!.push(t);
  }
  const incremental = session.run(cur);
  const fresh = validateDesign(cur, ALL_RULES);
  const same = JSON.stringify(incremental.diagnostics) === JSON.stringify(fresh.diagnostics);

  // The bench process's own peak so far: the template, the designs the edits made and every validation above.
  const inProcessRss = process.resourceUsage().maxRSS * 1024;
  const cli = cliTimes(design, big ? 1 : 3);

  const p50 = percentile(all, 50);
  const p95 = percentile(all, 95);
  const ratio = cli.validate.ms / cli.info.ms;
  const rssVerdict = (bytes: number | null) => (bytes === null || !big ? '' : pass(bytes < TARGETS.rssBytes));
  process.stdout.write(
    [
      `validate: fabric of ${hosts} hosts × ${VMS_PER_HOST} VMs = ${elements} elements, ${links} links, ${ALL_RULES.length} rules; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
      '',
      table(
        ['measure', 'median', 'p95', 'peak RSS', 'target', 'verdict'],
        [
          ['full validation, first (cold) run', ms(coldMs), '', '', '', ''],
          [`full validation (${full.runsMs.length} runs after a warm-up)`, ms(full.medianMs), ms(percentile(full.runsMs, 95)), '', `< ${fullTarget} ms`, pass(full.medianMs < fullTarget)],
          [`full validation, CPU time (${big ? 3 : 5} more runs)`, ms(fullCpu.cpuMs), '', '', '', ''],
          [`incremental, all ${all.length} edits`, ms(p50), ms(p95), '', `< ${TARGETS.incrementalMs} ms`, pass(p50 < TARGETS.incrementalMs)],
          [`incremental, CPU time`, ms(percentile(allCpu, 50)), ms(percentile(allCpu, 95)), '', '', ''],
          ...Object.entries(byKind).map(([k, xs]) => [`  ${k} (${xs.length})`, ms(percentile(xs, 50)), ms(percentile(xs, 95)), '', '', '']),
          ['bench process (template + all of the above)', '', '', mib(inProcessRss), big ? `< ${mib(TARGETS.rssBytes)}` : '', rssVerdict(inProcessRss)],
          ['rackplane validate (process wall)', ms(cli.validate.ms), '', rssText(cli.validate.rss), big ? `< ${mib(TARGETS.rssBytes)}` : '', rssVerdict(cli.validate.rss)],
          ['rackplane info (process wall)', ms(cli.info.ms), '', rssText(cli.info.rss), '', ''],
          ['validate − info (what validation adds to opening)', ms(cli.validate.ms - cli.info.ms), '', '', '', ''],
          ['validate / info', `${ratio.toFixed(2)}×`, '', '', `≤ ${TARGETS.cliRatio}×`, pass(ratio <= TARGETS.cliRatio)],
        ],
      ),
      '',
      `incremental result after ${all.length} edits ${same ? 'matches' : 'DIFFERS FROM'} a full validation (${fresh.diagnostics.length} diagnostics: ${fresh.summary.error} errors, ${fresh.summary.warning} warnings, ${fresh.summary.info} info)`,
      '',
    ].join('\n'),
  );
  if (!same) {
    process.stderr.write('validate bench: incremental validation disagrees with a full validation of the same design\n');
    return 1;
  }
  return 0;
}

function main(): number {
  if (!existsSync(BUILT_CLI)) {
    process.stderr.write(`validate bench: ${BUILT_CLI} is missing: run ${OUT_DIR ? `RACKPLANE_OUT=${OUT_DIR} npx electron-vite build` : 'npm run build'} first\n`);
    return 1;
  }
  if (ONE_SIZE !== undefined) return measure(Number(ONE_SIZE));
  return runEachSize(__filename, 'RACKPLANE_BENCH_VALIDATE_HOSTS', SIZES, ROOT);
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`validate bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
