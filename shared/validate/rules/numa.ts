/** NUMA locality of assigned devices: a pinned VM's VFs and passthrough devices sit under its own socket (DOMAIN.md §3 NUMA-001). */
import type { ElementOf } from '../../model/elements';
import { diag, type Diagnostic, type HostContext, type HostRule } from '../types';
import { pcieTreeOf, rootsOf } from '../pcie-tree';
import { listNames, nameOf } from '../format';

const sockets = (list: readonly number[]) => `${list.length === 1 ? 'socket' : 'sockets'} ${listNames(list.map(String))}`;

/** A pinned VM's VFs or whole functions on one device whose root complexes are all on sockets the VM does not use. */
interface RemoteDevice {
  vm: ElementOf<'vm'>;
  device: ElementOf<'nic'> | ElementOf<'endpoint'>;
  deviceSockets: number[];
  ports: string[];
  links: string[];
}

/** Sockets of the root complexes a device hangs from (empty when it is not wired to one). */
function deviceSockets(ctx: HostContext, id: string): number[] {
  const out = new Set<number>();
  for (const rc of rootsOf(pcieTreeOf(ctx), id)) {
    const el = ctx.element(rc);
    if (el?.kind === 'rootComplex') out.add(el.socket);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Devices holding VFs of pinned VMs of the host that sit under none of the VM's sockets, one entry per VM and device;
 * and for each such VM, the sockets of every device it holds VFs of (near or far), which decide the quick fix.
 */
function remoteDevices(ctx: HostContext): { remote: RemoteDevice[]; socketsByVm: Map<string, Set<number>> } {
  const found = new Map<string, RemoteDevice>();
  const socketsOf = new Map<string, number[]>();
  const socketsByVm = new Map<string, Set<number>>();
  for (const l of [...ctx.hostLinks('vf'), ...ctx.hostLinks('passthrough')]) {
    const vm = ctx.element(l.a.element);
    const device = ctx.element(l.b.element);
    // A VF of another server's device is IOV-002's finding; locality is judged in the VM's own server.
    if (vm?.kind !== 'vm' || vm.parent !== ctx.host.id || vm.numaNodes.length === 0) continue;
    if ((device?.kind !== 'nic' && device?.kind !== 'endpoint') || device.parent !== ctx.host.id) continue;
    let at = socketsOf.get(device.id);
    if (!at) socketsOf.set(device.id, (at = deviceSockets(ctx, device.id)));
    if (at.length === 0) continue;
    const all = socketsByVm.get(vm.id) ?? new Set<number>();
    for (const s of at) all.add(s);
    socketsByVm.set(vm.id, all);
    if (at.some((s) => vm.numaNodes.includes(s))) continue;
    const key = `${vm.id}\u0000${device.id}`;
    const entry = found.get(key);
    if (entry) {
      entry.ports.push(l.b.port);
      entry.links.push(l.id);
    } else found.set(key, { vm, device, deviceSockets: at, ports: [l.b.port], links: [l.id] });
  }
  return { remote: [...found.values()], socketsByVm };
}

const isVfPort = (port: string) => port.includes('.vf');

/** "pf0.vf0 of h1.nic", "the whole of h1.gpu", "pf1 (whole) of h1.nic". */
function held(r: RemoteDevice): string {
  if (r.ports.length === 1 && r.ports[0] === 'dev') return `the whole of ${nameOf(r.device)}`;
  return `${listNames(r.ports.map((p) => (isVfPort(p) ? p : `${p} (whole)`)))} of ${nameOf(r.device)}`;
}

export const NUMA_001: HostRule = {
  id: 'NUMA-001',
  severity: 'warning',
  scope: 'host',
  title: 'Assigned devices on the VM\'s socket',
  description:
    'A VM pinned to sockets (NUMA nodes) holds VFs and passthrough devices (whole PFs, GPUs, HBAs, NVMe controllers, accelerators) only under a root complex of one of those sockets, else every DMA and interrupt crosses the socket interconnect; pinning it to a socket the server does not have is an error.',
  source:
    'OpenStack Nova PCI NUMA affinity policies (hw:pci_numa_affinity_policy required/preferred/legacy/socket; specs share-pci-between-numa-nodes, pci-socket-affinity); Kubernetes Topology Manager (restricted and single-numa-node policies align CPUs and devices such as SR-IOV VFs on one NUMA node); libvirt numatune (a nodeset the host lacks fails the start)',
  check(ctx) {
    const out: Diagnostic[] = [];
    const have = ctx.host.sockets.length;
    let pinned = false;
    for (const vm of ctx.children('vm')) {
      if (vm.numaNodes.length === 0) continue;
      pinned = true;
      const missing = vm.numaNodes.filter((n) => n >= have);
      if (missing.length === 0) continue;
      // Not a locality question: the hypervisor cannot place the VM at all (libvirt refuses a nodeset the host lacks).
      const keep = vm.numaNodes.filter((n) => n < have);
      out.push(
        diag(
          this,
          `${nameOf(vm)} is pinned to ${sockets(missing)}, but ${nameOf(ctx.host)} has ${have} ${have === 1 ? 'socket' : 'sockets'} (0${have > 1 ? `-${have - 1}` : ''}): the hypervisor cannot place its vCPUs and memory there, so it does not start; pin it to sockets the server has${keep.length ? '' : ' or unpin it'}.`,
          [vm.id, ctx.host.id],
          [],
          { label: keep.length ? `Drop ${sockets(missing)} from ${vm.name || vm.id}` : `Unpin ${vm.name || vm.id}`, commands: [{ type: 'updateElement', id: vm.id, changes: { numaNodes: keep } }] },
          'error',
        ),
      );
    }
    if (!pinned) return out;
    const { remote, socketsByVm } = remoteDevices(ctx);
    for (const r of remote) {
      // Pinning the VM to its devices' socket fixes it only when every device it holds VFs of is on that one socket.
      const t = [...socketsByVm.get(r.vm.id)!];
      const fix =
        t.length === 1 && t[0]! < have
          ? { label: `Pin ${r.vm.name || r.vm.id} to socket ${t[0]}`, commands: [{ type: 'updateElement' as const, id: r.vm.id, changes: { numaNodes: [t[0]!] } }] }
          : undefined;
      out.push(
        diag(
          this,
          `${nameOf(r.vm)} runs on ${sockets(r.vm.numaNodes)} but holds ${held(r)}, which sits under the root complex of ${sockets(r.deviceSockets)}: every DMA and interrupt of ${r.ports.length === 1 && !isVfPort(r.ports[0]!) ? 'the device' : 'those functions'} crosses the socket interconnect (Nova's 'required' PCI NUMA policy and Kubernetes' single-numa-node Topology Manager would refuse this placement); pin the VM to ${sockets(r.deviceSockets)} or give it ${r.ports.every(isVfPort) ? 'VFs of a device' : 'a device'} on its own socket.`,
          [r.vm.id, r.device.id],
          r.links,
          fix,
        ),
      );
    }
    return out;
  },
};

export const NUMA_RULES: readonly HostRule[] = [NUMA_001];
