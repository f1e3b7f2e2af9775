/**
 * Where a VM could live instead (placement advice, placement.ts): the hosts that could take it by MIG-001's rules, and
 * the vNIC attachments it would get there. A VM moves with its vNICs only: a VF, a passed-through device or an
 * S-channel is hardware of its host that a live migration cannot carry (IOV-003), so such a VM is never moved.
 */
import type { Design } from '../model/design';
import type { ElementOf, PortGroup } from '../model/elements';
import type { EndpointRef } from '../model/links';
import { logicalCpus } from '../validate/rules/migration';

/** One vNIC link of a moved VM and the port group it is re-attached to on the destination. */
export interface Reattach {
  link: string;
  to: EndpointRef;
}

/** A VM network as vMotion matches it at the destination: the port group's name and VLANs (DOMAIN.md §3 MIG-001). */
const pgKey = (pg: PortGroup) => `${pg.name}\u0000${pg.vlan ?? '-'}\u0000${[...pg.trunk].sort((a, b) => a - b).join(',')}`;

export interface HostFacts {
  host: ElementOf<'host'>;
  logicalCpus: number;
  /** Memory not given to VMs, GiB (placement.ts lowers it as it plans moves onto the host). */
  freeMemGiB: number;
  vswitches: ElementOf<'vswitch'>[];
}

/** A VM's vNIC attachments, or why it cannot move. */
export interface VmFacts {
  vm: ElementOf<'vm'>;
  host: string;
  vnics: { link: string; vswitch: ElementOf<'vswitch'>; pg: PortGroup }[];
  /** Why the VM stays where it is (hardware of its host attached), null when it can move. */
  pinned: string | null;
}

/** Hosts with their headroom and virtual switches, in one pass. */
export function hostFacts(d: Design): Map<string, HostFacts> {
  const out = new Map<string, HostFacts>();
  for (const e of Object.values(d.elements)) if (e.kind === 'host') out.set(e.id, { host: e, logicalCpus: logicalCpus(e), freeMemGiB: e.memoryGiB, vswitches: [] });
  for (const e of Object.values(d.elements)) {
    if (e.parent === null) continue;
    const h = out.get(e.parent);
    if (!h) continue;
    if (e.kind === 'vm') h.freeMemGiB -= e.memoryGiB;
    else if (e.kind === 'vswitch') h.vswitches.push(e);
  }
  return out;
}

const ATTACHMENT_WORDS: Record<string, string> = { vf: 'a VF', passthrough: 'a device passed through', sChannel: 'an S-channel' };

/** Every VM in a host, with its vNIC attachments or why it is pinned. */
export function vmFacts(d: Design): Map<string, VmFacts> {
  const out = new Map<string, VmFacts>();
  for (const e of Object.values(d.elements)) if (e.kind === 'vm' && e.parent !== null && d.elements[e.parent]?.kind === 'host') out.set(e.id, { vm: e, host: e.parent, vnics: [], pinned: null });
  for (const l of Object.values(d.links)) {
    const f = out.get(l.a.element) ?? out.get(l.b.element);
    if (!f) continue;
    if (l.kind === 'vnic') {
      const vs = d.elements[l.b.element];
      const pg = vs?.kind === 'vswitch' && l.b.port.startsWith('pg.') ? vs.portGroups.find((p) => p.id === l.b.port.slice(3)) : undefined;
      if (vs?.kind === 'vswitch' && pg) f.vnics.push({ link: l.id, vswitch: vs, pg });
    } else {
      f.pinned ??= `holds ${ATTACHMENT_WORDS[l.kind] ?? `a ${l.kind} link`} of its host, which a live migration cannot carry (IOV-003)`;
    }
  }
  return out;
}

/**
 * Whether `to` can take the VM (MIG-001: same hypervisor, the VM's networks, at least its vCPUs in logical CPUs, memory
 * headroom) and where each vNIC attaches there; a reason otherwise. A vNIC on a distributed switch needs a member of
 * the same distributed switch (that is the vMotion cluster); one on a host-local switch, any switch with the network.
 */
export function fitOn(v: VmFacts, from: HostFacts, to: HostFacts): Reattach[] | string {
  if (v.pinned) return v.pinned;
  if (to.host.hypervisor !== from.host.hypervisor) return `runs ${to.host.hypervisor}, not ${from.host.hypervisor}`;
  if (to.logicalCpus < v.vm.vcpus) return `${to.logicalCpus} logical CPUs, fewer than the VM's ${v.vm.vcpus} vCPUs`;
  if (to.freeMemGiB < v.vm.memoryGiB) return `${Math.max(0, to.freeMemGiB)} GiB free of ${v.vm.memoryGiB} GiB needed`;
  const out: Reattach[] = [];
  for (const n of v.vnics) {
    const key = pgKey(n.pg);
    let found: Reattach | null = null;
    for (const vs of to.vswitches) {
      if (n.vswitch.distributedName !== null && vs.distributedName !== n.vswitch.distributedName) continue;
      const pg = vs.portGroups.find((p) => pgKey(p) === key);
      if (pg) {
        found = { link: n.link, to: { element: vs.id, port: `pg.${pg.id}` as EndpointRef['port'] } };
        break;
      }
    }
    if (!found) return `no network "${n.pg.name}"${n.vswitch.distributedName !== null ? ` on distributed switch "${n.vswitch.distributedName}"` : ''}`;
    out.push(found);
  }
  return out;
}
