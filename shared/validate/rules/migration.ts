/** Live-migration readiness inside a cluster: networks, CPU and memory at each possible destination (DOMAIN.md §3 MIG-001). */
import type { ElementOf, PortGroup } from '../../model/elements';
import { listNames, nameOf } from '../format';
import { diag, type Diagnostic, type FabricContext, type FabricRule, type HostContext } from '../types';
import { portGroupAt } from './l2';

/**
 * vCPUs a destination may run per hardware thread (cores × threads per core). 1 checks the no-contention case a
 * design should start from; consolidation designs that plan for CPU overcommit would raise it.
 */
export const VCPU_PER_THREAD = 1;

/** A VM network as vMotion matches it: the switch (distributed name, or a host-local switch), port group name and VLANs. */
const networkKey = (vs: ElementOf<'vswitch'>, pg: PortGroup): string => {
  // Every VM's vNIC asks for its port group's key: build it once per (immutable) port group record and switch name.
  const hit = networkKeys.get(pg);
  if (hit !== undefined && hit.distributedName === vs.distributedName) return hit.key;
  const key = `${vs.distributedName ?? ''}\u0000${pg.name}\u0000${pg.vlan ?? '-'}\u0000${[...pg.trunk].sort((a, b) => a - b).join(',')}`;
  networkKeys.set(pg, { distributedName: vs.distributedName, key });
  return key;
};
const networkKeys = new WeakMap<PortGroup, { distributedName: string | null; key: string }>();

const networkLabel = (pg: PortGroup) => `"${pg.name}" (${pg.vlan === null ? 'untagged' : `VLAN ${pg.vlan}`})`;

interface HostLoad {
  host: ElementOf<'host'>;
  freeVcpus: number;
  freeMemGiB: number;
  networks: Set<string>;
  /** Largest VM on the host, for the cluster-wide fast path. */
  maxVcpus: number;
  maxMemGiB: number;
}

/** A VM and the networks its vNICs use, as a destination must offer them. */
interface VmNeeds {
  vm: ElementOf<'vm'>;
  networks: { key: string; label: string }[];
}

/** What MIG-001 needs of one host: its headroom, its distributed switches and its VMs' needs. */
interface MigrationFacts {
  load: HostLoad;
  /** Distributed switch names of the host's virtual switches. */
  distributed: string[];
  vms: VmNeeds[];
}

function collectMigration(ctx: HostContext): MigrationFacts {
  const host = ctx.host;
  let vcpus = 0;
  let mem = 0;
  let maxVcpus = 0;
  let maxMemGiB = 0;
  const vms: VmNeeds[] = [];
  for (const vm of ctx.children('vm')) {
    vcpus += vm.vcpus;
    mem += vm.memoryGiB;
    maxVcpus = Math.max(maxVcpus, vm.vcpus);
    maxMemGiB = Math.max(maxMemGiB, vm.memoryGiB);
    const networks: VmNeeds['networks'] = [];
    for (const l of ctx.linksOf(vm.id)) {
      if (l.kind !== 'vnic') continue;
      // The port group may be on a switch in another host: reading it through the context records the dependency.
      const vs = ctx.element(l.b.element);
      const pg = vs?.kind === 'vswitch' ? portGroupAt(vs, l.b.port) : undefined;
      if (!vs || vs.kind !== 'vswitch' || !pg) continue;
      networks.push({ key: networkKey(vs, pg), label: networkLabel(pg) });
    }
    vms.push({ vm, networks });
  }
  const threads = host.sockets.reduce((s, k) => s + k.cores * k.threadsPerCore, 0);
  const networks = new Set<string>();
  const distributed: string[] = [];
  for (const vs of ctx.children('vswitch')) {
    for (const pg of vs.portGroups) networks.add(networkKey(vs, pg));
    if (vs.distributedName !== null) distributed.push(vs.distributedName);
  }
  const load = { host, freeVcpus: threads * VCPU_PER_THREAD - vcpus, freeMemGiB: host.memoryGiB - mem, networks, maxVcpus, maxMemGiB };
  return { load, distributed, vms };
}

/** Hosts that share a distributed switch with a host, and what each can still take. */
interface Cluster {
  name: string;
  hosts: HostLoad[];
  /** Hosts of the cluster having each network. */
  networkHosts: Map<string, number>;
  byFreeCpu: HostLoad[];
  byFreeMem: HostLoad[];
  hypervisors: Set<string>;
  /** Every host has every network, one hypervisor and room for the largest VM: no VM needs a closer look. */
  healthy: boolean;
}

