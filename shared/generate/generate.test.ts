// Deployment configs from a design: libvirt domain/network XML (https://libvirt.org/formatdomain.html, "Network
// interfaces") and the SR-IOV network device plugin's resourceList. The designs are the rack-kvm template's first host
// (Open vSwitch bridge "br-vm", port groups VLAN 110/120, an Intel E810-XXV NIC) with VFs, VEPA and passthrough edits.
import { describe, expect, it } from 'vitest';
import { findCatalogEntry } from '../catalog';
import { applyCommand, type Command } from '../history/commands';
import type { Design } from '../model/design';
import type { ElementOf } from '../model/elements';
import type { ElementId } from '../model/ids';
import type { Link } from '../model/links';
import { makeElement } from '../model/defaults';
import { makeTemplate } from '../templates';
import { generate } from '.';
import { vfRanges } from './sriov-device-plugin';

const H = 'r01.h001';
const NIC = `${H}.nic0`;
const run = (d: Design, cmds: Command[]) => cmds.reduce((x, c) => applyCommand(x, c).design, d);
const link = (l: object) => l as unknown as Link;
const base = () => makeTemplate('rack-kvm', { hosts: 1, vmsPerHost: 4 });
const fileOf = (files: { path: string; text: string }[], end: string) => files.find((f) => f.path.endsWith(end))!.text;

/** vm01 and vm02 on VFs 0 and 1 of PF 0 (vm01's VF tagged VLAN 200 by the host, as `ip link set … vf 0 vlan 200`). */
function withVfs(): Design {
  const d = base();
  const nic = d.elements[NIC] as ElementOf<'nic'>;
  const vm1 = d.elements[`${H}.vm01`] as ElementOf<'vm'>;
  return run(d, [
    { type: 'updateElement', id: nic.id, changes: { physicalFunctions: nic.physicalFunctions.map((pf) => ({ ...pf, enabledVfs: 4 })) } },
    { type: 'updateElement', id: vm1.id, changes: { vnics: [{ ...vm1.vnics[0]!, vlan: 200 }] } },
    { type: 'remove', elements: [], links: [`${H}.vm01.vnic0` as never, `${H}.vm02.vnic0` as never] },
    { type: 'add', elements: [], links: [link({ id: 'vf0', kind: 'vf', a: { element: `${H}.vm01`, port: 'vnic0' }, b: { element: NIC, port: 'pf0.vf0' } }), link({ id: 'vf1', kind: 'vf', a: { element: `${H}.vm02`, port: 'vnic0' }, b: { element: NIC, port: 'pf0.vf1' } })] },
  ]);
}

const vswitch = (d: Design) => Object.values(d.elements).find((e): e is ElementOf<'vswitch'> => e.kind === 'vswitch')!;

