/**
 * netplan per Linux host (`rackplane generate --target netplan`): `<host>/50-rackplane.yaml` for /etc/netplan
 * (https://netplan.readthedocs.io/en/stable/netplan-yaml/), for the hosts whose hypervisor runs on Linux (KVM, Xen,
 * bare metal); ESXi and Hyper-V hosts are skipped with a note.
 *
 * - every NIC port the host drives is an `ethernets` entry matched by its netdev name (a placeholder: udev names it,
 *   the design does not), with the NIC's MTU and, on a physical function with VFs enabled, `virtual-function-count`;
 *   a function passed through whole to a VM is the VM's, not the host's, and is left out;
 * - a virtual switch with two or more active uplinks teams them as a bond in the team's mode (Linux bonding modes by
 *   name; Open vSwitch bonds as `balance-tcp` with LACP active, `balance-slb` or `active-backup`); one uplink joins
 *   the bridge directly;
 * - an Open vSwitch or Linux bridge is a `bridges` entry over its bond or port (`openvswitch: {}` for OVS), with the
 *   switch's MTU and STP setting; VEPA and VN-Tag edges have no host bridge (macvtap devices are libvirt's), and
 *   S-channels (802.1ad S-tags) have no netplan form: both are notes.
 * Every string is written as a JSON string, which is a valid YAML double-quoted scalar.
 */
import type { Design } from '../model/design';
import { functionPf, type ElementOf } from '../model/elements';
import type { TeamPolicy } from '../model/teaming';
import { hostOf } from '../sim/failures';
import { fileNameOf } from './libvirt';
import { netdevPlaceholder } from './placeholder';
import type { GeneratedFile, Generation } from './types';

const LINUX_HYPERVISORS = new Set(['kvm', 'xen', 'bare-metal']);

/** netplan bond parameters for a team policy; null for policies that are not Linux or OVS bonds. */
function bondParameters(p: TeamPolicy): { mode: string; lacp?: 'active'; ovs: boolean } | null {
  if (p.startsWith('linux-')) return { mode: p.slice('linux-'.length), ovs: false };
  if (p === 'ovs-balance-tcp') return { mode: 'balance-tcp', lacp: 'active', ovs: true };
  if (p === 'ovs-balance-slb') return { mode: 'balance-slb', ovs: true };
  if (p === 'ovs-active-backup') return { mode: 'active-backup', ovs: true };
  return null;
}

const q = (s: string) => JSON.stringify(s);
/** A netplan interface id from our names: letters, digits, `.`, `_`, `-`, at most 15 characters (IFNAMSIZ − 1). */
const ifId = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 15);

interface Port {
  id: string;
  nic: ElementOf<'nic'>;
  index: number;
}

