/**
 * A deterministic data-centre design of any size for store tests and measurements: each host holds a
 * root complex, a dual-port NIC, a vSwitch and VMs; NIC ports cable to ToR switches. 2,000 hosts give
 * ~50,000 elements and ~52,000 links, the size the project-file benchmark uses.
 */
import { makeElement } from '../../../../shared/model/defaults';
import { emptyDesign, type Design } from '../../../../shared/model/design';
import type { Element } from '../../../../shared/model/elements';
import { asElementId as eid, asLinkId as lid, asPortName as port } from '../../../../shared/model/ids';
import type { Link } from '../../../../shared/model/links';

export interface LargeDesignOptions {
  hosts: number;
  vmsPerHost?: number;
  /** Written into every VM's notes so two generations of the same size differ (kill-during-save test). */
  tag?: string;
}

const TOR_PORTS = 48;

export function largeDesign({ hosts, vmsPerHost = 21, tag = '' }: LargeDesignOptions): Design {
  const elements: Record<string, Element> = {};
  const links: Record<string, Link> = {};
  const add = (e: Element) => (elements[e.id] = e);
  const link = (l: Link) => (links[l.id] = l);
  const tors = Math.ceil((hosts * 2) / TOR_PORTS);
  for (let t = 0; t < tors; t++) add(makeElement('tor', { id: eid(`tor${t}`), name: `ToR ${t}`, x: t * 200, y: 0 }));

  for (let h = 0; h < hosts; h++) {
    const host = eid(`h${h}`);
    const rc = eid(`h${h}.rc`);
    const nic = eid(`h${h}.nic`);
    const vs = eid(`h${h}.vs`);
    add(makeElement('host', { id: host, name: `esx-${h}`, x: (h % 50) * 700, y: 400 + Math.floor(h / 50) * 400 }));
    add(makeElement('rootComplex', { id: rc, name: 'CPU0', parent: host }));
    add(makeElement('nic', { id: nic, name: 'NIC', parent: host }, { model: 'Intel E810-XXVDA2' }));
    add(makeElement('vswitch', { id: vs, name: 'vds0', parent: host }));
    link({ id: lid(`${rc}-pcie`), kind: 'pcie', a: { element: rc, port: port('rp0') }, b: { element: nic, port: port('pcie') }, slotGen: null, slotWidth: null });
    for (let u = 0; u < 2; u++) {
      link({ id: lid(`${vs}-up${u}`), kind: 'uplink', a: { element: vs, port: port(`up${u}`) }, b: { element: nic, port: port(`eth${u}`) } });
      const slot = h * 2 + u;
      link({
        id: lid(`${nic}-eth${u}`),
        kind: 'ethernet',
        a: { element: nic, port: port(`eth${u}`) },
        b: { element: eid(`tor${Math.floor(slot / TOR_PORTS)}`), port: port(`p${slot % TOR_PORTS}`) },
        speedGbps: null,
        lag: null,
        fullDuplex: true,
      });
    }
    for (let v = 0; v < vmsPerHost; v++) {
      const vm = eid(`h${h}.vm${v}`);
      add(makeElement('vm', { id: vm, name: `vm-${h}-${v}`, parent: host, x: 20 + v * 30, y: 200, notes: tag }, { tenant: `t${v % 4}` }));
      link({ id: lid(`${vm}-vnic0`), kind: 'vnic', a: { element: vm, port: port('vnic0') }, b: { element: vs, port: port('pg.vm') } });
    }
  }
  return { meta: { ...emptyDesign(`DC ${hosts} hosts`).meta, description: tag }, elements, links };
}
