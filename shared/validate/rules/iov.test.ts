import { describe, expect, it } from 'vitest';
import type { KindProps } from '../../model/defaults';
import { diagnosticsOf, shape, TestDesign, type RuleCase } from '../test-support';
import { IOV_001, IOV_002, IOV_003, IOV_004, IOV_005, IOV_RULES, VMDQ_001 } from './iov';
import { ruleCaseTests } from '../rule-cases.test-support';

const pfs = (...enabled: [total: number | null, enabled: number][]) => enabled.map(([totalVfs, enabledVfs]) => ({ totalVfs, enabledVfs }));

/** Host h1 whose NIC has `nic` settings and VMs `h1.v<i>` on VFs `pf0.vf<vf[i]>`. */
function vfVms(vfs: number[], nic: Partial<KindProps<'nic'>> = {}, host = 'h1') {
  const t = new TestDesign().host(host, { nic: { physicalFunctions: pfs([8, 4]), ...nic } });
  vfs.forEach((vf, i) => {
    t.add('vm', `${host}.v${i}`, {}, host);
    t.vf(`${host}.vf${i}`, [`${host}.v${i}`, 'vnic0'], [`${host}.nic`, `pf0.vf${vf}`]);
  });
  return t;
}

/** A VM with a VF on vnic0 and a vSwitch vNIC on vnic1, teamed when `teamed`. */
function failover(teamed: boolean) {
  const t = new TestDesign().host('h1', { nic: { physicalFunctions: pfs([8, 1]) } });
  const team = teamed ? 'bond0' : null;
  t.add('vm', 'h1.v', { vnics: [{ id: 'vnic0', mac: null, vlan: null, team }, { id: 'vnic1', mac: null, vlan: null, team }] }, 'h1');
  return t.vf('vf', ['h1.v', 'vnic0'], ['h1.nic', 'pf0.vf0']).vnic('sw', ['h1.v', 'vnic1'], ['h1.vs', 'pg.vm']);
}

/** Failover as above, but vnic0 holds NIC physical function 1 whole (passthrough) instead of a VF. */
function wholePf(teamed: boolean) {
  const t = new TestDesign().host('h1', { nic: { physicalFunctions: pfs([8, 0], [8, 0]) }, vswitch: { uplinks: 1 } });
  const team = teamed ? 'bond0' : null;
  t.add('vm', 'h1.v', { vnics: [{ id: 'vnic0', mac: null, vlan: null, team }, { id: 'vnic1', mac: null, vlan: null, team }] }, 'h1');
  return t.passthrough('pt', ['h1.v', 'vnic0'], ['h1.nic', 'pf1']).vnic('sw', ['h1.v', 'vnic1'], ['h1.vs', 'pg.vm']);
}

