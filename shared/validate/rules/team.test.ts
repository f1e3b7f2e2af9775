import { describe, expect, it } from 'vitest';
import type { KindProps } from '../../model/defaults';
import type { Lag, VswitchKind } from '../../model/elements';
import type { TeamPolicy } from '../../model/teaming';
import { applyFix, diagnosticsOf, TestDesign, type RuleCase } from '../test-support';
import { L2_003 } from './l2';
import { nearestPolicy, TEAM_001, TEAM_002, TEAM_RULES } from './team';
import { ruleCaseTests } from '../rule-cases.test-support';

const lag = (id: string, lacp: boolean, mlagPeer: string | null = null): Lag => ({ id, name: id, lacp, mlagPeer: mlagPeer as Lag['mlagPeer'] });

/** Where h1's two NIC ports are cabled and in which LAG (null: not in one). */
interface Cabling {
  /** `one`: both to t1 (p0, p1); `pair`: t1 p0 and t2 p0, an MLAG pair; `two`: t1 p0 and t2 p0, two unrelated switches. */
  to?: 'one' | 'pair' | 'two';
  lags?: [string | null, string | null];
  /** LACP on the LAGs the switches declare. */
  lacp?: boolean;
  /** Declare the LAGs on the switches (false: the cables name a LAG no switch declares). */
  declare?: boolean;
}

/**
 * Host h1 (hypervisor to match) whose virtual switch of `kind` teams its two uplinks with `policy`, NIC eth0/eth1 cabled
 * as `c` says (default: both to t1, in no LAG). Switches run STP so that no loop comes into it.
 */
function team(kind: VswitchKind, policy: TeamPolicy, c: Cabling = {}, vswitch: Partial<KindProps<'vswitch'>> = {}) {
  const hypervisor = kind === 'vds' ? 'esxi' : kind === 'hyperv' ? 'hyperv' : 'kvm';
  const t = new TestDesign().host('h1', { vms: 1, host: { hypervisor }, vswitch: { switchKind: kind, teamPolicy: policy, hypervMode: kind === 'hyperv' ? 'external' : null, ...vswitch } });
  const to = c.to ?? 'one';
  const [l0, l1] = c.lags ?? [null, null];
  const lacp = c.lacp ?? true;
  const ids = [...new Set([l0, l1].filter((x): x is string => x !== null))];
  const declared = (peer: string | null) => (c.declare === false ? [] : ids.map((id) => lag(id, lacp, peer)));
  if (to === 'one') t.tor('t1', { lags: declared(null) });
  else {
    const pair = to === 'pair';
    // An MLAG pair declares its peer link too; `mlagPartner` reads any reciprocal declaration.
    t.tor('t1', { lags: [...declared(pair ? 't2' : null), ...(pair ? [lag('peer', true, 't2')] : [])] });
    t.tor('t2', { lags: [...declared(pair ? 't1' : null), ...(pair ? [lag('peer', true, 't1')] : [])] });
    if (pair) t.eth('peer', ['t1', 'p7'], ['t2', 'p7'], { lag: 'peer' });
  }
  t.eth('c0', ['h1.nic', 'eth0'], ['t1', 'p0'], { lag: l0 });
  t.eth('c1', ['h1.nic', 'eth1'], to === 'one' ? ['t1', 'p1'] : ['t2', 'p0'], { lag: l1 });
  return t;
}