function hostYaml(d: Design, host: ElementOf<'host'>, notes: string[]): string {
  const label = host.name || host.id;
  const nics = Object.values(d.elements).filter((e): e is ElementOf<'nic'> => e.kind === 'nic' && hostOf(d, e.id) === host.id);
  nics.sort((a, b) => (a.id < b.id ? -1 : 1));
  const passedThrough = new Set<string>();
  const uplinksOf = new Map<string, { up: string; nic: string; port: string }[]>();
  for (const l of Object.values(d.links)) {
    if (l.kind === 'passthrough') {
      const pf = functionPf(l.b.port);
      if (pf !== null) passedThrough.add(`${l.b.element}\u0000eth${pf}`);
    } else if (l.kind === 'uplink' && hostOf(d, l.a.element) === host.id) {
      const list = uplinksOf.get(l.a.element) ?? [];
      list.push({ up: l.a.port, nic: l.b.element, port: l.b.port });
      uplinksOf.set(l.a.element, list);
    } else if (l.kind === 'sChannel' && hostOf(d, l.a.element) === host.id) {
      notes.push(`${label}: S-channel ${l.svid} on ${l.b.element} ${l.b.port} is an 802.1ad S-tag, which netplan cannot express`);
    }
  }
  const ports = new Map<string, Port>();
  const lines = ['network:', '  version: 2', '  renderer: networkd', '  ethernets:'];
  for (const nic of nics) {
    for (let i = 0; i < nic.ports; i++) {
      if (passedThrough.has(`${nic.id}\u0000eth${i}`)) continue;
      const id = ifId(`${fileNameOf(nic)}-eth${i}`);
      ports.set(`${nic.id}\u0000eth${i}`, { id, nic, index: i });
      lines.push(`    ${q(id)}:`, '      match:', `        name: ${q(netdevPlaceholder(nic.id, `eth${i}`))}`, `      set-name: ${q(id)}`, `      mtu: ${nic.mtu}`);
      const vfs = nic.physicalFunctions[i]?.enabledVfs ?? 0;
      if (vfs > 0) lines.push(`      virtual-function-count: ${vfs}`);
    }
  }
  const bonds: string[] = [];
  const bridges: string[] = [];
  const vswitches = Object.values(d.elements).filter((e): e is ElementOf<'vswitch'> => e.kind === 'vswitch' && e.parent === host.id);
  for (const vs of vswitches.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const name = vs.name || vs.id;
    if (vs.evbMode !== 'veb') {
      notes.push(`${label}: ${name} is a ${vs.evbMode} edge: its VMs use macvtap devices on the uplink (libvirt), so netplan only brings up the ports`);
      continue;
    }
    if (vs.switchKind !== 'ovs' && vs.switchKind !== 'linux-bridge') continue;
    const standby = new Set(vs.standbyUplinks.map((i) => `up${i}`));
    const members = (uplinksOf.get(vs.id) ?? [])
      .sort((a, b) => (a.up < b.up ? -1 : 1))
      .map((u) => ({ ...u, port: ports.get(`${u.nic}\u0000${u.port}`) }))
      .filter((u): u is typeof u & { port: Port } => u.port !== undefined);
    const ovs = vs.switchKind === 'ovs';
    let bridgePorts = members.map((m) => m.port.id);
    const params = bondParameters(vs.teamPolicy);
    if (members.length > 1 && params) {
      const bond = ifId(`bond-${fileNameOf(vs)}`);
      bonds.push(`    ${q(bond)}:`, `      interfaces: [${members.map((m) => q(m.port.id)).join(', ')}]`, `      mtu: ${vs.mtu}`, '      parameters:', `        mode: ${q(params.mode)}`);
      if (params.mode === 'active-backup' && standby.size) {
        const primary = members.find((m) => !standby.has(m.up));
        if (primary) bonds.push(`        primary: ${q(primary.port.id)}`);
      }
      // LACP is an Open vSwitch setting of the bond in netplan (`openvswitch: {lacp: active}`); Linux 802.3ad is LACP itself.
      if (params.ovs) bonds.push(params.lacp ? `      openvswitch:\n        lacp: ${q(params.lacp)}` : '      openvswitch: {}');
      bridgePorts = [bond];
    } else if (members.length > 1) {
      notes.push(`${label}: ${name} teams its uplinks by ${vs.teamPolicy}, which is not a Linux or Open vSwitch bond: they join the bridge as separate ports`);
    }
    const bridge = ifId(/^[A-Za-z0-9_.-]{1,15}$/.test(vs.name) ? vs.name : fileNameOf(vs));
    bridges.push(`    ${q(bridge)}:`, `      interfaces: [${bridgePorts.map(q).join(', ')}]`, `      mtu: ${vs.mtu}`);
    if (ovs) bridges.push('      openvswitch: {}');
    else bridges.push('      parameters:', `        stp: ${vs.stp}`);
    if (!ovs && vs.portGroups.some((pg) => pg.vlan !== null || pg.trunk.length)) notes.push(`${label}: ${name}'s port group VLANs are set per VM port (bridge vlan filtering), which netplan does not configure`);
  }
  if (bonds.length) lines.push('  bonds:', ...bonds);
  if (bridges.length) lines.push('  bridges:', ...bridges);
  if (ports.size === 0) lines.splice(3, 1, '  ethernets: {}');
  return [`# Generated by Rackplane for ${label}; names in PLACEHOLDER-… are not in the design (udev names the ports).`, ...lines, ''].join('\n');
}

/** One netplan file per Linux host. */
export function generateNetplan(d: Design): Generation {
  const notes: string[] = [];
  const files: GeneratedFile[] = [];
  const skipped = new Map<string, number>();
  const hosts = Object.values(d.elements)
    .filter((e): e is ElementOf<'host'> => e.kind === 'host')
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const host of hosts) {
    if (!LINUX_HYPERVISORS.has(host.hypervisor)) {
      skipped.set(host.hypervisor, (skipped.get(host.hypervisor) ?? 0) + 1);
      continue;
    }
    files.push({ path: `${fileNameOf(host)}/50-rackplane.yaml`, text: hostYaml(d, host, notes) });
  }
  for (const [hv, n] of skipped) notes.unshift(`${n} ${hv} host${n === 1 ? '' : 's'} skipped: netplan configures Linux hosts`);
  return { files, notes };
}
