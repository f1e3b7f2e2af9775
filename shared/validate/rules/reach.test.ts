import { describe, expect, it } from 'vitest';
import type { KindProps } from '../../model/defaults';
import { diagnosticsOf, expectedShape, shape, TestDesign, torPorts, type RuleCase } from '../test-support';
import { EVB_001 } from './evb';
import { L3_001, NET_001, NET_002, NET_003, REACH_RULES } from './reach';

/** Host h1 (2 VMs on VLAN 100, vSwitch mode `evbMode`) with only eth0 uplinked, cabled to t1 p0 when `cabled`. */
function oneUplink(evbMode: KindProps<'vswitch'>['evbMode'], cabled: boolean) {
  return new TestDesign()
    .host('h1', { vms: 2, vswitch: { evbMode, uplinks: 1 }, cables: cabled ? { eth0: ['t1', 'p0'] } : {} })
    .tor('t1', { ports: torPorts(4, 25, { evb: true, reflectiveRelay: true }) });
}

/** Two hosts under t1 and t2; `joined` cables t1 p7 to t2 p7. */
function twoSwitches(joined: boolean) {
  const t = new TestDesign().host('h1', { vms: 1, cables: { eth0: ['t1', 'p0'] } }).host('h2', { vms: 1, cables: { eth0: ['t2', 'p0'] } });
  t.tor('t1').tor('t2');
  if (joined) t.eth('isl', ['t1', 'p7'], ['t2', 'p7']);
  return t;
}

/** h1's VMs on VLANs 100 and 200 under t1; t1 routes `routed` (undefined: the default, every first switch routes). */
function gateways(routed: number[] | undefined) {
  const pgs = [
    { id: 'a', name: 'A', vlan: 100, trunk: [] },
    { id: 'b', name: 'B', vlan: 200, trunk: [] },
  ];
  const t = new TestDesign().host('h1', { vms: 2, portGroups: pgs, cables: { eth0: ['t1', 'p0'], eth1: ['t1', 'p1'] } });
  return t.tor('t1', routed === undefined ? {} : { routedVlans: routed });
}

const cases: RuleCase[] = [
  {
    rule: NET_001,
    name: 'a VEPA uplink on an uncabled NIC port (issue #11: raised nothing)',
    trigger: () => oneUplink('vepa', false).design(),
    expect: [{ severity: 'error', elements: ['h1.vs', 'h1.nic', 'h1.vm1', 'h1.vm2'] }],
    nearMiss: () => oneUplink('vepa', true).design(),
  },
  {
    rule: NET_002,
    name: 'two switches no cable joins',
    trigger: () => twoSwitches(false).design(),
    expect: [{ severity: 'info', elements: ['t2'] }],
    nearMiss: () => twoSwitches(true).design(),
  },
  {
    rule: NET_003,
    name: 'a VM outside every server',
    trigger: () => {
      const t = new TestDesign();
      t.add('vm', 'lost');
      return t.design();
    },
    expect: [{ severity: 'warning', elements: ['lost'] }],
    nearMiss: () => new TestDesign().host('h1', { vms: 1 }).design(),
  },
  {
    rule: L3_001,
    name: 'a VLAN no switch routes, once the design names its gateways',
    trigger: () => gateways([100]).design(),
    expect: [{ severity: 'warning', elements: ['t1', 'h1.vm2'] }],
    nearMiss: () => gateways([100, 200]).design(),
  },
];