const cases: RuleCase[] = [
  {
    rule: TEAM_001,
    name: 'IP hash with no LAG on the switch',
    trigger: () => team('vds', 'vmware-ip-hash').design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 't1'] }],
    nearMiss: () => team('vds', 'vmware-ip-hash', { lags: ['po1', 'po1'], lacp: false }).design(),
    fix: 0,
  },
  {
    rule: TEAM_001,
    // VMware: IP hash runs over a static EtherChannel only; a VDS speaks LACP through its own LAG (vmware-lacp).
    name: 'IP hash facing an LACP LAG',
    trigger: () => team('vds', 'vmware-ip-hash', { lags: ['po1', 'po1'], lacp: true }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 't1'] }],
    nearMiss: () => team('vds', 'vmware-lacp', { lags: ['po1', 'po1'], lacp: true }).design(),
    fix: 0,
  },
  {
    rule: TEAM_001,
    name: 'LACP across two switches that are not an MLAG pair',
    trigger: () => team('vds', 'vmware-lacp', { to: 'two', lags: ['h1', 'h1'] }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 't1', 't2'] }],
    nearMiss: () => team('vds', 'vmware-lacp', { to: 'pair', lags: ['h1', 'h1'] }).design(),
    fix: 0,
  },
  {
    rule: TEAM_001,
    name: 'LACP team with one member outside the LAG',
    trigger: () => team('linux-bridge', 'linux-802.3ad', { to: 'pair', lags: ['h1', null] }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 't1', 't2'] }],
    nearMiss: () => team('linux-bridge', 'linux-802.3ad', { to: 'pair', lags: ['h1', 'h1'] }).design(),
    fix: 0,
  },
  {
    rule: TEAM_001,
    name: 'LACP team split over two LAGs',
    trigger: () => team('ovs', 'ovs-balance-tcp', { lags: ['po1', 'po2'] }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 't1'] }],
    nearMiss: () => team('ovs', 'ovs-balance-tcp', { lags: ['po1', 'po1'] }).design(),
  },
  {
    rule: TEAM_001,
    // ovs-vswitchd.conf.db(5): balance-tcp needs LACP; against a static LAG the bond never negotiates.
    name: 'OVS balance-tcp facing a static LAG',
    trigger: () => team('ovs', 'ovs-balance-tcp', { to: 'pair', lags: ['h1', 'h1'], lacp: false }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 't1', 't2'] }],
    nearMiss: () => team('ovs', 'ovs-balance-tcp', { to: 'pair', lags: ['h1', 'h1'], lacp: true }).design(),
    fix: 0,
  },
  {
    rule: TEAM_001,
    // The rack template's first draft: hosts teamed by originating port, cabled into per-host LACP MLAG LAGs.
    name: 'originating-port teaming facing an MLAG LACP LAG',
    trigger: () => team('vds', 'vmware-port-id', { to: 'pair', lags: ['h1', 'h1'] }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 't1', 't2'] }],
    nearMiss: () => team('vds', 'vmware-port-id', { to: 'pair' }).design(),
    fix: 0,
  },
  {
    rule: TEAM_001,
    // Microsoft: SET supports switch-independent mode only (no LACP, no static teaming).
    name: 'SET team members in a switch-side LAG',
    trigger: () => team('hyperv', 'hyperv-set', { lags: ['po1', 'po1'], lacp: false }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 't1'] }],
    nearMiss: () => team('hyperv', 'hyperv-set').design(),
    fix: 0,
  },
  {
    rule: TEAM_001,
    name: 'unbonded OVS ports facing an LACP LAG',
    trigger: () => team('ovs', 'none', { to: 'pair', lags: ['h1', 'h1'] }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 't1', 't2'] }],
    nearMiss: () => team('ovs', 'none', { to: 'pair' }).design(),
    fix: 0,
  },
  {
    rule: TEAM_001,
    // VMware: with IP hash every uplink of the team is active; the standby and unused lists stay empty.
    name: 'IP hash with an uplink on standby',
    trigger: () => team('vds', 'vmware-ip-hash', { lags: ['po1', 'po1'], lacp: false }, { standbyUplinks: [1] }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs'] }],
    nearMiss: () => team('vds', 'vmware-ip-hash', { lags: ['po1', 'po1'], lacp: false }, { standbyUplinks: [] }).design(),
    fix: 0,
  },
  {
    rule: TEAM_002,
    name: 'a VMware policy on an Open vSwitch bridge',
    trigger: () => team('ovs', 'vmware-port-id').design(),
    expect: [{ severity: 'error', elements: ['h1.vs'] }],
    nearMiss: () => team('ovs', 'ovs-active-backup').design(),
    fix: 0,
  },
  {
    rule: TEAM_002,
    name: 'unbonded ports on a VDS',
    trigger: () => team('vds', 'none').design(),
    expect: [{ severity: 'error', elements: ['h1.vs'] }],
    nearMiss: () => team('vds', 'vmware-port-id').design(),
    fix: 0,
  },
  {
    rule: TEAM_002,
    // One uplink: the policy decides nothing yet, so the finding is a warning.
    name: 'a Linux bond mode on a one-uplink Hyper-V switch',
    trigger: () => new TestDesign().host('h1', { host: { hypervisor: 'hyperv' }, vswitch: { switchKind: 'hyperv', hypervMode: 'external', uplinks: 1, teamPolicy: 'linux-active-backup' } }).design(),
    expect: [{ severity: 'warning', elements: ['h1.vs'] }],
    nearMiss: () => new TestDesign().host('h1', { host: { hypervisor: 'hyperv' }, vswitch: { switchKind: 'hyperv', hypervMode: 'external', uplinks: 1, teamPolicy: 'hyperv-set' } }).design(),
    fix: 0,
  },
];

