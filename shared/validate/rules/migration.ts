/** Live-migration readiness inside a cluster: networks, logical CPUs and memory at each possible destination (DOMAIN.md §3 MIG-001). */
import type { ElementOf, PortGroup } from '../../model/elements';
import { listNames, nameOf } from '../format';
import { diag, type Diagnostic, type FabricContext, type FabricRule, type HostContext } from '../types';
import { portGroupAt } from './vlans';

/**
 * Logical CPUs of a host: sockets × cores × threads per core. vSphere: "A virtual machine cannot have more virtual CPUs
 * than the number of logical cores on the host" (vSphere Virtual Machine Administration, "Virtual CPU Limitations").
 * vCPU overcommit (the sum of every VM's vCPUs above the host's logical CPUs; 3-5:1 is common) is a scheduling matter
 * and blocks no vMotion, so the check compares one VM with the destination, not the sum.
 */
export function logicalCpus(host: ElementOf<'host'>): number {
  return host.sockets.reduce((s, k) => s + k.cores * k.threadsPerCore, 0);
}

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
  /** Logical CPUs (hardware threads): the most vCPUs a VM may have to run there. */
  logicalCpus: number;
  freeMemGiB: number;
  networks: Set<string>;
  /** Largest VM on the host, for the cluster-wide fast path. */
  maxVcpus: number;
  maxMemGiB: number;
}

/** A VM and the networks its vNICs use, as a destination must offer them. */
interface VmNeeds {
  vm: ElementOf<'vm'>;
  /** The port group record itself (immutable): its label is spelled out only for a VM some host cannot take. */
  networks: { key: string; pg: PortGroup }[];
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
  let mem = 0;
  let maxVcpus = 0;
  let maxMemGiB = 0;
  const vms: VmNeeds[] = [];
  for (const vm of ctx.children('vm')) {
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
      networks.push({ key: networkKey(vs, pg), pg });
    }
    vms.push({ vm, networks });
  }
  const networks = new Set<string>();
  const distributed: string[] = [];
  for (const vs of ctx.children('vswitch')) {
    for (const pg of vs.portGroups) networks.add(networkKey(vs, pg));
    if (vs.distributedName !== null) distributed.push(vs.distributedName);
  }
  const load = { host, logicalCpus: logicalCpus(host), freeMemGiB: host.memoryGiB - mem, networks, maxVcpus, maxMemGiB };
  return { load, distributed, vms };
}

/** Hosts that share a distributed switch with a host, and what each can still take. */
interface Cluster {
  name: string;
  /** By host id. */
  hosts: HostLoad[];
  ids: Set<string>;
  /** Hosts of the cluster having each network. */
  networkHosts: Map<string, number>;
  /** By logical CPUs, fewest first. */
  byFreeCpu: HostLoad[];
  byFreeMem: HostLoad[];
  hypervisors: Set<string>;
  /** Every host has every network, one hypervisor, logical CPUs and memory for the largest VM: no VM needs a closer look. */
  healthy: boolean;
}

const byId = (a: HostLoad, b: HostLoad) => (a.host.id < b.host.id ? -1 : a.host.id > b.host.id ? 1 : 0);
// Ties by id, as a stable sort of the id-ordered list gives, so that an update can insert where a rebuild would.
const byCpu = (a: HostLoad, b: HostLoad) => a.logicalCpus - b.logicalCpus || byId(a, b);
const byMem = (a: HostLoad, b: HostLoad) => a.freeMemGiB - b.freeMemGiB || byId(a, b);

function isHealthy(c: Cluster): boolean {
  if (c.hypervisors.size !== 1) return false;
  for (const n of c.networkHosts.values()) if (n !== c.hosts.length) return false;
  let maxVcpus = 0;
  let maxMemGiB = 0;
  for (const h of c.hosts) {
    if (h.maxVcpus > maxVcpus) maxVcpus = h.maxVcpus;
    if (h.maxMemGiB > maxMemGiB) maxMemGiB = h.maxMemGiB;
  }
  return c.byFreeCpu[0]!.logicalCpus >= maxVcpus && c.byFreeMem[0]!.freeMemGiB >= maxMemGiB;
}

/**
 * MIG-001's combination, kept across passes: the clusters, each host's findings, and the facts they came from. A VM
 * edit changes one host's headroom; only the VMs whose verdict on that host can change are looked at again.
 */
