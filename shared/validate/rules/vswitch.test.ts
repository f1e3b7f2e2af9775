import { describe, expect, it } from 'vitest';
import type { KindProps } from '../../model/defaults';
import type { TeamPolicy } from '../../model/teaming';
import { diagnosticsOf, shape, TestDesign, type RuleCase } from '../test-support';
import { LINUX_BRIDGE_MAX_PORTS, MAX_ACTIVE_PORTS_PER_HOST, MAX_HOSTS_PER_VDS, OVS_MAX_STP_PORTS, SET_MAX_ADAPTERS, VS_001, VS_002, VSWITCH_RULES } from './vswitch';
import { TEAM_002 } from './team';
import { ruleCaseTests } from '../rule-cases.test-support';

/** `n` ESXi hosts, each with a member of distributed switch "big" and no VMs. */
function bigVds(n: number) {
  const t = new TestDesign();
  for (let i = 0; i < n; i++) {
    t.add('host', `h${i}`);
    t.add('vswitch', `h${i}.vs`, { distributedName: 'big', portGroups: [] }, `h${i}`);
  }
  return t;
}

const hostIds = (n: number) => Array.from({ length: n }, (_, i) => `h${i}`);

/** A host with `vms` VMs on a virtual switch of `kind` (2 uplinks). */
const busy = (vms: number, vswitch: Partial<KindProps<'vswitch'>>, hypervisor: KindProps<'host'>['hypervisor'] = 'esxi') =>
  new TestDesign().host('h1', { vms, vswitch, host: { hypervisor } });

/** A Hyper-V host whose switch has `mode`, `uplinks` linked uplinks and `hostVnics` host vNICs. */
function hyperv(mode: KindProps<'vswitch'>['hypervMode'], uplinks: number, hostVnics = 0, hypervisor: KindProps<'host'>['hypervisor'] = 'hyperv') {
  return new TestDesign().host('h1', {
    vms: 1,
    host: { hypervisor },
    noUplinks: uplinks === 0,
    vswitch: { switchKind: 'hyperv', hypervMode: mode, uplinks: Math.max(uplinks, 1), hostVnics, teamPolicy: 'hyperv-set' },
  });
}

/**
 * A Hyper-V host whose external switch binds both ports of h1.nic and of each extra NIC `h1.n<i>` (settings `extra[i]`)
 * with teaming policy `policy`: Switch Embedded Teaming by default, the only team a Hyper-V switch takes (Microsoft
 * Learn, "RDMA and Switch Embedded Teaming").
 */
function setTeam(extra: Partial<KindProps<'nic'>>[], nic: Partial<KindProps<'nic'>> = {}, policy: TeamPolicy = 'hyperv-set') {
  const t = new TestDesign().host('h1', {
    vms: 1,
    host: { hypervisor: 'hyperv' },
    nic: { model: 'X710', ...nic },
    vswitch: { switchKind: 'hyperv', hypervMode: 'external', uplinks: 2 + 2 * extra.length, teamPolicy: policy },
    cables: { eth0: ['t1', 'p0'], eth1: ['t1', 'p1'] },
  });
  t.tor('t1');
  extra.forEach((props, i) => {
    t.add('nic', `h1.n${i}`, { model: 'X710', ...props }, 'h1');
    for (const p of [0, 1]) t.uplink(`h1.n${i}.up${p}`, ['h1.vs', `up${2 + 2 * i + p}`], [`h1.n${i}`, `eth${p}`]);
  });
  return t;
}

