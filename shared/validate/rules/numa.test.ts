import { describe, expect, it } from 'vitest';
import { diagnosticsOf, shape, TestDesign, type RuleCase } from '../test-support';
import { NUMA_001, NUMA_RULES } from './numa';
import { ruleCaseTests } from '../rule-cases.test-support';

/** A two-socket host whose NIC hangs from socket 0's root complex, and VM h1.vm pinned to `numaNodes` on its VF. */
function pinned(numaNodes: number[]) {
  const t = new TestDesign().host('h1', { nic: { physicalFunctions: [{ totalVfs: 8, enabledVfs: 2 }] } });
  t.add('vm', 'h1.vm', { numaNodes }, 'h1');
  return t.vf('vf', ['h1.vm', 'vnic0'], ['h1.nic', 'pf0.vf0']);
}

/** The same two-socket host with a GPU on socket 0's rp0 passed through whole to VM h1.vm pinned to `numaNodes`. */
function gpuPinned(numaNodes: number[]) {
  const t = new TestDesign().host('h1');
  t.add('endpoint', 'h1.gpu', { deviceClass: 'gpu' }, 'h1');
  t.add('vm', 'h1.vm', { numaNodes }, 'h1');
  return t.pcie('g', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie']).passthrough('pt', ['h1.vm', 'pci.hostdev'], ['h1.gpu', 'dev']);
}

const cases: RuleCase[] = [
  {
    rule: NUMA_001,
    name: 'VM pinned to socket 1 holding a VF of a NIC under socket 0',
    trigger: () => pinned([1]).design(),
    expect: [{ severity: 'warning', elements: ['h1.vm', 'h1.nic'] }],
    nearMiss: () => pinned([0]).design(),
    fix: 0,
  },
  {
    rule: NUMA_001,
    // Issue #12 item 3: every passthrough kind, not only VFs.
    name: 'VM pinned to socket 1 holding a whole GPU under socket 0',
    trigger: () => gpuPinned([1]).design(),
    expect: [{ severity: 'warning', elements: ['h1.vm', 'h1.gpu'] }],
    nearMiss: () => gpuPinned([0]).design(),
    fix: 0,
  },
  {
    rule: NUMA_001,
    name: 'VM pinned to a socket the server does not have',
    trigger: () => pinned([0, 2]).design(),
    expect: [{ severity: 'error', elements: ['h1.vm', 'h1'] }],
    nearMiss: () => pinned([0, 1]).design(),
    fix: 0,
  },
];

describe('NUMA rules', () => {
  ruleCaseTests(cases, NUMA_RULES);

  it('says which socket the VM runs on and which one the device sits under', () => {
    const [d] = diagnosticsOf(pinned([1]).design(), NUMA_001);
    expect(d!.message).toMatch(/^h1\.vm runs on socket 1 but holds pf0\.vf0 of h1\.nic, which sits under the root complex of socket 0: every DMA .* crosses the socket interconnect/);
    expect(d!.fix!.label).toBe('Pin h1.vm to socket 0');
  });

  it('names a whole passthrough device as the device (issue #12 item 3)', () => {
    const [d] = diagnosticsOf(gpuPinned([1]).design(), NUMA_001);
    expect(d!.message).toMatch(/^h1\.vm runs on socket 1 but holds the whole of h1\.gpu, which sits under the root complex of socket 0: every DMA and interrupt of the device crosses .*; pin the VM to socket 0 or give it a device on its own socket\.$/);
  });

  it('leaves unpinned VMs alone, and finds a device under the second socket', () => {
    expect(diagnosticsOf(pinned([]).design(), NUMA_001)).toEqual([]);
    const t = pinned([1]);
    t.add('rootComplex', 'h1.rc1', { socket: 1 }, 'h1');
    t.links['h1.pcie'] = { ...t.links['h1.pcie']!, a: { ...t.links['h1.pcie']!.a, element: 'h1.rc1' as never } } as never;
    expect(diagnosticsOf(t.design(), NUMA_001)).toEqual([]);
  });

  it('offers no pinning fix when the VM also holds a VF of a device on its own socket', () => {
    // Pinning it to socket 0 would move the other VF's device away from it.
    const t = pinned([1]);
    t.add('rootComplex', 'h1.rc1', { socket: 1 }, 'h1');
    t.add('nic', 'h1.nic1', { physicalFunctions: [{ totalVfs: 8, enabledVfs: 1 }] }, 'h1');
    t.pcie('p1', ['h1.rc1', 'rp0'], ['h1.nic1', 'pcie']);
    t.patch('h1.vm', { vnics: [{ id: 'vnic0', mac: null, vlan: null, team: 'b' }, { id: 'vnic1', mac: null, vlan: null, team: 'b' }] });
    t.vf('vf1', ['h1.vm', 'vnic1'], ['h1.nic1', 'pf0.vf0']);
    const list = diagnosticsOf(t.design(), NUMA_001);
    expect(shape(list)).toEqual([{ rule: 'NUMA-001', severity: 'warning', elements: ['h1.nic', 'h1.vm'] }]);
    expect(list[0]!.fix).toBeUndefined();
  });
});
