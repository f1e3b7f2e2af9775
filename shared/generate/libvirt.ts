/**
 * libvirt definitions from a design (`rackplane generate --target libvirt`): one domain XML per VM of a KVM host, with
 * its network devices as libvirt's domain format spells them (https://libvirt.org/formatdomain.html#network-interfaces),
 * and one `hostdev` network per SR-IOV physical function that VMs take VFs from
 * (https://libvirt.org/formatnetwork.html, `<forward mode="hostdev">` with `<pf dev>`), so a VF is assigned by pool
 * rather than by a PCI address the design does not hold.
 *
 * A vNIC becomes, by what it attaches to:
 *  - a port group of an Open vSwitch bridge: `<interface type="bridge">` with `<virtualport type="openvswitch"/>` and
 *    the port group's VLAN as `<vlan>` (access tag, or the trunk's tags);
 *  - a port group of a Linux bridge: `<interface type="bridge">`; libvirt cannot tag a plain Linux bridge port, so the
 *    VLAN is listed as a note (a per-VLAN bridge or a VLAN-filtering bridge sets it);
 *  - a VEPA or multichannel vSwitch: macvtap `<interface type="direct">` in `mode="vepa"` on the uplink's netdev (a VLAN
 *    sub-interface `<dev>.<vlan>` for a tagged port group), with `<virtualport type="802.1Qbg">` and its VSI parameters
 *    when the vNIC has a VSI profile (VDP);
 *  - a VN-Tag / 802.1BR vSwitch: macvtap in `mode="passthrough"` with `<virtualport type="802.1Qbh">` naming the port
 *    group as its port profile (the controlling bridge applies it);
 *  - a VF: `<interface type="network">` on the PF's hostdev network, with the VF's VLAN;
 *  - a PF or a whole device passed through: `<hostdev>` needs the device's PCI address, which the design does not hold:
 *    a marked comment stands in its place and a note says so.
 * What the design does not say is a placeholder (placeholder.ts), never invented.
 */
import type { Design } from '../model/design';
import type { ElementOf } from '../model/elements';
import type { Link } from '../model/links';
import { escapeXml } from '../export/xml';
import { netdevPlaceholder, placeholder } from './placeholder';
import type { GeneratedFile, Generation } from './types';

const DEVICE_NAME = /^[a-zA-Z0-9_.\-\\:/]+$/;
/** A file name for an element: its name when that is safe, else its id. */
export const fileNameOf = (el: { id: string; name: string }): string => (/^[A-Za-z0-9][A-Za-z0-9_.-]{0,100}$/.test(el.name) ? el.name : el.id.replace(/[^A-Za-z0-9_.-]+/g, '_'));

/** The network (and file) name of a PF's VF pool. */
const poolName = (nic: ElementOf<'nic'>, pf: number) => `${fileNameOf(nic)}-pf${pf}-vfs`.replace(/[^A-Za-z0-9_.-]+/g, '_');

interface Ctx {
  d: Design;
  notes: string[];
  /** PF pools the VMs use: network name → (nic, pf). */
  pools: Map<string, { nic: ElementOf<'nic'>; pf: number }>;
  linksByVm: Map<string, Link[]>;
  uplinksOf: Map<string, Link[]>;
}

const attr = (s: string | number) => `"${escapeXml(String(s))}"`;

function vlanXml(vlan: number | null, trunk: readonly number[]): string[] {
  if (trunk.length) return ['      <vlan trunk="yes">', ...[...trunk].sort((a, b) => a - b).map((t) => `        <tag id=${attr(t)}/>`), '      </vlan>'];
  return vlan === null ? [] : ['      <vlan>', `        <tag id=${attr(vlan)}/>`, '      </vlan>'];
}

/** The netdev a macvtap vNIC sits on: the vSwitch's first uplink's NIC port (S-channel: its port, tagged in the NIC). */
function uplinkDev(c: Ctx, vs: ElementOf<'vswitch'>, vmName: string): string {
  const up = (c.uplinksOf.get(vs.id) ?? []).sort((a, b) => (a.a.port < b.a.port ? -1 : 1))[0];
  if (!up) {
    c.notes.push(`${vmName}: ${vs.name || vs.id} has no uplink, so its macvtap device is a placeholder`);
    return placeholder('uplink-of', vs.id);
  }
  return netdevPlaceholder(up.b.element, up.b.port);
}

