/**
 * Validator benchmark on the 2,000-host fabric (20 VMs per host, ~50k elements): a full validation (median of 5),
 * incremental revalidation after single-element edits (ValidationSession.run after one updateElement command:
 * a VM's vCPUs, a NIC's enabled VFs, a ToR port's reflective relay, a VM's tenant and vNIC VLAN, a vSwitch port
 * group's trunk; median and p95 over ~60 edits, changes taken from the command's patches as the app does), and
 * `rackplane validate` against `rackplane info` on the saved project (what validation adds to reading the file).
 * Targets (verdicts on the medians): full < 200 ms, incremental < 10 ms, validate ≤ 1.5× info. The incremental result is compared with a
 * full validation of the final design (exit 1 when they differ: a correctness failure, not a slow result).
 * Run: node --import tsx test/bench/validate.bench.ts (or npm run bench -- validate); with RACKPLANE_OUT set it times
 * that build folder's CLI (RACKPLANE_OUT=out-x npx electron-vite build first). Asserts nothing on time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { saveProject } from '../../electron/project/store';
import { changesFromPatches } from '../../shared/history/changes';
import { applyCommand, type Command } from '../../shared/history/commands';
import type { Design } from '../../shared/model/design';
import type { ElementOf } from '../../shared/model/elements';
import type { ElementId } from '../../shared/model/ids';
import { makeTemplate } from '../../shared/templates';
import { ALL_RULES, ValidationSession, validateDesign } from '../../shared/validate';
import { ms, table, time } from './timing';

const ROOT = resolve(__dirname, '../..');
// RACKPLANE_OUT (see electron.vite.config.mts) names another build folder than out/: time that build's CLI directly.
const OUT_DIR = process.env.RACKPLANE_OUT;
const BUILT_CLI = join(ROOT, OUT_DIR ?? 'out', 'main', 'cli.js');
const HOSTS = 2000;
const VMS_PER_HOST = 20;
const EDITS_PER_KIND = 12;
const TARGETS = { fullMs: 200, incrementalMs: 10, cliRatio: 1.5 };

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

function cliWall(args: string[], runs = 3): number {
  // bin/rackplane.cjs only requires out/main/cli.js; with another build folder, run that folder's CLI itself.
  const cli = OUT_DIR ? BUILT_CLI : join(ROOT, 'bin/rackplane.cjs');
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const t = Number(process.hrtime.bigint() - start) / 1e6;
    // validate exits 1 when the design has errors; 2 means it could not read the file.
    if (r.error || r.status === null || r.status >= 2) throw new Error(`rackplane ${args[0]} failed: ${r.error?.message ?? r.stderr.trim()}`);
    if (i > 0) times.push(t); // the first run warms the page cache
  }
  return percentile(times, 50);
}

/** Wall times of `rackplane validate` and `rackplane info` on the design saved as a project. */
function cliTimes(design: Design): { validateMs: number; infoMs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'rackplane-validate-bench-'));
  try {
    const file = join(dir, 'fabric.rackplane');
    saveProject(file, design);
    return { validateMs: cliWall(['validate', file]), infoMs: cliWall(['info', file]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): number {
  if (!existsSync(BUILT_CLI)) {
    process.stderr.write(`validate bench: ${BUILT_CLI} is missing: run ${OUT_DIR ? `RACKPLANE_OUT=${OUT_DIR} npx electron-vite build` : 'npm run build'} first\n`);
    return 1;
  }
  const design = makeTemplate('fabric', { hosts: HOSTS, vmsPerHost: VMS_PER_HOST });
  const elements = Object.keys(design.elements).length;
  const full = time(() => void validateDesign(design, ALL_RULES), 5);

  const session = new ValidationSession(ALL_RULES);
  session.run(design);
  let cur = design;
  const byKind: Record<string, number[]> = { 'VM vcpus': [], 'NIC enabledVfs': [], 'ToR reflectiveRelay': [], 'VM tenant + vNIC VLAN': [], 'vSwitch port group trunk': [] };
  const all: number[] = [];
  for (const make of edits(design)) {
    const cmd = make(cur) as Extract<Command, { type: 'updateElement' }>;
    const applied = applyCommand(cur, cmd);
    cur = applied.design;
    const el = cur.elements[cmd.id]!;
    // As the app does: the history's patches name what changed, so the session need not compare the designs.
    const start = process.hrtime.bigint();
    session.run(cur, changesFromPatches(applied.patches));
    const t = Number(process.hrtime.bigint() - start) / 1e6;
    all.push(t);
    const label = el.kind === 'vm' ? ('tenant' in cmd.changes ? 'VM tenant + vNIC VLAN' : 'VM vcpus') : el.kind === 'nic' ? 'NIC enabledVfs' : el.kind === 'tor' ? 'ToR reflectiveRelay' : 'vSwitch port group trunk';
    byKind[label]!.push(t);
  }
  const incremental = session.run(cur);
  const fresh = validateDesign(cur, ALL_RULES);
  const same = JSON.stringify(incremental.diagnostics) === JSON.stringify(fresh.diagnostics);

  const { validateMs, infoMs } = cliTimes(design);

  const p50 = percentile(all, 50);
  const p95 = percentile(all, 95);
  const ratio = validateMs / infoMs;
  process.stdout.write(
    [
      `validate: fabric of ${HOSTS} hosts × ${VMS_PER_HOST} VMs = ${elements} elements, ${ALL_RULES.length} rules`,
      '',
      table(
        ['measure', 'median', 'p95', 'target', 'verdict'],
        [
          ['full validation (5 runs after a warm-up)', ms(full.medianMs), ms(percentile(full.runsMs, 95)), `< ${TARGETS.fullMs} ms`, pass(full.medianMs < TARGETS.fullMs)],
          [`incremental, all ${all.length} edits`, ms(p50), ms(p95), `< ${TARGETS.incrementalMs} ms`, pass(p50 < TARGETS.incrementalMs)],
          ...Object.entries(byKind).map(([k, xs]) => [`  ${k} (${xs.length})`, ms(percentile(xs, 50)), ms(percentile(xs, 95)), '', '']),
          ['rackplane validate (process wall)', ms(validateMs), '', '', ''],
          ['rackplane info (process wall)', ms(infoMs), '', '', ''],
          ['validate / info', `${ratio.toFixed(2)}×`, '', `≤ ${TARGETS.cliRatio}×`, pass(ratio <= TARGETS.cliRatio)],
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

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`validate bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
