/**
 * What-if (N-1) benchmark, issue #13: the 2,000-host fabric (20 VMs per host) with one flow per VM, every switch
 * (each ToR and spine) failed one at a time — the baseline plus one run per failure, through `whatIf` (the
 * incremental runs of whatif-incremental.ts). Prints the total and the per-failure times beside the 60 s target, and
 * beside the old way (one full `simulate` per failure, timed on a ToR and a spine failure, the total extrapolated).
 * One run (it is long), no warm-up; asserts nothing on time. The machine's load changes the figures: note it.
 * Run: node --import tsx test/bench/whatif.bench.ts [hosts] (or npm run bench -- whatif).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { defaultScenario } from '../../shared/sim/scenarios';
import { simulate } from '../../shared/sim/simulate';
import { failuresOfSet, whatIf } from '../../shared/sim/whatif';
import { makeTemplate } from '../../shared/templates';
import { ms, table } from './timing';

// A smaller fabric for a quick look: node --import tsx test/bench/whatif.bench.ts 500
const HOSTS = Number.parseInt(process.argv[2] ?? '', 10) || 2000;
const VMS_PER_HOST = 20;
const TARGET_MS = 60_000;

function main(): number {
  const design = makeTemplate('fabric', { hosts: HOSTS, vmsPerHost: VMS_PER_HOST });
  const scenario = defaultScenario(design);
  const failures = failuresOfSet(design, 'each-switch');
  const load = loadavg()[0]!.toFixed(1);
  const perFailure: number[] = [];
  const t0 = performance.now();
  let last = t0;
  const r = whatIf(design, scenario, failures, {
    onProgress: () => {
      const now = performance.now();
      perFailure.push(now - last);
      last = now;
    },
  });
  const totalMs = performance.now() - t0;
  const sorted = perFailure.slice(1).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;

  // The old way, for comparison: one full simulate per failure (a ToR's and a spine's), extrapolated to the set.
  const old = [failures[0]!, failures.at(-1)!].map((f) => {
    const t = performance.now();
    simulate(design, { ...scenario, failures: [f], expectations: undefined });
    return performance.now() - t;
  });
  const oldPer = (old[0]! + old[1]!) / 2;

  const slowed = r.outcomes.reduce((n, o) => n + o.slowed.length, 0);
  const failedOver = r.outcomes.reduce((n, o) => n + o.failedOver.length, 0);
  const lost = r.outcomes.filter((o) => o.lost > 0).map((o) => o.label);
  process.stdout.write(
    [
      `whatif: fabric of ${HOSTS} hosts × ${VMS_PER_HOST} VMs, scenario "${scenario.name}" (${scenario.flows.length} flows), --fail each-switch (${failures.length} switches); one run; load average ${load} at the start`,
      '',
      table(
        ['step', 'time', 'target'],
        [
          [`total (baseline + ${failures.length} failures)`, ms(totalMs), `< ${ms(TARGET_MS)}${totalMs < TARGET_MS ? ' (met)' : ' (MISSED)'}`],
          ['baseline + first failure', ms(perFailure[0] ?? 0), '-'],
          ['per failure, median', ms(median), `< ${ms(TARGET_MS / Math.max(1, failures.length + 1))}`],
          ['per failure, slowest', ms(sorted.at(-1) ?? 0), '-'],
          ['old way: one simulate per failure (ToR, spine)', `${ms(old[0]!)}, ${ms(old[1]!)}`, '-'],
          [`old way: total, extrapolated`, ms(oldPer * (failures.length + 1)), '-'],
        ],
      ),
      '',
      `flows slowed over all failures: ${slowed}; kept up by failover: ${failedOver}; failures losing traffic: ${lost.length}${lost.length ? ` (${lost.slice(0, 5).join(', ')}${lost.length > 5 ? ', …' : ''})` : ''}`,
      '',
    ].join('\n'),
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`whatif bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
