// The inspector's Load section: figures per direction from a hand-made result (expected values worked out by
// hand), and from a real run, where a steady scenario's load on a direction is the sum of its flows' rates.
import { describe, expect, test } from 'vitest';
import { makeTemplate } from '../../shared/templates';
import { simulate, type FlowResult, type Scenario, type SimulationResult } from '../../shared/sim/simulate';
import { applyPreset, EMPTY_DRAFT, toScenario } from '../simulation/scenario-draft';
import { linkLoad } from './link-load';

const rack = makeTemplate('rack', { hosts: 3, vmsPerHost: 2 });
const LINK = 'r01.h001.nic0.eth0';
const link = rack.links[LINK]!;

const vm = (h: number, v: number) => `r01.h00${h}.vm0${v}`;
const spec = (src: string, dst: string) => ({ id: `${src}->${dst}`, src: { vm: src }, dst: { vm: dst }, demandGbps: null });
const flow = (id: string, rate: number, path: string[], dropped: string | null = null): FlowResult => ({ id, rate, demand: null, mode: 'fabric', path, bottleneck: null, pcieCrossings: 0, dropped });

describe('linkLoad', () => {
  const ab = `eth:${LINK}:ab`;
  const ba = `eth:${LINK}:ba`;
  const flows = [spec(vm(1, 1), vm(2, 1)), spec(vm(1, 2), vm(2, 2)), spec(vm(1, 1), vm(3, 1)), spec(vm(1, 2), vm(3, 2)), spec(vm(2, 1), vm(1, 1)), spec(vm(3, 1), vm(2, 1))];
  const scenario: Scenario = { name: 'hand', flows, migrations: [], maxPayload: 256, downtimeLimitSec: 0.3 };
  const result: SimulationResult = {
    scenario: 'hand',
    flows: [
      flow(flows[0]!.id, 5, [ab]),
      flow(flows[1]!.id, 8, [ab]),
      flow(flows[2]!.id, 5, [ab]),
      flow(flows[3]!.id, 2, [ab]),
      // Dropped flows carry nothing, even with a path.
      flow(flows[4]!.id, 0, [ab], 'no path'),
      flow(flows[5]!.id, 3, ['eth:other:ab']),
    ],
    // 20 of 25 Gb/s one way (80 %: the 75–90 % band), idle the other way.
    resources: [
      { id: ab, kind: 'ethernet', ref: LINK, capacity: 25, load: 20, utilisation: 0.8 },
      { id: ba, kind: 'ethernet', ref: LINK, capacity: 25, load: 0, utilisation: 0 },
      { id: 'copy:r01.h001', kind: 'vswitch-copy', ref: LINK, capacity: 100, load: 50, utilisation: 0.5 },
    ],
    vswitchCpu: [],
    migrations: [],
    protocolEfficiency: 0.9,
  };

  test('one row per direction, a→b first, with load, capacity, utilisation, band and the top three flows', () => {
    const rows = linkLoad(rack, link, scenario, { ...result, resources: [...result.resources].reverse() })!;
    expect(rows.map((r) => r.id)).toEqual([ab, ba]);
    const [fwd, back] = rows;
    expect(fwd).toMatchObject({ label: 'esx-r01-h001 nic0 eth0 → r01-tor-a p0', load: 20, capacity: 25, utilisation: 0.8, band: 4, flows: 4 });
    // 8, then the two 5s in scenario order; the 2 Gb/s flow is the fourth and not named.
    expect(fwd!.top).toEqual([
      { id: flows[1]!.id, name: 'r01-h001-vm02 → r01-h002-vm02', rate: 8 },
      { id: flows[0]!.id, name: 'r01-h001-vm01 → r01-h002-vm01', rate: 5 },
      { id: flows[2]!.id, name: 'r01-h001-vm01 → r01-h003-vm01', rate: 5 },
    ]);
    expect(back).toMatchObject({ label: 'r01-tor-a p0 → esx-r01-h001 nic0 eth0', load: 0, utilisation: 0, band: 0, top: [], flows: 0 });
  });

  test('null for a link the run has no resource for', () => {
    expect(linkLoad(rack, link, scenario, { ...result, resources: [] })).toBeNull();
  });

  test('a real run: the load of each direction is the sum of the rates of the flows crossing it', () => {
    const d = applyPreset(rack, EMPTY_DRAFT, { kind: 'onePerVm' });
    if (!d.ok) throw new Error(d.reason);
    const sc = toScenario(d.draft);
    if (!sc.ok) throw new Error(sc.reason);
    const run = simulate(rack, sc.scenario);
    let checked = 0;
    for (const l of Object.values(rack.links)) {
      for (const dir of linkLoad(rack, l, sc.scenario, run) ?? []) {
        const all = run.flows.filter((f) => !f.dropped && f.path.includes(dir.id)).reduce((s, f) => s + f.rate, 0);
        expect(dir.load).toBeCloseTo(all, 6);
        expect(dir.utilisation).toBeCloseTo(dir.load / dir.capacity, 9);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});