describe('generate libvirt', () => {
  it('writes an OVS bridge port with the port group VLAN, and VFs from a per-PF hostdev network', () => {
    const g = generate(withVfs(), 'libvirt');
    expect(g.files.map((f) => f.path)).toEqual([
      'kvm-r01-h001/r01-h001-vm01.xml',
      'kvm-r01-h001/r01-h001-vm02.xml',
      'kvm-r01-h001/r01-h001-vm03.xml',
      'kvm-r01-h001/r01-h001-vm04.xml',
      'kvm-r01-h001/networks/nic0-pf0-vfs.xml',
    ]);
    const vm1 = fileOf(g.files, 'vm01.xml');
    expect(vm1).toContain('<memory unit="MiB">16384</memory>');
    expect(vm1).toContain('<vcpu>4</vcpu>');
    expect(vm1).toContain(`    <interface type="network">\n      <source network="nic0-pf0-vfs"/>\n      <vlan>\n        <tag id="200"/>\n      </vlan>\n    </interface>`);
    // vm03 stays on the bridge: OVS port, VLAN 110 from its port group.
    expect(fileOf(g.files, 'vm03.xml')).toContain('    <interface type="bridge">\n      <source bridge="br-vm"/>\n      <virtualport type="openvswitch"/>\n      <vlan>\n        <tag id="110"/>\n      </vlan>\n      <model type="virtio"/>\n    </interface>');
    // The PF's netdev name is not in the design: a placeholder, never an invented "eth0".
    expect(g.files[4]!.text).toContain('<forward mode="hostdev" managed="yes">\n    <pf dev="PLACEHOLDER-netdev-r01.h001.nic0-eth0"/>');
    expect(g.notes).toEqual([]);
  });

  it('writes macvtap VEPA with the vNIC\'s 802.1Qbg VSI, and VN-Tag as an 802.1Qbh port profile', () => {
    const d0 = base();
    const vs = vswitch(d0);
    const vm3 = d0.elements[`${H}.vm03`] as ElementOf<'vm'>;
    const vepa = run(d0, [
      { type: 'updateElement', id: vs.id, changes: { evbMode: 'vepa' } },
      { type: 'updateElement', id: vm3.id, changes: { vnics: [{ ...vm3.vnics[0]!, vsi: { managerId: 11, typeId: 1193047, typeVersion: 2, instanceId: null } }] } },
    ]);
    const x = fileOf(generate(vepa, 'libvirt').files, 'vm03.xml');
    // The port group's VLAN 110 is a VLAN sub-interface of the uplink's netdev; the bridge is the adjacent switch.
    expect(x).toContain('<interface type="direct">\n      <source dev="PLACEHOLDER-netdev-r01.h001.nic0-eth0.110" mode="vepa"/>\n      <virtualport type="802.1Qbg">\n        <parameters managerid="11" typeid="1193047" typeidversion="2"/>\n      </virtualport>');
    const vntag = run(d0, [{ type: 'updateElement', id: vs.id, changes: { evbMode: 'vntag' } }]);
    expect(fileOf(generate(vntag, 'libvirt').files, 'vm01.xml')).toContain('<source dev="PLACEHOLDER-netdev-r01.h001.nic0-eth0" mode="passthrough"/>\n      <virtualport type="802.1Qbh">\n        <parameters profileid="VM_app_VLAN_110_"/>');
  });

  it('leaves a passed-through function as a marked comment and says why; skips VMs of other hypervisors', () => {
    const d = run(base(), [
      { type: 'remove', elements: [], links: [`${H}.vm01.vnic0` as never] },
      { type: 'add', elements: [], links: [link({ id: 'pt', kind: 'passthrough', a: { element: `${H}.vm01`, port: 'vnic0' }, b: { element: NIC, port: 'pf1' } })] },
    ]);
    const g = generate(d, 'libvirt');
    expect(fileOf(g.files, 'vm01.xml')).toContain('<!-- PLACEHOLDER-hostdev-r01.h001.nic0-pf1: <hostdev mode="subsystem" type="pci" managed="yes"> with the device\'s PCI address -->');
    expect(g.notes).toEqual(['r01-h001-vm01 vnic0: r01.h001.nic0 pf1 is passed through whole; its <hostdev> needs the PCI address (lspci -D), which the design does not hold']);
    const esxi = generate(makeTemplate('single-host'), 'libvirt');
    expect(esxi.files).toEqual([]);
    expect(esxi.notes).toEqual(['4 VMs on esxi hosts skipped: libvirt defines KVM guests']);
  });
});

