import { describe, expect, it, test } from 'vitest';
import { makeTemplate } from '../../shared/templates';
import { checkValue, describeValue, elementFields, formatIntList, formatVsi, linkFields, parseInput, type FieldSpec } from './fields';

const field = (kind: Parameters<typeof elementFields>[0], key: string): FieldSpec => elementFields(kind).find((f) => f.key === key)!;

describe('inspector fields', () => {
  test('every property of every kind has a labelled field, in schema order', () => {
    const host = elementFields('host').map((f) => f.key);
    expect(host.slice(0, 5)).toEqual(['name', 'parent', 'x', 'y', 'notes']);
    expect(host).toContain('memoryGiB');
    expect(host).not.toContain('id');
    for (const kind of ['host', 'rootComplex', 'pcieSwitch', 'nic', 'endpoint', 'vm', 'vswitch', 'tor', 'fex', 'storage'] as const) {
      // A raw key as label means the INFO table lacks the property.
      for (const f of elementFields(kind)) expect(f.label, `${kind}.${f.key}`).not.toBe(f.key);
    }
  });

  test('editors follow the schema: numbers with units, choices for enums and PCIe generations', () => {
    expect(field('host', 'memoryGiB')).toMatchObject({ unit: 'GiB', editor: { type: 'number', nullable: false } });
    expect(field('nic', 'speedGbps')).toMatchObject({ unit: 'Gb/s' });
    const gen = field('nic', 'pcieGen').editor;
    expect(gen.type === 'choice' && gen.choices.map((c) => c.label)).toEqual(['unknown', 'Gen 1 (2.5 GT/s)', 'Gen 2 (5 GT/s)', 'Gen 3 (8 GT/s)', 'Gen 4 (16 GT/s)', 'Gen 5 (32 GT/s)', 'Gen 6 (64 GT/s)']);
    const rcGen = field('rootComplex', 'gen').editor;
    expect(rcGen.type === 'choice' && rcGen.choices[0]).toEqual({ value: 1, label: 'Gen 1 (2.5 GT/s)' });
    const width = field('nic', 'pcieWidth').editor;
    expect(width.type === 'choice' && width.choices.map((c) => c.label).slice(1)).toEqual(['x1', 'x2', 'x4', 'x8', 'x16', 'x32']);
    expect(field('vm', 'workingSetGiB').editor).toEqual({ type: 'number', nullable: true, nullLabel: 'all memory' });
    expect(field('host', 'hypervisor').editor).toMatchObject({ type: 'choice', choices: expect.arrayContaining([{ value: 'hyperv', label: 'Hyper-V' }]) });
    // A switch's ports have their own editor (port-fields.test.ts); a NIC's `ports` is a count.
    expect(field('tor', 'ports').editor.type).toBe('ports');
    expect(field('nic', 'ports').editor.type).toBe('number');
    expect(field('nic', 'catalogId').editor.type).toBe('readonly');
    expect(linkFields('pcie').map((f) => f.key)).toEqual(['slotGen', 'slotWidth']);
  });

  test('typed text becomes a value, or a reason', () => {
    const num = { type: 'number', nullable: false, nullLabel: '' } as const;
    expect(parseInput(num, ' 512 ')).toEqual({ ok: true, value: 512 });
    expect(parseInput(num, '1,024')).toEqual({ ok: true, value: 1024 });
    expect(parseInput(num, 'abc')).toEqual({ ok: false, reason: '“abc” is not a number' });
    expect(parseInput(num, '')).toEqual({ ok: false, reason: 'Enter a number' });
    expect(parseInput({ ...num, nullable: true }, '')).toEqual({ ok: true, value: null });
    expect(parseInput({ type: 'text', nullable: true, multiline: false }, '  ')).toEqual({ ok: true, value: null });
  });

  test('the schema says what is wrong with a value', () => {
    expect(checkValue(field('host', 'memoryGiB'), -1)).toBe('Too small: expected number to be >0');
    expect(checkValue(field('vm', 'vcpus'), 2.5)).toBe('Invalid input: expected int, received number');
    expect(checkValue(field('vm', 'zeroPageShare'), 1.5)).toBe('Too big: expected number to be <=1');
    expect(checkValue(field('host', 'memoryGiB'), 768)).toBeNull();
  });

  test('structured values read as an engineer would write them', () => {
    const d = makeTemplate('rack-kvm', { hosts: 2, vmsPerHost: 1 });
    const host = d.elements['r01.h001']!;
    expect(describeValue('sockets', (host as { sockets: unknown }).sockets, d)).toEqual(['Socket 0: 32 cores × 2 threads', 'Socket 1: 32 cores × 2 threads']);
    const rc = d.elements['r01.h001.rc0'] as { rootPortWidths: number[] };
    expect(describeValue('rootPortWidths', rc.rootPortWidths, d)).toEqual(['rp0 x16 · rp1 x16 · rp2 x16 · rp3 x8 · rp4 x8']);
    expect(describeValue('parent', 'r01.h001', d)).toEqual(['kvm-r01-h001']);
    const tor = d.elements['r01.tor-a'] as { ports: unknown; lags: unknown };
    expect(describeValue('ports', tor.ports, d)[0]).toBe('48×25G + 8×100G');
    expect(describeValue('lags', tor.lags, d)).toContain('r01.h001 (MLAG) · LACP · MLAG with r01-tor-b');
    expect(describeValue('sriov', null, d)).toEqual(['Not SR-IOV capable']);
  });
});

