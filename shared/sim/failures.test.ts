// Failures change the design the scenario runs on; rates below are worked out by hand from the rack-kvm template:
// each host has one dual-port 25GbE NIC (Gen4 x8, 115 Gb/s usable) teamed by an OVS LACP bond across tor-a/tor-b.
import { describe, expect, it } from 'vitest';
import { makeTemplate } from '../templates';
import { applyFailures, failureProblem } from './failures';
import { simulate, type Scenario } from './simulate';

const d = makeTemplate('rack-kvm', { hosts: 2, vmsPerHost: 2 });
const H1 = 'r01.h001';
const H2 = 'r01.h002';
const twoFlows = [
  { id: 'app', src: { vm: `${H1}.vm01` }, dst: { vm: `${H2}.vm01` }, demandGbps: null },
  { id: 'db', src: { vm: `${H1}.vm02` }, dst: { vm: `${H2}.vm02` }, demandGbps: null },
];
const scenario = (extra: Partial<Scenario>): Scenario => ({ name: 't', flows: twoFlows, migrations: [], maxPayload: 256, downtimeLimitSec: 0.3, ...extra });

describe('scenario failures', () => {
  it('a team member down: both flows share the remaining 25G member (12.5 Gb/s each)', () => {
    const r = simulate(d, scenario({ failures: [{ vswitch: `${H1}.vs0`, uplink: 'up0' }] }));
    expect(r.downLinks).toEqual([`${H1}.nic0.eth0`]);
    expect(r.flows.map((f) => [f.id, f.rate, f.bottleneck])).toEqual([
      ['app', 12.5, `eth:${H1}.nic0.eth1:ab`],
      ['db', 12.5, `eth:${H1}.nic0.eth1:ab`],
    ]);
  });

  it('a NIC port down is its cable: the same as the team member on it', () => {
    const r = simulate(d, scenario({ failures: [{ nic: `${H1}.nic0`, port: 'eth0' }] }));
    expect(r.downLinks).toEqual([`${H1}.nic0.eth0`]);
    expect(r.flows.map((f) => f.rate)).toEqual([12.5, 12.5]);
  });

  it('a switch down takes all its links: the hosts reach each other through tor-b alone', () => {
    const r = simulate(d, scenario({ failures: [{ switch: 'r01.tor-a' }] }));
    expect(r.downLinks).toEqual(['r01.h001.nic0.eth0', 'r01.h002.nic0.eth0', 'r01.peer0', 'r01.peer1']);
    expect(r.flows.map((f) => f.rate)).toEqual([12.5, 12.5]);
    expect(r.flows.every((f) => f.path.every((p) => !p.includes('eth0')))).toBe(true);
  });

  it('both members down: the flows are dropped as uncabled', () => {
    const r = simulate(d, scenario({ failures: [{ link: `${H1}.nic0.eth0` }, { link: `${H1}.nic0.eth1` }] }));
    expect(r.flows.every((f) => f.rate === 0 && f.dropped !== null)).toBe(true);
  });

  it("a host down drops its VMs' flows and migrations with the reason, and migrations onto it", () => {
    const r = simulate(
      d,
      scenario({
        failures: [{ host: H2 }],
        migrations: [
          { vm: `${H1}.vm01`, to: H2 },
          { vm: `${H2}.vm01`, to: H1 },
        ],
      }),
    );
    expect(r.flows.map((f) => f.dropped)).toEqual([`host ${H2} is down (scenario failure)`, `host ${H2} is down (scenario failure)`]);
    expect(r.migrations.map((m) => m.dropped)).toEqual([`host ${H2} is down (scenario failure)`, `host ${H2} is down (scenario failure)`]);
    expect(r.downLinks).toContain(`${H2}.nic0.eth0`);
    expect(r.downLinks).toContain(`${H2}.vm01.vnic0`);
    expect(r.downLinks!.some((l) => l.startsWith(H1))).toBe(false);
  });

  it('without failures the design is the same object and the result has no downLinks', () => {
    expect(applyFailures(d, []).design).toBe(d);
    expect(simulate(d, scenario({})).downLinks).toBeUndefined();
  });

  it('names the field of a failure that does not apply', () => {
    expect(failureProblem(d, { link: 'x' })).toBe('link: no link "x" in the design');
    expect(failureProblem(d, { switch: H1 })).toBe(`switch: no switch "${H1}" in the design`);
    expect(failureProblem(d, { nic: `${H1}.nic0`, port: 'eth7' })).toBe(`port: port "eth7" of ${H1}.nic0 has no cable`);
    expect(failureProblem(d, { vswitch: `${H1}.vs0`, uplink: 'up9' })).toBe(`uplink: ${H1}.vs0 has no uplink "up9"`);
    expect(failureProblem(d, { host: 'nope' })).toBe('host: no host "nope" in the design');
    expect(failureProblem(d, { host: H1 })).toBeNull();
  });
});