interface MigrationState {
  built: boolean;
  /** Each host's own cluster (the combination of its distributed switches). */
  byHost: Map<string, Cluster>;
  /** Hosts whose own cluster each cluster is. */
  owners: Map<Cluster, string[]>;
  /** The facts the clusters and findings were built from. */
  facts: Map<string, MigrationFacts>;
  /** Each host's findings, for the hosts that have some. */
  findings: Map<string, Diagnostic[]>;
  /** Every host's findings in one list, or null when some changed since it was made. */
  all: Diagnostic[] | null;
}

/** Sets a host's findings, dropping the list made from them when they change. */
function setFindings(state: MigrationState, host: string, list: Diagnostic[]): void {
  if (list.length) state.findings.set(host, list);
  else if (!state.findings.delete(host)) return;
  state.all = null;
}

// Host records shape the clusters (distributed switches, hypervisors, names): a host edit rebuilds them.
const STATE_READS = { elements: ['host'], links: [] } as const;

function rebuild(rule: FabricRule<MigrationFacts>, ctx: FabricContext, facts: ReadonlyMap<string, MigrationFacts>, state: MigrationState): void {
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
  state.byHost.clear();
  state.owners.clear();
  state.findings.clear();
  state.facts = new Map(facts);
  for (const [host, names] of hostGroups) {
    const key = [...names].sort().join('\u0000');
    let c = clusters.get(key);
    if (!c) {
      const members = new Set<string>();
      for (const n of names) for (const h of groups.get(n)!) members.add(h);
      const hosts = [...members].sort().map((id) => facts.get(id)!.load);
      const networkHosts = new Map<string, number>();
      for (const h of hosts) for (const k of h.networks) networkHosts.set(k, (networkHosts.get(k) ?? 0) + 1);
      const hypervisors = new Set(hosts.map((h) => h.host.hypervisor));
      // A stable sort of the id-ordered list breaks ties by id, as byCpu and byMem do, without comparing ids.
      c = { name: listNames([...names].sort().map((n) => `"${n}"`)), hosts, ids: members, networkHosts, byFreeCpu: [...hosts].sort((a, b) => a.logicalCpus - b.logicalCpus), byFreeMem: [...hosts].sort((a, b) => a.freeMemGiB - b.freeMemGiB), hypervisors, healthy: false };
      c.healthy = isHealthy(c);
      clusters.set(key, c);
      state.owners.set(c, []);
    }
    state.byHost.set(host, c);
    state.owners.get(c)!.push(host);
  }
  state.all = null;
  for (const host of state.byHost.keys()) setFindings(state, host, hostFindings(rule, state.byHost.get(host)!, facts.get(host)!));
  state.built = true;
}

/** Replaces `old` by `cur` in a list kept sorted by `order`. */
function resort(list: HostLoad[], old: HostLoad, cur: HostLoad, order: (a: HostLoad, b: HostLoad) => number): void {
  list.splice(list.indexOf(old), 1);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order(list[mid]!, cur) < 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, cur);
}

/** True when a VM's verdict on a destination host can differ between its old and new headroom and networks. */
function verdictMayChange(old: HostLoad, cur: HostLoad, vms: readonly VmNeeds[]): boolean {
  for (const { vm, networks } of vms) {
    // The message names the amount, so any change counts for a VM the host is short for before or after.
    if (old.logicalCpus !== cur.logicalCpus && (old.logicalCpus < vm.vcpus || cur.logicalCpus < vm.vcpus)) return true;
    if (old.freeMemGiB !== cur.freeMemGiB && (old.freeMemGiB < vm.memoryGiB || cur.freeMemGiB < vm.memoryGiB)) return true;
    for (const { key } of networks) if (old.networks.has(key) !== cur.networks.has(key)) return true;
  }
  return false;
}

/**
 * Moves the kept state to the current facts of the `changed` hosts; false when a change reaches beyond headroom and
 * networks (a host gained, lost or changed distributed switches, or its record changed) and the state must be rebuilt.
 */
