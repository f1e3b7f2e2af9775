import { describe, expect, it } from 'vitest';
import type { KindProps } from '../../model/defaults';
import { diagnosticsOf, expectedShape, fixOutcome, shape, TestDesign, type RuleCase } from '../test-support';
import { IOV_001, IOV_002, IOV_003, IOV_004, IOV_005, IOV_RULES, VMDQ_001 } from './iov';

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
    rule: IOV_005,
    name: 'two VMs on VFs of one NIC',
    trigger: () => vfVms([0, 1]).design(),
    expect: [{ severity: 'info', elements: ['h1.nic', 'h1.v0', 'h1.v1'] }],
    nearMiss: () => vfVms([0]).design(),
  },
  {
    rule: VMDQ_001,
    name: 'more VMs than VMDq pools',
    trigger: () => new TestDesign().host('h1', { vms: 3, nic: { vmdqPools: 2 } }).design(),
    expect: [{ severity: 'warning', elements: ['h1.nic', 'h1.vs'] }],
    nearMiss: () => new TestDesign().host('h1', { vms: 2, nic: { vmdqPools: 2 } }).design(),
  },
];

describe('SR-IOV and VMDq rules', () => {
  describe.each(cases)('$rule.id: $name', (c) => {
    it('reports it', () => expect(shape(diagnosticsOf(c.trigger(), c.rule))).toEqual(expectedShape(c)));
    it('accepts the near miss', () => expect(diagnosticsOf(c.nearMiss(), c.rule)).toEqual([]));
    if (c.fix !== undefined) {
      it('quick fix clears it', () => {
        const { before, after } = fixOutcome(c, c.fix!);
        expect(after.map((d) => d.message)).not.toContain(before.message);
      });
    }
  });

  it('covers every rule of the family', () => {
    expect(new Set(cases.map((c) => c.rule.id))).toEqual(new Set(IOV_RULES.map((r) => r.id)));
  });
});
