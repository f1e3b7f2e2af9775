import { describe, expect, it } from 'vitest';
import type { KindProps } from '../../model/defaults';
import { changesFromPatches } from '../../history/changes';
import { applyCommand, type Command } from '../../history/commands';
import { ValidationSession, validateDesign } from '../engine';
import { ALL_RULES } from './index';
import { diagnosticsOf, TestDesign, type RuleCase } from '../test-support';
import { PCI_001, PCI_002, PCI_003, PCI_004, PCI_005, PCI_006, PCI_007, PCIE_RULES } from './pcie';
import { ruleCaseTests } from '../rule-cases.test-support';

/** Host h1 (root complex h1.rc0 with NIC h1.nic on rp3) plus a PCIe switch h1.sw on rp0. */
function withSwitch(sw: Partial<KindProps<'pcieSwitch'>> = {}) {
  const t = new TestDesign().host('h1');
  t.add('pcieSwitch', 'h1.sw', sw, 'h1');
  return t.pcie('sw', ['h1.rc0', 'rp0'], ['h1.sw', 'up0']);
}

/** Host h1 plus endpoint h1.gpu wired by `wire`. */
function withGpu(props: Partial<KindProps<'endpoint'>>, wire: (t: TestDesign) => void) {
  const t = new TestDesign().host('h1');
  t.add('endpoint', 'h1.gpu', props, 'h1');
  wire(t);
  return t;
}

/** Two root complexes feeding an MR-IOV switch with a GPU below it. */
function mrIov(gpuAware: boolean) {
  const t = new TestDesign().host('h1');
  t.add('rootComplex', 'h1.rc1', { socket: 1 }, 'h1');
  t.add('pcieSwitch', 'h1.mr', { mrIov: true, upstreamPorts: 2 }, 'h1');
  t.add('endpoint', 'h1.gpu', { mrIovAware: gpuAware }, 'h1');
  return t.pcie('u0', ['h1.rc0', 'rp0'], ['h1.mr', 'up0']).pcie('u1', ['h1.rc1', 'rp0'], ['h1.mr', 'up1']).pcie('g', ['h1.mr', 'dp0'], ['h1.gpu', 'pcie']);
}

/** A x4 Gen4 switch with four endpoints each asking for `demand` Gb/s. */
function fanOut(demand: number) {
  const t = withSwitch({ upstreamWidth: 4 });
  for (let i = 0; i < 4; i++) {
    t.add('endpoint', `h1.e${i}`, { demandGbps: demand, pcieWidth: 8 }, 'h1');
    t.pcie(`e${i}`, ['h1.sw', `dp${i}`], [`h1.e${i}`, 'pcie']);
  }
  return t;
}

/** Two switches of 128 downstream ports each: more secondary buses than a segment has. */
function busHungry(downstream: number) {
  const t = new TestDesign().host('h1');
  for (const i of [0, 1]) {
    t.add('pcieSwitch', `h1.sw${i}`, { downstreamWidths: Array(downstream).fill(1) }, 'h1');
    t.pcie(`sw${i}`, ['h1.rc0', `rp${i}`], [`h1.sw${i}`, 'up0']);
  }
  return t;
}

/** A VM on VF pf0.vf0 of h1's NIC; `acs` on the root complex, `iommu` on the host. */
function assignedVf(acs: boolean, hypervisor: KindProps<'host'>['hypervisor'] = 'esxi', iommu = true) {
  const t = new TestDesign().host('h1', { host: { hypervisor, iommu }, nic: { physicalFunctions: [{ totalVfs: 8, enabledVfs: 1 }] } });
  t.patch('h1.rc0', { acs });
  t.add('vm', 'h1.vm', {}, 'h1');
  return t.vf('vf', ['h1.vm', 'vnic0'], ['h1.nic', 'pf0.vf0']);
}

/**
 * KVM host h1 with a PCIe switch (ACS `acs`) on rp0 holding NIC h1.n2 and SR-IOV GPU h1.gpu; VM h1.a holds a VF of the
 * NIC, VM h1.b a VF of the GPU.
 */