const cases: RuleCase[] = [
  {
    rule: VS_001,
    name: 'distributed switch over the host limit',
    trigger: () => bigVds(MAX_HOSTS_PER_VDS + 1).design(),
    expect: [{ severity: 'error', elements: hostIds(MAX_HOSTS_PER_VDS + 1) }],
    nearMiss: () => bigVds(MAX_HOSTS_PER_VDS).design(),
  },
  {
    rule: VS_001,
    name: 'ESXi host over the active-port limit',
    trigger: () => busy(MAX_ACTIVE_PORTS_PER_HOST + 1, {}).design(),
    expect: [{ severity: 'error', elements: ['h1', 'h1.vs'] }],
    nearMiss: () => busy(MAX_ACTIVE_PORTS_PER_HOST - 4, { hostVnics: 4 }).design(),
  },
  {
    rule: VS_001,
    name: 'Open vSwitch bridge with STP over 255 ports',
    trigger: () => busy(OVS_MAX_STP_PORTS - 1, { switchKind: 'ovs', stp: true }, 'kvm').design(),
    expect: [{ severity: 'error', elements: ['h1', 'h1.vs'] }],
    nearMiss: () => busy(OVS_MAX_STP_PORTS - 1, { switchKind: 'ovs', stp: false }, 'kvm').design(),
  },
  {
    rule: VS_001,
    name: 'Linux bridge over the kernel port limit',
    trigger: () => busy(LINUX_BRIDGE_MAX_PORTS - 1, { switchKind: 'linux-bridge' }, 'kvm').design(),
    expect: [{ severity: 'error', elements: ['h1', 'h1.vs'] }],
    nearMiss: () => busy(LINUX_BRIDGE_MAX_PORTS - 2, { switchKind: 'linux-bridge' }, 'kvm').design(),
  },
  {
    rule: VS_002,
    name: 'private switch with a physical adapter',
    trigger: () => hyperv('private', 1).design(),
    expect: [{ severity: 'error', elements: ['h1.vs'] }],
    nearMiss: () => hyperv('private', 0).design(),
    fix: 0,
  },
  {
    rule: VS_002,
    name: 'internal switch without a host vNIC',
    trigger: () => hyperv('internal', 0, 0).design(),
    expect: [{ severity: 'error', elements: ['h1.vs'] }],
    nearMiss: () => hyperv('internal', 0, 1).design(),
    fix: 0,
  },
  {
    rule: VS_002,
    name: 'internal switch with a physical adapter',
    trigger: () => hyperv('internal', 1, 1).design(),
    expect: [{ severity: 'error', elements: ['h1.vs'] }],
    nearMiss: () => hyperv('internal', 0, 1).design(),
    fix: 0,
  },
  {
    rule: VS_002,
    // Regression (issue #11 item 9): two identical adapters are a SET team, Microsoft's recommended setup, not an error.
    name: 'external switch teaming adapters of two models (SET needs identical adapters)',
    trigger: () => setTeam([{ model: 'ConnectX-5' }]).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 'h1.nic', 'h1.n0'] }],
    nearMiss: () => setTeam([{}]).design(),
  },
  {
    rule: VS_002,
    name: 'external switch teaming adapters of two speeds',
    trigger: () => setTeam([{ speedGbps: 10 }]).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 'h1.nic', 'h1.n0'] }],
    nearMiss: () => setTeam([{ speedGbps: 25 }]).design(),
  },
  {
    rule: VS_002,
    name: 'external switch teaming more than eight adapters',
    trigger: () => setTeam([{}, {}, {}, {}]).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 'h1.nic', 'h1.n0', 'h1.n1', 'h1.n2', 'h1.n3'] }],
    nearMiss: () => setTeam([{}, {}, {}]).design(),
  },
  {
    rule: VS_002,
    name: 'external switch bound to no adapter',
    trigger: () => hyperv('external', 0).design(),
    expect: [{ severity: 'error', elements: ['h1.vs'] }],
    nearMiss: () => hyperv('external', 1).design(),
  },
  {
    rule: VS_002,
    name: 'Hyper-V switch without a type',
    trigger: () => hyperv(null, 1).design(),
    expect: [{ severity: 'error', elements: ['h1.vs'] }],
    nearMiss: () => hyperv('external', 1).design(),
    fix: 0,
  },
  {
    rule: VS_002,
    name: 'Hyper-V type on a VDS',
    trigger: () => new TestDesign().host('h1', { vswitch: { hypervMode: 'external' } }).design(),
    expect: [{ severity: 'warning', elements: ['h1.vs'] }],
    nearMiss: () => new TestDesign().host('h1').design(),
    fix: 0,
  },
  {
    rule: VS_002,
    name: 'Hyper-V switch on an ESXi host',
    trigger: () => hyperv('external', 1, 0, 'esxi').design(),
    expect: [{ severity: 'error', elements: ['h1', 'h1.vs'] }],
    nearMiss: () => hyperv('external', 1, 0, 'hyperv').design(),
  },
];

describe('virtual switch rules', () => {
  ruleCaseTests(cases, VSWITCH_RULES);

  it('accepts an external switch with two identical adapters as a SET team (issue #11 item 9)', () => {
    // Microsoft Learn, "Remote Direct Memory Access (RDMA) and Switch Embedded Teaming (SET)": SET groups "between one and
    // eight" identical adapters; New-VMSwitch -NetAdapterName "SLOT 2","SLOT 3" -EnableEmbeddedTeaming $true.
    expect(diagnosticsOf(hyperv('external', 2).design(), VS_002)).toEqual([]);
    expect(diagnosticsOf(setTeam([{}, {}, {}]).design(), VS_002)).toEqual([]);
    expect(2 + 2 * 3).toBe(SET_MAX_ADAPTERS);
  });

  it('says which adapters differ and how many a SET team takes', () => {
    const [mixed] = diagnosticsOf(setTeam([{ speedGbps: 10 }]).design(), VS_002);
    expect(mixed!.message).toMatch(/Switch Embedded Teaming.*mixed adapters.*25 GbE.*10 GbE.*identical/);
    const [many] = diagnosticsOf(setTeam([{}, {}, {}, {}]).design(), VS_002);
    expect(many!.message).toMatch(/10 physical adapters, but a SET team takes at most 8; unbind 2/);
  });

  it('applies the SET checks only to a switch teamed with SET (issue #12: read from the policy, not the adapter count)', () => {
    expect(shape(diagnosticsOf(setTeam([{ model: 'ConnectX-5' }]).design(), VS_002)).map((d) => d.rule)).toEqual(['VS-002']);
    // Another policy on a Hyper-V switch is one Hyper-V does not offer: TEAM-002 reports it (with SET as its fix), and
    // VS-002 does not guess a SET team from the adapter count.
    expect(diagnosticsOf(setTeam([{ model: 'ConnectX-5' }], {}, 'none').design(), VS_002)).toEqual([]);
    expect(shape(diagnosticsOf(setTeam([{ model: 'ConnectX-5' }], {}, 'none').design(), TEAM_002))).toEqual([{ rule: 'TEAM-002', severity: 'error', elements: ['h1.vs'] }]);
  });

  it('infers the Hyper-V type from the wiring', () => {
    const [d] = diagnosticsOf(hyperv(null, 0, 2).design(), VS_002);
    expect(d!.fix!.commands).toEqual([{ type: 'updateElement', id: 'h1.vs', changes: { hypervMode: 'internal' } }]);
  });
});
