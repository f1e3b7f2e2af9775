import { describe, expect, it } from 'vitest';
import { makeTemplate } from '../templates';
import { applyCommand, type Command } from '../history/commands';
import type { Design } from '../model/design';
import type { ElementOf } from '../model/elements';
import { simulate, type Scenario } from './simulate';
import type { FlowSpec } from './paths';

const scenario = (flows: FlowSpec[], extra: Partial<Scenario> = {}): Scenario => ({ name: 't', flows, migrations: [], maxPayload: 256, downtimeLimitSec: 0.3, ...extra });
const run = (d: Design, cmds: Command[]) => cmds.reduce((x, c) => applyCommand(x, c).design, d);
const rack = () => makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
/** The rack with every VM on one port group (VLAN 110): same-host traffic stays inside the host only within a VLAN. */
const rackOneVlan = () => {
  const d = rack();
  const vnics = Object.values(d.links).filter((l) => l.kind === 'vnic');
  return run(d, [
    { type: 'remove', elements: [], links: vnics.map((l) => l.id) },
    { type: 'add', elements: [], links: vnics.map((l) => ({ ...l, b: { ...l.b, port: 'pg.app' } })) as never },
  ]);
};
const H1 = 'r01.h001';
const H2 = 'r01.h002';

describe('simulate', () => {
  it('switches same-host VM traffic in the vSwitch, limited by its memory-copy budget', () => {
    const r = simulate(rackOneVlan(), scenario([{ id: 'f', src: { vm: `${H1}.vm01` }, dst: { vm: `${H1}.vm02` }, demandGbps: null }]));
    expect(r.flows[0]).toMatchObject({ mode: 'vswitch-local', rate: 30, bottleneck: `copy:${H1}`, pcieCrossings: 0 });
    expect(r.vswitchCpu.find((c) => c.host === H1)).toMatchObject({ gbps: 30, budget: 30 });
  });

  it('sends other-host traffic through PCIe, the NIC ports and the ToRs, limited by the 25G port', () => {
    const r = simulate(rack(), scenario([{ id: 'f', src: { vm: `${H1}.vm01` }, dst: { vm: `${H2}.vm01` }, demandGbps: null }]));
    const f = r.flows[0]!;
    expect(f.mode).toBe('fabric');
    expect(f.rate).toBeCloseTo(25, 9);
    expect(f.bottleneck).toMatch(/^eth:/);
    expect(f.path[0]).toMatch(/^pcie:.*:down$/);
    expect(f.path.at(-1)).toMatch(/^pcie:.*:up$/);
    expect(f.pcieCrossings).toBe(2);
  });

  it('shares a bottleneck max-min fairly and honours demand caps', () => {
    const r = simulate(rackOneVlan(), scenario([
      { id: 'a', src: { vm: `${H1}.vm01` }, dst: { vm: `${H1}.vm02` }, demandGbps: 5 },
      { id: 'b', src: { vm: `${H1}.vm02` }, dst: { vm: `${H1}.vm01` }, demandGbps: null },
    ]));
    expect(r.flows.map((f) => f.rate)).toEqual([5, 25]);
    expect(r.flows[0]!.bottleneck).toBe('demand');
  });

  it('hairpins VEPA traffic at the ToR only when reflective relay is on', () => {
    const d = rackOneVlan();
    // Both VMs leave by the same NIC port: a single uplink, VEPA.
    const vepa = run(d, [
      { type: 'remove', elements: [], links: [`${H1}.vs0.up1` as never] },
      { type: 'updateElement', id: `${H1}.vs0` as never, changes: { evbMode: 'vepa' } },
    ]);
    const flow: FlowSpec = { id: 'f', src: { vm: `${H1}.vm01` }, dst: { vm: `${H1}.vm02` }, demandGbps: null };
    const off = simulate(vepa, scenario([flow]));
    expect(off.flows[0]!.mode).toBe('vepa-hairpin');
    expect(off.flows[0]!.rate).toBe(0);
    expect(off.flows[0]!.dropped).toMatch(/reflective relay off/);
    const tor = vepa.elements['r01.tor-a'] as ElementOf<'tor'>;
    const on = run(vepa, [{ type: 'updateElement', id: tor.id, changes: { ports: tor.ports.map((p, i) => (i === 0 ? { ...p, reflectiveRelay: true } : p)) } }]);
    const ok = simulate(on, scenario([flow]));
    expect(ok.flows[0]!.mode).toBe('vepa-hairpin');
    expect(ok.flows[0]!.rate).toBeCloseTo(25, 9);
    // Up and back down the same cable: both directions of the NIC-ToR link carry it.
    expect(ok.flows[0]!.path.filter((p) => p.startsWith('eth:')).length).toBe(2);
  });

  it('turns VF-to-VF traffic in the NIC, crossing the PCIe link once each way', () => {
    const d = rack();
    const nic = d.elements[`${H1}.nic0`] as ElementOf<'nic'>;
    const sriov = run(d, [
      { type: 'updateElement', id: nic.id, changes: { physicalFunctions: nic.physicalFunctions.map((pf) => ({ ...pf, enabledVfs: 4 })) } },
      { type: 'remove', elements: [], links: [`${H1}.vm01.vnic0` as never, `${H1}.vm02.vnic0` as never] },
      { type: 'add', elements: [], links: [
        { id: 'vf1', kind: 'vf', a: { element: `${H1}.vm01`, port: 'vnic0' }, b: { element: nic.id, port: 'pf0.vf0' } },
        { id: 'vf2', kind: 'vf', a: { element: `${H1}.vm02`, port: 'vnic0' }, b: { element: nic.id, port: 'pf0.vf1' } },
      ] as never },
    ]);
    const r = simulate(sriov, scenario([{ id: 'f', src: { vm: `${H1}.vm01` }, dst: { vm: `${H1}.vm02` }, demandGbps: null }]));
    const f = r.flows[0]!;
    expect(f.mode).toBe('sriov-embedded');
    expect(f.pcieCrossings).toBe(2);
    expect(f.path).toEqual([`pcie:${H1}.nic0.pcie:down`, `pcie:${H1}.nic0.pcie:up`]);
  });

  it('runs a migration on the capacity the traffic leaves', () => {
    const r = simulate(rack(), scenario([{ id: 'bg', src: { vm: `${H1}.vm01` }, dst: { vm: `${H2}.vm01` }, demandGbps: 15 }], { migrations: [{ vm: `${H1}.vm02`, to: H2 }] }));
    const m = r.migrations[0]!;
    expect(m.dropped).toBeNull();
    expect(m.rateGbps).toBeGreaterThan(0);
    expect(m.result?.converged).toBe(true);
    expect(m.result!.totalSeconds).toBeGreaterThan(0);
  });

  it('reports unusable flows instead of failing', () => {
    const r = simulate(rack(), scenario([{ id: 'x', src: { vm: 'nope' }, dst: { vm: `${H1}.vm01` }, demandGbps: null }], { migrations: [{ vm: `${H1}.vm01`, to: H1 }] }));
    expect(r.flows[0]!.dropped).toMatch(/VM nope does not exist/);
    expect(r.migrations[0]!.dropped).toMatch(/already on/);
  });
});

