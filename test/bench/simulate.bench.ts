/**
 * Simulator benchmark: the fabric template (20 VMs per host) with one flow per VM (defaultScenario) at 2,000 hosts
 * (40,000 flows) and, with RACKPLANE_BENCH_10K=1, also at 10,000 hosts (200,000 flows; slow: about a minute more).
 * Per size, in its own process so that its peak RSS is its own: scenario generation and `simulate` (medians of 3 after
 * a warm-up, 1 at 10,000 hosts), then one run split into its phases (network build, path resolution, the max-min solve
 * of the flow-event engine) to show what bounds it, and `rackplane simulate --scenario one-per-vm` (JSON to a discarded
 * stdout) beside `rackplane info` on the saved project, so that opening the file is told apart from simulating it, with
 * each command's peak RSS where /usr/bin/time exists. Issue #16's targets at 10,000 hosts: simulate < 5 s, peak RSS
 * < 1.5 GiB; at 2,000 hosts the figures are reported. The max-min solver's peer: the run's own max-min instance
 * (what `simulate --dump-maxmin` writes) solved by the numpy reference of ../shared/bench (maxmin_ref.py, needs
 * python3-numpy; skipped with a message when absent) beside Rackplane's solveMaxMin on the same instance, rates
 * compared to 1e-9 relative (exit 1 when they disagree: a correctness failure). Prints; asserts nothing on time.
 * Run: node --import tsx test/bench/simulate.bench.ts (or npm run bench -- simulate); RACKPLANE_BENCH_10K=1 adds the
 * 10,000-host size; with RACKPLANE_OUT set it times that build folder's CLI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { saveProject } from '../../electron/project/store';
import type { Design } from '../../shared/model/design';
import { runFlowEvents, type EventStream } from '../../shared/sim/flow-events';
import { buildInstance, type RatesJson } from '../../shared/sim/io';
import { solveMaxMin } from '../../shared/sim/maxmin';
import { maxMinInstance } from '../../electron/cli/commands/simulate-report';
import { buildNetwork } from '../../shared/sim/network';
import { resolveFlow, SwitchRouter } from '../../shared/sim/paths';
import { defaultScenario } from '../../shared/sim/scenarios';
import { simulate, type Scenario, type SimulationResult } from '../../shared/sim/simulate';
import { makeTemplate } from '../../shared/templates';
import { mib, ms, runEachSize, table, time } from './timing';

const ROOT = resolve(__dirname, '../..');
const OUT_DIR = process.env.RACKPLANE_OUT;
const BUILT_CLI = join(ROOT, OUT_DIR ?? 'out', 'main', 'cli.js');
const VMS_PER_HOST = 20;
/** Sizes run, each in a child process: 10,000 hosts only on request. */
const SIZES = process.env.RACKPLANE_BENCH_10K ? [2000, 10000] : [2000];
/** Set in the child process: the one size it measures. */
const ONE_SIZE = process.env.RACKPLANE_BENCH_SIMULATE_HOSTS;
const TARGETS_10K = { simulateMs: 5000, rssBytes: 1.5 * 2 ** 30 };
const TIME_BIN = '/usr/bin/time';
const PEERS = resolve(ROOT, '../shared/bench');
const PYTHON = '/usr/bin/python3';
const MAX_REL_DIFF = 1e-9;

const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** Wall time (median of `runs` after a warm-up) and the largest peak RSS of a CLI command; stdout is discarded. */
function cliRun(args: string[], runs: number): { ms: number; rss: number | null } {
  const cli = OUT_DIR ? BUILT_CLI : join(ROOT, 'bin/rackplane.cjs');
  const timed = existsSync(TIME_BIN);
  const times: number[] = [];
  let rss: number | null = null;
  for (let i = 0; i <= runs; i++) {
    const start = process.hrtime.bigint();
    const [cmd, argv] = timed ? [TIME_BIN, ['-f', '%M', process.execPath, cli, ...args]] : [process.execPath, [cli, ...args]];
    const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    const t = elapsed(start);
    if (r.error || r.status !== 0) throw new Error(`rackplane ${args[0]} failed: ${r.error?.message ?? r.stderr.trim().split('\n').at(-1)}`);
    if (timed) {
      const kib = Number(r.stderr.trim().split('\n').at(-1));
      if (Number.isFinite(kib)) rss = Math.max(rss ?? 0, kib * 1024);
    }
    if (i > 0) times.push(t); // the first run warms the page cache
  }
  const s = [...times].sort((a, b) => a - b);
  return { ms: s[Math.floor(s.length / 2)]!, rss };
}