describe('generate sriov-device-plugin', () => {
  it('pools the VFs VMs hold per PF, selected by the VF id from the catalog and the PF name with the VF range', () => {
    const d = withVfs();
    const nic = d.elements[NIC] as ElementOf<'nic'>;
    const entry = findCatalogEntry(nic.catalogId!);
    if (entry?.kind !== 'nic') throw new Error('the template NIC has a catalog entry');
    const g = generate(d, 'sriov-device-plugin');
    expect(g.files.map((f) => f.path)).toEqual(['kvm-r01-h001/config.json']);
    expect(JSON.parse(g.files[0]!.text)).toEqual({
      resourceList: [
        {
          resourceName: 'nic0_pf0',
          // Intel's PCI vendor id is 8086; the VF device id is the catalog's (E810 VF: 1889, Intel's ice/iavf docs).
          selectors: { vendors: [entry.pciId!.slice(0, 4)], devices: [entry.vfDeviceId!], pfNames: ['PLACEHOLDER-netdev-r01.h001.nic0-eth0#0-1'] },
        },
      ],
    });
    expect(entry.pciId!.slice(0, 4)).toBe('8086');
  });

  it('says so when no VM holds a VF', () => {
    expect(generate(base(), 'sriov-device-plugin')).toEqual({ files: [], notes: ['no VM holds a VF: there is no SR-IOV device plugin pool to configure'] });
  });

  it('compresses VF indexes into the plugin\'s ranges', () => {
    expect(vfRanges([3, 0, 1, 2, 6, 8, 7])).toEqual(['0-3', '6-8']);
    expect(vfRanges([5])).toEqual(['5']);
    expect(vfRanges([])).toEqual([]);
  });
});

describe('generate netplan', () => {
  // netplan YAML reference: https://netplan.readthedocs.io/en/stable/netplan-yaml/ (bonds "mode", openvswitch "lacp").
  it('teams an OVS bridge\'s uplinks as an LACP balance-tcp bond, and counts VFs on the physical function', () => {
    const y = generate(withVfs(), 'netplan').files[0]!.text;
    expect(y).toContain('    "nic0-eth0":\n      match:\n        name: "PLACEHOLDER-netdev-r01.h001.nic0-eth0"\n      set-name: "nic0-eth0"\n      mtu: 1500\n      virtual-function-count: 4\n');
    expect(y).toContain('  bonds:\n    "bond-br-vm":\n      interfaces: ["nic0-eth0", "nic0-eth1"]\n      mtu: 1500\n      parameters:\n        mode: "balance-tcp"\n      openvswitch:\n        lacp: "active"\n');
    expect(y).toContain('  bridges:\n    "br-vm":\n      interfaces: ["bond-br-vm"]\n      mtu: 1500\n      openvswitch: {}\n');
  });

  it('writes a Linux bridge over an active-backup bond with its primary, the MTU of each layer, and leaves passed-through ports out', () => {
    const d0 = base();
    const vs = vswitch(d0);
    const d = run(d0, [
      { type: 'updateElement', id: vs.id, changes: { switchKind: 'linux-bridge', teamPolicy: 'linux-active-backup', standbyUplinks: [0], mtu: 9000, stp: true } },
      { type: 'updateElement', id: NIC as ElementId, changes: { mtu: 9000 } },
    ]);
    const y = generate(d, 'netplan').files[0]!.text;
    // up0 (eth0) is on standby, so eth1 is the primary.
    expect(y).toContain('      parameters:\n        mode: "active-backup"\n        primary: "nic0-eth1"\n');
    expect(y).toContain('    "br-vm":\n      interfaces: ["bond-br-vm"]\n      mtu: 9000\n      parameters:\n        stp: true\n');
    const g = generate(d, 'netplan');
    expect(g.notes).toEqual(["kvm-r01-h001: br-vm's port group VLANs are set per VM port (bridge vlan filtering), which netplan does not configure"]);
    const pt = run(base(), [
      { type: 'remove', elements: [], links: [`${H}.vm01.vnic0` as never] },
      { type: 'add', elements: [], links: [link({ id: 'pt', kind: 'passthrough', a: { element: `${H}.vm01`, port: 'vnic0' }, b: { element: NIC, port: 'pf1' } })] },
    ]);
    const withPt = generate(pt, 'netplan').files[0]!.text;
    expect(withPt).not.toContain('"nic0-eth1"');
    expect(generate(makeTemplate('single-host'), 'netplan')).toEqual({ files: [], notes: ['1 esxi host skipped: netplan configures Linux hosts'] });
  });
});

