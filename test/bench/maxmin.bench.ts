/**
 * Max-min solver benchmark against the measurement peers of ../shared/bench (the team kit outside the repo; the
 * benchmark skips with a message when it is absent). Generates the 100,000-flow data-center instance with the
 * peers' generator, runs the numpy reference (maxmin_ref.py) and Rackplane's solver in-process and through
 * `rackplane solve-maxmin`, checks that the rates agree to 1e-9 relative (exit 1 when they do not: that is a
 * correctness failure, not a slow result), and prints the timings beside the peer's and SimGrid's published
 * figures. Targets: solve ≤ 0.29× numpy's solve; parse+build+solve ≤ 1× numpy's whole run (parse+solve).
 * Run: node --import tsx test/bench/maxmin.bench.ts (or npm run bench -- maxmin). Asserts nothing on time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildInstance, type ParseInstanceResult, type RatesJson } from '../../shared/sim/io';
import { solveMaxMin } from '../../shared/sim/maxmin';
import { table, time, type Timing } from './timing';

const ROOT = resolve(__dirname, '../..');
const PEERS = resolve(ROOT, '../shared/bench');
const PYTHON = '/usr/bin/python3';
const RUNS = 3;
const GEN_ARGS = ['--servers', '1024', '--vms', '32', '--per-rack', '32', '--flows', '100000', '--seed', '1'];
const TARGET_SOLVE = 0.29;
const TARGET_WHOLE = 1;
// ../shared/bench/README.md, dc100k on a 2-vCPU machine of this kind: SimGrid's C++ LMM solver.
const SIMGRID = { solveSeconds: 0.171, buildSeconds: 0.323 };
const MAX_REL_DIFF = 1e-9;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const sec = (s: number) => `${s.toFixed(3)} s`;
const fromMs = (t: Timing) => t.medianMs / 1e3;

function runOrFail(cmd: string, args: string[], what: string): { stdout: string; seconds: number } {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error || r.status !== 0) throw new Error(`${what} failed: ${r.error?.message ?? r.stderr.trim().split('\n').at(-1)}`);
  return { stdout: r.stdout, seconds };
}

/** Largest relative difference between two rate maps; null must match null. */
function maxRelDiff(a: Record<string, number | null>, b: Record<string, number | null>): { diff: number; problem: string | null } {
  let diff = 0;
  const ids = Object.keys(a);
  if (ids.length !== Object.keys(b).length) return { diff: Infinity, problem: `${ids.length} vs ${Object.keys(b).length} flows` };
  for (const id of ids) {
    const x = a[id];
    const y = b[id];
    if (x === null || y === null || x === undefined || y === undefined) {
      if (x !== y) return { diff: Infinity, problem: `flow ${id}: ${x} vs ${y}` };
      continue;
    }
    const d = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), 1e-300);
    if (d > diff) diff = d;
  }
  return { diff, problem: null };
}