describe("the book's chapter 6 comparison (rackplane new --template chapter6)", () => {
  it('lands near ~30 Gb/s through the vSwitch and ~14 Gb/s VF-to-VF over Gen2 x4, from the model', async () => {
    const { CHAPTER6_FLOWS } = await import('../templates/chapter6');
    const r = simulate(makeTemplate('chapter6'), scenario(CHAPTER6_FLOWS));
    const [vswitch, sriov] = r.flows;
    expect(vswitch).toMatchObject({ mode: 'vswitch-local', rate: 30 });
    // Gen2 x4: 4 lanes × 5 GT/s × 8/10 = 16 Gb/s per direction, × 256/(256+24) TLP efficiency = 14.63 Gb/s.
    expect(sriov!.mode).toBe('sriov-embedded');
    expect(sriov!.rate).toBeCloseTo(16 * (256 / 280), 9);
    expect(sriov!.pcieCrossings).toBe(2);
    // With a 128-byte max payload the same link gives 13.5 Gb/s: the overhead factor is visible, not a constant.
    const small = simulate(makeTemplate('chapter6'), scenario(CHAPTER6_FLOWS, { maxPayload: 128 }));
    expect(small.flows[1]!.rate).toBeCloseTo(16 * (128 / 152), 9);
  });
});

describe('equal-cost spreading', () => {
  it('spreads one-flow-per-VM traffic over both uplinks of every host', async () => {
    const { onePerVm } = await import('./scenarios');
    const d = makeTemplate('rack', { hosts: 8, vmsPerHost: 10 });
    const r = simulate(d, scenario(onePerVm(d)));
    const firstHop = new Map<string, number>();
    for (const f of r.flows) {
      const eth = f.path.find((p) => p.startsWith('eth:'))!;
      firstHop.set(eth.replace(/^eth:r01\.h\d+\.nic0\./, ''), (firstHop.get(eth.replace(/^eth:r01\.h\d+\.nic0\./, '')) ?? 0) + 1);
    }
    // Both NIC ports carry a fair share of the traffic leaving the hosts.
    const counts = [...firstHop.values()];
    expect(counts).toHaveLength(2);
    expect(Math.min(...counts)).toBeGreaterThan(r.flows.length * 0.3);
  });
});
