import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KindProps } from '../../model/defaults';
import type { Design } from '../../model/design';
import type { ElementKind, ElementOf } from '../../model/elements';
import { asElementId, asLinkId, asPortName } from '../../model/ids';
import type { Command } from '../../history/commands';
import { makeTemplate } from '../../templates';
import { expectIncrementalMatches } from '../incremental.test-support';
import { diagnosticsOf, TestDesign, type RuleCase } from '../test-support';
import { MTU_001, MTU_RULES } from './mtu';
import { NUMA_001 } from './numa';
import { UPL_001 } from './uplinks';
import { PCI_007 } from './pcie';
import { ruleCaseTests } from '../rule-cases.test-support';

interface Mtus {
  group?: number;
  vswitch?: number;
  overlay?: number;
  nic?: number;
  tor?: number;
  vms?: number;
}

/** Host h1 with a vMotion port group on h1.vs, NIC eth0 cabled to switch t1, each hop at the MTU given. */
function path(m: Mtus) {
  const portGroups: KindProps<'vswitch'>['portGroups'] = [{ id: 'vmotion', name: 'vMotion', vlan: 200, trunk: [], ...(m.group ? { mtu: m.group } : {}) }];
  return new TestDesign()
    .tor('t1', { mtu: m.tor ?? 9216 })
    .host('h1', { vms: m.vms ?? 1, portGroups, vswitch: { mtu: m.vswitch ?? 9000, overlayBytes: m.overlay ?? 0 }, nic: { mtu: m.nic ?? 9000 }, cables: { eth0: ['t1', 'p0'] } });
}

/** A VM on VF pf0.vf0 of h1.nic (MTU `nic`), whose eth0 is cabled to t1 (MTU `tor`); no VM on the virtual switch. */
function vfPath(nic: number, tor: number) {
  const t = new TestDesign().tor('t1', { mtu: tor }).host('h1', { nic: { mtu: nic, physicalFunctions: [{ totalVfs: 8, enabledVfs: 1 }] }, cables: { eth0: ['t1', 'p0'] } });
  t.add('vm', 'h1.vm', {}, 'h1');
  return t.vf('vf', ['h1.vm', 'vnic0'], ['h1.nic', 'pf0.vf0']);
}

const cases: RuleCase[] = [
  {
    rule: MTU_001,
    name: '9000-byte vMotion port group through a 1500-byte switch',
    trigger: () => path({ group: 9000, tor: 1500 }).design(),
    expect: [{ severity: 'error', elements: ['t1', 'h1.vs', 'h1.nic'] }],
    nearMiss: () => path({ group: 9000, tor: 9000 }).design(),
    fix: 0,
  },
  {
    rule: MTU_001,
    name: 'port group MTU above its virtual switch\'s',
    trigger: () => path({ group: 9000, vswitch: 1500 }).design(),
    expect: [{ severity: 'error', elements: ['h1.vs'] }],
    nearMiss: () => path({ group: 1500, vswitch: 1500 }).design(),
    fix: 0,
  },
  {
    rule: MTU_001,
    name: 'overlay bytes on a NIC at the VMs\' MTU',
    trigger: () => path({ vswitch: 1500, overlay: 50, nic: 1500 }).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 'h1.vs'] }],
    nearMiss: () => path({ vswitch: 1500, overlay: 50, nic: 1550 }).design(),
    fix: 0,
  },
  {
    rule: MTU_001,
    name: 'jumbo port group with no VM on it',
    // Nothing sends 9000-byte frames yet: a port group is judged by the VMs on it.
    trigger: () => path({ group: 9000, tor: 1500 }).design(),
    expect: [{ severity: 'error', elements: ['t1', 'h1.vs', 'h1.nic'] }],
    nearMiss: () => path({ group: 9000, tor: 1500, vms: 0 }).design(),
  },
  {
    rule: MTU_001,
    name: 'VF of a 9000-byte NIC cabled to a 1500-byte switch',
    trigger: () => vfPath(9000, 1500).design(),
    expect: [{ severity: 'error', elements: ['t1', 'h1.nic'] }],
    nearMiss: () => vfPath(1500, 1500).design(),
    fix: 0,
  },
];

