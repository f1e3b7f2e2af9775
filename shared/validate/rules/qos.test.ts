// QOS-001: vSwitch QoS that cannot hold. Source: vSphere API VirtualEthernetCardResourceAllocation ("Reservation is not
// allowed to exceed the value of limit if limit is set"; a reservation is guaranteed bandwidth), Hyper-V
// Set-VMNetworkAdapter -MinimumBandwidthAbsolute / -MaximumBandwidth. Figures are the test NIC's 25 Gb/s ports.
import { describe, expect, it } from 'vitest';
import type { Qos } from '../../model/elements';
import { diagnosticsOf, TestDesign, type RuleCase } from '../test-support';
import { ruleCaseTests } from '../rule-cases.test-support';
import { QOS_001, QOS_RULES } from './qos';

/** Host h1 with two VMs on port group `vm`, its vSwitch sending on eth0 only (cabled to t1 at 25 Gb/s). */
function host(opts: { group?: Qos; vm1?: Qos; vm2?: Qos; cableEth1?: boolean } = {}) {
  const t = new TestDesign().tor('t1');
  t.host('h1', {
    vms: 2,
    portGroups: [{ id: 'vm', name: 'VM Network', vlan: 100, trunk: [], ...(opts.group ? { qos: opts.group } : {}) }],
    cables: { eth0: ['t1', 'p0'], ...(opts.cableEth1 ? { eth1: ['t1', 'p1'] as const } : {}) },
  });
  const withQos = (id: string, qos: Qos | undefined) => qos && t.patch(id, { vnics: [{ id: 'vnic0', mac: null, vlan: null, team: null, qos }] });
  withQos('h1.vm1', opts.vm1);
  withQos('h1.vm2', opts.vm2);
  return t;
}

const cases: RuleCase[] = [
  {
    rule: QOS_001,
    name: 'port group reserving 5 Gb/s with a 2 Gb/s limit',
    trigger: () => host({ group: { limitGbps: 2, reservationGbps: 5 } }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs'] }],
    nearMiss: () => host({ group: { limitGbps: 5, reservationGbps: 5 } }).design(),
    fix: 0,
  },
  {
    rule: QOS_001,
    name: 'vNIC override lowering the limit below its port group reservation',
    trigger: () => host({ group: { reservationGbps: 4 }, vm1: { limitGbps: 3 } }).design(),
    expect: [{ severity: 'error', elements: ['h1.vm1', 'h1.vs'] }],
    nearMiss: () => host({ group: { reservationGbps: 4 }, vm1: { limitGbps: 4 } }).design(),
    fix: 0,
  },
  {
    rule: QOS_001,
    // 15 + 15 = 30 Gb/s reserved on one 25 Gb/s uplink.
    name: 'reservations of two vNICs (30 Gb/s) over the one cabled 25 Gb/s uplink',
    trigger: () => host({ vm1: { reservationGbps: 15 }, vm2: { reservationGbps: 15 } }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 'h1.vm1', 'h1.vm2'] }],
    // 15 + 10 = 25 fits exactly.
    nearMiss: () => host({ vm1: { reservationGbps: 15 }, vm2: { reservationGbps: 10 } }).design(),
  },
];

describe('QoS rules', () => {
  ruleCaseTests(cases, QOS_RULES);

  it('counts both members of a hashing team: 30 Gb/s reserved fits 2 × 25 Gb/s', () => {
    expect(diagnosticsOf(host({ vm1: { reservationGbps: 15 }, vm2: { reservationGbps: 15 }, cableEth1: true }).design(), QOS_001)).toEqual([]);
  });

  it('refuses one vNIC reserving more than any single uplink, even when the team has more in all', () => {
    // 30 Gb/s on one vNIC: it sends through one 25 Gb/s member, whatever the team's 50 Gb/s total.
    const [d] = diagnosticsOf(host({ vm1: { reservationGbps: 30 }, cableEth1: true }).design(), QOS_001);
    expect(d!.message).toMatch(/^h1\.vm1 reserves 30 Gb\/s on h1\.vs, more than its largest usable uplink carries \(25 Gb\/s\)/);
  });

  it('says how much is reserved and what the uplinks carry', () => {
    const [d] = diagnosticsOf(host({ vm1: { reservationGbps: 15 }, vm2: { reservationGbps: 15 } }).design(), QOS_001);
    expect(d!.message).toBe(
      'The vNICs of h1.vm1 and h1.vm2 on h1.vs reserve 30 Gb/s in all, but the uplinks its teaming uses carry 25 Gb/s: the guarantees cannot all hold (the simulator scales them down); lower the reservations or add an active uplink.',
    );
  });
});
