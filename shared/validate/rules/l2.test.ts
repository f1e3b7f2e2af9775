import { describe, expect, it } from 'vitest';
import type { Lag } from '../../model/elements';
import type { TeamPolicy } from '../../model/teaming';
import { diagnosticsOf, shape, TestDesign, torPorts, type RuleCase } from '../test-support';
import { L2_001, L2_002, L2_003, L2_004, L2_RULES } from './l2';
import { L2_005 } from './l2-tenant';
import { TEAM_001 } from './team';
import { ruleCaseTests } from '../rule-cases.test-support';

const pg = (id: string, vlan: number | null, trunk: number[] = []) => ({ id, name: `PG ${id}`, vlan, trunk });
const lag = (id: string, mlagPeer: string | null = null): Lag => ({ id, name: id, lacp: true, mlagPeer: mlagPeer as Lag['mlagPeer'] });
const vnic = (vlan: number | null) => ({ id: 'vnic0', mac: null, vlan, team: null });

/** h1 (one VM on port group `vm`, VLAN 100) cabled eth0 → t1 p0, whose allowed VLANs are `allowed`. */
function vlanPath(allowed: number[] | undefined) {
  const t = new TestDesign().host('h1', { vms: 1, cables: { eth0: ['t1', 'p0'] } });
  return t.tor('t1', { ports: torPorts(4, 25, allowed ? { allowedVlans: allowed } : {}) });
}

/** h1 with a VM holding VF pf0.vf0 of its NIC, tagging `vlan`; eth0 → t1 p0 allows `allowed`. */
function vfPath(vlan: number, allowed: number[]) {
  const t = vlanPath(allowed);
  t.patch('h1.nic', { physicalFunctions: [{ totalVfs: 8, enabledVfs: 1 }, { totalVfs: 8, enabledVfs: 0 }] });
  t.add('vm', 'h1.vfvm', { vnics: [vnic(vlan)] }, 'h1');
  return t.vf('vfl', ['h1.vfvm', 'vnic0'], ['h1.nic', 'pf0.vf0']);
}

/** h1's vSwitch on an S-channel (S-VID 10) of NIC eth0, cabled to `peer`. */
function sChannelTo(peer: 'storage' | 'fex' | 'tor', evbMode: 'veb' | 'vepa-multichannel' = 'vepa-multichannel') {
  const t = new TestDesign().host('h1', { vms: 1, noUplinks: true, vswitch: { evbMode } });
  t.sChannel('sc', ['h1.vs', 'up0'], ['h1.nic', 'eth0'], 10);
  if (peer === 'storage') {
    t.add('storage', 's1');
    t.eth('cab', ['h1.nic', 'eth0'], ['s1', 'p0']);
  }
  if (peer === 'fex') {
    t.add('fex', 'f1', { hostPortSpeedGbps: 25 });
    t.eth('cab', ['h1.nic', 'eth0'], ['f1', 'h0']);
  }
  if (peer === 'tor') t.tor('t1', { multichannel: true }).eth('cab', ['h1.nic', 'eth0'], ['t1', 'p0']);
  return t;
}

/** Switches t1 and t2 joined by two cables p0-p0 and p1-p1 of LAG po1 declared on both; `second` tweaks the second cable. */
function switchLag(second: { speedGbps?: number; fullDuplex?: boolean } = {}) {
  const t = new TestDesign().tor('t1', { lags: [lag('po1')], stp: true }).tor('t2', { lags: [lag('po1')], stp: true });
  return t.eth('l0', ['t1', 'p0'], ['t2', 'p0'], { lag: 'po1' }).eth('l1', ['t1', 'p1'], ['t2', 'p1'], { lag: 'po1', ...second });
}

/** t1's LAG po1 goes to t2 and t3; `mlag` declares t2/t3 an MLAG pair. */
function splitLag(mlag: boolean) {
  const t = new TestDesign().tor('t1', { lags: [lag('po1')] });
  t.tor('t2', { lags: [lag('po1', mlag ? 't3' : null)] }).tor('t3', { lags: [lag('po1', mlag ? 't2' : null)] });
  return t.eth('l0', ['t1', 'p0'], ['t2', 'p0'], { lag: 'po1' }).eth('l1', ['t1', 'p1'], ['t3', 'p0'], { lag: 'po1' });
}

/** Three switches in a ring; `stp` turns spanning tree on for t2. */
function ring(stpOnT2: boolean) {
  const t = new TestDesign().tor('t1', { stp: false }).tor('t2', { stp: stpOnT2 }).tor('t3', { stp: false });
  return t.eth('a', ['t1', 'p0'], ['t2', 'p0']).eth('b', ['t2', 'p1'], ['t3', 'p0']).eth('c', ['t3', 'p1'], ['t1', 'p1']);
}

