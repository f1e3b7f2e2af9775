// vSwitch QoS in the simulation (qos.ts, qos-scheduler.ts): every figure below is worked out by hand in the test.
// Sources: vSphere API `VirtualEthernetCardResourceAllocation` (a vNIC's `limit` is never exceeded "even if there are
// available resources"; its `reservation` is guaranteed and, unused, "can be used by other virtual network adapters";
// `share` is "a relative weight in competing for shared bandwidth"); Hyper-V `Set-VMNetworkAdapter -MaximumBandwidth /
// -MinimumBandwidthAbsolute / -MinimumBandwidthWeight`; IEEE 802.1Qaz ETS (strict-priority classes are served before
// the bandwidth-allocation classes, which share the rest by weight and lend what they do not use).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTemplate } from '../templates';
import { applyCommand, type Command } from '../history/commands';
import type { Design } from '../model/design';
import type { ElementOf, Qos } from '../model/elements';
import { buildInstance } from './io';
import { solveMaxMin } from './maxmin';
import { buildNetwork } from './network';
import { buildQosPlan, qosSolver } from './qos';
import { simulate, type Scenario, type ScenarioFlow } from './simulate';
import type { EventStream } from './flow-events';

const H1 = 'r01.h001';
const H2 = 'r01.h002';
const H3 = 'r01.h003';
const run = (d: Design, cmds: Command[]) => cmds.reduce((x, c) => applyCommand(x, c).design, d);
const scenario = (flows: ScenarioFlow[]): Scenario => ({ name: 'qos', flows, migrations: [], maxPayload: 256, downtimeLimitSec: 0.3 });
const out = (vm: string, demandGbps: number | null = null, id = vm): ScenarioFlow => ({ id, src: { vm }, dst: { external: true }, demandGbps });

/**
 * The rack with `hosts` servers of `vms` VMs each; every host sends on its first uplink only (the second on standby)
 * and that uplink's cable runs at 10 Gb/s, so a host's egress is one 10 Gb/s scheduler.
 */
function rack(hosts: number, vms: number): Design {
  const d = makeTemplate('rack', { hosts, vmsPerHost: vms });
  const cmds: Command[] = [];
  for (let h = 1; h <= hosts; h++) {
    const host = `r01.h${String(h).padStart(3, '0')}`;
    cmds.push({ type: 'updateElement', id: `${host}.vs0` as never, changes: { standbyUplinks: [1] } });
    cmds.push({ type: 'updateLink', id: `${host}.nic0.eth0` as never, changes: { speedGbps: 10 } });
  }
  return run(d, cmds);
}

/** Sets a vNIC's QoS override. */
const vnicQos = (d: Design, vm: string, qos: Qos): Design => {
  const el = d.elements[vm] as ElementOf<'vm'>;
  return run(d, [{ type: 'updateElement', id: vm as never, changes: { vnics: el.vnics.map((n, i) => (i === 0 ? { ...n, qos } : n)) } }]);
};
/** Sets a port group's QoS on a host's vSwitch. */
const groupQos = (d: Design, host: string, pg: string, qos: Qos): Design => {
  const vs = d.elements[`${host}.vs0`] as ElementOf<'vswitch'>;
  return run(d, [{ type: 'updateElement', id: vs.id, changes: { portGroups: vs.portGroups.map((g) => (g.id === pg ? { ...g, qos } : g)) } }]);
};
const rates = (d: Design, flows: ScenarioFlow[]) => simulate(d, scenario(flows)).flows.map((f) => f.rate);
const uplink = `eth:${H1}.nic0.eth0:ab`;

