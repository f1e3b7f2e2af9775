// Issue #11 item 19: the chapter-6 template carries its scenario, so simulating a new chapter6 design with no other
// argument reproduces the book's comparison: vSwitch ~30 Gb/s, SR-IOV VF-to-VF ~14 Gb/s.
import { describe, expect, it } from 'vitest';
import { CHAPTER6_FLOWS, CHAPTER6_SCENARIO_NAME, chapter6Scenario } from './chapter6';
import { makeTemplate, TEMPLATE_NAMES, templateSimulation } from './index';
import { checkProjectSimulation } from '../sim/persist';
import { simulate } from '../sim/simulate';

describe('templateSimulation', () => {
  it('gives chapter6 its two flows as the current scenario, and the other templates none', () => {
    const sim = templateSimulation('chapter6')!;
    expect(sim).toEqual({ current: CHAPTER6_SCENARIO_NAME, scenarios: [chapter6Scenario()], results: [] });
    expect(sim.scenarios[0]!.flows).toEqual(CHAPTER6_FLOWS);
    // What a project file would store passes the same check as a file read back.
    expect(checkProjectSimulation(sim).repairs).toEqual([]);
    for (const name of TEMPLATE_NAMES.filter((n) => n !== 'chapter6')) expect(templateSimulation(name)).toBeNull();
  });

  it('keeps both VFs on pf0 and every VM on VLAN 100, so both flows stay inside the host', () => {
    const d = makeTemplate('chapter6');
    const vfPorts = Object.values(d.links).filter((l) => l.kind === 'vf').map((l) => l.b.port);
    expect(vfPorts.sort()).toEqual(['pf0.vf0', 'pf0.vf1']);
    const vm = (id: string) => d.elements[id]!;
    for (const f of CHAPTER6_FLOWS) for (const end of [f.src, f.dst]) expect(vm(end.vm).kind).toBe('vm');
  });

  it('runs the book comparison: 30 Gb/s through the vSwitch, Gen2 x4 usable VF-to-VF', () => {
    const r = simulate(makeTemplate('chapter6'), templateSimulation('chapter6')!.scenarios[0]!);
    const rate = (id: string) => r.flows.find((f) => f.id === id)!;
    // The host's vSwitch memory-copy budget, the book's ~30 Gb/s.
    expect(rate('vswitch')).toMatchObject({ mode: 'vswitch-local', rate: 30 });
    // Gen2 x4: 5 GT/s × 8/10 = 4 Gb/s = 500 MB/s per lane, × 4 lanes = 16 Gb/s; × 256/(256+24) TLP efficiency at
    // 256 B payload (shared/model/pcie.ts, 24 B per TLP) = 14.63 Gb/s, crossed once each way.
    expect(rate('sriov').mode).toBe('sriov-embedded');
    expect(rate('sriov').rate).toBeCloseTo(16 * (256 / 280), 9);
  });
});