/**
 * An Open vSwitch host with unbonded uplinks (`none`) dual-homed to an MLAG pair (STP off everywhere); `bundled` puts both
 * host cables in LAG h1 (the switch side of a bond: the bond itself is TEAM-001's business).
 */
function mlagHost(bundled: boolean) {
  const t = new TestDesign().host('h1', { vswitch: { switchKind: 'ovs', teamPolicy: 'none' }, cables: { eth0: ['ta', 'p0'], eth1: ['tb', 'p0'], lag: bundled ? 'h1' : null } });
  t.tor('ta', { stp: false, lags: [lag('h1', 'tb'), lag('peer')] }).tor('tb', { stp: false, lags: [lag('h1', 'ta'), lag('peer')] });
  return t.eth('peer0', ['ta', 'p6'], ['tb', 'p6'], { lag: 'peer' });
}

/** Host h1 dual-homed to t1 and t2, which are cabled together; all without STP. The switch's uplinks are unbonded (`none`) unless `teamPolicy` says otherwise. */
function dualHomed(switchKind: 'ovs' | 'vds' | 'linux-bridge' | 'hyperv', teamPolicy: TeamPolicy = 'none') {
  const t = new TestDesign().host('h1', { vswitch: { switchKind, teamPolicy }, cables: { eth0: ['t1', 'p0'], eth1: ['t2', 'p0'] } });
  return t.tor('t1', { stp: false }).tor('t2', { stp: false }).eth('core', ['t1', 'p7'], ['t2', 'p7']);
}

/** Two VMs of tenants a and b on h1; `groups` are h1's port groups (VMs alternate over them). */
function tenants(groups: ReturnType<typeof pg>[], second = 'b') {
  const t = new TestDesign().host('h1', { vms: 2, portGroups: groups });
  t.patch('h1.vm1', { tenant: 'a' });
  t.patch('h1.vm2', { tenant: second });
  return t;
}

/** Two unconnected-or-connected hosts, each with a VM on VLAN 100, of tenants a and b. */
function twoHostTenants(cabled: boolean) {
  const t = new TestDesign().host('h1', { vms: 1, cables: cabled ? { eth0: ['t1', 'p0'] } : {} }).host('h2', { vms: 1, cables: cabled ? { eth0: ['t1', 'p1'] } : {} });
  if (cabled) t.tor('t1');
  t.patch('h1.vm1', { tenant: 'a' });
  t.patch('h2.vm1', { tenant: 'b' });
  return t;
}

/** One vSwitch on S-channel 10 with VMs on VLANs 100 and 200 of tenants a and `second`. */
function sharedChannel(second: string) {
  const t = new TestDesign().host('h1', { vms: 2, noUplinks: true, portGroups: [pg('a', 100), pg('b', 200)], vswitch: { evbMode: 'vepa-multichannel' } });
  t.sChannel('sc', ['h1.vs', 'up0'], ['h1.nic', 'eth0'], 10);
  t.patch('h1.vm1', { tenant: 'a' });
  t.patch('h1.vm2', { tenant: second });
  return t;
}

