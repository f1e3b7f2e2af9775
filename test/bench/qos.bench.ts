/**
 * vSwitch QoS benchmark (docs/qos.md): `simulate` on the fabric template (20 VMs per host, one flow per VM) at 500
 * and 2,000 hosts, without QoS (the baseline: the reference solver's path), with shares on every port group (a
 * scheduler at every uplink and the two-level loop), and with a limit on every port group (private links only).
 * Medians of 3 after a warm-up, and each design's sum of rates (a limit lowers it; shares only move rates between
 * the VMs of one uplink). The shares row is the expensive one: up to qos.ts's MAX_ROUNDS fabric solves per
 * allocation. Prints; asserts nothing on time.
 * Run: node --import tsx test/bench/qos.bench.ts (or npm run bench -- qos).
 */
import { loadavg } from 'node:os';
import type { Design } from '../../shared/model/design';
import type { ElementOf, Qos } from '../../shared/model/elements';
import { defaultScenario } from '../../shared/sim/scenarios';
import { simulate } from '../../shared/sim/simulate';
import { makeTemplate } from '../../shared/templates';
import { ms, table, time } from './timing';

/** The design with `qos(groupIndex)` on every port group of every virtual switch. */
function withGroupQos(d: Design, qos: (i: number) => Qos): Design {
  const elements = { ...d.elements };
  for (const e of Object.values(d.elements)) {
    if (e.kind !== 'vswitch') continue;
    elements[e.id] = { ...e, portGroups: e.portGroups.map((g, i) => ({ ...g, qos: qos(i) })) } as ElementOf<'vswitch'>;
  }
  return { ...d, elements };
}

const rows: string[][] = [];
for (const hosts of [500, 2000]) {
  const base = makeTemplate('fabric', { hosts, vmsPerHost: 20 });
  const scenario = defaultScenario(base);
  const variants: [string, Design][] = [
    ['no QoS (baseline)', base],
    ['shares 100:50 per port group', withGroupQos(base, (i) => ({ shares: i % 2 ? 50 : 100 }))],
    ['limit 5 Gb/s per port group', withGroupQos(base, () => ({ limitGbps: 5 }))],
  ];
  let baseline = 0;
  for (const [name, d] of variants) {
    const t = time(() => simulate(d, scenario), 3);
    if (name.startsWith('no QoS')) baseline = t.medianMs;
    const total = simulate(d, scenario).flows.reduce((s, f) => s + f.rate, 0);
    rows.push([`${hosts} hosts, ${scenario.flows.length} flows`, name, ms(t.medianMs), `${(t.medianMs / baseline).toFixed(2)}×`, `${total.toFixed(0)} Gb/s`]);
  }
}
process.stdout.write(`${table(['size', 'design', 'simulate (median of 3)', 'vs baseline', 'sum of rates'], rows)}\n`);
process.stdout.write(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores shared with other work: figures are indicative)\n`);