function main(): number {
  if (!existsSync(join(PEERS, 'gen_flows.py')) || !existsSync(join(PEERS, 'maxmin_ref.py'))) {
    process.stdout.write(`maxmin: skipped: the measurement peers are not at ${PEERS} (../shared/bench)\n`);
    return 0;
  }
  if (!existsSync(join(ROOT, 'out/main/cli.js'))) {
    process.stderr.write('maxmin bench: out/main/cli.js is missing: run npm run build first\n');
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), 'rackplane-maxmin-'));
  try {
    const instanceFile = join(dir, 'dc100k.json');
    runOrFail(PYTHON, [join(PEERS, 'gen_flows.py'), ...GEN_ARGS, '-o', instanceFile], 'gen_flows.py');

    // numpy reference: its own parse and solve figures, and the process's wall time.
    const refFile = join(dir, 'ref.rates.json');
    const ref: { parse: number[]; solve: number[]; wall: number[] } = { parse: [], solve: [], wall: [] };
    for (let i = 0; i < RUNS; i++) {
      const r = runOrFail(PYTHON, [join(PEERS, 'maxmin_ref.py'), instanceFile, '--out', refFile], 'maxmin_ref.py');
      const summary = JSON.parse(r.stdout) as { parse_seconds: number; solve_seconds: number };
      ref.parse.push(summary.parse_seconds);
      ref.solve.push(summary.solve_seconds);
      ref.wall.push(r.seconds);
    }

    // Rackplane in-process: read + JSON.parse, build the solver's arrays, solve.
    let raw: unknown = null;
    // Widened on purpose: the closure below assigns it, which TypeScript's narrowing cannot see.
    let built = { ok: false, reason: 'not built' } as ParseInstanceResult;
    const parse = time(() => void (raw = JSON.parse(readFileSync(instanceFile, 'utf8'))), RUNS);
    const build = time(() => void (built = buildInstance(raw)), RUNS);
    if (!built.ok) throw new Error(`buildInstance refused the generated instance: ${built.reason}`);
    const inst = built.instance;
    const solve = time(() => void solveMaxMin(inst), RUNS);

    // The CLI end to end (node start-up, read, parse, build, solve, write the rates).
    const cliFile = join(dir, 'rackplane.rates.json');
    const cliWall: number[] = [];
    for (let i = 0; i < RUNS; i++) cliWall.push(runOrFail(process.execPath, [join(ROOT, 'bin/rackplane.cjs'), 'solve-maxmin', instanceFile, '--out', cliFile], 'rackplane solve-maxmin').seconds);

    const refRates = (JSON.parse(readFileSync(refFile, 'utf8')) as RatesJson).rates;
    const cliRates = (JSON.parse(readFileSync(cliFile, 'utf8')) as RatesJson).rates;
    const { diff, problem } = maxRelDiff(refRates, cliRates);

    const rpSolve = fromMs(solve);
    const rpWhole = fromMs(parse) + fromMs(build) + rpSolve;
    const npSolve = median(ref.solve);
    const npWhole = median(ref.parse) + npSolve;
    const verdict = (ratio: number, target: number) => [`${ratio.toFixed(2)}×`, `≤ ${target}×`, ratio <= target ? 'PASS' : 'MISS'];
    process.stdout.write(
      [
        `maxmin: dc100k (${inst.capacities.length} links, ${inst.flowPtr.length - 1} flows, gen_flows.py ${GEN_ARGS.join(' ')}); medians of ${RUNS}`,
        '',
        table(
          ['measure', 'Rackplane', 'numpy ref', 'ratio', 'target', 'verdict'],
          [
            ['solve', sec(rpSolve), sec(npSolve), ...verdict(rpSolve / npSolve, TARGET_SOLVE)],
            ['parse+build+solve vs parse+solve', sec(rpWhole), sec(npWhole), ...verdict(rpWhole / npWhole, TARGET_WHOLE)],
            ['process wall time', sec(median(cliWall)), sec(median(ref.wall)), `${(median(cliWall) / median(ref.wall)).toFixed(2)}×`, '(info)', ''],
          ],
        ),
        '',
        `Rackplane in-process: parse ${sec(fromMs(parse))} (read + JSON.parse), build ${sec(fromMs(build))}, solve ${sec(rpSolve)}; ` +
          `numpy: parse ${sec(median(ref.parse))}, solve ${sec(npSolve)}`,
        `SimGrid C++ LMM (published, ../shared/bench/README.md): solve ${sec(SIMGRID.solveSeconds)} (+${sec(SIMGRID.buildSeconds)} build); ` +
          `Rackplane solve is ${(rpSolve / SIMGRID.solveSeconds).toFixed(2)}× that, build+solve ${((fromMs(build) + rpSolve) / (SIMGRID.solveSeconds + SIMGRID.buildSeconds)).toFixed(2)}× SimGrid's build+solve`,
        `rates: max relative difference rackplane solve-maxmin vs numpy = ${problem ?? diff.toExponential(2)} (must be ≤ ${MAX_REL_DIFF})`,
        '',
      ].join('\n'),
    );
    if (problem !== null || diff > MAX_REL_DIFF) {
      process.stderr.write(`maxmin bench: the rates disagree with the numpy reference (${problem ?? diff.toExponential(2)})\n`);
      return 1;
    }
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`maxmin bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
