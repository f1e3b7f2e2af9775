import { describe, expect, it } from 'vitest';
import type { KindProps } from '../../model/defaults';
import { diagnosticsOf, expectedShape, shape, TestDesign, type RuleCase } from '../test-support';
import { MIG_001, MIGRATION_RULES } from './migration';

const APP = { id: 'app', name: 'app', vlan: 110, trunk: [] };
const DB = { id: 'db', name: 'db', vlan: 120, trunk: [] };

/** Two hosts in distributed switch "vds-a": h1 with VMs on app and db, h2 with `h2` settings and one VM. */
function pair(h2: { portGroups?: (typeof APP)[]; host?: Partial<KindProps<'host'>>; vms?: number } = {}) {
  const t = new TestDesign().host('h1', { vms: 2, portGroups: [APP, DB], vswitch: { distributedName: 'vds-a' } });
  return t.host('h2', { vms: h2.vms ?? 1, portGroups: h2.portGroups ?? [APP, DB], vswitch: { distributedName: 'vds-a' }, host: h2.host ?? {} });
}

/** 2 cores × 2 threads: 4 logical CPUs, enough for a 4-vCPU VM however many VMs it already runs. */
const SMALL_CPU = { sockets: [{ cores: 2, threadsPerCore: 2 }] };
/** 1 core × 2 threads: 2 logical CPUs, fewer than a 4-vCPU VM has. */
const TINY_CPU = { sockets: [{ cores: 1, threadsPerCore: 2 }] };

const cases: RuleCase[] = [
  {
    rule: MIG_001,
    name: 'destination lacks a port group',
    trigger: () => pair({ portGroups: [APP] }).design(),
    // h1.vm2 is on db; h2.vm1 is on app, which h1 has.
    expect: [{ severity: 'warning', elements: ['h1.vm2', 'h1', 'h2'] }],
    nearMiss: () => pair().design(),
  },
  {
    rule: MIG_001,
    name: 'same port group name on another VLAN',
    trigger: () => pair({ portGroups: [APP, { ...DB, vlan: 130 }] }).design(),
    // h2's own VM is on app, which both hosts have alike.
    expect: [{ severity: 'warning', elements: ['h1.vm2', 'h1', 'h2'] }],
    nearMiss: () => pair({ portGroups: [APP, DB] }).design(),
  },
  {
    rule: MIG_001,
    // Regression (issue #11 item 12): the near miss runs 4 vCPUs of its own on 4 logical CPUs and would take 4 more
    // (2:1 overcommit), which vMotion allows; only a VM wider than the destination's logical CPUs is blocked.
    name: 'destination has fewer logical CPUs than the VM has vCPUs',
    trigger: () => pair({ host: TINY_CPU }).design(),
    expect: [
      { severity: 'warning', elements: ['h1.vm1', 'h1', 'h2'] },
      { severity: 'warning', elements: ['h1.vm2', 'h1', 'h2'] },
    ],
    nearMiss: () => pair({ host: SMALL_CPU }).design(),
  },
  {
    rule: MIG_001,
    name: 'destination memory full',
    trigger: () => pair({ host: { memoryGiB: 16 } }).design(),
    expect: [
      { severity: 'warning', elements: ['h1.vm1', 'h1', 'h2'] },
      { severity: 'warning', elements: ['h1.vm2', 'h1', 'h2'] },
    ],
    nearMiss: () => pair({ host: { memoryGiB: 32 } }).design(),
  },
  {
    rule: MIG_001,
    name: 'destination runs another hypervisor',
    trigger: () => pair({ host: { hypervisor: 'kvm' }, vms: 0 }).design(),
    expect: [
      { severity: 'warning', elements: ['h1.vm1', 'h1', 'h2'] },
      { severity: 'warning', elements: ['h1.vm2', 'h1', 'h2'] },
    ],
    nearMiss: () => pair({ vms: 0 }).design(),
  },
];

describe('migration rules', () => {
  describe.each(cases)('$rule.id: $name', (c) => {
    it('reports it', () => expect(shape(diagnosticsOf(c.trigger(), c.rule))).toEqual(expectedShape(c)));
    it('accepts the near miss', () => expect(diagnosticsOf(c.nearMiss(), c.rule)).toEqual([]));
  });

  it('covers every rule of the family', () => {
    expect(new Set(cases.map((c) => c.rule.id))).toEqual(new Set(MIGRATION_RULES.map((r) => r.id)));
  });

  it('lists each blocked host with its reasons in one diagnostic per VM', () => {
    const t = pair({ portGroups: [APP], host: { memoryGiB: 16 } });
    t.host('h3', { vms: 1, portGroups: [APP, DB], vswitch: { distributedName: 'vds-a' }, host: TINY_CPU });
    const d = diagnosticsOf(t.design(), MIG_001).find((x) => x.elements[0] === 'h1.vm2')!;
    expect(d.message).toMatch(/h1\.vm2 on h1 cannot live-migrate to any other host of distributed switch "vds-a": h2 \(no network "db" \(VLAN 120\), 0 GiB free of 16 GiB needed\) and h3 \(2 logical CPUs, fewer than the VM's 4 vCPUs\)/);
  });

  it('does not count vCPU overcommit as a blocker (issue #11 item 12)', () => {
    // Two default hosts (2 sockets × 32 cores × 2 threads = 128 logical CPUs, 512 GiB) with 40 VMs of 4 vCPUs and 8 GiB
    // each: 160 vCPUs on 128 logical CPUs is 1.25:1 overcommit, and 320 GiB leaves 192 GiB for a 8-GiB VM. vSphere
    // admits the vMotion (a VM may not have more vCPUs than the host has logical cores; the sum is not limited).
    const t = new TestDesign().host('h1', { vms: 40, vm: { memoryGiB: 8 }, vswitch: { distributedName: 'vds-a' } });
    t.host('h2', { vms: 40, vm: { memoryGiB: 8 }, vswitch: { distributedName: 'vds-a' } });
    expect(diagnosticsOf(t.design(), MIG_001)).toEqual([]);
    // A 130-vCPU VM is wider than any 128-thread host: that blocks it.
    const wide = new TestDesign().host('h1', { vms: 1, vm: { vcpus: 130 }, vswitch: { distributedName: 'vds-a' }, host: { sockets: [{ cores: 80, threadsPerCore: 2 }] } });
    wide.host('h2', { vms: 0, vswitch: { distributedName: 'vds-a' } });
    expect(diagnosticsOf(wide.design(), MIG_001).map((d) => d.message)).toEqual([expect.stringMatching(/h1\.vm1 on h1 cannot live-migrate to any other host .*: h2 \(128 logical CPUs, fewer than the VM's 130 vCPUs\)/)]);
  });

  it('ignores hosts that share no distributed switch', () => {
    const t = new TestDesign().host('h1', { vms: 1, vswitch: { distributedName: 'vds-a' } });
    t.host('h2', { vms: 1, portGroups: [APP], vswitch: { distributedName: 'vds-b' }, host: { memoryGiB: 16 } });
    expect(diagnosticsOf(t.design(), MIG_001)).toEqual([]);
  });
});
