/**
 * Simulator benchmark: the 2,000-host fabric (20 VMs per host) with one flow per VM (defaultScenario): scenario
 * generation and `simulate` (network build, path resolution, max-min solve), medians of 3 after a warm-up, with
 * the flow and resource counts and how the flows came out. Prints; asserts nothing on time.
 * Run: node --import tsx test/bench/simulate.bench.ts (or npm run bench -- simulate).
 */
import type { Design } from '../../shared/model/design';
import { defaultScenario } from '../../shared/sim/scenarios';
import { simulate, type Scenario, type SimulationResult } from '../../shared/sim/simulate';
import { makeTemplate } from '../../shared/templates';
import { ms, table, time } from './timing';

const HOSTS = 2000;
const VMS_PER_HOST = 20;
const RUNS = 3;

function main(): number {
  const design: Design = makeTemplate('fabric', { hosts: HOSTS, vmsPerHost: VMS_PER_HOST });
  const elements = Object.keys(design.elements).length;
  let scenario: Scenario | null = null;
  const scenarioTime = time(() => void (scenario = defaultScenario(design)), RUNS);
  const sc = scenario as Scenario | null;
  if (!sc) throw new Error('defaultScenario produced nothing');
  let result: SimulationResult | null = null;
  const simTime = time(() => void (result = simulate(design, sc)), RUNS);
  const r = result as SimulationResult | null;
  if (!r) throw new Error('simulate produced nothing');

  const routed = r.flows.filter((f) => f.dropped === null);
  const modes = new Map<string, number>();
  for (const f of routed) modes.set(f.mode ?? '-', (modes.get(f.mode ?? '-') ?? 0) + 1);
  const rates = routed.map((f) => f.rate).sort((a, b) => a - b);
  const busy = r.resources.filter((x) => x.load > 0);
  const saturated = busy.filter((x) => x.utilisation >= 1 - 1e-9).length;
  const perFlowUs = (simTime.medianMs * 1e3) / Math.max(1, r.flows.length);

  process.stdout.write(
    [
      `simulate: fabric of ${HOSTS} hosts × ${VMS_PER_HOST} VMs = ${elements} elements; scenario "${sc.name}" (defaultScenario); medians of ${RUNS} after a warm-up`,
      '',
      table(
        ['step', 'median', 'runs'],
        [
          ['defaultScenario (flow list)', ms(scenarioTime.medianMs), scenarioTime.runsMs.map((t) => t.toFixed(0)).join(' / ')],
          ['simulate (network, paths, max-min)', ms(simTime.medianMs), simTime.runsMs.map((t) => t.toFixed(0)).join(' / ')],
        ],
      ),
      '',
      `flows: ${r.flows.length} (${routed.length} routed, ${r.flows.length - routed.length} dropped; ${[...modes].map(([m, n]) => `${m} ${n}`).join(', ')}), ${perFlowUs.toFixed(1)} µs per flow`,
      `resources: ${r.resources.length} (${busy.length} busy, ${saturated} saturated)`,
      rates.length
        ? `rates (Gb/s): min ${rates[0]!.toFixed(3)}, median ${rates[Math.floor(rates.length / 2)]!.toFixed(3)}, max ${rates.at(-1)!.toFixed(3)}, total ${rates.reduce((s, x) => s + x, 0).toFixed(0)}`
        : 'rates: no routed flows',
      '',
    ].join('\n'),
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`simulate bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