/** Host h1 with GPU h1.gpu on rp0; VM h1.v is given it whole when `given`. */
function gpuVm(given: boolean) {
  const t = new TestDesign().host('h1', { vms: 1 });
  t.add('endpoint', 'h1.gpu', { deviceClass: 'gpu' }, 'h1');
  t.pcie('g', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie']);
  return given ? t.passthrough('pt', ['h1.vm1', 'pci.hostdev'], ['h1.gpu', 'dev']) : t;
}

/**
 * Host h1 whose multichannel vSwitch rides S-channels 10 and 11 on NIC eth0 with `modes`, the NIC having one VF enabled and
 * embedded bridge `bridge` (802.1Qbg: each S-channel is bridged as VEB or VEPA on its own).
 */
function channelModes(modes: ('veb' | 'vepa')[], bridge: 'veb' | 'vepa') {
  const t = new TestDesign().host('h1', { vms: 1, noUplinks: true, nic: { physicalFunctions: pfs([8, 1]), embeddedBridge: bridge }, vswitch: { evbMode: 'vepa-multichannel', uplinks: modes.length } });
  modes.forEach((mode, i) => t.sChannel(`sc${i}`, ['h1.vs', `up${i}`], ['h1.nic', 'eth0'], 10 + i, mode));
  return t;
}

/**
 * Host h1 whose vSwitch has `uplinks` uplinks on its 2-port NIC (`pools` VMDq pools per port, `vfs` VFs per PF) and `vms`
 * VMs; `team` sets its teaming (default: route by originating port, both uplinks active).
 */
function vmdq(vms: number, pools: number, uplinks = 2, vfs = 0, team: Partial<KindProps<'vswitch'>> = {}) {
  return new TestDesign().host('h1', { vms, nic: { vmdqPools: pools, physicalFunctions: pfs([8, vfs], [8, vfs]) }, vswitch: { uplinks, teamPolicy: 'vmware-port-id', ...team } });
}

const cases: RuleCase[] = [
  {
    rule: IOV_001,
    name: "PF enables more VFs than its TotalVFs",
    trigger: () => new TestDesign().host('h1', { nic: { physicalFunctions: pfs([8, 10]) } }).design(),
    expect: [{ severity: 'error', elements: ['h1.nic'] }],
    nearMiss: () => new TestDesign().host('h1', { nic: { physicalFunctions: pfs([8, 8]) } }).design(),
    fix: 0,
  },
  {
    rule: IOV_001,
    name: 'VFs over the per-device cap',
    trigger: () => new TestDesign().host('h1', { nic: { physicalFunctions: pfs([null, 64], [null, 65]), maxVfsPerDevice: 128 } }).design(),
    expect: [{ severity: 'error', elements: ['h1.nic'] }],
    nearMiss: () => new TestDesign().host('h1', { nic: { physicalFunctions: pfs([null, 64], [null, 64]), maxVfsPerDevice: 128 } }).design(),
  },
  {
    rule: IOV_001,
    name: 'endpoint enables more VFs than its TotalVFs',
    trigger: () => {
      const t = new TestDesign().host('h1');
      t.add('endpoint', 'h1.gpu', { sriov: { totalVfs: 4, enabledVfs: 5 } }, 'h1');
      return t.design();
    },
    expect: [{ severity: 'error', elements: ['h1.gpu'] }],
    nearMiss: () => {
      const t = new TestDesign().host('h1');
      t.add('endpoint', 'h1.gpu', { sriov: { totalVfs: 4, enabledVfs: 4 } }, 'h1');
      return t.design();
    },
    fix: 0,
  },
  {
    rule: IOV_002,
    name: 'one VF assigned to two VMs',
    trigger: () => vfVms([0, 0]).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 'h1.v0', 'h1.v1'] }],
    nearMiss: () => vfVms([0, 1]).design(),
  },
  {
    rule: IOV_002,
    // The link has one end in each host, so both hosts' runs see it: the rule must still report it once.
    name: "VM using a VF of another host's NIC",
    trigger: () => {
      const t = vfVms([]).host('h2');
      t.add('vm', 'h2.v', {}, 'h2');
      return t.vf('x', ['h2.v', 'vnic0'], ['h1.nic', 'pf0.vf0']).design();
    },
    expect: [{ severity: 'error', elements: ['h2.v', 'h1.nic'] }],
    nearMiss: () => vfVms([0]).host('h2').design(),
  },
  {
    rule: IOV_003,
    name: 'VM on a VF without a failover vNIC',
    trigger: () => failover(false).design(),
    expect: [{ severity: 'warning', elements: ['h1.v'] }],
    nearMiss: () => failover(true).design(),
  },
  {
    rule: IOV_003,
    // Issue #12 item 3: a whole NIC function blocks migration as a VF does, and a teamed vSwitch vNIC excuses it alike.
    name: 'VM holding a whole NIC physical function without a failover vNIC',
    trigger: () => wholePf(false).design(),
    expect: [{ severity: 'warning', elements: ['h1.v'] }],
    nearMiss: () => wholePf(true).design(),
  },
  {
    rule: IOV_003,
    // A whole GPU cannot follow the VM; no team excuses it. The near miss is the same server with the GPU kept by the host.
    name: 'VM holding a whole GPU',
    trigger: () => gpuVm(true).design(),
    expect: [{ severity: 'warning', elements: ['h1.vm1'] }],
    nearMiss: () => gpuVm(false).design(),
  },
  {
    rule: IOV_004,
    name: 'VEB NIC under a VEPA switch',
    trigger: () => new TestDesign().host('h1', { nic: { physicalFunctions: pfs([8, 1]) }, vswitch: { evbMode: 'vepa' } }).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 'h1.vs'] }],
    nearMiss: () => new TestDesign().host('h1', { nic: { physicalFunctions: pfs([8, 1]), embeddedBridge: 'vepa' }, vswitch: { evbMode: 'vepa' } }).design(),
    fix: 0,
  },
  {
    rule: IOV_004,
    name: 'VEPA NIC under a VEB switch',
    trigger: () => new TestDesign().host('h1', { nic: { physicalFunctions: pfs([8, 1]), embeddedBridge: 'vepa' } }).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 'h1.vs'] }],
    nearMiss: () => new TestDesign().host('h1', { nic: { physicalFunctions: pfs([8, 1]), embeddedBridge: 'veb' } }).design(),
    fix: 0,
  },
  {
    rule: IOV_004,
    // Regression (issue #11 item 10): VEB S-channels of a multichannel switch are not VEPA, so a VEB NIC under them is right.
    name: 'VEPA NIC under VEB S-channels of a multichannel switch',
    trigger: () => channelModes(['veb', 'veb'], 'vepa').design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 'h1.vs'] }],
    nearMiss: () => channelModes(['veb', 'veb'], 'veb').design(),
    fix: 0,
  },
  {
    rule: IOV_004,
    name: 'VEB NIC under a VEPA S-channel',
    trigger: () => channelModes(['veb', 'vepa'], 'veb').design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 'h1.vs'] }],
    nearMiss: () => channelModes(['veb', 'vepa'], 'vepa').design(),
    fix: 0,
  },
  {
    rule: IOV_005,
    name: 'two VMs on VFs of one NIC',
    trigger: () => vfVms([0, 1]).design(),
    expect: [{ severity: 'info', elements: ['h1.nic', 'h1.v0', 'h1.v1'] }],
    nearMiss: () => vfVms([0]).design(),
  },
  {
    rule: VMDQ_001,
    name: 'more VMs than the VMDq pools of the one port the switch uses',
    trigger: () => vmdq(3, 2, 1).design(),
    expect: [{ severity: 'warning', elements: ['h1.nic', 'h1.vs'] }],
    nearMiss: () => vmdq(2, 2, 1).design(),
  },
  {
    rule: VMDQ_001,
    // Regression (issue #11 item 14): a team of two uplinks spreads VMs over both ports' pools (2 + 2), not one port's.
    name: 'more VMs than the pools of both teamed ports',
    trigger: () => vmdq(5, 2).design(),
    expect: [{ severity: 'warning', elements: ['h1.nic', 'h1.vs'] }],
    nearMiss: () => vmdq(4, 2).design(),
  },
  {
    rule: VMDQ_001,
    // Regression (issue #11 item 14): with VFs the PF keeps one pool per port (ixgbe.rst), so 3 VMs overflow 1 + 1 pools.
    name: 'VFs take the pools of both ports',
    trigger: () => vmdq(3, 32, 2, 4).design(),
    expect: [{ severity: 'warning', elements: ['h1.nic', 'h1.vs'] }],
    nearMiss: () => vmdq(3, 32, 2, 0).design(),
  },
  {
    rule: VMDQ_001,
    // Issue #12: explicit failover order sends on the active uplink only, so the standby port's pools do not count.
    name: 'active-backup team: only the active member’s pools count',
    trigger: () => vmdq(3, 2, 2, 0, { teamPolicy: 'vmware-failover-order', standbyUplinks: [1] }).design(),
    expect: [{ severity: 'warning', elements: ['h1.nic', 'h1.vs'] }],
    nearMiss: () => vmdq(3, 2, 2, 0, { teamPolicy: 'vmware-port-id', standbyUplinks: [] }).design(),
  },
  {
    rule: VMDQ_001,
    // Issue #12: a LAG hashes each VM's flows over every member, so every member needs a pool per VM (2, not 2 + 2).
    name: 'LACP team: every member needs a pool per VM',
    trigger: () => vmdq(3, 2, 2, 0, { teamPolicy: 'vmware-lacp' }).design(),
    expect: [{ severity: 'warning', elements: ['h1.nic', 'h1.vs'] }],
    nearMiss: () => vmdq(2, 2, 2, 0, { teamPolicy: 'vmware-lacp' }).design(),
  },
];