describe('generate switch-intent', () => {
  type Intent = { format: string; version: number; switches: { id: string; lags: { id: string; mlagPeer: string | null; members: string[] }[]; ports: { name: string; cage: string; breakout: string | null; speedGbps: number; connectedTo: { element: string; name: string; port: string } | null; lag: string | null; vlans: number[] | 'all'; sChannels: { svid: number; mode: string }[] }[]; hostPorts?: { name: string; connectedTo: unknown }[]; controllingBridge?: unknown }[] };
  const intentOf = (d: Design) => JSON.parse(generate(d, 'switch-intent').files[0]!.text) as Intent;

  it('lists each ToR port with its cable, LAG (and MLAG peer), VLANs and breakout', () => {
    const d0 = makeTemplate('rack-kvm', { hosts: 2, vmsPerHost: 1 });
    const tor = d0.elements['r01.tor-a'] as ElementOf<'tor'>;
    const d = run(d0, [
      {
        type: 'updateElement',
        id: tor.id,
        // p1 (h002) carries only the VM VLANs; the 100G cage p50 is broken out as 4 × 25G.
        changes: { ports: tor.ports.map((p, i) => (i === 1 ? { ...p, allowedVlans: [120, 110] } : i === 50 ? { ...p, breakout: { lanes: 4 as const, speedGbps: 25 } } : p)) },
      },
    ]);
    const intent = intentOf(d);
    expect([intent.format, intent.version]).toEqual(['rackplane-switch-intent', 1]);
    const a = intent.switches.find((s) => s.id === 'r01.tor-a')!;
    expect(a.lags.find((l) => l.id === 'h001')).toEqual({ id: 'h001', name: 'r01.h001 (MLAG)', lacp: true, mlagPeer: 'r01.tor-b', members: ['p0'] });
    expect(a.lags.find((l) => l.id === 'peer-link')!.members).toEqual(['p48', 'p49']);
    const port = (n: string) => a.ports.find((p) => p.name === n)!;
    expect(port('p0')).toMatchObject({ cage: 'p0', breakout: null, speedGbps: 25, lag: 'h001', vlans: 'all', connectedTo: { element: 'r01.h001.nic0', name: 'kvm-r01-h001 nic0', port: 'eth0' } });
    expect(port('p1').vlans).toEqual([110, 120]);
    expect(a.ports.filter((p) => p.cage === 'p50').map((p) => [p.name, p.breakout, p.speedGbps])).toEqual([
      ['p50/1', '4×25G', 25],
      ['p50/2', '4×25G', 25],
      ['p50/3', '4×25G', 25],
      ['p50/4', '4×25G', 25],
    ]);
    expect(a.ports.some((p) => p.name === 'p50')).toBe(false);
  });

  it('carries the S-channels a multichannel station runs on the port, and a FEX with its controlling bridge', () => {
    const d0 = makeTemplate('rack-kvm', { hosts: 1, vmsPerHost: 1 });
    const vs = vswitch(d0);
    const up0 = Object.values(d0.links).find((l) => l.kind === 'uplink' && l.a.element === vs.id && l.a.port === 'up0')!;
    const d = run(d0, [
      { type: 'updateElement', id: vs.id, changes: { evbMode: 'vepa-multichannel' } },
      { type: 'remove', elements: [], links: [up0.id] },
      { type: 'add', elements: [], links: [link({ id: 'sch', kind: 'sChannel', svid: 10, mode: 'vepa', a: { element: vs.id, port: 'up0' }, b: { element: NIC, port: 'eth0' } })] },
      { type: 'add', elements: [makeElement('fex', { id: 'fex1' as never, name: 'fex-101' }, { hostPorts: 2, uplinks: 1, controllingBridge: 'r01.tor-a' as never })], links: [] },
    ]);
    const intent = intentOf(d);
    const p0 = intent.switches.find((s) => s.id === 'r01.tor-a')!.ports.find((p) => p.name === 'p0')!;
    expect(p0.sChannels).toEqual([{ svid: 10, mode: 'vepa' }]);
    const fex = intent.switches.find((s) => s.id === 'fex1')!;
    expect(fex.controllingBridge).toBe('r01.tor-a');
    expect(fex.hostPorts!.map((p) => [p.name, p.connectedTo])).toEqual([
      ['h0', null],
      ['h1', null],
    ]);
  });
});