/** One run of simulate's phases, as simulate does them for a scenario without failures or migrations. */
function phases(design: Design, sc: Scenario): { networkMs: number; pathsMs: number; solveMs: number; solves: number } {
  let start = process.hrtime.bigint();
  const net = buildNetwork(design, { maxPayload: sc.maxPayload });
  const networkMs = elapsed(start);
  start = process.hrtime.bigint();
  const router = new SwitchRouter(net);
  const streams: EventStream[] = [];
  for (const f of sc.flows) {
    const r = resolveFlow(net, router, f);
    if (r.ok) streams.push({ path: r.resources, demandGbps: f.demandGbps ?? Infinity, process: null });
  }
  const pathsMs = elapsed(start);
  start = process.hrtime.bigint();
  const ev = runFlowEvents(Float64Array.from(net.resources.map((r) => r.capacity)), streams);
  return { networkMs, pathsMs, solveMs: elapsed(start), solves: ev.solves };
}

interface PeerFigures {
  rackplaneSolveMs: number;
  numpySolveMs: number;
  links: number;
  flows: number;
  maxRelDiff: number;
  problem: string | null;
}

/**
 * The run's max-min instance solved by the numpy reference and by solveMaxMin (each solve time alone, JSON parsing
 * excluded), or why the peer could not run.
 */
function numpyPeer(r: SimulationResult, dir: string): PeerFigures | string {
  if (!existsSync(join(PEERS, 'maxmin_ref.py'))) return `skipped: the measurement peers are not at ${PEERS} (../shared/bench)`;
  const file = join(dir, 'instance.json');
  const refFile = join(dir, 'ref.rates.json');
  const json = maxMinInstance(r, { from: 'simulate.bench.ts' });
  writeFileSync(file, JSON.stringify(json));
  const py = spawnSync(PYTHON, [join(PEERS, 'maxmin_ref.py'), file, '--out', refFile], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (py.error || py.status !== 0) return `skipped: maxmin_ref.py failed (${py.error?.message ?? py.stderr.trim().split('\n').at(-1)}; it needs python3-numpy)`;
  const numpySolveMs = (JSON.parse(py.stdout) as { solve_seconds: number }).solve_seconds * 1e3;
  const built = buildInstance(json);
  if (!built.ok) return `skipped: buildInstance refused the run's instance (${built.reason})`;
  let sol = solveMaxMin(built.instance);
  const t = time(() => void (sol = solveMaxMin(built.instance)), 3);
  const ref = (JSON.parse(readFileSync(refFile, 'utf8')) as RatesJson).rates;
  let maxRelDiff = 0;
  let problem: string | null = null;
  built.flowIds.forEach((id, f) => {
    const x = sol.rates[f]!;
    const y = ref[id];
    if (y === null || y === undefined || !Number.isFinite(x)) {
      // The peer writes null for an unbounded flow, which solveMaxMin rates Infinity.
      if (!(y === null && !Number.isFinite(x))) problem ??= `flow ${id}: ${x} vs ${y}`;
      return;
    }
    const d = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), 1e-300);
    if (d > maxRelDiff) maxRelDiff = d;
  });
  return { rackplaneSolveMs: t.medianMs, numpySolveMs, links: json.links.length, flows: json.flows.length, maxRelDiff, problem };
}