function update(rule: FabricRule<MigrationFacts>, facts: ReadonlyMap<string, MigrationFacts>, changed: ReadonlySet<string>, state: MigrationState): boolean {
  const moves: { id: string; old: HostLoad; cur: HostLoad }[] = [];
  for (const id of changed) {
    const old = state.facts.get(id);
    const cur = facts.get(id);
    if (!old || !cur || old.load.host !== cur.load.host || !sameList(old.distributed, cur.distributed)) return false;
    moves.push({ id, old: old.load, cur: cur.load });
  }
  const redo = new Set<string>();
  for (const { id, old, cur } of moves) {
    state.facts.set(id, facts.get(id)!);
    redo.add(id);
    for (const [c, owners] of state.owners) {
      if (!c.ids.has(id)) continue;
      c.hosts[c.hosts.indexOf(old)] = cur;
      for (const k of old.networks) {
        const n = c.networkHosts.get(k)! - 1;
        if (n === 0) c.networkHosts.delete(k);
        else c.networkHosts.set(k, n);
      }
      for (const k of cur.networks) c.networkHosts.set(k, (c.networkHosts.get(k) ?? 0) + 1);
      resort(c.byFreeCpu, old, cur, byCpu);
      resort(c.byFreeMem, old, cur, byMem);
      c.healthy = isHealthy(c);
      for (const h of owners) if (h !== id && !redo.has(h) && verdictMayChange(old, cur, state.facts.get(h)!.vms)) redo.add(h);
    }
  }
  for (const h of redo) {
    const c = state.byHost.get(h);
    if (c) setFindings(state, h, hostFindings(rule, c, state.facts.get(h)!));
  }
  return true;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** MIG-001's findings for the VMs of one host. */
function hostFindings(rule: FabricRule<MigrationFacts>, cluster: Cluster, facts: MigrationFacts): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (cluster.hosts.length < 2 || cluster.healthy) return out;
  const { load, vms } = facts;
  const host = load.host;
  const hostId = host.id;
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
    for (const { key, pg } of networks) {
      if ((cluster.networkHosts.get(key) ?? 0) >= cluster.hosts.length) continue;
      const label = networkLabel(pg);
      for (const h of cluster.hosts) if (!h.networks.has(key)) note(h, `no network ${label}`);
    }
    // Sorted by size and headroom, the hosts short of CPUs or memory are a prefix of each list.
    for (const h of cluster.byFreeCpu) {
      if (h.logicalCpus >= vm.vcpus) break;
      note(h, `${h.logicalCpus} logical CPUs, fewer than the VM's ${vm.vcpus} vCPUs`);
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
      diag(rule, `${nameOf(vm)} on ${nameOf(host)} cannot live-migrate to ${all ? `any other host of distributed switch ${cluster.name}: ` : ''}${listNames(details, 3)}; give ${blocked.length === 1 ? 'that host' : 'those hosts'} the VM's networks and spare capacity.`, [vm.id, hostId, ...blocked.map(([h]) => h.host.id)]),
    );
  }
  return out;
}

export const MIG_001: FabricRule<MigrationFacts> = {
  id: 'MIG-001',
  severity: 'warning',
  scope: 'fabric',
  title: 'Migration readiness',
  description:
    "Every host sharing a distributed switch with a VM's host could take the VM: same hypervisor, the VM's port-group networks (name and VLANs), at least as many logical CPUs as the VM has vCPUs (overcommit is not a blocker), and memory headroom; one diagnostic per VM lists the hosts that cannot.",
  source:
    'VMware vSphere vMotion requirements (vCenter Server and Host Management, "CPU Compatibility and EVC"; destination networks matched by label); vSphere Virtual Machine Administration, "Virtual CPU Limitations" (no more vCPUs than the host has logical cores)',
  // `check` reads the host list and the facts only; what `collect` reads (VMs, vNICs, port groups) reaches it through
  // the facts, which change when it does.
  reads: STATE_READS,
  collect: collectMigration,
  check(ctx, facts, changed) {
    const state = ctx.keep<MigrationState>('mig-001', STATE_READS, () => ({ built: false, byHost: new Map(), owners: new Map(), facts: new Map(), findings: new Map(), all: null }));
    if (!state.built || !update(this, facts, changed, state)) rebuild(this, ctx, facts, state);
    if (state.all === null) {
      const out: Diagnostic[] = [];
      for (const list of state.findings.values()) for (const d of list) out.push(d);
      state.all = out;
    }
    return state.all;
  },
};

export const MIGRATION_RULES: readonly FabricRule[] = [MIG_001];