describe('uplink teaming rules', () => {
  ruleCaseTests(cases, TEAM_RULES);

  it('offers the fix that matches the other side', () => {
    const fix = (d: ReturnType<typeof team>) => diagnosticsOf(d.design(), TEAM_001)[0]!.fix!;
    // Members facing an LACP LAG: the host is the odd one out.
    expect(fix(team('vds', 'vmware-ip-hash', { lags: ['po1', 'po1'] })).label).toBe('Use LACP LAG (VDS)');
    expect(fix(team('vds', 'vmware-port-id', { to: 'pair', lags: ['h1', 'h1'] })).label).toBe('Use LACP LAG (VDS)');
    expect(fix(team('ovs', 'none', { to: 'pair', lags: ['h1', 'h1'] })).label).toBe('Use OVS bond balance-tcp (LACP)');
    // A Hyper-V switch has no LAG policy: the ports leave the LAG.
    expect(fix(team('hyperv', 'hyperv-set', { lags: ['po1', 'po1'] })).commands).toEqual([
      { type: 'updateLink', id: 'c0', changes: { lag: null } },
      { type: 'updateLink', id: 'c1', changes: { lag: null } },
    ]);
    // No LAG at all: the platform's switch-independent default.
    expect(fix(team('vds', 'vmware-ip-hash')).label).toBe('Use Route based on originating virtual port');
    // LACP policy facing a static LAG: LACP goes on at the switch, on both switches of the pair.
    expect(fix(team('ovs', 'ovs-balance-tcp', { to: 'pair', lags: ['h1', 'h1'], lacp: false })).commands.map((c) => c.type === 'updateElement' && c.id)).toEqual(['t1', 't2']);
    // A member out of the LAG joins it where its switch declares it.
    expect(fix(team('linux-bridge', 'linux-802.3ad', { to: 'pair', lags: ['h1', null] })).commands).toEqual([{ type: 'updateLink', id: 'c1', changes: { lag: 'h1' } }]);
  });

  it('says why, naming the ports, the LAG and the switches', () => {
    const [ipHash] = diagnosticsOf(team('vds', 'vmware-ip-hash', { lags: ['po1', 'po1'] }).design(), TEAM_001);
    expect(ipHash!.message).toMatch(/^h1\.vs teams 2 uplinks with Route based on IP hash .*needs a static LAG \(LACP off\).*LAG "po1" on t1 runs LACP.*static EtherChannel only/);
    expect(ipHash!.links.sort()).toEqual(['c0', 'c1']);
    const [split] = diagnosticsOf(team('vds', 'vmware-lacp', { to: 'two', lags: ['h1', 'h1'] }).design(), TEAM_001);
    expect(split!.message).toMatch(/members go to t1 and t2, which are not one switch or a declared MLAG pair/);
    const [indep] = diagnosticsOf(team('vds', 'vmware-port-id', { to: 'pair', lags: ['h1', 'h1'] }).design(), TEAM_001);
    expect(indep!.message).toMatch(/^h1\.vs teams with Route based on originating virtual port, which is switch independent, but h1\.nic eth0 and h1\.nic eth1 sit in LAG "h1" on t1 and t2: the switch gets no LACPDUs/);
  });

  it('judges nothing about LAGs for a team of one cabled member', () => {
    // eth1 uncabled: IP hash over one link needs no EtherChannel, and an LACP LAG of one port is the switch's business.
    const one = (policy: TeamPolicy, lags: string[]) => {
      const t = new TestDesign().host('h1', { vswitch: { teamPolicy: policy }, cables: { eth0: ['t1', 'p0'], lag: lags[0] ?? null } });
      return t.tor('t1', { lags: lags.map((id) => lag(id, true)) }).design();
    };
    expect(diagnosticsOf(one('vmware-ip-hash', []), TEAM_001)).toEqual([]);
    expect(diagnosticsOf(one('vmware-port-id', ['po1']), TEAM_001)).toEqual([]);
  });

  it('leaves a LAG the switch does not declare to L2-003', () => {
    const d = team('vds', 'vmware-port-id', { lags: ['po9', 'po9'], declare: false }).design();
    expect(diagnosticsOf(d, TEAM_001)).toEqual([]);
    expect(diagnosticsOf(d, L2_003).map((x) => x.rule)).toEqual(['L2-003', 'L2-003']);
    // Declaring it (L2-003's fix) brings TEAM-001's finding: the switch now runs the LAG.
    const declared = applyFix(d, diagnosticsOf(d, L2_003)[0]!.fix!);
    expect(diagnosticsOf(declared, TEAM_001).map((x) => x.rule)).toEqual(['TEAM-001']);
  });

  it('moves a policy to the platform offering the same switch side, else to its default', () => {
    expect(nearestPolicy('ovs', 'vmware-lacp')).toBe('ovs-balance-tcp');
    expect(nearestPolicy('vds', 'linux-802.3ad')).toBe('vmware-lacp');
    expect(nearestPolicy('vds', 'linux-balance-xor')).toBe('vmware-ip-hash');
    expect(nearestPolicy('linux-bridge', 'vmware-ip-hash')).toBe('linux-balance-xor');
    expect(nearestPolicy('ovs', 'vmware-port-id')).toBe('ovs-active-backup');
    expect(nearestPolicy('hyperv', 'ovs-balance-tcp')).toBe('hyperv-set');
    const [d] = diagnosticsOf(team('vds', 'ovs-balance-tcp').design(), TEAM_002);
    expect(d!.message).toMatch(/^h1\.vs is a vSphere switch but teams with OVS bond balance-tcp \(LACP\), which only an Open vSwitch bridge offers.*use LACP LAG \(VDS\)\.$/);
  });
});
