/** The design frozen in test/fixtures/v1/ (also the base of the corrupt fixtures). */
import { makeElement } from '../shared/model/defaults';
import type { Design } from '../shared/model/design';
import type { Element } from '../shared/model/elements';
import { asElementId as eid, asLinkId as lid, asPortName as port } from '../shared/model/ids';
import type { Link } from '../shared/model/links';

/** One ESXi host: root complex, an SR-IOV NIC, a distributed vSwitch, a vSwitch-attached VM and an SR-IOV VM, cabled to a ToR. */
export function v1FixtureDesign(): Design {
  const host = eid('host-1');
  const elements: Element[] = [
    makeElement('host', { id: host, name: 'esx-01', x: 40, y: 120 }, { hypervisor: 'esxi', memoryGiB: 768 }),
    makeElement('rootComplex', { id: eid('rc-1'), name: 'CPU0', parent: host, x: 60, y: 300 }),
    makeElement(
      'nic',
      { id: eid('nic-1'), name: 'E810-XXVDA2', parent: host, x: 260, y: 300 },
      {
        model: 'Intel E810-XXVDA2',
        pcieGen: 4,
        pcieWidth: 16,
        physicalFunctions: [
          { totalVfs: 128, enabledVfs: 4 },
          { totalVfs: 128, enabledVfs: 0 },
        ],
      },
    ),
    makeElement('vswitch', { id: eid('vs-1'), name: 'dvs-prod', parent: host, x: 260, y: 180 }, { distributedName: 'dvs-prod' }),
    makeElement('vm', { id: eid('vm-1'), name: 'web-01', parent: host, x: 80, y: 160, notes: 'attached through the vSwitch' }, { tenant: 'blue' }),
    makeElement(
      'vm',
      { id: eid('vm-2'), name: 'db-01', parent: host, x: 160, y: 160 },
      { vcpus: 16, memoryGiB: 128, tenant: 'red', vnics: [{ id: 'vnic0', mac: '02:00:00:00:00:02', vlan: 200, team: null }] },
    ),
    makeElement('tor', { id: eid('tor-1'), name: 'leaf-01', x: 300, y: 0 }, { tier: 'tor' }),
  ];
  const links: Link[] = [
    { id: lid('l-pcie'), kind: 'pcie', a: { element: eid('rc-1'), port: port('rp0') }, b: { element: eid('nic-1'), port: port('pcie') }, slotGen: null, slotWidth: null },
    { id: lid('l-up0'), kind: 'uplink', a: { element: eid('vs-1'), port: port('up0') }, b: { element: eid('nic-1'), port: port('eth0') } },
    { id: lid('l-vnic'), kind: 'vnic', a: { element: eid('vm-1'), port: port('vnic0') }, b: { element: eid('vs-1'), port: port('pg.vm') } },
    { id: lid('l-vf'), kind: 'vf', a: { element: eid('vm-2'), port: port('vnic0') }, b: { element: eid('nic-1'), port: port('pf0.vf0') } },
    {
      id: lid('l-eth'),
      kind: 'ethernet',
      a: { element: eid('nic-1'), port: port('eth1') },
      b: { element: eid('tor-1'), port: port('p0') },
      speedGbps: null,
      lag: null,
      fullDuplex: true,
    },
  ];
  return {
    meta: { name: 'v1 fixture: one host', description: 'Written by file format 1, document version 1.', revision: 3 },
    elements: Object.fromEntries(elements.map((e) => [e.id, e])),
    links: Object.fromEntries(links.map((l) => [l.id, l])),
  };
}
