// NetBox device-type library import on small definitions written from the library's schemas (schema/devicetype.json,
// moduletype.json, components.json at devicetype-library 56ea9272). Rates are checked by hand against NetBox's
// interface type labels (netbox/dcim/choices.py InterfaceTypeChoices): `25gbase-x-sfp28` "SFP28 (25GE)",
// `100gbase-x-qsfp28` "QSFP28 (100GE)", `10gbase-t` "10GBASE-T (10GE)", `40gbase-x-qsfpp` "QSFP+ (40GE)",
// `10gbase-x-sfpp` "SFP+ (10GE)".
import { describe, expect, it } from 'vitest';
import type { NicCatalogEntry, SwitchCatalogEntry } from '../catalog';
import type { TorPort } from '../model/elements';
import { importNetbox, libraryPath, mapNetboxFile, netboxEthernetType, type NetboxFile } from './netbox';

const nicYaml = `---
manufacturer: Acme
model: NIC 2x25
part_number: AC-225
description: Dual-port 25GbE, PCI Express 4.0 x8
interfaces:
  - name: '{module}-25GbE-0'
    type: 25gbase-x-sfp28
  - name: '{module}-25GbE-1'
    type: 25gbase-x-sfp28
`;

const leafYaml = `---
manufacturer: Acme
model: Leaf 4Y2C
slug: acme-leaf-4y2c
u_height: 1
is_full_depth: true
interfaces:
  - name: mgmt0
    type: 1000base-t
    mgmt_only: true
  - name: Ethernet1
    type: 25gbase-x-sfp28
  - name: Ethernet2
    type: 25gbase-x-sfp28
  - name: Ethernet3
    type: 25gbase-x-sfp28
  - name: Ethernet4
    type: 25gbase-x-sfp28
  - name: Ethernet5
    type: 100gbase-x-qsfp28
  - name: Ethernet6
    type: 100gbase-x-qsfp28
  - name: ib0
    type: infiniband-hdr
module-bays:
  - name: PSU 0
    position: '0'
  - name: PSU 1
    position: '1'
`;

const file = (name: string, text: string): NetboxFile => ({ name, text });
const one = (name: string, text: string) => {
  const r = importNetbox([file(name, text)]);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return { entry: r.entries[0], report: r.files[0]! };
};

describe('interface types', () => {
  it('reads the rate and the cage standard rates from the type', () => {
    // SFP28 (25GE) takes SFP+ (10GE) modules; QSFP28 (100GE) takes QSFP+ (40GE) modules.
    expect(netboxEthernetType('25gbase-x-sfp28')).toEqual({ gbps: 25, medium: 'cage', speedsGbps: [25, 10] });
    expect(netboxEthernetType('100gbase-x-qsfp28')).toEqual({ gbps: 100, medium: 'cage', speedsGbps: [100, 40] });
    // SFP+ (10GE): NetBox says nothing about lower rates, so none are declared.
    expect(netboxEthernetType('10gbase-x-sfpp')).toEqual({ gbps: 10, medium: 'cage' });
    expect(netboxEthernetType('1000base-t')).toEqual({ gbps: 1, medium: 'fixed' });
    // 100BASE-TX (10/100ME): 100 Mb/s.
    expect(netboxEthernetType('100base-tx')?.gbps).toBe(0.1);
    expect(netboxEthernetType('100gbase-kr4')).toEqual({ gbps: 100, medium: 'backplane' });
  });

  it('has no Ethernet meaning for other NetBox types', () => {
    for (const t of ['virtual', 'lag', 'infiniband-hdr', '32gfc-sfp28', 'ieee802.11ax', 'cisco-stackwise', 'other', 'constructor']) expect(netboxEthernetType(t)).toBeNull();
  });
});