function measure(hosts: number): number {
  const big = hosts > 2000;
  const runs = big ? 1 : 3;
  const design: Design = makeTemplate('fabric', { hosts, vmsPerHost: VMS_PER_HOST });
  const elements = Object.keys(design.elements).length;
  let scenario: Scenario | null = null;
  const scenarioTime = time(() => void (scenario = defaultScenario(design)), runs);
  const sc = scenario as Scenario | null;
  if (!sc) throw new Error('defaultScenario produced nothing');
  let result: SimulationResult | null = null;
  const simTime = time(() => void (result = simulate(design, sc)), runs);
  const r = result as SimulationResult | null;
  if (!r) throw new Error('simulate produced nothing');
  const split = phases(design, sc);
  const inProcessRss = process.resourceUsage().maxRSS * 1024;

  const dir = mkdtempSync(join(tmpdir(), 'rackplane-simulate-bench-'));
  let cli: { simulate: ReturnType<typeof cliRun>; info: ReturnType<typeof cliRun> } | null;
  let peer: PeerFigures | string;
  try {
    peer = numpyPeer(r, dir);
    const file = join(dir, 'fabric.rackplane');
    saveProject(file, design);
    cli = existsSync(BUILT_CLI) ? { simulate: cliRun(['simulate', file, '--scenario', 'one-per-vm'], runs), info: cliRun(['info', file], runs) } : null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const routed = r.flows.filter((f) => f.dropped === null);
  const modes = new Map<string, number>();
  for (const f of routed) modes.set(f.mode ?? '-', (modes.get(f.mode ?? '-') ?? 0) + 1);
  const rates = routed.map((f) => f.rate).sort((a, b) => a - b);
  const busy = r.resources.filter((x) => x.load > 0);
  const saturated = busy.filter((x) => x.utilisation >= 1 - 1e-9).length;
  const perFlowUs = (simTime.medianMs * 1e3) / Math.max(1, r.flows.length);
  const target = (t: string) => (big ? t : '');
  const rssText = (b: number | null) => (b === null ? '' : mib(b));
  const rssVerdict = (b: number | null) => (big && b !== null ? pass(b < TARGETS_10K.rssBytes) : '');
  const rows: string[][] = [
    ['defaultScenario (flow list)', ms(scenarioTime.medianMs), '', '', ''],
    ['simulate (network, paths, max-min, result)', ms(simTime.medianMs), '', target(`< ${TARGETS_10K.simulateMs} ms`), big ? pass(simTime.medianMs < TARGETS_10K.simulateMs) : ''],
    ['  network build (buildNetwork)', ms(split.networkMs), '', '', ''],
    ['  path resolution (resolveFlow per flow)', ms(split.pathsMs), '', '', ''],
    [`  max-min (runFlowEvents, ${split.solves} solve${split.solves === 1 ? '' : 's'})`, ms(split.solveMs), '', '', ''],
    ['bench process (template + all of the above)', '', mib(inProcessRss), target(`< ${mib(TARGETS_10K.rssBytes)}`), rssVerdict(inProcessRss)],
  ];
  if (cli) {
    rows.push(
      ['rackplane simulate --scenario one-per-vm (wall)', ms(cli.simulate.ms), rssText(cli.simulate.rss), target(`< ${mib(TARGETS_10K.rssBytes)}`), rssVerdict(cli.simulate.rss)],
      ['rackplane info (wall: opening the file)', ms(cli.info.ms), rssText(cli.info.rss), '', ''],
      ['simulate − info (what simulating adds)', ms(cli.simulate.ms - cli.info.ms), '', target(`< ${TARGETS_10K.simulateMs} ms`), big ? pass(cli.simulate.ms - cli.info.ms < TARGETS_10K.simulateMs) : ''],
    );
  }
  if (typeof peer !== 'string') {
    rows.push(
      [`solveMaxMin on the run's instance (${peer.links} links, ${peer.flows} flows; median of 3)`, ms(peer.rackplaneSolveMs), '', '', ''],
      ['numpy reference (maxmin_ref.py) on the same instance', ms(peer.numpySolveMs), '', '', ''],
      ['solveMaxMin / numpy', `${(peer.rackplaneSolveMs / peer.numpySolveMs).toFixed(2)}×`, '', '', ''],
    );
  }
  const agree = typeof peer === 'string' || (peer.problem === null && peer.maxRelDiff <= MAX_REL_DIFF);
  process.stdout.write(
    [
      `simulate: fabric of ${hosts} hosts × ${VMS_PER_HOST} VMs = ${elements} elements; scenario "${sc.name}" (defaultScenario), ${sc.flows.length} flows; ` +
        `median of ${runs} after a warm-up; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
      '',
      table(['step', 'time', 'peak RSS', 'target', 'verdict'], rows),
      '',
      ...(cli ? [] : [`(the CLI rows need ${BUILT_CLI}: ${OUT_DIR ? `RACKPLANE_OUT=${OUT_DIR} npx electron-vite build` : 'npm run build'})\n`]),
      `flows: ${r.flows.length} (${routed.length} routed, ${r.flows.length - routed.length} dropped; ${[...modes].map(([m, n]) => `${m} ${n}`).join(', ')}), ${perFlowUs.toFixed(1)} µs per flow`,
      `resources: ${r.resources.length} (${busy.length} busy, ${saturated} saturated)`,
      rates.length
        ? `rates (Gb/s): min ${rates[0]!.toFixed(3)}, median ${rates[Math.floor(rates.length / 2)]!.toFixed(3)}, max ${rates.at(-1)!.toFixed(3)}, total ${rates.reduce((s, x) => s + x, 0).toFixed(0)}`
        : 'rates: no routed flows',
      typeof peer === 'string'
        ? `numpy peer: ${peer}`
        : `rates: max relative difference solveMaxMin vs numpy = ${peer.problem ?? peer.maxRelDiff.toExponential(2)} (must be ≤ ${MAX_REL_DIFF})`,
      '',
    ].join('\n'),
  );
  if (!agree) {
    process.stderr.write('simulate bench: the solver disagrees with the numpy reference on the run\'s instance\n');
    return 1;
  }
  return 0;
}

function main(): number {
  if (ONE_SIZE !== undefined) return measure(Number(ONE_SIZE));
  return runEachSize(__filename, 'RACKPLANE_BENCH_SIMULATE_HOSTS', SIZES, ROOT);
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`simulate bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