const cases: RuleCase[] = [
  {
    rule: L2_001,
    name: 'port group on VLAN 0',
    trigger: () => new TestDesign().host('h1', { portGroups: [pg('vm', 0)] }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs'] }],
    nearMiss: () => new TestDesign().host('h1', { portGroups: [pg('vm', null)] }).design(),
    fix: 0,
  },
  {
    rule: L2_001,
    name: 'port group on reserved VLAN 4095',
    trigger: () => new TestDesign().host('h1', { portGroups: [pg('vm', 4095)] }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs'] }],
    nearMiss: () => new TestDesign().host('h1', { portGroups: [pg('vm', 4094)] }).design(),
  },
  {
    rule: L2_001,
    name: 'trunk lists VLAN 4095',
    trigger: () => new TestDesign().host('h1', { portGroups: [pg('vm', null, [10, 4095])] }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs'] }],
    nearMiss: () => new TestDesign().host('h1', { portGroups: [pg('vm', null, [10, 4094])] }).design(),
    fix: 0,
  },
  {
    rule: L2_001,
    name: 'vNIC on VLAN 0',
    trigger: () => new TestDesign().host('h1', { vms: 1, vm: { vnics: [vnic(0)] } }).design(),
    expect: [{ severity: 'error', elements: ['h1.vm1'] }],
    nearMiss: () => new TestDesign().host('h1', { vms: 1, vm: { vnics: [vnic(100)] } }).design(),
    fix: 0,
  },
  {
    rule: L2_001,
    name: 'guest tags a VLAN its port group does not carry',
    trigger: () => new TestDesign().host('h1', { vms: 1, vm: { vnics: [vnic(200)] } }).design(),
    expect: [{ severity: 'error', elements: ['h1.vm1', 'h1.vs'] }],
    nearMiss: () => new TestDesign().host('h1', { vms: 1, portGroups: [pg('vm', null, [200, 300])], vm: { vnics: [vnic(200)] } }).design(),
    fix: 0,
  },
  {
    rule: L2_001,
    name: "port-group VLAN not in the ToR port's allowed VLANs",
    trigger: () => vlanPath([200]).design(),
    expect: [{ severity: 'error', elements: ['t1', 'h1.vs', 'h1.nic'] }],
    nearMiss: () => vlanPath([100, 200]).design(),
    fix: 0,
  },
  {
    rule: L2_001,
    name: "VF VLAN not in the ToR port's allowed VLANs",
    trigger: () => vfPath(300, [100]).design(),
    expect: [{ severity: 'error', elements: ['t1', 'h1.vfvm', 'h1.nic'] }],
    nearMiss: () => vfPath(300, [100, 300]).design(),
    fix: 0,
  },
  {
    rule: L2_002,
    name: 'S-channels cabled to a storage target',
    trigger: () => sChannelTo('storage').design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 's1'] }],
    nearMiss: () => sChannelTo('tor').design(),
  },
  {
    rule: L2_002,
    name: 'S-channels of a VEB switch cabled to a FEX',
    trigger: () => sChannelTo('fex', 'veb').design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 'f1'] }],
    nearMiss: () => sChannelTo('tor', 'veb').design(),
  },
  {
    rule: L2_003,
    name: 'LAG not declared on the switch',
    trigger: () => new TestDesign().host('h1', { cables: { eth0: ['t1', 'p0'], lag: 'po1' } }).tor('t1').design(),
    expect: [{ severity: 'error', elements: ['t1'] }],
    nearMiss: () => new TestDesign().host('h1', { cables: { eth0: ['t1', 'p0'], lag: 'po1' } }).tor('t1', { lags: [lag('po1')] }).design(),
    fix: 0,
  },
  {
    rule: L2_003,
    name: 'LAG members at different speeds',
    trigger: () => switchLag({ speedGbps: 10 }).design(),
    expect: [
      { severity: 'error', elements: ['t1'] },
      { severity: 'error', elements: ['t2'] },
    ],
    nearMiss: () => switchLag().design(),
  },
  {
    rule: L2_003,
    name: 'half-duplex LAG member',
    trigger: () => switchLag({ fullDuplex: false }).design(),
    expect: [
      { severity: 'error', elements: ['t1'] },
      { severity: 'error', elements: ['t2'] },
    ],
    nearMiss: () => switchLag({ fullDuplex: true }).design(),
    fix: 0,
  },
  {
    rule: L2_003,
    name: 'LAG members to two switches that are not an MLAG pair',
    trigger: () => splitLag(false).design(),
    expect: [{ severity: 'error', elements: ['t1', 't2', 't3'] }],
    nearMiss: () => splitLag(true).design(),
  },
  {
    rule: L2_003,
    name: 'MLAG peer that does not declare the LAG back',
    trigger: () => new TestDesign().tor('ta', { lags: [lag('h1', 'tb')] }).tor('tb').design(),
    expect: [{ severity: 'error', elements: ['ta', 'tb'] }],
    nearMiss: () => new TestDesign().tor('ta', { lags: [lag('h1', 'tb')] }).tor('tb', { lags: [lag('h1', 'ta')] }).design(),
    fix: 0,
  },
  {
    rule: L2_003,
    name: 'MLAG peer that is not in the design',
    trigger: () => new TestDesign().tor('ta', { lags: [lag('h1', 'ghost')] }).design(),
    expect: [{ severity: 'error', elements: ['ta'] }],
    nearMiss: () => new TestDesign().tor('ta', { lags: [lag('h1')] }).design(),
  },
  {
    rule: L2_004,
    name: 'ring of switches without STP',
    trigger: () => ring(false).design(),
    expect: [{ severity: 'error', elements: ['t1', 't2', 't3'] }],
    nearMiss: () => ring(true).design(),
    fix: 0,
  },
  {
    rule: L2_004,
    name: 'parallel cables not in a LAG',
    trigger: () => new TestDesign().tor('t1', { stp: false }).tor('t2', { stp: false }).eth('a', ['t1', 'p0'], ['t2', 'p0']).eth('b', ['t1', 'p1'], ['t2', 'p1']).design(),
    expect: [{ severity: 'error', elements: ['t1', 't2'] }],
    nearMiss: () =>
      new TestDesign()
        .tor('t1', { stp: false, lags: [lag('po1')] })
        .tor('t2', { stp: false, lags: [lag('po1')] })
        .eth('a', ['t1', 'p0'], ['t2', 'p0'], { lag: 'po1' })
        .eth('b', ['t1', 'p1'], ['t2', 'p1'], { lag: 'po1' })
        .design(),
    fix: 0,
  },
  {
    rule: L2_004,
    name: 'Open vSwitch host bridging two switches',
    trigger: () => dualHomed('ovs').design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 'h1.nic', 't1', 't2'] }],
    // A VDS does not forward between uplinks, so the host closes no loop, whatever its policy says.
    nearMiss: () => dualHomed('vds').design(),
    fix: 0,
  },
  {
    rule: L2_004,
    // Issue #12: a bond is one port to the bridge, so the same host with bonded uplinks closes no loop.
    name: 'Open vSwitch host with unbonded uplinks to two switches (a bond breaks it)',
    trigger: () => dualHomed('ovs', 'none').design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 'h1.nic', 't1', 't2'] }],
    nearMiss: () => dualHomed('ovs', 'ovs-active-backup').design(),
    fix: 0,
  },
  {
    rule: L2_004,
    name: 'Linux bridge with unbonded uplinks to two switches (a bond breaks it)',
    trigger: () => dualHomed('linux-bridge', 'none').design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 'h1.nic', 't1', 't2'] }],
    nearMiss: () => dualHomed('linux-bridge', 'linux-balance-alb').design(),
    fix: 0,
  },
  {
    rule: L2_004,
    name: 'host on an MLAG pair without a LAG',
    trigger: () => mlagHost(false).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 'h1.nic', 'ta', 'tb'] }],
    nearMiss: () => mlagHost(true).design(),
    fix: 0,
  },
  {
    rule: L2_004,
    name: 'cable from a switch to itself',
    trigger: () => new TestDesign().tor('t1', { stp: false }).eth('self', ['t1', 'p0'], ['t1', 'p1']).design(),
    expect: [{ severity: 'error', elements: ['t1'] }],
    nearMiss: () => new TestDesign().tor('t1', { stp: true }).eth('self', ['t1', 'p0'], ['t1', 'p1']).design(),
    fix: 0,
  },
  {
    rule: L2_005,
    name: 'two tenants on one port group VLAN',
    trigger: () => tenants([pg('vm', 100)]).design(),
    expect: [{ severity: 'error', elements: ['h1.vm1', 'h1.vm2'] }],
    nearMiss: () => tenants([pg('a', 100), pg('b', 200)]).design(),
  },
  {
    rule: L2_005,
    name: 'two tenants untagged on one switch',
    trigger: () => tenants([pg('vm', null)]).design(),
    expect: [{ severity: 'error', elements: ['h1.vm1', 'h1.vm2'] }],
    nearMiss: () => tenants([pg('vm', null)], 'a').design(),
  },
  {
    rule: L2_005,
    name: 'same VLAN on two hosts cabled to one switch',
    trigger: () => twoHostTenants(true).design(),
    expect: [{ severity: 'error', elements: ['h1.vm1', 'h2.vm1'] }],
    // Hosts with no cable between them are separate layer-2 domains.
    nearMiss: () => twoHostTenants(false).design(),
  },
  {
    rule: L2_005,
    name: 'two tenants on one S-channel',
    trigger: () => sharedChannel('b').design(),
    expect: [{ severity: 'error', elements: ['h1.vm1', 'h1.vm2'] }],
    nearMiss: () => sharedChannel('a').design(),
  },
];