describe('module types', () => {
  it('makes a NIC with the ports and rate NetBox gives and everything else unknown', () => {
    const { entry, report } = one('devicetype-library/module-types/Acme/NIC-2x25.yaml', nicYaml);
    const nic = entry as NicCatalogEntry;
    expect(nic).toMatchObject({
      kind: 'nic',
      id: 'netbox-acme-nic-2x25',
      vendor: 'Acme',
      model: 'NIC 2x25',
      ports: 2,
      speedGbps: 25,
      speedsGbps: [25, 10],
      // The description says "PCI Express 4.0 x8", but NetBox has no field for it: free text is not read as a figure.
      pcieGen: null,
      pcieWidth: null,
      totalVfsPerPf: null,
      maxVfsPerDevice: null,
      vmdqPools: null,
      pciId: null,
      vfDeviceId: null,
      user: true,
    });
    expect(nic.notes).toContain('Unknown because a NetBox module type has no field for them: PCIe generation and width, TotalVFs');
    expect(nic.notes).toContain('NetBox description: “Dual-port 25GbE, PCI Express 4.0 x8”');
    expect(nic.sources).toEqual([{ key: 'NETBOX', citation: expect.stringContaining('module-types/Acme/NIC-2x25.yaml: manufacturer "Acme", model "NIC 2x25", part_number "AC-225"') }]);
    expect(report.summary).toBe('module-types/Acme/NIC-2x25.yaml → netbox-acme-nic-2x25: NIC Acme NIC 2x25, 2 × 25G (25gbase-x-sfp28); PCIe gen/width and TotalVFs unknown');
  });

  it('leaves the speed set out where NetBox does not give it (10GBASE-T)', () => {
    const yaml = 'manufacturer: Acme\nmodel: T2\ninterfaces:\n  - name: p1\n    type: 10gbase-t\n  - name: p2\n    type: 10gbase-t\n';
    const nic = one('T2.yaml', yaml).entry as NicCatalogEntry;
    expect([nic.ports, nic.speedGbps, 'speedsGbps' in nic]).toEqual([2, 10, false]);
  });

  it('imports nothing, and says why, for a module without Ethernet ports or with mixed rates', () => {
    const psu = one('module-types/Acme/PSU.yaml', 'manufacturer: Acme\nmodel: PSU-650\npower-ports:\n  - name: PSU\n    type: iec-60320-c14\n');
    expect(psu.entry).toBeUndefined();
    expect(psu.report).toMatchObject({ id: null, summary: 'module-types/Acme/PSU.yaml: Acme PSU-650 not imported: it has no Ethernet data port, so it is not a NIC' });
    const mixed = one('mixed.yaml', 'manufacturer: Acme\nmodel: Combo\ninterfaces:\n  - name: a\n    type: 25gbase-x-sfp28\n  - name: b\n    type: 10gbase-t\n');
    expect(mixed.report.summary).toBe('mixed.yaml: Acme Combo not imported: its ports run different rates (1 × 25G (25gbase-x-sfp28), 1 × 10G (10gbase-t)) and a catalog NIC has one port speed');
  });
});

describe('device types', () => {
  it('makes a ToR switch of the data ports, in order, leaving the management port and bays out', () => {
    const { entry, report } = one('device-types/Acme/leaf-4y2c.yaml', leafYaml);
    const sw = entry as SwitchCatalogEntry;
    expect([sw.kind, sw.id, sw.vendor, sw.model]).toEqual(['tor', 'netbox-acme-leaf-4y2c', 'Acme', 'Leaf 4Y2C']);
    const ports = sw.props.ports as TorPort[];
    expect(ports.map((p) => p.speedGbps)).toEqual([25, 25, 25, 25, 100, 100]);
    expect(ports.map((p) => p.speedsGbps)).toEqual([[25, 10], [25, 10], [25, 10], [25, 10], [100, 40], [100, 40]]);
    expect(ports.every((p) => !p.evb && !p.reflectiveRelay && p.breakoutModes === undefined)).toBe(true);
    expect(sw.props).toMatchObject({ model: 'Acme Leaf 4Y2C', tier: 'tor', multichannel: false, controllingBridge: false, sChannelLimit: null });
    expect(report.notes).toEqual([
      '1 management port(s) (mgmt0): mgmt_only, not data ports',
      '1 interface(s) of type infiniband-hdr (ib0): not an Ethernet type Rackplane models',
      '2 module bay(s) (PSU 0, PSU 1): power and fan bays are not modelled',
    ]);
  });

  it('makes a fabric extender: the slower ports are host ports, the faster ones uplinks', () => {
    const yaml = `manufacturer: Cisco\nmodel: N2K-TEST\nslug: cisco-n2k-test\nu_height: 1\nis_full_depth: false\ninterfaces:\n${[1, 2, 3, 4].map((i) => `  - name: Ethernet1/1/${i}\n    type: 10gbase-x-sfpp\n`).join('')}  - name: Ethernet1/2/1\n    type: 40gbase-x-qsfpp\n  - name: Ethernet1/2/2\n    type: 40gbase-x-qsfpp\n`;
    const fex = one('device-types/Cisco/N2K-TEST.yaml', yaml).entry as SwitchCatalogEntry;
    expect([fex.kind, fex.props.hostPorts, fex.props.hostPortSpeedGbps, fex.props.uplinks, fex.props.uplinkSpeedGbps, fex.props.controllingBridge]).toEqual(['fex', 4, 10, 2, 40, null]);
  });

  it('splits a fabric extender whose ports share one type by their two name stems', () => {
    const ports = [1, 2, 3].map((i) => `  - name: Ethernet1/1/${i}\n    type: 10gbase-x-sfpp\n`).join('') + `  - name: Ethernet1/2/1\n    type: 10gbase-x-sfpp\n`;
    const yaml = `manufacturer: Cisco\nmodel: N2K-SAME\nslug: cisco-n2k-same\nu_height: 1\nis_full_depth: false\ninterfaces:\n${ports}`;
    const { entry, report } = one('N2K-SAME.yaml', yaml);
    expect([entry!.kind, (entry as SwitchCatalogEntry).props.hostPorts, (entry as SwitchCatalogEntry).props.uplinks]).toEqual(['fex', 3, 1]);
    expect(report.notes.at(-1)).toBe('NetBox types every port alike; the 1 ports named Ethernet1/2/… are taken as the fabric uplinks and the 3 named Ethernet1/1/… as host ports');
  });

  it('reports a server (expansion bays) and imports nothing for it', () => {
    const yaml = `manufacturer: Acme\nmodel: S1\nslug: acme-s1\nu_height: 1\nis_full_depth: true\ninterfaces:\n  - name: eno1\n    type: 1000base-t\nmodule-bays:\n  - name: Slot 1\n    position: 1\n    description: PCIe 5.0 x16\n  - name: PSU1\n    position: PSU1\n`;
    const { entry, report } = one('device-types/Acme/S1.yaml', yaml);
    expect(entry).toBeUndefined();
    expect(report.summary).toBe(
      'device-types/Acme/S1.yaml: Acme S1 not imported: a server (expansion bays Slot 1 (PCIe 5.0 x16); onboard 1 × 1G (1000base-t)); the catalog holds NICs and switches, so place a server from the palette and insert NICs into it',
    );
  });
});