function twoOwners(acs: boolean) {
  const t = withSwitch({ acs });
  t.patch('h1', { hypervisor: 'kvm' });
  t.add('nic', 'h1.n2', { physicalFunctions: [{ totalVfs: 8, enabledVfs: 1 }] }, 'h1');
  t.add('endpoint', 'h1.gpu', { sriov: { totalVfs: 4, enabledVfs: 1 } }, 'h1');
  t.pcie('n2', ['h1.sw', 'dp0'], ['h1.n2', 'pcie']).pcie('g', ['h1.sw', 'dp1'], ['h1.gpu', 'pcie']);
  t.add('vm', 'h1.a', {}, 'h1');
  t.add('vm', 'h1.b', {}, 'h1');
  return t.vf('va', ['h1.a', 'vnic0'], ['h1.n2', 'pf0.vf0']).vf('vb', ['h1.b', 'vnic0'], ['h1.gpu', 'pf0.vf0']);
}

/** A VM's vNICs: vnic0 goes on the port group, vnic1 is free for a passthrough PF. */
const TWO_VNICS = { vnics: [0, 1].map((i) => ({ id: `vnic${i}`, mac: null, vlan: null, team: null })) };

/**
 * KVM host h1 (NIC h1.nic on rp3 carrying the vSwitch, so the host drives its PF 0) plus a PCIe switch h1.sw (ACS
 * `acs`) on rp0 with GPU h1.gpu and a second NIC h1.n2 below it; VM h1.vm is given the whole GPU, and `n2InUse` puts a
 * second vSwitch on h1.n2 eth0 (the host then drives a function in the GPU's group).
 */
function gpuBesideHostNic(acs: boolean, n2InUse = true) {
  const t = withSwitch({ acs });
  t.patch('h1', { hypervisor: 'kvm' });
  t.add('endpoint', 'h1.gpu', { deviceClass: 'gpu' }, 'h1');
  t.add('nic', 'h1.n2', {}, 'h1');
  t.add('vswitch', 'h1.vs2', {}, 'h1');
  t.add('vm', 'h1.vm', {}, 'h1');
  t.pcie('g', ['h1.sw', 'dp0'], ['h1.gpu', 'pcie']).pcie('n2', ['h1.sw', 'dp1'], ['h1.n2', 'pcie']);
  if (n2InUse) t.uplink('vs2up', ['h1.vs2', 'up0'], ['h1.n2', 'eth0']);
  return t.passthrough('pt', ['h1.vm', 'pci.hostdev'], ['h1.gpu', 'dev']);
}

/**
 * A PCIe switch `sw` drawn outside every host (the natural drawing of a chassis shared by servers, the book's figure 6.7)
 * with up0 ← h1.rc0 rp0 and up1 ← h2.rc0 rp0 (both on up0 for a one-port switch), and an adapter `shared` (also
 * outside) on its dp0.
 */
function chassis(sw: Partial<KindProps<'pcieSwitch'>>, shared: Partial<KindProps<'nic'>> = {}) {
  const t = new TestDesign().host('h1').host('h2');
  t.add('pcieSwitch', 'sw', { upstreamPorts: 2, ...sw });
  t.add('nic', 'shared', shared);
  // A switch with one upstream port takes both hosts' links on it.
  const up2 = (sw.upstreamPorts ?? 2) > 1 ? 'up1' : 'up0';
  return t.pcie('u1', ['h1.rc0', 'rp0'], ['sw', 'up0']).pcie('u2', ['h2.rc0', 'rp0'], ['sw', up2]).pcie('d0', ['sw', 'dp0'], ['shared', 'pcie']);
}