describe('layer-2 rules', () => {
  ruleCaseTests(cases, L2_RULES);

  it('takes a link out of a LAG that no switch can declare', () => {
    const t = new TestDesign().host('h1');
    t.add('storage', 's1');
    const d = t.eth('cab', ['h1.nic', 'eth0'], ['s1', 'p0'], { lag: 'x' }).design();
    const [diag] = diagnosticsOf(d, L2_003);
    expect(shape([diag!])).toEqual([{ rule: 'L2-003', severity: 'error', elements: ['h1.nic', 's1'] }]);
    expect(diag!.fix!.commands).toEqual([{ type: 'updateLink', id: 'cab', changes: { lag: null } }]);
  });

  it('adds the missing VLAN to the allowed list and keeps the others', () => {
    const [d] = diagnosticsOf(vlanPath([200]).design(), L2_001);
    expect(d!.message).toMatch(/t1 p0 does not allow VLAN 100/);
    const cmd = d!.fix!.commands[0]!;
    expect(cmd.type === 'updateElement' && (cmd.changes.ports as { allowedVlans?: number[] }[])[0]!.allowedVlans).toEqual([100, 200]);
  });

  it('reads the team: unbonded OVS uplinks to two ToRs loop, an LACP bond on an MLAG pair does not (issue #12)', () => {
    // Two non-STP ToRs joined by a cable, an OVS host on both. After the v2→v3 migration such a bridge is `none`
    // (independent ports), so old designs keep their finding.
    const plain = (teamPolicy: TeamPolicy) => {
      const t = new TestDesign().host('h1', { vswitch: { switchKind: 'ovs', teamPolicy }, cables: { eth0: ['t1', 'p0'], eth1: ['t2', 'p0'] } });
      return t.tor('t1', { stp: false }).tor('t2', { stp: false }).eth('core', ['t1', 'p7'], ['t2', 'p7']);
    };
    const [loop] = diagnosticsOf(plain('none').design(), L2_004);
    expect(loop!.message).toMatch(/^Layer-2 loop with no spanning tree: .*h1\.vs.* bond the host bridge’s uplinks/);
    // The same cable made the MLAG peer link, and the host's cables one LACP LAG across the pair, with balance-tcp.
    const bonded = () => {
      const t = new TestDesign().host('h1', { vswitch: { switchKind: 'ovs', teamPolicy: 'ovs-balance-tcp' }, cables: { eth0: ['t1', 'p0'], eth1: ['t2', 'p0'], lag: 'h1' } });
      t.tor('t1', { stp: false, lags: [lag('h1', 't2'), lag('peer', 't2')] }).tor('t2', { stp: false, lags: [lag('h1', 't1'), lag('peer', 't1')] });
      return t.eth('core', ['t1', 'p7'], ['t2', 'p7'], { lag: 'peer' }).design();
    };
    expect(diagnosticsOf(bonded(), L2_004)).toEqual([]);
    expect(diagnosticsOf(bonded(), TEAM_001)).toEqual([]);
    // A bond to two switches that are not a pair closes no loop either (a bond never forwards member to member), but
    // LACP cannot span them: TEAM-001's finding, not L2-004's.
    expect(diagnosticsOf(plain('ovs-balance-tcp').design(), L2_004)).toEqual([]);
    expect(diagnosticsOf(plain('ovs-balance-tcp').design(), TEAM_001).map((d) => d.rule)).toEqual(['TEAM-001']);
  });

  it('counts no loop through a cable left on a port since broken out (it carries nothing; ETH-002 reports it)', () => {
    const parallel = (breakout: boolean) =>
      new TestDesign()
        .tor('t1', { stp: false, ports: torPorts(2, 100, breakout ? { breakout: { lanes: 4, speedGbps: 25 }, breakoutModes: [{ lanes: 4, speedGbps: 25 }] } : {}) })
        .tor('t2', { stp: false })
        .eth('a', ['t1', 'p0'], ['t2', 'p0'])
        .eth('b', ['t1', 'p1'], ['t2', 'p1'])
        .design();
    expect(diagnosticsOf(parallel(false), L2_004)).toHaveLength(1);
    // Both t1 ports broken out: the two cables end on ports that no longer exist, so no path joins t1 and t2.
    expect(diagnosticsOf(parallel(true), L2_004)).toEqual([]);
  });

  it('never finds a loop through an ESXi or Hyper-V switch, whatever its policy says', () => {
    expect(diagnosticsOf(dualHomed('vds', 'none').design(), L2_004)).toEqual([]);
    expect(diagnosticsOf(dualHomed('hyperv', 'none').design(), L2_004)).toEqual([]);
  });

  it('names the loop in order and offers STP on every bridge of it', () => {
    const [d] = diagnosticsOf(ring(false).design(), L2_004);
    // Any rotation of the ring, in either direction, read around the loop back to its start.
    expect(d!.message).toMatch(/loop with no spanning tree: (t1 – t2 – t3 – t1|t2 – t3 – t1 – t2|t3 – t1 – t2 – t3|t1 – t3 – t2 – t1|t3 – t2 – t1 – t3|t2 – t1 – t3 – t2) via/);
    expect(d!.links.sort()).toEqual(['a', 'b', 'c']);
    expect(d!.fix!.commands.map((c) => c.type === 'updateElement' && c.id).sort()).toEqual(['t1', 't2', 't3']);
  });
});
