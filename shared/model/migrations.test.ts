// Document migrations: each lifts an old document without losing data, and old files keep loading.
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../formats/topology';
import { CURRENT_DOCUMENT_VERSION, DOCUMENT_MIGRATIONS, migrateDocument } from './migrations';

const vmV1 = {
  id: 'vm-1',
  kind: 'vm',
  name: 'vm-1',
  parent: null,
  x: 0,
  y: 0,
  notes: '',
  vcpus: 2,
  memoryGiB: 8,
  dirtyRateGbps: 1,
  workingSetGiB: null,
  zeroPageShare: 0,
  tenant: null,
  vnics: [],
};

describe('document migrations', () => {
  it('are numbered from 1 without gaps, so CURRENT_DOCUMENT_VERSION follows the list', () => {
    DOCUMENT_MIGRATIONS.forEach((m, i) => expect(m.from).toBe(i + 1));
    expect(CURRENT_DOCUMENT_VERSION).toBe(DOCUMENT_MIGRATIONS.length + 1);
  });

  it('v1→v2 gives every VM diskGiB 0 and leaves other elements and unknown entries alone', () => {
    const host = { id: 'h', kind: 'host' };
    const odd = ['not', 'an', 'element'];
    const { doc, applied } = migrateDocument({ elements: [vmV1, host, null, odd], links: [] }, 1);
    expect(applied[0]).toBe('v1→v2: VMs gained a disk size (diskGiB, set to 0: no local disk copied on migration)');
    expect(doc.elements[0]).toEqual({ ...vmV1, diskGiB: 0, numaNodes: [] });
    // v2→v3 gives the host its IOMMU flag; entries that are not elements pass through untouched.
    expect(doc.elements.slice(1)).toEqual([{ ...host, iommu: true }, null, odd]);
  });

  it('v1→v2 keeps a disk size a hand-written v1 file already had', () => {
    const { doc } = migrateDocument({ elements: [{ ...vmV1, diskGiB: 12 }], links: [] }, 1);
    expect(doc.elements[0]).toMatchObject({ diskGiB: 12 });
  });

  it('a v1 document loads with the migration reported and no repairs', () => {
    const r = loadDocument({ format: 'rackplane-topology', version: 1, elements: [vmV1], links: [], meta: { name: 'm', description: '', revision: 0 } });
    if (!r.ok) throw new Error(r.reason);
    expect(r.repairs).toEqual([]);
    expect(r.migrations).toHaveLength(2);
    expect(r.design.elements['vm-1']).toMatchObject({ diskGiB: 0, numaNodes: [] });
  });

  it('v2→v3 teams uplinks as version 2 judged them, and fills 1500-byte MTUs, unpinned VMs and an IOMMU', () => {
    const vs = (switchKind: string) => ({ id: `vs-${switchKind}`, kind: 'vswitch', switchKind, portGroups: [{ id: 'pg', name: 'pg', vlan: 10, trunk: [] }] });
    const { doc, applied } = migrateDocument(
      { elements: [vs('vds'), vs('hyperv'), vs('ovs'), vs('linux-bridge'), { id: 'n', kind: 'nic' }, { id: 't', kind: 'tor' }, { id: 'v', kind: 'vm', numaNodes: [1] }], links: [] },
      2,
    );
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatch(/^v2→v3: virtual switches gained a team policy/);
    // A VDS never forwards uplink to uplink and a Hyper-V external switch is SET; OVS and Linux bridges had independent
    // ports (L2-004 called two of them to two switches a loop), so they stay unbonded: nothing changes meaning.
    expect(doc.elements.slice(0, 4).map((e) => (e as { teamPolicy: string }).teamPolicy)).toEqual(['vmware-port-id', 'hyperv-set', 'none', 'none']);
    expect(doc.elements[0]).toEqual({ ...vs('vds'), teamPolicy: 'vmware-port-id', standbyUplinks: [], mtu: 1500, overlayBytes: 0 });
    expect(doc.elements.slice(4, 6)).toEqual([{ id: 'n', kind: 'nic', mtu: 1500 }, { id: 't', kind: 'tor', mtu: 1500 }]);
    // A field a hand-written file already has is kept.
    expect(doc.elements[6]).toEqual({ id: 'v', kind: 'vm', numaNodes: [1] });
  });

  it('a current document is not migrated, and a VM missing diskGiB is repaired with the default', () => {
    const r = loadDocument({ format: 'rackplane-topology', version: CURRENT_DOCUMENT_VERSION, elements: [vmV1], links: [], meta: { name: 'm', description: '', revision: 0 } });
    if (!r.ok) throw new Error(r.reason);
    expect(r.migrations).toEqual([]);
    expect(r.repairs).toEqual(['vm-1: filled missing diskGiB, numaNodes with defaults']);
    expect(r.design.elements['vm-1']).toMatchObject({ diskGiB: 40 });
  });
});
