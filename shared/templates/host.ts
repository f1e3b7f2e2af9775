/**
 * One virtualized server as the templates build it: a 2-socket host, a root complex per socket, a dual-port 25GbE NIC
 * on a root port, a virtual switch with two VM port groups teamed over both NIC ports, and its VMs. Two platforms:
 * ESXi on a distributed-switch member teamed by originating virtual port (vSphere's default: switch-independent, so
 * the leaves see two plain access ports), or KVM on Open vSwitch with an LACP bond (balance-tcp) whose two links form
 * one port-channel across the leaf pair.
 */
import { makeElement } from '../model/defaults';
import type { PortGroup } from '../model/elements';
import { asElementId } from '../model/ids';
import { DesignBuilder, pad } from './builder';
import { templateNic } from './catalog-parts';
import type { HostGeometry, Point } from './layout';

/** A Gen4 root complex with 64 lanes, bifurcated x16/x16/x16/x8/x8 (an Ice Lake-class socket). */
const ROOT_PORT_WIDTHS = [16, 16, 16, 8, 8] as const;
/** The NIC sits in an x8 slot so the link trains at the card's full width. */
const NIC_ROOT_PORT = 'rp3';

/** Two VM networks; VMs alternate between them so both VLANs carry traffic. */
const PORT_GROUPS: readonly PortGroup[] = [
  { id: 'app', name: 'VM app (VLAN 110)', vlan: 110, trunk: [] },
  { id: 'db', name: 'VM db (VLAN 120)', vlan: 120, trunk: [] },
];

export interface HostPlan {
  /** Rack id, e.g. `r01`; the host id is `${rack}.h${nnn}`. */
  rack: string;
  /** 1-based host number within the rack, and the digits it is printed with. */
  number: number;
  digits: number;
  vms: number;
  vmDigits: number;
  /** Name of the distributed switch the host's vSwitch is a member of (ESXi), or of its OVS bridge (KVM). */
  vds: string;
  platform: HostPlatform;
  geometry: HostGeometry;
  at: Point;
}

export type HostPlatform = 'esxi' | 'kvm';

/** Ids a caller cables to: the host and its NIC (ports `eth0`, `eth1`). */
export interface BuiltHost {
  id: string;
  /** Short host label within the rack (`h001`), used as its LAG id on the ToRs. */
  label: string;
  nic: string;
}

/** Adds the host, everything inside it and the links among them. */
export function buildHost(b: DesignBuilder, plan: HostPlan): BuiltHost {
  const label = `h${pad(plan.number, plan.digits)}`;
  const id = `${plan.rack}.${label}`;
  const g = plan.geometry;
  const host = asElementId(id);
  b.add(
    makeElement(
      'host',
      { id: host, name: `${plan.platform === 'esxi' ? 'esx' : 'kvm'}-${plan.rack}-${label}`, x: plan.at.x, y: plan.at.y },
      {
        model: null,
        sockets: [
          { cores: 32, threadsPerCore: 2 },
          { cores: 32, threadsPerCore: 2 },
        ],
        memoryGiB: 512,
        hypervisor: plan.platform,
        vswitchCopyGbps: 30,
        storage: 'shared',
        collapsed: false,
        width: g.width,
        height: g.height,
      },
    ),
  );

  for (const socket of [0, 1] as const) {
    const pos = g.rootComplexes[socket];
    b.add(
      makeElement(
        'rootComplex',
        { id: asElementId(`${id}.rc${socket}`), name: `CPU${socket} root complex`, parent: host, x: pos.x, y: pos.y },
        { socket, gen: 4, lanes: 64, rootPortWidths: [...ROOT_PORT_WIDTHS], acs: true, ari: true },
      ),
    );
  }

  const nic = `${id}.nic0`;
  b.add(templateNic({ id: asElementId(nic), name: 'nic0', parent: host, ...g.nic }));
  b.pcie(`${nic}.pcie`, [`${id}.rc0`, NIC_ROOT_PORT], [nic, 'pcie']);

  const vs = `${id}.vs0`;
  b.add(
    makeElement(
      'vswitch',
      { id: asElementId(vs), name: plan.vds, parent: host, ...g.vswitch },
      {
        switchKind: plan.platform === 'esxi' ? 'vds' : 'ovs',
        hypervMode: null,
        evbMode: 'veb',
        uplinks: 2,
        portGroups: PORT_GROUPS.map((pg) => ({ ...pg, trunk: [] })),
        // An OVS bridge is local to its host; only a VDS spans hosts.
        distributedName: plan.platform === 'esxi' ? plan.vds : null,
        hostVnics: 0,
        stp: false,
        teamPolicy: plan.platform === 'esxi' ? 'vmware-port-id' : 'ovs-balance-tcp',
      },
    ),
  );
  b.uplink(`${vs}.up0`, [vs, 'up0'], [nic, 'eth0']);
  b.uplink(`${vs}.up1`, [vs, 'up1'], [nic, 'eth1']);

  for (let i = 0; i < plan.vms; i++) {
    const vmLabel = `vm${pad(i + 1, plan.vmDigits)}`;
    const vm = `${id}.${vmLabel}`;
    b.add(
      makeElement(
        'vm',
        // Unique in the design (r01-h001-vm07), so a VM named in a report, a flow or a search is one VM.
        { id: asElementId(vm), name: `${plan.rack}-${label}-${vmLabel}`, parent: host, ...g.vm(i) },
        { vcpus: 4, memoryGiB: 16, vnics: [{ id: 'vnic0', mac: null, vlan: null, team: null }] },
      ),
    );
    const pg = PORT_GROUPS[i % PORT_GROUPS.length]!;
    b.vnic(`${vm}.vnic0`, [vm, 'vnic0'], [vs, `pg.${pg.id}`]);
  }
  return { id, label, nic };
}
