// Old project files must keep opening: the v1 fixture is the oldest file format this build supports.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProject } from '../../../electron/project/store';
import { importTopologyJson } from '../../../shared/formats/topology';
import { countByKind } from '../../../shared/model/design';
import { expectOneLine } from './support/temp-dir';

const V1 = join(__dirname, '../../fixtures/v1');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('test/fixtures/v1/one-host.rackplane', () => {
  const file = join(V1, 'one-host.rackplane');

  it('opens to the expected design', () => {
    const expected = importTopologyJson(readFileSync(join(V1, 'one-host.expected.json'), 'utf8'));
    if (!expected.ok) throw new Error(expected.reason);
    const r = openProject(file);
    if (!r.ok) throw new Error(r.reason);
    expect(r.repairs).toEqual([]);
    expect(r.design).toEqual(expected.design);
  });

  it('holds what the fixture script put in it', () => {
    const r = openProject(file);
    if (!r.ok) throw new Error(r.reason);
    const d = r.design;
    expect(d.meta).toMatchObject({ name: 'v1 fixture: one host', revision: 3 });
    expect(countByKind(d)).toMatchObject({ host: 1, rootComplex: 1, nic: 1, vswitch: 1, vm: 2, tor: 1 });
    expect(Object.values(d.links).map((l) => l.kind).sort()).toEqual(['ethernet', 'pcie', 'uplink', 'vf', 'vnic']);
    expect(d.links['l-vf']).toMatchObject({ a: { element: 'vm-2', port: 'vnic0' }, b: { element: 'nic-1', port: 'pf0.vf0' } });
    const nic = d.elements['nic-1'];
    expect(nic?.kind === 'nic' && nic.physicalFunctions[0]?.enabledVfs).toBe(4);
  });

  it('is not modified by opening', () => {
    const before = sha(file);
    openProject(file);
    expect(sha(file)).toBe(before);
  });
});

describe('test/fixtures/v2/three-hypervisors.rackplane', () => {
  const V2 = join(__dirname, '../../fixtures/v2');
  const file = join(V2, 'three-hypervisors.rackplane');

  it('opens to the expected design (the topology JSON of the same version, through the same migrations)', () => {
    const expected = importTopologyJson(readFileSync(join(V2, 'three-hypervisors.expected.json'), 'utf8'));
    if (!expected.ok) throw new Error(expected.reason);
    const r = openProject(file);
    if (!r.ok) throw new Error(r.reason);
    expect(r.repairs).toEqual([]);
    expect(r.design).toEqual(expected.design);
    expect(countByKind(r.design)).toMatchObject({ host: 3, nic: 3, vswitch: 3, vm: 5, tor: 2 });
  });

  it('lifts version 2 to 3 keeping what version 2 meant: VDS and SET teams, OVS ports unbonded, 1500-byte MTUs', () => {
    const r = openProject(file);
    if (!r.ok) throw new Error(r.reason);
    expect(r.migrations.filter((m) => m.startsWith('v2→v3'))).toHaveLength(1);
    const el = (id: string) => r.design.elements[id] as Record<string, unknown>;
    expect(['esx.vs', 'kvm.vs', 'hv.vs'].map((id) => el(id).teamPolicy)).toEqual(['vmware-port-id', 'none', 'hyperv-set']);
    expect(el('kvm.vs')).toMatchObject({ standbyUplinks: [], mtu: 1500, overlayBytes: 0 });
    expect([el('esx.nic').mtu, el('leaf-a').mtu, el('esx').iommu, el('esx.vm1').numaNodes]).toEqual([1500, 1500, true, []]);
  });

  it('is not modified by opening', () => {
    const before = sha(file);
    openProject(file);
    expect(sha(file)).toBe(before);
  });
});

describe('test/fixtures/corrupt', () => {
  const cases: [string, RegExp][] = [
    ['empty.rackplane', /^“empty.rackplane” is empty/],
    ['not-sqlite.rackplane', /^“not-sqlite.rackplane” is not a Rackplane project \(it is not a SQLite database/],
    ['foreign.rackplane', /^“foreign.rackplane” is a database of another application/],
    ['newer-format.rackplane', /^“newer-format.rackplane” was written by a newer Rackplane \(file format 3; this version reads up to \d+\): update Rackplane/],
    ['truncated.rackplane', /^“truncated.rackplane” is damaged \(.+\): restore it from a backup$/],
  ];
  it.each(cases)('%s is refused with its own reason', (name, expected) => {
    const r = openProject(join(__dirname, '../../fixtures/corrupt', name));
    expect(r.ok ? 'opened' : expectOneLine(r.reason)).toMatch(expected);
  });
});
