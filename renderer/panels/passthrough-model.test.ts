import { describe, expect, it } from 'vitest';
import { History } from '../../shared/history/history';
import { sequentialIds } from '../../shared/model/ids';
import { deviceIommuGroup } from '../../shared/validate/iommu';
import { TestDesign } from '../../shared/validate/test-support';
import { passthroughCommands, passthroughRows } from './passthrough-model';

/** Host h1 (NIC h1.nic with two PFs, vSwitch on eth0 only) with a GPU below a PCIe switch without ACS, and two VMs. */
function design() {
  const t = new TestDesign().host('h1', { vms: 2, nic: { physicalFunctions: [0, 1].map(() => ({ totalVfs: 8, enabledVfs: 0 })) }, vswitch: { uplinks: 1 } });
  t.add('pcieSwitch', 'h1.sw', { acs: false }, 'h1');
  t.add('endpoint', 'h1.gpu', { deviceClass: 'gpu' }, 'h1');
  t.add('endpoint', 'h1.nvme', { deviceClass: 'nvme' }, 'h1');
  return t.pcie('sw', ['h1.rc0', 'rp0'], ['h1.sw', 'up0']).pcie('g', ['h1.sw', 'dp0'], ['h1.gpu', 'pcie']).pcie('n', ['h1.sw', 'dp1'], ['h1.nvme', 'pcie']).design();
}

describe('passthrough rows', () => {
  it('offer the server’s VMs for a whole endpoint and its VMs’ vNICs for each NIC function', () => {
    const d = design();
    const [gpu] = passthroughRows(d, d.elements['h1.gpu']!);
    expect(gpu).toMatchObject({ fn: 'dev', value: '', choices: [{ value: '', label: 'Host (not passed through)' }, { value: 'h1.vm1', label: 'h1.vm1' }, { value: 'h1.vm2', label: 'h1.vm2' }] });
    const nic = passthroughRows(d, d.elements['h1.nic']!);
    expect(nic.map((r) => r.label)).toEqual(['PF 0 (eth0) passed through to', 'PF 1 (eth1) passed through to']);
    expect(nic[1]!.choices.map((c) => c.label)).toEqual(['Host (not passed through)', 'h1.vm1 · vnic0', 'h1.vm2 · vnic0']);
    expect(passthroughRows(d, d.elements['h1.vs']!)).toEqual([]);
  });

  it('give a GPU to a VM, move it to another and back to the host, each one undo step', () => {
    const h = new History(design());
    const step = (value: string) => {
      const r = passthroughCommands(h.design, 'h1.gpu', 'dev', value, sequentialIds());
      if (!r.ok) throw new Error(r.reason);
      h.execute(r.commands, 'pass through');
    };
    step('h1.vm1');
    expect(passthroughRows(h.design, h.design.elements['h1.gpu']!)[0]!.value).toBe('h1.vm1');
    step('h1.vm2');
    expect(Object.values(h.design.links).filter((l) => l.kind === 'passthrough').map((l) => `${l.a.element} ${l.a.port} → ${l.b.element} ${l.b.port}`)).toEqual(['h1.vm2 pci.hostdev → h1.gpu dev']);
    step('');
    expect(Object.values(h.design.links).some((l) => l.kind === 'passthrough')).toBe(false);
    h.undo();
    h.undo();
    expect(passthroughRows(h.design, h.design.elements['h1.gpu']!)[0]!.value).toBe('h1.vm1');
    h.undo();
    expect(h.design).toEqual(design());
  });

  it('moves a vNIC off its port group when it takes a whole NIC function', () => {
    const d = design();
    const r = passthroughCommands(d, 'h1.nic', 'pf1', 'h1.vm1\u0000vnic0', sequentialIds());
    if (!r.ok) throw new Error(r.reason);
    const h = new History(d);
    h.execute(r.commands, 'pass through');
    const vm1 = Object.values(h.design.links).filter((l) => l.a.element === 'h1.vm1');
    expect(vm1.map((l) => `${l.kind} ${l.a.port} → ${l.b.element} ${l.b.port}`)).toEqual(['passthrough vnic0 → h1.nic pf1']);
    expect(passthroughCommands(h.design, 'h1.nic', 'pf1', 'h1.vm1\u0000vnic0')).toEqual({ ok: true, commands: [] });
  });
});

describe('IOMMU group shown in the inspector', () => {
  it('names the devices sharing a group and the bridge without ACS, or says the device is isolated', () => {
    const d = design();
    expect(deviceIommuGroup(d, 'h1.gpu')).toEqual({ summary: 'Shared with h1.nvme (below h1.sw, no ACS on h1.sw)', shared: ['h1.nvme'] });
    // h1.nic hangs from rp3 of a root complex with ACS (the default): isolated.
    expect(deviceIommuGroup(d, 'h1.nic')!.summary).toBe('Own group per function (ACS on every bridge above isolates it)');
    const noRcAcs = { ...d, elements: { ...d.elements, 'h1.rc0': { ...d.elements['h1.rc0']!, acs: false } as never } };
    expect(deviceIommuGroup(noRcAcs, 'h1.nic')!.summary).toBe('Every function of this device in one group (below h1.rc0 rp3, no ACS on h1.rc0)');
    const off = { ...d, elements: { ...d.elements, h1: { ...d.elements.h1!, iommu: false } as never } };
    expect(deviceIommuGroup(off, 'h1.gpu')!.summary).toBe('None: h1 has its IOMMU off, so nothing can be passed through (PCI-007)');
    expect(deviceIommuGroup(d, 'h1.vs')).toBeNull();
  });
});