const cases: RuleCase[] = [
  {
    rule: PCI_001,
    name: 'switch with two upstream ports and no MR-IOV',
    trigger: () => withSwitch({ upstreamPorts: 2 }).design(),
    expect: [{ severity: 'error', elements: ['h1.sw'] }],
    nearMiss: () => withSwitch({ upstreamPorts: 2, mrIov: true }).design(),
    fix: 0,
  },
  {
    rule: PCI_001,
    name: 'switch without downstream ports',
    trigger: () => withSwitch({ downstreamWidths: [] }).design(),
    expect: [{ severity: 'error', elements: ['h1.sw'] }],
    nearMiss: () => withSwitch({ downstreamWidths: [4] }).design(),
  },
  {
    rule: PCI_001,
    name: 'link drawn device-first',
    trigger: () => withGpu({}, (t) => t.pcie('g', ['h1.gpu', 'pcie'], ['h1.rc0', 'rp0'])).design(),
    expect: [{ severity: 'error', elements: ['h1.gpu', 'h1.rc0'] }],
    nearMiss: () => withGpu({}, (t) => t.pcie('g', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie'])).design(),
    fix: 0,
  },
  {
    rule: PCI_001,
    name: 'PCIe link to a VM',
    trigger: () => {
      const t = new TestDesign().host('h1', { vms: 1 });
      return t.pcie('bad', ['h1.rc0', 'rp0'], ['h1.vm1', 'vnic0']).design();
    },
    expect: [{ severity: 'error', elements: ['h1.rc0', 'h1.vm1'] }],
    nearMiss: () => new TestDesign().host('h1', { vms: 1 }).design(),
  },
  {
    rule: PCI_001,
    // Regression (issue #11 item 15): a switch outside every host escaped all PCIe rules (0 diagnostics).
    name: 'switch outside any host with two upstream ports and no MR-IOV',
    trigger: () => chassis({ mrIov: false }, { mrIovAware: true }).design(),
    expect: [{ severity: 'error', elements: ['sw'] }],
    nearMiss: () => chassis({ mrIov: true }, { mrIovAware: true }).design(),
    fix: 0,
  },
  {
    rule: PCI_002,
    name: 'switch outside any host linked to two hosts without MR-IOV',
    trigger: () => chassis({ mrIov: false, upstreamPorts: 1 }, { mrIovAware: true }).design(),
    // One upstream port taking both hosts' links: two parents for the switch. The NIC below it reaches both roots.
    expect: [
      { severity: 'error', elements: ['shared', 'h1.rc0', 'h2.rc0'] },
      { severity: 'error', elements: ['sw', 'h1.rc0', 'h2.rc0'] },
    ],
    nearMiss: () => chassis({ mrIov: true, upstreamPorts: 1 }, { mrIovAware: true }).design(),
  },
  {
    rule: PCI_002,
    name: 'MR-IOV chassis sharing an adapter that is not MR-IOV aware',
    trigger: () => chassis({ mrIov: true }, { mrIovAware: false }).design(),
    expect: [{ severity: 'error', elements: ['shared', 'h1.rc0', 'h2.rc0'] }],
    nearMiss: () => chassis({ mrIov: true }, { mrIovAware: true }).design(),
  },
  {
    rule: PCI_002,
    name: 'switch outside any host wired to no root complex',
    trigger: () => {
      const t = new TestDesign().host('h1');
      t.add('pcieSwitch', 'sw');
      return t.design();
    },
    expect: [{ severity: 'error', elements: ['sw'] }],
    nearMiss: () => {
      const t = new TestDesign().host('h1');
      t.add('pcieSwitch', 'sw');
      return t.pcie('u', ['h1.rc0', 'rp0'], ['sw', 'up0']).design();
    },
  },
  {
    rule: PCI_003,
    name: 'adapter outside any host held to x4 by the switch port',
    trigger: () => chassis({ mrIov: true, downstreamWidths: [4] }, { mrIovAware: true }).design(),
    expect: [{ severity: 'warning', elements: ['shared', 'sw'] }],
    nearMiss: () => chassis({ mrIov: true, downstreamWidths: [8] }, { mrIovAware: true }).design(),
  },
  {
    rule: PCI_004,
    name: 'root complex drawn outside any server',
    trigger: () => {
      const t = new TestDesign().host('h1');
      t.add('rootComplex', 'rc');
      return t.design();
    },
    expect: [{ severity: 'error', elements: ['rc'] }],
    nearMiss: () => {
      const t = new TestDesign().host('h1');
      t.add('rootComplex', 'h1.rc1', { socket: 1 }, 'h1');
      return t.design();
    },
  },
  {
    rule: PCI_002,
    name: 'device with no upstream link',
    trigger: () => withGpu({}, () => undefined).design(),
    expect: [{ severity: 'error', elements: ['h1.gpu'] }],
    nearMiss: () => withGpu({}, (t) => t.pcie('g', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie'])).design(),
  },
  {
    rule: PCI_002,
    name: 'device with two parents',
    trigger: () => withGpu({}, (t) => t.pcie('g0', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie']).pcie('g1', ['h1.rc0', 'rp1'], ['h1.gpu', 'pcie'])).design(),
    expect: [{ severity: 'error', elements: ['h1.gpu', 'h1.rc0'] }],
    nearMiss: () => withGpu({}, (t) => t.pcie('g0', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie'])).design(),
  },
  {
    rule: PCI_002,
    name: 'MR-IOV switch sharing an adapter that is not MR-IOV aware',
    trigger: () => mrIov(false).design(),
    expect: [{ severity: 'error', elements: ['h1.gpu', 'h1.rc0', 'h1.rc1'] }],
    nearMiss: () => mrIov(true).design(),
  },
  {
    rule: PCI_003,
    name: 'x16 card in an x8 root port',
    trigger: () => new TestDesign().host('h1', { nic: { pcieWidth: 16 } }).design(),
    expect: [{ severity: 'warning', elements: ['h1.nic', 'h1.rc0'] }],
    nearMiss: () => new TestDesign().host('h1', { nic: { pcieWidth: 8 } }).design(),
  },
  {
    rule: PCI_004,
    name: 'root ports over the lane budget',
    trigger: () => {
      const t = new TestDesign().host('h1');
      t.patch('h1.rc0', { lanes: 48 });
      return t.design();
    },
    expect: [{ severity: 'error', elements: ['h1.rc0'] }],
    nearMiss: () => new TestDesign().host('h1').design(),
  },
  {
    rule: PCI_004,
    name: 'root complex on a socket the host lacks',
    trigger: () => {
      const t = new TestDesign().host('h1');
      t.patch('h1.rc0', { socket: 2 });
      return t.design();
    },
    expect: [{ severity: 'error', elements: ['h1.rc0', 'h1'] }],
    nearMiss: () => {
      const t = new TestDesign().host('h1');
      t.patch('h1.rc0', { socket: 1 });
      return t.design();
    },
  },
  {
    rule: PCI_005,
    name: '2×100GbE on a Gen3 x8 link',
    trigger: () => new TestDesign().host('h1', { nic: { speedGbps: 100 } }).design(),
    expect: [{ severity: 'warning', elements: ['h1.nic'] }],
    nearMiss: () => new TestDesign().host('h1', { nic: { speedGbps: 25 } }).design(),
  },
  {
    rule: PCI_005,
    name: 'switch oversubscribed by its devices',
    trigger: () => fanOut(50).design(),
    expect: [{ severity: 'warning', elements: ['h1.sw'] }],
    nearMiss: () => fanOut(10).design(),
  },
  {
    rule: PCI_006,
    name: 'nine functions without ARI',
    trigger: () => withGpu({ functions: 9, ari: false }, (t) => t.pcie('g', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie'])).design(),
    expect: [{ severity: 'error', elements: ['h1.gpu', 'h1.rc0'] }],
    nearMiss: () => withGpu({ functions: 9, ari: true }, (t) => t.pcie('g', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie'])).design(),
  },
  {
    rule: PCI_006,
    name: 'more buses than a segment holds',
    trigger: () => busHungry(128).design(),
    expect: [{ severity: 'error', elements: ['h1'] }],
    nearMiss: () => busHungry(100).design(),
  },
  {
    rule: PCI_006,
    name: 'two devices on one root port',
    trigger: () => {
      const t = withGpu({}, (x) => x.pcie('g', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie']));
      t.add('endpoint', 'h1.hba', { deviceClass: 'hba' }, 'h1');
      return t.pcie('h', ['h1.rc0', 'rp0'], ['h1.hba', 'pcie']).design();
    },
    expect: [{ severity: 'error', elements: ['h1.rc0', 'h1.gpu', 'h1.hba'] }],
    nearMiss: () => {
      const t = withGpu({}, (x) => x.pcie('g', ['h1.rc0', 'rp0'], ['h1.gpu', 'pcie']));
      t.add('endpoint', 'h1.hba', { deviceClass: 'hba' }, 'h1');
      return t.pcie('h', ['h1.rc0', 'rp1'], ['h1.hba', 'pcie']).design();
    },
  },
  {
    rule: PCI_007,
    name: 'assigned VF behind a root port without ACS (ESXi: warning)',
    trigger: () => assignedVf(false).design(),
    expect: [{ severity: 'warning', elements: ['h1.nic', 'h1.rc0', 'h1.vm'] }],
    nearMiss: () => assignedVf(true).design(),
    fix: 0,
  },
  {
    rule: PCI_007,
    // Regression (issue #11 item 13): under VFIO the VM and the host (driving the PF) cannot both own the group.
    name: 'assigned VF sharing an IOMMU group with its PF on a KVM host (error)',
    trigger: () => assignedVf(false, 'kvm').design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 'h1.rc0', 'h1.vm'] }],
    nearMiss: () => assignedVf(true, 'kvm').design(),
    fix: 0,
  },
  {
    rule: PCI_007,
    name: 'two VMs holding devices of one IOMMU group below a switch without ACS (KVM)',
    trigger: () => twoOwners(false).design(),
    expect: [{ severity: 'error', elements: ['h1.n2', 'h1.gpu', 'h1.sw', 'h1.a', 'h1.b'] }],
    nearMiss: () => twoOwners(true).design(),
    fix: 0,
  },
  {
    rule: PCI_007,
    // Issue #12 item 3: VFIO passthrough needs DMA remapping; with the IOMMU off no group exists to hand over.
    name: 'VM holding a VF on a KVM host with the IOMMU off (error)',
    trigger: () => assignedVf(true, 'kvm', false).design(),
    expect: [{ severity: 'error', elements: ['h1', 'h1.vm', 'h1.nic'] }],
    nearMiss: () => assignedVf(true, 'kvm').design(),
    fix: 0,
  },
  {
    rule: PCI_007,
    name: 'VM holding a VF on an ESXi host with the IOMMU off (warning)',
    trigger: () => assignedVf(true, 'esxi', false).design(),
    expect: [{ severity: 'warning', elements: ['h1', 'h1.vm', 'h1.nic'] }],
    // No VF assigned: an IOMMU switched off harms nothing the design shows.
    nearMiss: () => new TestDesign().host('h1', { host: { iommu: false } }).design(),
    fix: 0,
  },
  {
    rule: PCI_007,
    // Issue #12 item 3: a whole GPU given to a VM shares a group (no ACS on the switch) with a NIC the host drives.
    name: 'passthrough GPU in one IOMMU group with a NIC the host drives (KVM: error)',
    trigger: () => gpuBesideHostNic(false).design(),
    expect: [{ severity: 'error', elements: ['h1.gpu', 'h1.n2', 'h1.sw', 'h1.vm'] }],
    nearMiss: () => gpuBesideHostNic(true).design(),
    fix: 0,
  },
  {
    rule: PCI_007,
    // A PF handed whole to a VM while the host's vSwitch uplinks on its port: one function, two drivers.
    name: 'NIC physical function passed through while a virtual switch uses its port (error)',
    trigger: () => new TestDesign().host('h1', { vms: 1, vm: TWO_VNICS }).passthrough('pt', ['h1.vm1', 'vnic1'], ['h1.nic', 'pf0']).design(),
    expect: [{ severity: 'error', elements: ['h1.nic', 'h1.vm1'] }],
    // The vSwitch keeps eth0 only; PF 1 is free to give away.
    nearMiss: () => {
      const t = new TestDesign().host('h1', { vms: 1, vm: TWO_VNICS, nic: { physicalFunctions: [{ totalVfs: null, enabledVfs: 0 }, { totalVfs: null, enabledVfs: 0 }] }, vswitch: { uplinks: 1 } });
      return t.passthrough('pt', ['h1.vm1', 'vnic1'], ['h1.nic', 'pf1']).design();
    },
    fix: 0,
  },
  {
    rule: PCI_007,
    name: 'whole GPU passed through on a KVM host with the IOMMU off (error)',
    trigger: () => {
      const t = gpuBesideHostNic(true, false);
      t.patch('h1', { iommu: false });
      return t.design();
    },
    expect: [{ severity: 'error', elements: ['h1', 'h1.vm', 'h1.gpu'] }],
    nearMiss: () => gpuBesideHostNic(true, false).design(),
    fix: 0,
  },
];

describe('PCIe rules', () => {
  ruleCaseTests(cases, PCIE_RULES);

  it('says how far over its link a NIC is (PCI-005 ratio, issue #11 item 16)', () => {
    // 2×100 GbE on Gen3 x16: 126.0 Gb/s raw × 256/280 = 115.2 Gb/s usable; 200 / 115.2 = 1.74.
    const t = new TestDesign().host('h1', { nic: { speedGbps: 100, pcieWidth: 16 } });
    // rp0 is an x16 root port; h1.nic's default link is on x8 rp3, so move it.
    t.links['h1.pcie'] = { ...t.links['h1.pcie']!, a: { ...t.links['h1.pcie']!.a, port: 'rp0' as never } } as never;
    t.patch('h1.rc0', { gen: 3 });
    const [d] = diagnosticsOf(t.design(), PCI_005);
    expect(d!.message).toMatch(/2×100 GbE ports need 200 Gb\/s per direction but its Gen3 x16 \(8 GT\/s\) link carries 115 Gb\/s .*: 1\.74× what the link gives/);
  });

  it('names the owners of a shared IOMMU group and why they cannot all start (PCI-007, issue #11 item 13)', () => {
    const [d] = diagnosticsOf(twoOwners(false).design(), PCI_007);
    expect(d!.message).toMatch(/^h1\.a and h1\.b hold VFs in one IOMMU group with h1\.n2 and h1\.gpu \(below h1\.sw, no ACS on h1\.sw\), whose PFs h1 drives: under VFIO a group has one owner, so these VMs cannot start/);
    expect(d!.links.sort()).toEqual(['va', 'vb']);
  });

  it('says the IOMMU is off and how to turn it on (PCI-007, issue #12 item 3)', () => {
    const list = diagnosticsOf(assignedVf(false, 'kvm', false).design(), PCI_007);
    // The group conflict stays reported: it is what remains once the IOMMU is on.
    expect(list.map((d) => d.elements[0])).toEqual(['h1', 'h1.nic']);
    expect(list[0]!.message).toMatch(/^h1\.vm holds VFs of h1\.nic but h1 has its IOMMU \(Intel VT-d \/ AMD-Vi\) off: VFIO cannot assign a device without DMA remapping .*intel_iommu=on/);
    expect(list[0]!.fix!.label).toBe('Enable the IOMMU on h1');
  });

  it('names a passthrough GPU and the host NIC in its IOMMU group (PCI-007, issue #12 item 3)', () => {
    const [d] = diagnosticsOf(gpuBesideHostNic(false).design(), PCI_007);
    expect(d!.message).toBe(
      'h1.vm holds a whole device in one IOMMU group with h1.n2 and h1.gpu (below h1.sw, no ACS on h1.sw), whose PFs h1 drives: under VFIO a group has one owner, so the VM cannot start while the host drives the PF; enable ACS on the path.',
    );
    expect(d!.links).toEqual(['pt']);
    // Nothing else in the group in use: the GPU alone can go to VFIO with the idle NIC.
    expect(diagnosticsOf(gpuBesideHostNic(false, false).design(), PCI_007)).toEqual([]);
  });

  it('says which driver holds a passed-through PF (PCI-007, issue #12 item 3)', () => {
    const t = new TestDesign().host('h1', { vms: 1, vm: TWO_VNICS }).passthrough('pt', ['h1.vm1', 'vnic1'], ['h1.nic', 'pf0']);
    const [d] = diagnosticsOf(t.design(), PCI_007);
    expect(d!.message).toMatch(/^h1\.nic pf0 is passed through to h1\.vm1, but h1's driver also runs it \(it carries a virtual switch on its port\): a function has one driver at a time/);
    expect(d!.fix!.label).toBe('Remove the passthrough of h1.nic pf0');
  });

  it('checks PCIe topology drawn outside hosts (issue #11 item 15)', () => {
    // Before: a non-MR-IOV switch on the canvas linked to two hosts' root complexes gave no PCIe diagnostic at all.
    const all = validateDesign(chassis({ mrIov: false, upstreamPorts: 1 }).design(), PCIE_RULES).diagnostics;
    expect(all.map((d) => `${d.rule} ${d.severity} ${d.elements[0]}`)).toEqual(['PCI-002 error shared', 'PCI-002 error sw']);
    expect(all.find((d) => d.elements[0] === 'sw')!.message).toMatch(/sw has 2 upstream links \(h1\.rc0 and h2\.rc0\); .* make it an MR-IOV switch/);
    // The book's shared chassis, drawn right: an MR-IOV switch and an MR-IOV-aware adapter, no PCIe finding.
    expect(validateDesign(chassis({ mrIov: true }, { mrIovAware: true }).design(), PCIE_RULES).diagnostics).toEqual([]);
  });

  it('revalidates PCIe drawn outside hosts incrementally as a full run does', () => {
    // Edits to the outside switch, the shared adapter, a host's root complex and the links between them.
    const steps: Command[] = [
      { type: 'updateElement', id: 'sw' as never, changes: { mrIov: false } },
      { type: 'updateElement', id: 'shared' as never, changes: { mrIovAware: false } },
      { type: 'updateElement', id: 'sw' as never, changes: { mrIov: true } },
      { type: 'updateElement', id: 'h2.rc0' as never, changes: { gen: 2, acs: false } },
      { type: 'updateElement', id: 'sw' as never, changes: { downstreamWidths: [2] } },
      { type: 'remove', elements: [], links: ['u2' as never] },
      { type: 'remove', elements: ['h1' as never], links: [] },
    ];
    let d = chassis({ mrIov: true }, { mrIovAware: true }).design();
    const session = new ValidationSession(ALL_RULES);
    session.run(d);
    for (const cmd of steps) {
      const applied = applyCommand(d, cmd);
      d = applied.design;
      const canon = (list: readonly unknown[]) => list.map((x) => JSON.stringify(x)).sort();
      expect(canon(session.run(d, changesFromPatches(applied.patches)).diagnostics), JSON.stringify(cmd)).toEqual(canon(validateDesign(structuredClone(d), ALL_RULES).diagnostics));
    }
  });

  it('says what limits a link, as Linux prints it', () => {
    const [d] = diagnosticsOf(new TestDesign().host('h1', { nic: { pcieWidth: 16 } }).design(), PCI_003);
    expect(d!.message).toMatch(/trains at Gen3 x8 .* capable of Gen3 x16 .* limited by h1\.rc0 rp3 \(x8\)/);
  });
});