function buildClusters(ctx: FabricContext, facts: ReadonlyMap<string, MigrationFacts>): Map<string, Cluster> {
  const groups = new Map<string, Set<string>>();
  const hostGroups = new Map<string, Set<string>>();
  for (const host of ctx.ofKind('host')) {
    const f = facts.get(host.id);
    if (!f) continue;
    for (const name of f.distributed) {
      let g = groups.get(name);
      if (!g) groups.set(name, (g = new Set()));
      g.add(host.id);
      let hg = hostGroups.get(host.id);
      if (!hg) hostGroups.set(host.id, (hg = new Set()));
      hg.add(name);
    }
  }
  // A host in several distributed switches can send VMs to the hosts of all of them: one cluster per combination.
  const clusters = new Map<string, Cluster>();
  const byHost = new Map<string, Cluster>();
  for (const [host, names] of hostGroups) {
    const key = [...names].sort().join('\u0000');
    let c = clusters.get(key);
    if (!c) {
      const members = new Set<string>();
      for (const n of names) for (const h of groups.get(n)!) members.add(h);
      const hosts = [...members].sort().map((id) => facts.get(id)!.load);
      const networkHosts = new Map<string, number>();
      for (const h of hosts) for (const k of h.networks) networkHosts.set(k, (networkHosts.get(k) ?? 0) + 1);
      const byFreeCpu = [...hosts].sort((a, b) => a.freeVcpus - b.freeVcpus);
      const byFreeMem = [...hosts].sort((a, b) => a.freeMemGiB - b.freeMemGiB);
      const hypervisors = new Set(hosts.map((h) => h.host.hypervisor));
      const healthy =
        hypervisors.size === 1 &&
        [...networkHosts.values()].every((n) => n === hosts.length) &&
        byFreeCpu[0]!.freeVcpus >= Math.max(...hosts.map((h) => h.maxVcpus)) &&
        byFreeMem[0]!.freeMemGiB >= Math.max(...hosts.map((h) => h.maxMemGiB));
      c = { name: listNames([...names].sort().map((n) => `"${n}"`)), hosts, networkHosts, byFreeCpu, byFreeMem, hypervisors, healthy };
      clusters.set(key, c);
    }
    byHost.set(host, c);
  }
  return byHost;
}

export const MIG_001: FabricRule<MigrationFacts> = {
  id: 'MIG-001',
  severity: 'warning',
  scope: 'fabric',
  title: 'Migration readiness',
  description:
    "Every host sharing a distributed switch with a VM's host could take the VM: same hypervisor, the VM's port-group networks (name and VLANs), and vCPU and memory headroom; one diagnostic per VM lists the hosts that cannot.",
  source: 'VMware vSphere vMotion requirements (destination networks matched by label, CPU and memory admission on the destination host)',
  reads: { elements: ['host', 'vm', 'vswitch'], links: ['vnic'] },
  collect: collectMigration,
  check(ctx, facts) {
    const out: Diagnostic[] = [];
    const clusters = buildClusters(ctx, facts);
    for (const [hostId, cluster] of clusters) {
      if (cluster.hosts.length < 2 || cluster.healthy) continue;
      const { load, vms } = facts.get(hostId)!;
      const host = load.host;
      for (const { vm, networks } of vms) {
        // Allocated only for the rare VM that some host cannot take.
        let reasons: Map<HostLoad, string[]> | null = null;
        const note = (h: HostLoad, why: string) => {
          if (h.host.id === hostId) return;
          reasons ??= new Map();
          const list = reasons.get(h);
          if (list) list.push(why);
          else reasons.set(h, [why]);
        };
        for (const { key, label } of networks) {
          if ((cluster.networkHosts.get(key) ?? 0) >= cluster.hosts.length) continue;
          for (const h of cluster.hosts) if (!h.networks.has(key)) note(h, `no network ${label}`);
        }
        // Sorted by headroom, the hosts short of CPU or memory are a prefix of the list.
        for (const h of cluster.byFreeCpu) {
          if (h.freeVcpus >= vm.vcpus) break;
          note(h, `${Math.max(0, h.freeVcpus)} vCPUs free of ${vm.vcpus} needed`);
        }
        for (const h of cluster.byFreeMem) {
          if (h.freeMemGiB >= vm.memoryGiB) break;
          note(h, `${Math.max(0, h.freeMemGiB)} GiB free of ${vm.memoryGiB} GiB needed`);
        }
        if (cluster.hypervisors.size > 1) for (const h of cluster.hosts) if (h.host.hypervisor !== host.hypervisor) note(h, `runs ${h.host.hypervisor}, not ${host.hypervisor}`);
        if (reasons === null) continue;
        const blocked = [...(reasons as Map<HostLoad, string[]>).entries()].sort(([a], [b]) => (a.host.id < b.host.id ? -1 : 1));
        const all = blocked.length === cluster.hosts.length - 1;
        const details = blocked.map(([h, why]) => `${nameOf(h.host)} (${why.join(', ')})`);
        out.push(
          diag(this, `${nameOf(vm)} on ${nameOf(host)} cannot live-migrate to ${all ? `any other host of distributed switch ${cluster.name}: ` : ''}${listNames(details, 3)}; give ${blocked.length === 1 ? 'that host' : 'those hosts'} the VM's networks and spare capacity.`, [vm.id, hostId, ...blocked.map(([h]) => h.host.id)]),
        );
      }
    }
    return out;
  },
};

export const MIGRATION_RULES: readonly FabricRule[] = [MIG_001];
