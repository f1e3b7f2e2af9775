/**
 * The book's SR-IOV comparison (chapter 6): one server with a 10GbE NIC on PCIe Gen2 x4; two VMs talk through
 * the vSwitch, two through SR-IOV VFs of the NIC. `docs/simulation.md` explains which model parameters give
 * the ~30 Gb/s (the vSwitch's memory-copy budget) and the ~14 Gb/s (Gen2 x4 after 8b/10b encoding and TLP
 * overhead, crossed once in each direction) that the book quotes.
 */
import { findCatalogEntry, nicFromCatalog, type NicCatalogEntry } from '../catalog';
import { makeElement } from '../model/defaults';
import type { Design } from '../model/design';
import { asElementId } from '../model/ids';
import { SCENARIO_DEFAULTS } from '../sim/scenarios';
import type { Scenario } from '../sim/simulate';
import { DesignBuilder } from './builder';
import { templateLeaf } from './catalog-parts';

/** Intel 82599 (X520) dual-port 10GbE: the book's era of SR-IOV NIC. */
const BOOK_NIC = 'intel-82599-x520';
const HOST = 'book';

export function buildChapter6(): Design {
  const b = new DesignBuilder();
  const host = asElementId(HOST);
  b.add(
    makeElement('host', { id: host, name: 'book-server', x: 0, y: 160 }, {
      sockets: [{ cores: 8, threadsPerCore: 2 }],
      memoryGiB: 96,
      hypervisor: 'kvm',
      // The book's figure for VM-to-VM copies through a software switch.
      vswitchCopyGbps: 30,
      width: 900,
      height: 420,
    }),
  );
  b.add(
    makeElement('rootComplex', { id: asElementId(`${HOST}.rc0`), name: 'CPU0 root complex (Gen2)', parent: host, x: 20, y: 40 }, {
      socket: 0,
      gen: 2,
      lanes: 32,
      rootPortWidths: [16, 8, 4, 4],
    }),
  );
  const entry = findCatalogEntry(BOOK_NIC) as NicCatalogEntry | undefined;
  if (!entry || entry.kind !== 'nic') throw new Error(`template bug: catalog NIC ${BOOK_NIC} is missing`);
  const nic = nicFromCatalog(entry, { id: asElementId(`${HOST}.nic0`), name: '82599 10GbE', parent: host, x: 320, y: 40 });
  // The catalog leaves the 82599's PCIe link unknown; the book's setup is a Gen2 x4 slot.
  b.add({
    ...nic,
    pcieGen: 2,
    pcieWidth: 4,
    physicalFunctions: nic.physicalFunctions.map((pf, i) => ({ ...pf, enabledVfs: i === 0 ? 2 : 0 })),
    notes: 'PCIe Gen2 x4 as in the book (the datasheet figure is not in corpus/nics.md).',
  });
  b.pcie(`${HOST}.nic0.pcie`, [`${HOST}.rc0`, 'rp2'], [`${HOST}.nic0`, 'pcie']);
  b.add(
    makeElement('vswitch', { id: asElementId(`${HOST}.vs0`), name: 'Open vSwitch', parent: host, x: 320, y: 200 }, {
      switchKind: 'ovs',
      uplinks: 1,
      portGroups: [{ id: 'vm', name: 'VM network (VLAN 100)', vlan: 100, trunk: [] }],
    }),
  );
  b.uplink(`${HOST}.vs0.up0`, [`${HOST}.vs0`, 'up0'], [`${HOST}.nic0`, 'eth0']);
  const vms = [
    { id: 'vm-vs1', name: 'vSwitch VM 1', via: 'vswitch' },
    { id: 'vm-vs2', name: 'vSwitch VM 2', via: 'vswitch' },
    { id: 'vm-vf1', name: 'SR-IOV VM 1', via: 'vf0' },
    { id: 'vm-vf2', name: 'SR-IOV VM 2', via: 'vf1' },
  ] as const;
  vms.forEach((v, i) => {
    const id = asElementId(`${HOST}.${v.id}`);
    b.add(makeElement('vm', { id, name: v.name, parent: host, x: 20 + i * 220, y: 320 }, { vcpus: 4, memoryGiB: 8, vnics: [{ id: 'vnic0', mac: null, vlan: v.via === 'vswitch' ? null : 100, team: null }] }));
    if (v.via === 'vswitch') b.vnic(`${id}.vnic0`, [id, 'vnic0'], [`${HOST}.vs0`, 'pg.vm']);
    else b.vf(`${id}.vnic0`, [id, 'vnic0'], [`${HOST}.nic0`, `pf0.${v.via}`]);
  });
  const tor = templateLeaf({ id: asElementId('tor'), name: 'ToR', x: 300, y: 0 }, []);
  b.add({ ...tor, ports: tor.ports.map((p) => ({ ...p, speedGbps: p.speedGbps === 25 ? 10 : p.speedGbps })) });
  b.ethernet(`${HOST}.nic0.eth0`, [`${HOST}.nic0`, 'eth0'], ['tor', 'p0']);
  b.ethernet(`${HOST}.nic0.eth1`, [`${HOST}.nic0`, 'eth1'], ['tor', 'p1']);
  return b.design({ name: 'Chapter 6: SR-IOV vs vSwitch', description: 'VF-to-VF over SR-IOV (10GbE NIC on PCIe Gen2 x4) versus vNIC-to-vNIC through the vSwitch.', revision: 0 });
}

/** The two flows of the comparison, for the simulator. */
export const CHAPTER6_FLOWS = [
  { id: 'vswitch', src: { vm: `${HOST}.vm-vs1` }, dst: { vm: `${HOST}.vm-vs2` }, demandGbps: null },
  { id: 'sriov', src: { vm: `${HOST}.vm-vf1` }, dst: { vm: `${HOST}.vm-vf2` }, demandGbps: null },
];

/** Name of the scenario the chapter-6 design carries. */
export const CHAPTER6_SCENARIO_NAME = 'vSwitch vs SR-IOV';

/**
 * The comparison as a stored scenario, so that `rackplane simulate` on a new chapter6 project (and the app's
 * simulation panel) runs it with no other argument. Both flows stay local to the host: the VMs share VLAN 100
 * and both VFs are on pf0, so the embedded bridge of one port turns the VF traffic (issue #11 items 1-2 route
 * other VLANs and other ports through the ToR).
 */
export function chapter6Scenario(): Scenario {
  return { name: CHAPTER6_SCENARIO_NAME, flows: CHAPTER6_FLOWS.map((f) => ({ ...f, src: { ...f.src }, dst: { ...f.dst } })), migrations: [], ...SCENARIO_DEFAULTS };
}