function vnicXml(c: Ctx, vm: ElementOf<'vm'>, vnic: ElementOf<'vm'>['vnics'][number], link: Link | undefined): string[] {
  const label = `${vm.name || vm.id} ${vnic.id}`;
  const mac = vnic.mac ? [`      <mac address=${attr(vnic.mac)}/>`] : [];
  if (!link) {
    c.notes.push(`${label}: not attached to anything in the design, so it is left out`);
    return [];
  }
  if (link.kind === 'vf') {
    const nic = c.d.elements[link.b.element];
    const pf = /^pf(\d+)\.vf\d+$/.exec(link.b.port);
    if (nic?.kind !== 'nic' || !pf) return [];
    const pool = poolName(nic, Number(pf[1]));
    c.pools.set(pool, { nic, pf: Number(pf[1]) });
    return [`    <interface type="network">`, ...mac, `      <source network=${attr(pool)}/>`, ...vlanXml(vnic.vlan, []), `    </interface>`];
  }
  if (link.kind === 'passthrough') {
    c.notes.push(`${label}: ${link.b.element} ${link.b.port} is passed through whole; its <hostdev> needs the PCI address (lspci -D), which the design does not hold`);
    return [`    <!-- ${placeholder('hostdev', link.b.element, link.b.port)}: <hostdev mode="subsystem" type="pci" managed="yes"> with the device's PCI address -->`];
  }
  if (link.kind !== 'vnic') return [];
  const vs = c.d.elements[link.b.element];
  if (vs?.kind !== 'vswitch') return [];
  const pg = vs.portGroups.find((p) => `pg.${p.id}` === link.b.port);
  const vlan = vnic.vlan ?? pg?.vlan ?? null;
  const trunk = pg?.trunk ?? [];
  const model = [`      <model type="virtio"/>`];
  if (vs.evbMode === 'vepa' || vs.evbMode === 'vepa-multichannel') {
    const dev = uplinkDev(c, vs, vm.name || vm.id) + (vlan !== null ? `.${vlan}` : '');
    const vsi = vnic.vsi
      ? [
          `      <virtualport type="802.1Qbg">`,
          `        <parameters managerid=${attr(vnic.vsi.managerId)} typeid=${attr(vnic.vsi.typeId)} typeidversion=${attr(vnic.vsi.typeVersion)}${vnic.vsi.instanceId ? ` instanceid=${attr(vnic.vsi.instanceId)}` : ''}/>`,
          `      </virtualport>`,
        ]
      : [];
    return [`    <interface type="direct">`, ...mac, `      <source dev=${attr(dev)} mode="vepa"/>`, ...vsi, ...model, `    </interface>`];
  }
  if (vs.evbMode === 'vntag') {
    const dev = uplinkDev(c, vs, vm.name || vm.id);
    const profile = (pg?.name ?? link.b.port).replace(/[^A-Za-z0-9_.-]+/g, '_');
    return [`    <interface type="direct">`, ...mac, `      <source dev=${attr(dev)} mode="passthrough"/>`, `      <virtualport type="802.1Qbh">`, `        <parameters profileid=${attr(profile)}/>`, `      </virtualport>`, ...model, `    </interface>`];
  }
  const bridge = DEVICE_NAME.test(vs.name) ? vs.name : placeholder('bridge', vs.id);
  if (bridge !== vs.name) c.notes.push(`${label}: bridge name "${vs.name}" is not a valid interface name, so it is a placeholder`);
  if (vs.switchKind === 'ovs') return [`    <interface type="bridge">`, ...mac, `      <source bridge=${attr(bridge)}/>`, `      <virtualport type="openvswitch"/>`, ...vlanXml(vlan, trunk), ...model, `    </interface>`];
  if (vlan !== null || trunk.length) c.notes.push(`${label}: VLAN ${trunk.length ? trunk.join(',') : vlan} is set on the Linux bridge (a per-VLAN bridge or bridge vlan filtering), which libvirt cannot tag`);
  return [`    <interface type="bridge">`, ...mac, `      <source bridge=${attr(bridge)}/>`, ...model, `    </interface>`];
}

