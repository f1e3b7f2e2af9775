import { describe, expect, it } from 'vitest';
import { TestDesign } from '../validate/test-support';
import { assignmentCells, assignmentRows } from './assignment';
import { designReportHtml } from './report-html';

/** Host h1 with GPU h1.gpu (model A100) given to h1.vm1 and NIC PF 1 given to h1.vm2's vnic1. */
function design() {
  const t = new TestDesign().host('h1', { vms: 2, nic: { physicalFunctions: [0, 1].map(() => ({ totalVfs: 8, enabledVfs: 0 })) }, vswitch: { uplinks: 1 } });
  t.add('endpoint', 'h1.gpu', { deviceClass: 'gpu', model: 'NVIDIA A100' }, 'h1');
  t.patch('h1.vm2', { vnics: [0, 1].map((i) => ({ id: `vnic${i}`, mac: null, vlan: null, team: null })) });
  return t.passthrough('g', ['h1.vm1', 'pci.hostdev'], ['h1.gpu', 'dev']).passthrough('p', ['h1.vm2', 'vnic1'], ['h1.nic', 'pf1']).design();
}

describe('device assignment table', () => {
  it('lists every whole function given to a VM, by server and VM', () => {
    expect(assignmentRows(design()).map(assignmentCells)).toEqual([
      ['h1', 'h1.vm1', 'PCI hostdev', 'h1.gpu (NVIDIA A100)', 'GPU', 'whole device'],
      ['h1', 'h1.vm2', 'vnic1', 'h1.nic', 'NIC', 'pf1'],
    ]);
  });

  it('appears in the HTML report only when something is passed through', () => {
    expect(designReportHtml(design())).toContain('<h2>Device assignment</h2><p>2 whole functions are passed through to VMs');
    expect(designReportHtml(new TestDesign().host('h1').design())).not.toContain('Device assignment');
  });
});