describe('lists of whole numbers: routed VLANs, standby uplinks, NUMA nodes', () => {
  const parse = (kind: Parameters<typeof elementFields>[0], key: string, text: string) => parseInput(field(kind, key).editor, text);

  it('offers a list editor for a switch’s routedVlans, a vSwitch’s standby uplinks and a VM’s NUMA nodes', () => {
    expect(field('tor', 'routedVlans').editor).toEqual({ type: 'intList', min: 1, max: 4094, prefix: '', what: 'VLAN id', emptyLabel: 'not named (first switch routes all)', unset: true });
    expect(field('vswitch', 'standbyUplinks').editor).toMatchObject({ type: 'intList', prefix: 'up', unset: false });
    expect(field('vm', 'numaNodes').editor).toMatchObject({ type: 'intList', min: 0, max: 15, emptyLabel: 'any' });
  });

  it('parses lists and ranges, refuses what is out of range, and reads empty as unset or as an empty list', () => {
    expect(parse('tor', 'routedVlans', '110, 120 200-203;5')).toEqual({ ok: true, value: [5, 110, 120, 200, 201, 202, 203] });
    expect(parse('tor', 'routedVlans', '')).toEqual({ ok: true, value: undefined });
    expect(parse('tor', 'routedVlans', '0')).toEqual({ ok: false, reason: '“0” is not a VLAN id or range within 1-4094' });
    expect(parse('tor', 'routedVlans', '4000-4095').ok).toBe(false);
    expect(parse('tor', 'routedVlans', '12-10').ok).toBe(false);
    expect(parse('tor', 'routedVlans', 'vlan10').ok).toBe(false);
    expect(parse('vswitch', 'standbyUplinks', 'up1, 3')).toEqual({ ok: true, value: [1, 3] });
    expect(parse('vswitch', 'standbyUplinks', '')).toEqual({ ok: true, value: [] });
    expect(parse('vswitch', 'standbyUplinks', 'up40')).toEqual({ ok: false, reason: '“up40” is not an uplink or range within up0-up31' });
    expect(parse('vm', 'numaNodes', '1')).toEqual({ ok: true, value: [1] });
  });

  it('writes a list back the way it would be typed', () => {
    expect(formatIntList([5, 110, 120, 200, 201, 202, 203])).toBe('5, 110, 120, 200-203');
    expect(formatIntList([1, 2])).toBe('1, 2');
    expect(formatIntList([0, 1], 'up')).toBe('up0, up1');
    expect(formatIntList([])).toBe('');
  });
});

describe('line-rate lists: the speeds a NIC’s ports run', () => {
  it('reads datasheet notation, fastest first, and refuses what is not a rate', () => {
    const e = field('nic', 'speedsGbps').editor;
    expect(e).toEqual({ type: 'speedList' });
    expect(parseInput(e, '25/10/1')).toEqual({ ok: true, value: [25, 10, 1] });
    expect(parseInput(e, '10, 2.5 5G, 1')).toEqual({ ok: true, value: [10, 5, 2.5, 1] });
    expect(parseInput(e, '')).toEqual({ ok: true, value: undefined });
    expect(parseInput(e, '25, fast')).toEqual({ ok: false, reason: '“fast” is not a line rate in Gb/s' });
    expect(parseInput(e, '0')).toEqual({ ok: false, reason: '“0” is not a line rate in Gb/s' });
  });
});