function domainXml(c: Ctx, host: ElementOf<'host'>, vm: ElementOf<'vm'>): string {
  const links = c.linksByVm.get(vm.id) ?? [];
  const devices = vm.vnics.flatMap((v) =>
    vnicXml(
      c,
      vm,
      v,
      links.find((l) => l.a.element === vm.id && l.a.port === v.id),
    ),
  );
  // Whole devices (GPU, HBA, NVMe, accelerator) sit on the VM's `hostdev` port.
  for (const l of links) if (l.kind === 'passthrough' && l.a.port === 'hostdev') devices.push(...vnicXml(c, vm, { id: 'hostdev', mac: null, vlan: null, team: null }, l));
  return [
    `<!-- Generated by Rackplane from VM ${escapeXml(vm.name || vm.id)} on host ${escapeXml(host.name || host.id)}; values named PLACEHOLDER-… are not in the design. -->`,
    `<domain type="kvm">`,
    `  <name>${escapeXml(vm.name || vm.id)}</name>`,
    `  <memory unit="MiB">${Math.max(1, Math.round(vm.memoryGiB * 1024))}</memory>`,
    `  <vcpu>${vm.vcpus}</vcpu>`,
    `  <os>`,
    `    <type arch="x86_64">hvm</type>`,
    `  </os>`,
    `  <devices>`,
    ...devices,
    `  </devices>`,
    `</domain>`,
    '',
  ].join('\n');
}

function poolXml(name: string, nic: ElementOf<'nic'>, pf: number): string {
  return [
    `<!-- Generated by Rackplane: the VFs of ${escapeXml(nic.name || nic.id)} physical function ${pf}, handed to VMs by libvirt. -->`,
    `<network>`,
    `  <name>${escapeXml(name)}</name>`,
    `  <forward mode="hostdev" managed="yes">`,
    `    <pf dev=${attr(netdevPlaceholder(nic.id, `eth${pf}`))}/>`,
    `  </forward>`,
    `</network>`,
    '',
  ].join('\n');
}

/** Domain XML per VM of every KVM host, and a hostdev network per PF the VMs take VFs from. */
export function generateLibvirt(d: Design): Generation {
  const c: Ctx = { d, notes: [], pools: new Map(), linksByVm: new Map(), uplinksOf: new Map() };
  for (const l of Object.values(d.links)) {
    if (l.kind === 'uplink' || l.kind === 'sChannel') {
      const list = c.uplinksOf.get(l.a.element);
      if (list) list.push(l);
      else c.uplinksOf.set(l.a.element, [l]);
    } else if (l.kind === 'vnic' || l.kind === 'vf' || l.kind === 'passthrough') {
      const list = c.linksByVm.get(l.a.element);
      if (list) list.push(l);
      else c.linksByVm.set(l.a.element, [l]);
    }
  }
  const files: GeneratedFile[] = [];
  const skipped = new Map<string, number>();
  const vms = Object.values(d.elements)
    .filter((e): e is ElementOf<'vm'> => e.kind === 'vm')
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const vm of vms) {
    const host = vm.parent !== null ? d.elements[vm.parent] : undefined;
    if (host?.kind !== 'host') continue;
    if (host.hypervisor !== 'kvm') {
      skipped.set(host.hypervisor, (skipped.get(host.hypervisor) ?? 0) + 1);
      continue;
    }
    files.push({ path: `${fileNameOf(host)}/${fileNameOf(vm)}.xml`, text: domainXml(c, host, vm) });
  }
  for (const [name, { nic, pf }] of [...c.pools].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const host = nic.parent !== null ? d.elements[nic.parent] : undefined;
    files.push({ path: `${host ? `${fileNameOf(host)}/` : ''}networks/${name}.xml`, text: poolXml(name, nic, pf) });
  }
  for (const [hv, n] of skipped) c.notes.unshift(`${n} VM${n === 1 ? '' : 's'} on ${hv} hosts skipped: libvirt defines KVM guests`);
  return { files, notes: c.notes };
}
