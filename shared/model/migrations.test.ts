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
    expect(applied).toEqual(['v1→v2: VMs gained a disk size (diskGiB, set to 0: no local disk copied on migration)']);
    expect(doc.elements[0]).toEqual({ ...vmV1, diskGiB: 0 });
    expect(doc.elements.slice(1)).toEqual([host, null, odd]);
  });

  it('v1→v2 keeps a disk size a hand-written v1 file already had', () => {
    const { doc } = migrateDocument({ elements: [{ ...vmV1, diskGiB: 12 }], links: [] }, 1);
    expect(doc.elements[0]).toMatchObject({ diskGiB: 12 });
  });

  it('a v1 document loads with the migration reported and no repairs', () => {
    const r = loadDocument({ format: 'rackplane-topology', version: 1, elements: [vmV1], links: [], meta: { name: 'm', description: '', revision: 0 } });
    if (!r.ok) throw new Error(r.reason);
    expect(r.repairs).toEqual([]);
    expect(r.migrations).toHaveLength(1);
    expect(r.design.elements['vm-1']).toMatchObject({ diskGiB: 0 });
  });

  it('a current document is not migrated, and a VM missing diskGiB is repaired with the default', () => {
    const r = loadDocument({ format: 'rackplane-topology', version: CURRENT_DOCUMENT_VERSION, elements: [vmV1], links: [], meta: { name: 'm', description: '', revision: 0 } });
    if (!r.ok) throw new Error(r.reason);
    expect(r.migrations).toEqual([]);
    expect(r.repairs).toEqual(['vm-1: filled missing diskGiB with defaults']);
    expect(r.design.elements['vm-1']).toMatchObject({ diskGiB: 40 });
  });
});