describe('records edited field by field: port groups and vNICs', () => {
  it('offers each port group field with its own editor; an empty MTU is unset (the switch’s)', () => {
    const e = field('vswitch', 'portGroups').editor;
    if (e.type !== 'items') throw new Error(`expected a record list, got ${e.type}`);
    const byKey = Object.fromEntries(e.fields.map((f) => [f.key, f]));
    expect(Object.keys(byKey)).toEqual(['name', 'vlan', 'trunk', 'mtu', 'qos']);
    expect(byKey.vlan!.editor).toEqual({ type: 'number', nullable: true, nullLabel: 'untagged' });
    expect(byKey.trunk!.editor).toMatchObject({ type: 'intList', min: 0, max: 4095 });
    expect(byKey.mtu!.editor).toEqual({ type: 'number', nullable: true, nullLabel: 'the switch’s', optional: true });
    expect(parseInput(byKey.mtu!.editor, '')).toEqual({ ok: true, value: undefined });
    expect(parseInput(byKey.mtu!.editor, '9000')).toEqual({ ok: true, value: 9000 });
    expect(checkValue(byKey.mtu!, 20)).not.toBeNull();
  });

  it('offers a vNIC’s MAC, VLAN and team', () => {
    const e = field('vm', 'vnics').editor;
    if (e.type !== 'items') throw new Error(`expected a record list, got ${e.type}`);
    expect(e.fields.map((f) => [f.key, f.label])).toEqual([
      ['mac', 'MAC'],
      ['vlan', 'VLAN (guest tag)'],
      ['team', 'Team'],
      ['vsi', 'VSI profile (802.1Qbg)'],
      ['qos', 'QoS override'],
    ]);
  });
});

describe('VSI profiles (802.1Qbg VDP): a vNIC’s profile and a switch’s VSI types', () => {
  const vsiField = () => {
    const e = field('vm', 'vnics').editor;
    if (e.type !== 'items') throw new Error(`expected a record list, got ${e.type}`);
    return e.fields.find((f) => f.key === 'vsi')!;
  };
  const TYPE = { managerId: 11, typeId: 1193047, typeVersion: 2 };

  it('reads manager/type/version with an optional instance UUID, or libvirt’s attributes; empty clears it', () => {
    const f = vsiField();
    expect(f.editor).toEqual({ type: 'vsi', list: false });
    expect(parseInput(f.editor, '11/1193047/2')).toEqual({ ok: true, value: { ...TYPE, instanceId: null } });
    expect(parseInput(f.editor, '11/1193047/2 09B11C53-8B5C-4EEB-8F00-D84EAA0AAA4F')).toEqual({ ok: true, value: { ...TYPE, instanceId: '09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f' } });
    const pasted = `<parameters managerid='11' typeid='1193047' typeidversion='2' instanceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f'/>`;
    expect(parseInput(f.editor, pasted)).toEqual({ ok: true, value: { ...TYPE, instanceId: '09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f' } });
    expect(parseInput(f.editor, '')).toEqual({ ok: true, value: undefined });
  });

  it('refuses what the VDP fields cannot hold, with the reason', () => {
    const f = vsiField();
    expect(parseInput(f.editor, '0/1193047/2')).toEqual({ ok: false, reason: 'the manager id must be 1-255 (got 0)' });
    expect(parseInput(f.editor, '11/16777216/2')).toEqual({ ok: false, reason: 'the type id must be 0-16777215 (got 16777216)' });
    expect(parseInput(f.editor, '11/1193047')).toEqual({ ok: false, reason: '“11/1193047” is not manager/type/version (e.g. 11/1193047/2)' });
    expect(parseInput(f.editor, `managerid='11' typeid='5'`)).toEqual({ ok: false, reason: 'missing typeidversion' });
    const bad = parseInput(f.editor, '11/1193047/2 not-a-uuid');
    expect(bad.ok && checkValue(f, bad.value)).toMatch(/lower-case UUID/);
  });

  it('edits a switch’s VSI types as one list, unique, empty = none known', () => {
    const f = field('tor', 'vsiTypes');
    expect(f).toMatchObject({ label: 'VSI types (VDP)', editor: { type: 'vsi', list: true } });
    expect(parseInput(f.editor, '11/1193047/2, 11/1193048/1; 11/1193047/2')).toEqual({ ok: true, value: [TYPE, { managerId: 11, typeId: 1193048, typeVersion: 1 }] });
    expect(parseInput(f.editor, '')).toEqual({ ok: true, value: undefined });
    expect(parseInput(f.editor, '11/1193047/256')).toEqual({ ok: false, reason: 'the type version must be 0-255 (got 256)' });
    expect(formatVsi([TYPE, { managerId: 12, typeId: 7, typeVersion: 0 }])).toBe('11/1193047/2, 12/7/0');
    expect(formatVsi({ ...TYPE, instanceId: null })).toBe('11/1193047/2');
  });

  it('lists a vNIC’s VSI type in the read-only summary', () => {
    const d = makeTemplate('rack', { hosts: 1, vmsPerHost: 1 });
    expect(describeValue('vnics', [{ id: 'vnic0', mac: null, vlan: 100, team: null, vsi: { ...TYPE, instanceId: null } }], d)).toEqual(['vnic0 · MAC auto · VLAN 100 · VSI 11/1193047/2']);
  });
});