describe('vSwitch QoS at the uplink', () => {
  it('gives two VMs with shares 2:1 on one 10 Gb/s uplink 20/3 ≈ 6.67 and 10/3 ≈ 3.33', () => {
    let d = vnicQos(rack(2, 2), `${H1}.vm01`, { shares: 2 });
    d = vnicQos(d, `${H1}.vm02`, { shares: 1 });
    const r = simulate(d, scenario([out(`${H1}.vm01`), out(`${H1}.vm02`)]));
    // 10 Gb/s split 2:1: 10 × 2/3 and 10 × 1/3.
    expect(r.flows[0]!.rate).toBeCloseTo(20 / 3, 9);
    expect(r.flows[1]!.rate).toBeCloseTo(10 / 3, 9);
    expect(r.flows.map((f) => f.bottleneck)).toEqual([uplink, uplink]);
  });

  it('gives a 3 Gb/s reservation first and shares the other 7 evenly among three elastic flows: 3 + 7/3, 7/3, 7/3', () => {
    const d = vnicQos(rack(2, 3), `${H1}.vm01`, { reservationGbps: 3 });
    const r = rates(d, [out(`${H1}.vm01`), out(`${H1}.vm02`), out(`${H1}.vm03`)]);
    expect(r[0]).toBeCloseTo(3 + 7 / 3, 9);
    expect(r[1]).toBeCloseTo(7 / 3, 9);
    expect(r[2]).toBeCloseTo(7 / 3, 9);
  });

  it('lends an idle reservation: a reserved VM sending 1 Gb/s leaves 9 to the other', () => {
    const d = vnicQos(rack(2, 2), `${H1}.vm01`, { reservationGbps: 4 });
    expect(rates(d, [out(`${H1}.vm01`, 1), out(`${H1}.vm02`)])).toEqual([1, 9]);
  });

  it('serves a strict-priority class first: an elastic one starves the rest; one of 7 Gb/s leaves 3, shared 1.5 each', () => {
    const d = vnicQos(rack(2, 3), `${H1}.vm01`, { classMode: 'strict', classPriority: 5 });
    // Elastic: priority 5 takes all 10, the default class gets 10 − 10 = 0.
    expect(rates(d, [out(`${H1}.vm01`), out(`${H1}.vm02`), out(`${H1}.vm03`)])).toEqual([10, 0, 0]);
    // Sending 7: the lower class shares the 10 − 7 = 3 left, 1.5 each.
    const r = rates(d, [out(`${H1}.vm01`, 7), out(`${H1}.vm02`), out(`${H1}.vm03`)]);
    expect(r[0]).toBeCloseTo(7, 9);
    expect(r[1]).toBeCloseTo(1.5, 9);
    expect(r[2]).toBeCloseTo(1.5, 9);
  });

  it('keeps a reservation under strict priority: the starved class still gets its 2 Gb/s guarantee', () => {
    let d = vnicQos(rack(2, 2), `${H1}.vm01`, { classMode: 'strict', classPriority: 7 });
    d = vnicQos(d, `${H1}.vm02`, { reservationGbps: 2 });
    // 2 reserved first; the strict class then takes the other 8.
    expect(rates(d, [out(`${H1}.vm01`), out(`${H1}.vm02`)])).toEqual([8, 2]);
  });

  it('splits WRR classes by weight (3:1 → 7.5 and 2.5) and lends what a class cannot use', () => {
    // Port group app holds vm01 and vm03, db holds vm02 (the template alternates them).
    let d = groupQos(rack(2, 3), H1, 'app', { classMode: 'wrr', classWeight: 75 });
    d = groupQos(d, H1, 'db', { classMode: 'wrr', classWeight: 25 });
    // app gets 10 × 75/100 = 7.5, halved between its two VMs; db gets 2.5.
    const r = rates(d, [out(`${H1}.vm01`), out(`${H1}.vm02`), out(`${H1}.vm03`)]);
    expect(r[0]).toBeCloseTo(3.75, 9);
    expect(r[1]).toBeCloseTo(2.5, 9);
    expect(r[2]).toBeCloseTo(3.75, 9);
    // db sends only 1: app takes the 9 left, 4.5 each (ETS lends unused allocation).
    const lent = rates(d, [out(`${H1}.vm01`), out(`${H1}.vm02`, 1), out(`${H1}.vm03`)]);
    expect(lent[0]).toBeCloseTo(4.5, 9);
    expect(lent[1]).toBeCloseTo(1, 9);
    expect(lent[2]).toBeCloseTo(4.5, 9);
  });

  it('caps a limited vNIC even on an idle uplink, across all its flows, and gives the rest to the others', () => {
    const d = groupQos(rack(2, 2), H1, 'app', { limitGbps: 2 });
    const r = simulate(d, scenario([out(`${H1}.vm01`), out(`${H1}.vm02`)]));
    expect(r.flows.map((f) => f.rate)).toEqual([2, 8]);
    expect(r.flows[0]!.bottleneck).toBe('demand');
    // Two flows of the limited vNIC share its 2 Gb/s: 1 each (the limit is the vNIC's, not each flow's).
    expect(rates(d, [out(`${H1}.vm01`, null, 'a'), out(`${H1}.vm01`, null, 'b')])).toEqual([1, 1]);
    // Alone on the uplink it still gets only 2 of the idle 10.
    expect(rates(d, [out(`${H1}.vm01`)])).toEqual([2]);
  });

  it('a vNIC override wins over its port group field by field', () => {
    let d = groupQos(rack(2, 2), H1, 'app', { limitGbps: 2, shares: 100 });
    d = vnicQos(d, `${H1}.vm01`, { limitGbps: 6 });
    // Limit 6 from the vNIC; shares 100 from the group against vm02's default 50: 10 × 2/3 = 6.67 > 6, so 6 and 4.
    expect(rates(d, [out(`${H1}.vm01`), out(`${H1}.vm02`)])).toEqual([6, 4]);
  });
});

describe('QoS over time', () => {
  it('re-splits the uplink when a finite transfer ends: 20/3 until the 1 GB at 10/3 Gb/s is sent (2.4 s), then 10', () => {
    let d = vnicQos(rack(2, 2), `${H1}.vm01`, { shares: 2 });
    d = vnicQos(d, `${H1}.vm02`, { shares: 1 });
    const r = simulate(d, scenario([out(`${H1}.vm01`), { ...out(`${H1}.vm02`), sizeGB: 1 }]));
    // 1 GB = 8 Gb at 10/3 Gb/s takes 2.4 s.
    expect(r.flows[1]!.finishedSeconds).toBeCloseTo(2.4, 9);
    const steps = r.flows[0]!.rateSteps!;
    expect(steps).toHaveLength(2);
    expect(steps[0]!.gbps).toBeCloseTo(20 / 3, 9);
    expect(steps[1]!.t).toBeCloseTo(2.4, 9);
    expect(steps[1]!.gbps).toBeCloseTo(10, 9);
  });
});