describe('reachability rules', () => {
  describe.each(cases)('$rule.id: $name', (c) => {
    it('reports it', () => expect(shape(diagnosticsOf(c.trigger(), c.rule))).toEqual(expectedShape(c)));
    it('accepts the near miss', () => expect(diagnosticsOf(c.nearMiss(), c.rule)).toEqual([]));
  });

  it('covers every rule of the family', () => {
    expect(new Set(cases.map((c) => c.rule.id))).toEqual(new Set(REACH_RULES.map((r) => r.id)));
  });

  describe('NET-001', () => {
    it('reports VMs with no vNIC attached (issue #11: VMs with no path to any network raised nothing)', () => {
      const t = new TestDesign().host('h1', { vms: 1, cables: { eth0: ['t1', 'p0'], eth1: ['t1', 'p1'] } }).tor('t1');
      t.add('vm', 'h1.bare', { vnics: [] }, 'h1');
      t.add('vm', 'h1.loose', { vnics: [{ id: 'vnic0', mac: null, vlan: null, team: null }] }, 'h1');
      const ds = diagnosticsOf(t.design(), NET_001);
      expect(shape(ds)).toEqual([
        { rule: 'NET-001', severity: 'warning', elements: ['h1.bare'] },
        { rule: 'NET-001', severity: 'warning', elements: ['h1.loose'] },
      ]);
      expect(ds[0]!.message).toMatch(/has no vNIC, so it reaches no network/);
    });

    it('says a VEB switch with no uplink keeps its VMs to themselves (info), and a VEPA one drops everything (error)', () => {
      const veb = diagnosticsOf(new TestDesign().host('h1', { vms: 2, noUplinks: true }).design(), NET_001);
      expect(shape(veb)).toEqual([{ rule: 'NET-001', severity: 'info', elements: ['h1.vm1', 'h1.vm2', 'h1.vs'] }]);
      const vepa = diagnosticsOf(new TestDesign().host('h1', { vms: 2, noUplinks: true, vswitch: { evbMode: 'vepa' } }).design(), NET_001);
      expect(vepa[0]!.severity).toBe('error');
      expect(vepa[0]!.message).toMatch(/even traffic between its own VMs/);
    });

    it('warns about one uncabled member of a team whose other member is cabled', () => {
      const ds = diagnosticsOf(new TestDesign().host('h1', { vms: 1, cables: { eth0: ['t1', 'p0'] } }).tor('t1').design(), NET_001);
      expect(shape(ds)).toEqual([{ rule: 'NET-001', severity: 'warning', elements: ['h1.nic', 'h1.vs'] }]);
      expect(ds[0]!.message).toMatch(/eth1, which is not cabled, so the team runs on its other uplink/);
    });

    it('reports a VF whose port is not cabled, and a vNIC linked to another server’s switch', () => {
      const t = new TestDesign()
        .host('h1', { vms: 0, nic: { physicalFunctions: [{ totalVfs: 8, enabledVfs: 2 }] } })
        .host('h2', { vms: 0, cables: { eth0: ['t1', 'p2'], eth1: ['t1', 'p3'] } })
        .tor('t1');
      t.add('vm', 'h1.vf', { vnics: [{ id: 'vnic0', mac: null, vlan: 100, team: null }] }, 'h1');
      t.vf('vf', ['h1.vf', 'vnic0'], ['h1.nic', 'pf0.vf0']);
      t.add('vm', 'h1.far', { vnics: [{ id: 'vnic0', mac: null, vlan: null, team: null }] }, 'h1');
      t.vnic('far', ['h1.far', 'vnic0'], ['h2.vs', 'pg.vm']);
      const ds = diagnosticsOf(t.design(), NET_001);
      expect(shape(ds)).toEqual([
        { rule: 'NET-001', severity: 'warning', elements: ['h1.far', 'h2.vs'] },
        { rule: 'NET-001', severity: 'warning', elements: ['h1.nic', 'h1.vf'] },
      ]);
    });
  });

  describe('L3-001', () => {
    it('says nothing while no switch names the VLANs it routes (the default: the first switch routes all)', () => {
      expect(diagnosticsOf(gateways(undefined).design(), L3_001)).toEqual([]);
    });

    it('reports a VLAN routed only where the host cannot reach', () => {
      const t = gateways([100]);
      t.tor('t9', { routedVlans: [200] });
      const [d] = diagnosticsOf(t.design(), L3_001);
      expect(d!.message).toMatch(/VLAN 200 of h1.vm2 is routed only on switches t1 cannot reach/);
    });
  });

  it('EVB-001 also covers a NIC whose embedded bridge is in VEPA mode (VF traffic is relayed at the ToR)', () => {
    const t = new TestDesign().host('h1', { vms: 0, nic: { embeddedBridge: 'vepa', physicalFunctions: [{ totalVfs: 8, enabledVfs: 2 }] }, cables: { eth0: ['t1', 'p0'] } }).tor('t1');
    t.add('vm', 'h1.a', { vnics: [{ id: 'vnic0', mac: null, vlan: 100, team: null }] }, 'h1');
    t.vf('vf', ['h1.a', 'vnic0'], ['h1.nic', 'pf0.vf0']);
    const ds = diagnosticsOf(t.design(), EVB_001);
    expect(shape(ds)).toEqual([{ rule: 'EVB-001', severity: 'error', elements: ['h1.nic', 't1'] }]);
    t.patch('t1', { ports: torPorts(8, 25, { reflectiveRelay: true }) });
    expect(diagnosticsOf(t.design(), EVB_001)).toEqual([]);
  });
});