describe('unusable input', () => {
  it('names the file and the missing required field, and imports nothing from the run', () => {
    const noSlug = leafYaml.replace('slug: acme-leaf-4y2c\n', '');
    const r = importNetbox([file('lib/module-types/Acme/NIC-2x25.yaml', nicYaml), file('lib/device-types/Acme/leaf.yaml', noSlug)]);
    expect(r).toEqual({ ok: false, errors: ['lib/device-types/Acme/leaf.yaml: slug is missing (the NetBox schema requires it)'] });
  });

  it('gives one line per unusable file: bad YAML with its line, a wrong field type, a component without its type', () => {
    const r = importNetbox([
      file('a.yaml', 'manufacturer: Acme\nmodel: [unclosed\n'),
      file('b.yaml', leafYaml.replace('u_height: 1', 'u_height: one')),
      file('c.yaml', 'manufacturer: Acme\nmodel: X\ninterfaces:\n  - name: p1\n'),
      file('d.yaml', '- just\n- a list\n'),
    ]);
    expect(r.ok).toBe(false);
    const errors = (r as { errors: string[] }).errors;
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(/^a\.yaml: not valid YAML at line \d+ \(/);
    expect(errors[1]).toMatch(/^b\.yaml: u_height: .*expected number/);
    expect(errors[2]).toBe('c.yaml: interfaces[0].type is missing (the NetBox schema requires it)');
    expect(errors[3]).toBe('d.yaml: not a NetBox definition (expected a mapping with manufacturer and model)');
  });

  it('refuses two files that give the same catalog id', () => {
    const r = importNetbox([file('x/NIC.yaml', nicYaml), file('y/NIC.yaml', nicYaml)]);
    expect(r).toEqual({ ok: false, errors: ['y/NIC.yaml: gives the catalog id netbox-acme-nic-2x25, as x/NIC.yaml does: import one of them'] });
  });

  it('refuses a YAML alias bomb on the first checked field instead of expanding it', () => {
    // Nine levels of nine aliases stand for 9^10 scalars; js-yaml shares the nodes, and the schema stops at the type.
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
    const text = `${lines.join('\n')}\nmanufacturer: Acme\nmodel: Bomb\ncomments: *a9\n`;
    expect(importNetbox([file('bomb.yaml', text)])).toEqual({ ok: false, errors: ['bomb.yaml: comments: Invalid input: expected string, received array'] });
  });

  it('refuses an empty run', () => {
    expect(importNetbox([])).toEqual({ ok: false, errors: ['no NetBox files to import (.yaml or .yml)'] });
  });
});

describe('library paths', () => {
  it('keeps the path from device-types/ or module-types/, else the file name', () => {
    expect(libraryPath('/home/me/devicetype-library/module-types/Intel/X710-DA2.yaml')).toBe('module-types/Intel/X710-DA2.yaml');
    expect(libraryPath('C:\\lib\\device-types\\Arista\\x.yml')).toBe('device-types/Arista/x.yml');
    expect(libraryPath('/tmp/x.yaml')).toBe('x.yaml');
  });

  it('reads a file outside a library folder as a device type when it has a slug', () => {
    const r = mapNetboxFile(file('/tmp/leaf.yaml', leafYaml));
    expect(r.ok && r.mapped.entry?.kind).toBe('tor');
  });
});