describe('MTU rules', () => {
  ruleCaseTests(cases, MTU_RULES);

  it('names the port group, the short hop and the numbers', () => {
    const [d] = diagnosticsOf(path({ group: 9000, tor: 1500 }).design(), MTU_001);
    expect(d!.message).toMatch(/^port group vMotion \(9000\) on h1 needs 9000 bytes of switch t1, whose MTU is 1500 \(7500 bytes short\): .*; raise its MTU to 9000\.$/);
    expect(d!.fix!.label).toBe("Raise t1's MTU to 9000");
  });

  it('counts the overlay on every physical hop, one diagnostic per hop', () => {
    const list = diagnosticsOf(path({ vswitch: 9000, overlay: 50, nic: 9000, tor: 9000 }).design(), MTU_001);
    expect(list.map((d) => d.elements[0])).toEqual(['h1.nic', 't1']);
    expect(list[1]!.message).toMatch(/^port group vMotion \(9000 \+ 50 overlay = 9050\) on h1 needs 9050 bytes of switch t1, whose MTU is 9000 \(50 bytes short\)/);
  });

  it('reads the controlling bridge\'s MTU through a fabric extender', () => {
    const t = new TestDesign().tor('cb', { mtu: 1500, controllingBridge: true });
    t.add('fex', 'f1', { controllingBridge: 'cb' as never, hostPorts: 4 });
    t.host('h1', { vms: 1, portGroups: [{ id: 'st', name: 'NFS', vlan: 300, trunk: [], mtu: 9000 }], vswitch: { mtu: 9000 }, nic: { mtu: 9000 }, cables: { eth0: ['f1', 'h0'] } });
    const [d, ...rest] = diagnosticsOf(t.design(), MTU_001);
    expect(rest).toEqual([]);
    expect(d!.message).toMatch(/needs 9000 bytes of switch cb \(behind fabric extender f1\), whose MTU is 1500/);
  });
});

describe('MTU, NUMA, uplink and IOMMU findings after edits', () => {
  // Edits of the version-3 fields these rules read (and of the links and switches they reach through), each compared
  // with a validation from scratch: MTU-001 reads switches outside the host, so a switch edit must reach its hosts.
  const rules = [MTU_001, NUMA_001, UPL_001, PCI_007];
  const of = <K extends ElementKind>(d: Design, kind: K) => Object.values(d.elements).filter((e): e is ElementOf<K> => e.kind === kind);
  const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
  const ref = (element: string, port: string) => ({ element: asElementId(element), port: asPortName(port) });

  function edit(d: Design, [op, a, b]: [number, number, number], serial: number): Command | null {
    const upd = (el: { id: string } | undefined, changes: Record<string, unknown>): Command | null => (el ? { type: 'updateElement', id: el.id as never, changes } : null);
    const vs = pick(of(d, 'vswitch'), a);
    const nic = pick(of(d, 'nic'), a);
    const vm = pick(of(d, 'vm'), a);
    switch (op % 11) {
      case 0:
        return upd(pick(of(d, 'tor'), a), { mtu: pick([1500, 9000, 9216], b) });
      case 1:
        return upd(nic, { mtu: pick([1500, 1550, 9000], b) });
      case 2:
        return upd(vs, { mtu: pick([1500, 9000], b), overlayBytes: pick([0, 50], b >> 2) });
      case 3:
        return vs ? upd(vs, { portGroups: vs.portGroups.map((g, i) => (i === 0 ? { ...g, mtu: pick([undefined, 1500, 9000], b) } : g)) }) : null;
      case 4:
        return upd(vm, { numaNodes: pick([[], [0], [1], [3]], b) });
      case 5:
        return upd(pick(of(d, 'host'), a), { iommu: b % 2 === 0, hypervisor: pick(['kvm', 'esxi'], b >> 1) });
      case 6:
        return upd(pick(of(d, 'rootComplex'), a), { socket: b % 2 });
      case 7: {
        // A VF (enabling VFs first when the NIC has none), or a second switch's uplink on a port.
        const host = vm && of(d, 'nic').find((n) => n.parent === vm.parent);
        if (!vm || !host) return null;
        if ((host.physicalFunctions[0]?.enabledVfs ?? 0) === 0) return upd(host, { physicalFunctions: [{ totalVfs: 8, enabledVfs: 2 }] });
        return { type: 'add', elements: [], links: [{ id: asLinkId(`v${serial}`), kind: 'vf', a: ref(vm.id, 'vnic0'), b: ref(host.id, `pf0.vf${b % 2}`) }] };
      }
      case 8: {
        const target = pick(of(d, 'nic'), b);
        if (!vs || !target || vs.uplinks === 0) return null;
        const kind = b % 3 === 0 ? 'sChannel' : 'uplink';
        const l = kind === 'sChannel'
          ? { id: asLinkId(`s${serial}`), kind, a: ref(vs.id, `up${b % vs.uplinks}`), b: ref(target.id, `eth${b % 2}`), svid: 10 + serial, mode: 'vepa' as const }
          : { id: asLinkId(`u${serial}`), kind, a: ref(vs.id, `up${b % vs.uplinks}`), b: ref(target.id, `eth${b % 2}`) };
        return { type: 'add', elements: [], links: [l as never] };
      }
      case 9:
        return upd(vs, { evbMode: pick(['veb', 'vepa', 'vepa-multichannel', 'vntag'], b) });
      default: {
        const l = pick(Object.values(d.links).filter((x) => x.kind !== 'pcie'), a + b);
        return l ? { type: 'remove', elements: [], links: [l.id as never] } : null;
      }
    }
  }

  it('match a validation from scratch', () => {
    const base = makeTemplate('fabric', { hosts: 3, vmsPerHost: 2 });
    const step = fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100));
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        expectIncrementalMatches(base, rules, steps, edit);
      }),
      { numRuns: 150 },
    );
  });
});
