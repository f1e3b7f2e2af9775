// The what-if heatmap diff on rack-kvm (2 hosts × 2 VMs, each host's dual-port NIC teamed across the MLAG pair
// tor-a/tor-b; see whatif.test.ts for the rates): two flows h001 → h002 hash onto different members, 25 Gb/s each.
import { describe, expect, it } from 'vitest';
import { makeTemplate } from '../templates';
import { simulate, type ResourceResult, type Scenario } from './simulate';
import { linkChanges, linkThroughput } from './whatif-links';

const d = makeTemplate('rack-kvm', { hosts: 2, vmsPerHost: 2 });
const scenario: Scenario = {
  name: 't',
  flows: [
    { id: 'app', src: { vm: 'r01.h001.vm01' }, dst: { vm: 'r01.h002.vm01' }, demandGbps: null },
    { id: 'db', src: { vm: 'r01.h001.vm02' }, dst: { vm: 'r01.h002.vm02' }, demandGbps: null },
  ],
  migrations: [],
  maxPayload: 256,
  downtimeLimitSec: 0.3,
};
const res = (ref: string, load: number, kind: ResourceResult['kind'] = 'ethernet'): ResourceResult => ({ id: `${kind}:${ref}:${load}`, kind, ref, capacity: 25, load, utilisation: load / 25 });

describe('linkChanges', () => {
  it('one ToR down: its cables are down, the PCIe links carry half, the surviving members carry the same', () => {
    const base = simulate(d, scenario);
    const after = simulate(d, { ...scenario, failures: [{ switch: 'r01.tor-a' }] });
    expect([...linkChanges(base, after)]).toEqual([
      ['r01.h001.nic0.eth0', 'down'],
      ['r01.h002.nic0.eth0', 'down'],
      ['r01.peer0', 'down'],
      ['r01.peer1', 'down'],
      ['r01.h001.nic0.pcie', 'slowed'],
      ['r01.h002.nic0.pcie', 'slowed'],
    ]);
    // eth1 carried db alone (25) and now carries both at 12.5: the same throughput, so unchanged.
    expect(linkThroughput(after.resources).get('r01.h001.nic0.eth1')).toBe(25);
  });

  it("a team member down: its cable is down, and the far host's matching member loses its traffic though it is up", () => {
    const base = simulate(d, scenario);
    const after = simulate(d, { ...scenario, failures: [{ vswitch: 'r01.h001.vs0', uplink: 'up0' }] });
    // Both flows now leave h001 on eth1 to tor-b, which delivers them to h002 on eth1: h002's eth0 falls idle.
    expect([...linkChanges(base, after)]).toEqual([
      ['r01.h001.nic0.eth0', 'down'],
      ['r01.h001.nic0.pcie', 'slowed'],
      ['r01.h002.nic0.pcie', 'slowed'],
      ['r01.h002.nic0.eth0', 'lost'],
    ]);
  });

  it('tells slowed (less), lost (none now), gained (more) apart and ignores solver rounding', () => {
    const base = { resources: [res('a', 10), res('a', 4), res('b', 10), res('c', 5), res('d', 7), res('e', 3, 'pcie'), res('v', 9, 'vswitch-copy')] };
    const after = { resources: [res('a', 9), res('a', 4), res('b', 0), res('c', 8), res('d', 7 + 1e-9), res('v', 1, 'vswitch-copy')] };
    expect([...linkChanges(base, after)]).toEqual([
      ['a', 'slowed'],
      ['b', 'lost'],
      ['c', 'gained'],
      ['e', 'lost'],
    ]);
  });

  it('links already down without the what-if failures are not reported again', () => {
    const base = { resources: [res('a', 5)], downLinks: ['x'] };
    const after = { resources: [res('a', 5)], downLinks: ['x', 'y'] };
    expect([...linkChanges(base, after)]).toEqual([['y', 'down']]);
  });
});