describe('QoS acts only where the vSwitch schedules', () => {
  it('does not weight a fabric link: shares 100 and 1 from two hosts into one 10 Gb/s port get 5 and 5', () => {
    // Both flows arrive on host 3's first uplink (10 Gb/s in each direction); the senders' 10 Gb/s uplinks are
    // otherwise idle, so the receiving port is the bottleneck and is shared max-min, unweighted.
    let d = vnicQos(rack(3, 2), `${H1}.vm01`, { shares: 100 });
    d = vnicQos(d, `${H2}.vm01`, { shares: 1 });
    const to = (from: string, dst: string): ScenarioFlow => ({ id: `${from}>${dst}`, src: { vm: from }, dst: { vm: dst }, demandGbps: null });
    const r = simulate(d, scenario([to(`${H1}.vm01`, `${H3}.vm01`), to(`${H2}.vm01`, `${H3}.vm02`)]));
    expect(r.flows[0]!.rate).toBeCloseTo(5, 9);
    expect(r.flows[1]!.rate).toBeCloseTo(5, 9);
    expect(r.flows[0]!.bottleneck).toBe(`eth:${H3}.nic0.eth0:ba`);
  });

  it('gives what a fabric-limited flow cannot use at its uplink to the others (work conservation)', () => {
    // vm01 (shares 100) is held to 5 by host 3's port, shared with host 2's flow; the uplink scheduler would have
    // given it 10 × 100/101, so once it is known to be fabric-limited the 10 − 5 = 5 left go to vm02 (shares 1).
    let d = vnicQos(rack(3, 2), `${H1}.vm01`, { shares: 100 });
    d = vnicQos(d, `${H1}.vm02`, { shares: 1 });
    const r = rates(d, [
      { id: 'a', src: { vm: `${H1}.vm01` }, dst: { vm: `${H3}.vm01` }, demandGbps: null },
      { id: 'b', src: { vm: `${H2}.vm01` }, dst: { vm: `${H3}.vm02` }, demandGbps: null },
      out(`${H1}.vm02`),
    ]);
    expect(r[0]).toBeCloseTo(5, 9);
    expect(r[1]).toBeCloseTo(5, 9);
    expect(r[2]).toBeCloseTo(5, 9);
  });

  it('applies a limit to same-host traffic too (shaping is at the vNIC), but shares only at the uplink', () => {
    const d = vnicQos(rack(2, 2), `${H1}.vm01`, { limitGbps: 3, shares: 100 });
    // Into vm02 on another VLAN, so the traffic is routed at the ToR: out and back on the same 10 Gb/s cable.
    const r = rates(d, [{ id: 'x', src: { vm: `${H1}.vm01` }, dst: { vm: `${H1}.vm02` }, demandGbps: null }]);
    expect(r[0]).toBeCloseTo(3, 9);
  });
});

describe('exactness without QoS', () => {
  it('a design without QoS builds no plan, so simulate runs the reference solver unchanged', () => {
    const d = rack(2, 2);
    const net = buildNetwork(d);
    const streams: EventStream[] = [{ path: [0], demandGbps: Infinity, process: null }];
    expect(buildQosPlan(net, [out(`${H1}.vm01`)], [0], streams)).toBeNull();
  });

  it('the QoS solver with no stream under QoS gives the numpy reference rates on dc1k bit for bit as solveMaxMin', () => {
    const raw = JSON.parse(readFileSync(resolve(__dirname, '../../test/fixtures/maxmin/dc1k.json'), 'utf8'));
    const b = buildInstance(raw);
    if (!b.ok) throw new Error(b.reason);
    const inst = b.instance;
    const F = inst.flowPtr.length - 1;
    const streams: EventStream[] = Array.from({ length: F }, (_, f) => ({
      path: Array.from(inst.flowLinks.subarray(inst.flowPtr[f]!, inst.flowPtr[f + 1]!)),
      demandGbps: inst.demands?.[f] ?? Infinity,
      process: null,
    }));
    const subset = streams.map((_, i) => i);
    const viaQos = qosSolver({ streams: streams.map(() => null) })(inst.capacities, streams, subset, {});
    const plain = solveMaxMin(inst);
    expect([...viaQos.rates]).toEqual([...plain.rates]);
    expect([...viaQos.bottleneck]).toEqual([...plain.bottleneck]);
    const ref = JSON.parse(readFileSync(resolve(__dirname, '../../test/fixtures/maxmin/dc1k.rates.json'), 'utf8')).rates as Record<string, number | null>;
    b.flowIds.forEach((id, i) => {
      const r = ref[id];
      if (r === null) expect(viaQos.rates[i]).toBe(Infinity);
      else expect(Math.abs(viaQos.rates[i]! - r!) / Math.max(Math.abs(r!), 1e-300)).toBeLessThan(1e-9);
    });
  });
});