describe('SR-IOV and VMDq rules', () => {
  ruleCaseTests(cases, IOV_RULES);

  it('says a VM with a whole GPU stays on its host (IOV-003, issue #12 item 3)', () => {
    const [d] = diagnosticsOf(gpuVm(true).design(), IOV_003);
    expect(d!.message).toBe('h1.vm1 uses the whole of h1.gpu, so it cannot live-migrate; plan it to stay on this host, or shut it down to move it.');
    const [n] = diagnosticsOf(wholePf(false).design(), IOV_003);
    expect(n!.message).toBe('h1.v uses a whole NIC function on vnic0 (h1.nic pf1) with no teamed virtual-switch vNIC, so it cannot live-migrate; add a failover vNIC on a port group in the same team, or accept that it stays on this host.');
  });

  it('names the VEPA S-channel and links it (IOV-004 judged per channel)', () => {
    const [d] = diagnosticsOf(channelModes(['veb', 'vepa'], 'veb').design(), IOV_004);
    expect(d!.message).toMatch(/h1\.vs \(S-channel 11\) on it is VEPA/);
    expect(d!.links).toEqual(['sc1']);
  });

  it('counts the pools of every port the switch uses, and one pool per port with VFs (VMDQ-001)', () => {
    // 2 ports × 2 pools = 4: the fifth VM falls to the default queue.
    expect(diagnosticsOf(vmdq(5, 2).design(), VMDQ_001).map((d) => d.message)).toEqual([expect.stringMatching(/^5 VMs use h1\.vs, whose uplinks reach 4 VMDq pools on h1\.nic eth0 \(2\) and h1\.nic eth1 \(2\); 1 VMs fall/)]);
    // ixgbe: "When VFs are configured, the PF is allocated one pool as well": 32 pools per port leave the vSwitch 1 + 1.
    expect(diagnosticsOf(vmdq(3, 32, 2, 4).design(), VMDQ_001).map((d) => d.message)).toEqual([expect.stringMatching(/reach 2 VMDq pools .*VFs are enabled on 2 of these ports/)]);
  });

  it('spreads VMs over the team as its policy does (VMDQ-001, issue #12)', () => {
    const msg = (team: Partial<KindProps<'vswitch'>>, vms = 3) => diagnosticsOf(vmdq(vms, 2, 2, 0, team).design(), VMDQ_001).map((d) => d.message);
    // OVS active-backup with no standby list: the first member is the active one.
    expect(msg({ switchKind: 'ovs', teamPolicy: 'ovs-active-backup' })).toEqual([expect.stringMatching(/^3 VMs use h1\.vs, whose active uplink under OVS bond active-backup reaches 2 VMDq pools on h1\.nic eth0 \(2\); 1 VMs fall/)]);
    // A standby list holds for every VMware policy: with up0 on standby, originating-port teaming sends on eth1 only.
    expect(msg({ standbyUplinks: [0] })).toEqual([expect.stringMatching(/active uplink under .* reaches 2 VMDq pools on h1\.nic eth1 \(2\)/)]);
    // Every member on standby: the team still runs, on all of them.
    expect(msg({ standbyUplinks: [0, 1] })).toEqual([]);
    // Only eth0 cabled: the team fails over on link state and runs on eth0 alone, as the simulator sends it.
    const oneCable = new TestDesign().host('h1', { vms: 3, nic: { vmdqPools: 2 }, vswitch: { teamPolicy: 'vmware-port-id' }, cables: { eth0: ['t1', 'p0'] } }).tor('t1');
    expect(diagnosticsOf(oneCable.design(), VMDQ_001).map((d) => d.message)).toEqual([expect.stringMatching(/active uplink under .* reaches 2 VMDq pools on h1\.nic eth0 \(2\); 1 VMs fall/)]);
    // balance-slb pins each VM to one member (source MAC): pools add up, 4 for 4 VMs.
    expect(msg({ switchKind: 'ovs', teamPolicy: 'ovs-balance-slb' }, 4)).toEqual([]);
    // balance-tcp is an LACP LAG: 3 VMs need 3 pools on each member, and each has 2.
    expect(msg({ switchKind: 'ovs', teamPolicy: 'ovs-balance-tcp' })).toEqual([expect.stringMatching(/each member needs a pool per VM and the smallest has 2, on h1\.nic eth0 \(2\) and h1\.nic eth1 \(2\); 1 VMs fall/)]);
  });

  it('IOV-005 counts only VFs of one port: the embedded bridge is per PF (issue #11 item 2)', () => {
    // VFs of PF 0 and PF 1 reach each other through the adjacent switch, not the NIC: nothing crosses PCIe twice.
    const t = new TestDesign().host('h1', { nic: { physicalFunctions: pfs([8, 4], [8, 4]) } });
    t.add('vm', 'h1.a', {}, 'h1');
    t.add('vm', 'h1.b', {}, 'h1');
    t.vf('vfa', ['h1.a', 'vnic0'], ['h1.nic', 'pf0.vf0']).vf('vfb', ['h1.b', 'vnic0'], ['h1.nic', 'pf1.vf0']);
    expect(diagnosticsOf(t.design(), IOV_005)).toEqual([]);
    t.add('vm', 'h1.c', {}, 'h1');
    t.vf('vfc', ['h1.c', 'vnic0'], ['h1.nic', 'pf1.vf1']);
    const ds = diagnosticsOf(t.design(), IOV_005);
    expect(shape(ds)).toEqual([{ rule: 'IOV-005', severity: 'info', elements: ['h1.b', 'h1.c', 'h1.nic'] }]);
    expect(ds[0]!.message).toMatch(/^2 VMs use VFs of PF 1 of h1\.nic/);
  });
});
