/** Virtual switch rules: platform limits and Hyper-V switch types (DOMAIN.md §3 VS-*). */
import type { ElementOf } from '../../model/elements';
import { listNames, nameOf } from '../format';
import { hostFindingsInOrder } from '../host-findings';
import { diag, type DesignView, type Diagnostic, type FabricContext, type FabricRule, type HostContext, type HostRule, type Reads } from '../types';

/**
 * Hosts per vSphere Distributed Switch. VMware's Configuration Maximums give 2,000 from vSphere 6.5 through 8.0
 * (350 in 5.0, 500 in 5.1, 1,000 in 5.5-6.0); the book's 500 is the 5.1 figure. Designs target current releases.
 */
export const MAX_HOSTS_PER_VDS = 2000;
/** Active (connected) virtual switch ports per ESXi host, VSS and VDS together (Configuration Maximums, unchanged since 5.0). */
export const MAX_ACTIVE_PORTS_PER_HOST = 1016;
/**
 * Total virtual switch ports per ESXi host. The model has no allocated-but-idle ports, so every modelled port is an
 * active one and the 1,016 active-port limit always binds first; the figure is kept for the documentation.
 */
export const MAX_PORTS_PER_HOST = 4096;
/** Ports per bridge that Open vSwitch's 802.1D STP can number (lib/stp.h STP_MAX_PORTS; `stp-port-num` 1-255). */
export const OVS_MAX_STP_PORTS = 255;
/** Ports per Linux bridge: BR_MAX_PORTS is 1 << BR_PORT_BITS (10) and port number 0 is reserved (net/bridge). */
export const LINUX_BRIDGE_MAX_PORTS = 1023;

/** VM vNICs attached to a virtual switch's port groups. */
export function attachedVnics(view: DesignView, vs: ElementOf<'vswitch'>): number {
  let n = 0;
  for (const l of view.linksOf(vs.id)) if (l.kind === 'vnic') n++;
  return n;
}

/** Port-count findings for one virtual switch (OVS with STP, Linux bridge), which need nothing outside it. */
function switchPortLimits(rule: FabricRule<VswitchFacts>, view: DesignView, vs: ElementOf<'vswitch'>, out: Diagnostic[]): void {
  if (vs.switchKind === 'ovs' && vs.stp) {
    const ports = attachedVnics(view, vs) + vs.uplinks + vs.hostVnics;
    if (ports > OVS_MAX_STP_PORTS) {
      out.push(diag(rule, `Open vSwitch bridge ${nameOf(vs)} runs STP with ${ports} ports (VM vNICs, uplinks and internal ports), but OVS STP numbers at most ${OVS_MAX_STP_PORTS} ports per bridge; split it into several bridges or turn STP off and break loops with LAGs.`, [vs.id, ...(vs.parent ? [vs.parent] : [])]));
    }
  }
  if (vs.switchKind === 'linux-bridge') {
    const ports = attachedVnics(view, vs) + vs.uplinks + vs.hostVnics;
    if (ports > LINUX_BRIDGE_MAX_PORTS) {
      out.push(diag(rule, `Linux bridge ${nameOf(vs)} has ${ports} ports, but the kernel bridge takes at most ${LINUX_BRIDGE_MAX_PORTS}; split it into several bridges.`, [vs.id, ...(vs.parent ? [vs.parent] : [])]));
    }
  }
}

/** What VS-001 finds in one host: its own findings and the distributed switches it joins. */
interface VswitchFacts {
  diagnostics: Diagnostic[];
  /** Names of the host's vSphere distributed switches. */
  vds: string[];
}

export const VS_001: FabricRule<VswitchFacts> = {
  id: 'VS-001',
  severity: 'error',
  scope: 'fabric',
  title: 'Virtual switch limits',
  description: `A distributed switch spans at most ${MAX_HOSTS_PER_VDS} hosts, an ESXi host has at most ${MAX_ACTIVE_PORTS_PER_HOST} active virtual switch ports, an Open vSwitch bridge running STP at most ${OVS_MAX_STP_PORTS} ports and a Linux bridge at most ${LINUX_BRIDGE_MAX_PORTS}.`,
  source: 'VMware vSphere Configuration Maximums (networking); Open vSwitch lib/stp.h and ovs-vswitchd.conf.db(5) stp-port-num; Linux net/bridge/br_private.h BR_MAX_PORTS',
  reads: { elements: ['vswitch', 'host'], links: ['vnic'] },
  collect(ctx) {
    const diagnostics: Diagnostic[] = [];
    const vds: string[] = [];
    const switches = ctx.children('vswitch');
    for (const vs of switches) {
      if (vs.switchKind === 'vds' && vs.distributedName !== null) vds.push(vs.distributedName);
      switchPortLimits(this, ctx, vs, diagnostics);
    }
    // Only a top-level host is a server of its own (a host nested in another is a drawing mistake).
    if (ctx.host.hypervisor === 'esxi' && ctx.host.parent === null) {
      let active = 0;
      for (const vs of switches) active += attachedVnics(ctx, vs) + vs.hostVnics;
      if (active > MAX_ACTIVE_PORTS_PER_HOST) {
        diagnostics.push(diag(this, `${nameOf(ctx.host)} has ${active} active virtual switch ports (VM vNICs and VMkernel adapters on ${listNames(switches.map((s) => nameOf(s)))}), more than the ${MAX_ACTIVE_PORTS_PER_HOST} an ESXi host supports; move VMs to other hosts.`, [ctx.host.id, ...switches.map((s) => s.id)]));
      }
    }
    return { diagnostics, vds };
  },
  check(ctx, facts, changed) {
    const out = hostFindingsInOrder(ctx, this.id, facts, changed, (f) => f.diagnostics).slice();
    const members = vdsMembers(ctx, facts, changed);
    // Switches outside any host (on the canvas, or under a container that is not a host) have no host pass.
    let outside: Map<string, Set<string>> | null = null;
    for (const vs of ctx.outsideHosts('vswitch')) {
      if (vs.switchKind === 'vds' && vs.distributedName !== null && vs.parent !== null) {
        outside ??= new Map();
        let set = outside.get(vs.distributedName);
        if (!set) outside.set(vs.distributedName, (set = new Set(members.get(vs.distributedName))));
        set.add(vs.parent);
      }
      switchPortLimits(this, ctx, vs, out);
    }
    const spans = (name: string, hosts: ReadonlySet<string>) => {
      if (hosts.size <= MAX_HOSTS_PER_VDS) return;
      out.push(diag(this, `Distributed switch "${name}" spans ${hosts.size} hosts, more than the ${MAX_HOSTS_PER_VDS} vSphere supports; split the hosts over several distributed switches (one per cluster or rack).`, [...hosts].sort()));
    };
    for (const [name, hosts] of members) spans(name, outside?.get(name) ?? hosts);
    for (const [name, hosts] of outside ?? []) if (!members.has(name)) spans(name, hosts);
    return out;
  },
};

/** Hosts joining each distributed switch, by name, kept across passes and moved along with the hosts whose facts changed. */
interface VdsMembers {
  byName: Map<string, Set<string>>;
  /** Each host's distributed switch names as last counted. */
  byHost: Map<string, readonly string[]>;
  fresh: boolean;
}

/** Facts are the only input (hosts come and go with their facts), so no element or link change drops the structure. */
const FACTS_ONLY: Reads = { elements: [], links: [] };

function vdsMembers(ctx: FabricContext, facts: ReadonlyMap<string, VswitchFacts>, changed: ReadonlySet<string>): ReadonlyMap<string, ReadonlySet<string>> {
  const join = (m: VdsMembers, host: string, names: readonly string[]) => {
    for (const name of names) {
      let set = m.byName.get(name);
      if (!set) m.byName.set(name, (set = new Set()));
      set.add(host);
    }
    if (names.length) m.byHost.set(host, names);
  };
  const kept = ctx.keep<VdsMembers>('vs-001-vds', FACTS_ONLY, () => {
    const m: VdsMembers = { byName: new Map(), byHost: new Map(), fresh: true };
    for (const [host, f] of facts) join(m, host, f.vds);
    return m;
  });
  if (kept.fresh) {
    kept.fresh = false;
    return kept.byName;
  }
  for (const host of changed) {
    for (const name of kept.byHost.get(host) ?? []) {
      // A host with two switches of one distributed switch lists its name twice.
      const set = kept.byName.get(name);
      set?.delete(host);
      if (set?.size === 0) kept.byName.delete(name);
    }
    kept.byHost.delete(host);
    const f = facts.get(host);
    if (f) join(kept, host, f.vds);
  }
  return kept.byName;
}

/**
 * Network adapters in one Switch Embedded Teaming team: "SET supports between one and eight network adapters in a
 * team" (Microsoft Learn, "Remote Direct Memory Access (RDMA) and Switch Embedded Teaming (SET)", Windows Server 2016+).
 */
export const SET_MAX_ADAPTERS = 8;

/** The Hyper-V switch type a switch's wiring describes: adapters make it external (SET for several), none with host vNICs internal, else private. */
function impliedMode(adapters: number, hostVnics: number): 'private' | 'internal' | 'external' {
  if (adapters > 0) return 'external';
  return hostVnics > 0 ? 'internal' : 'private';
}

/** One physical adapter (NIC port) a Hyper-V switch is bound to, with the NIC it belongs to. */
interface Adapter {
  nic: ElementOf<'nic'> | undefined;
  port: string;
  links: string[];
}

/** The distinct NIC ports a switch's uplinks and S-channels land on. */
function boundAdapters(ctx: HostContext, vs: ElementOf<'vswitch'>): Adapter[] {
  const byPort = new Map<string, Adapter>();
  for (const l of ctx.linksOf(vs.id)) {
    if (l.kind !== 'uplink' && l.kind !== 'sChannel') continue;
    const far = l.a.element === vs.id ? l.b : l.a;
    const key = `${far.element}\u0000${far.port}`;
    let a = byPort.get(key);
    if (!a) {
      const el = ctx.element(far.element);
      byPort.set(key, (a = { nic: el?.kind === 'nic' ? el : undefined, port: far.port, links: [] }));
    }
    a.links.push(l.id);
  }
  return [...byPort.values()];
}

/**
 * Why the adapters of an external SET switch cannot form one team, or null when they can: SET takes 1-8 identical
 * adapters (same manufacturer, model, firmware and driver; the model records the model and the port speed). SET is
 * switch independent only; a member facing a switch-side LAG is TEAM-001's finding, as for every switch-independent team.
 */
function setProblem(adapters: readonly Adapter[]): string | null {
  if (adapters.length > SET_MAX_ADAPTERS) return `${adapters.length} physical adapters, but a SET team takes at most ${SET_MAX_ADAPTERS}; unbind ${adapters.length - SET_MAX_ADAPTERS}`;
  if (adapters.length < 2) return null;
  const models = new Set<string>();
  const speeds = new Set<number>();
  for (const a of adapters) {
    // A NIC without a model or catalog entry says nothing about its model: it is judged by speed only.
    const model = a.nic?.model ?? a.nic?.catalogId ?? null;
    if (model !== null) models.add(model);
    if (a.nic) speeds.add(a.nic.speedGbps);
  }
  if (models.size > 1 || speeds.size > 1) {
    const what = adapters.map((a) => `${nameOf(a.nic, '?')} ${a.port}${a.nic ? ` (${a.nic.model ?? a.nic.catalogId ?? 'model unknown'}, ${a.nic.speedGbps} GbE)` : ''}`);
    return `mixed adapters (${listNames(what, 4)}), but SET requires identical adapters (same model and speed); bind adapters of one model`;
  }
  return null;
}

export const VS_002: HostRule = {
  id: 'VS-002',
  severity: 'error',
  scope: 'host',
  title: 'Hyper-V switch type',
  description:
    'A Hyper-V virtual switch lives on a Hyper-V host and has a type: private connects VMs only (no uplink, no host vNIC), internal adds host vNICs but no uplink, external binds one physical adapter or, with teaming policy SET, a Switch Embedded Teaming team of at most 8 identical adapters.',
  source:
    'Microsoft Learn, "Create and configure a virtual switch with Hyper-V" (switch types; New-VMSwitch -NetAdapterName, -EnableEmbeddedTeaming); "Remote Direct Memory Access (RDMA) and Switch Embedded Teaming (SET)" (1-8 identical adapters, Switch Independent mode only, Windows Server 2016+)',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const vs of ctx.children('vswitch')) {
      if (vs.switchKind !== 'hyperv') {
        if (vs.hypervMode !== null) {
          out.push(
            diag(this, `${nameOf(vs)} is a ${vs.switchKind} switch but carries a Hyper-V type (${vs.hypervMode}), which does not apply; clear it.`, [vs.id], [], { label: 'Clear the Hyper-V type', commands: [{ type: 'updateElement', id: vs.id, changes: { hypervMode: null } }] }, 'warning'),
          );
        }
        continue;
      }
      if (ctx.host.hypervisor !== 'hyperv') {
        out.push(diag(this, `${nameOf(vs)} is a Hyper-V switch on ${nameOf(ctx.host)}, which runs ${ctx.host.hypervisor}; use that hypervisor's switch or make the host Hyper-V.`, [vs.id, ctx.host.id]));
      }
      const adapters = boundAdapters(ctx, vs);
      const links = adapters.flatMap((a) => a.links);
      const implied = impliedMode(adapters.length, vs.hostVnics);
      const setMode = (mode: 'private' | 'internal' | 'external', why: string) => ({ label: `Make it ${mode}${why}`, commands: [{ type: 'updateElement' as const, id: vs.id, changes: { hypervMode: mode } }] });
      const name = nameOf(vs);
      switch (vs.hypervMode) {
        case null:
          out.push(diag(this, `Hyper-V switch ${name} has no type; set it to private, internal or external.`, [vs.id], links, setMode(implied, ' (matches its wiring)')));
          break;
        case 'private':
          if (adapters.length > 0 || vs.hostVnics > 0) {
            const has = adapters.length > 0 ? `${adapters.length} physical adapter${adapters.length === 1 ? '' : 's'}` : `${vs.hostVnics} host vNIC${vs.hostVnics === 1 ? '' : 's'}`;
            out.push(diag(this, `Private Hyper-V switch ${name} has ${has}, but a private switch connects VMs only; remove ${adapters.length > 0 ? 'the uplinks' : 'the host vNICs'} or change its type.`, [vs.id], links, implied !== 'private' ? setMode(implied, '') : undefined));
          }
          break;
        case 'internal':
          if (adapters.length > 0) {
            out.push(diag(this, `Internal Hyper-V switch ${name} is bound to a physical adapter, but an internal switch reaches only the host; remove the uplink or make it external.`, [vs.id], links, setMode('external', '')));
          } else if (vs.hostVnics === 0) {
            out.push(diag(this, `Internal Hyper-V switch ${name} has no host vNIC, so VMs cannot reach the management OS through it; add a host vNIC or make it private.`, [vs.id], [], setMode('private', '')));
          }
          break;
        case 'external': {
          if (adapters.length === 0) {
            out.push(diag(this, `External Hyper-V switch ${name} is bound to no physical adapter; connect an uplink to a NIC port.`, [vs.id]));
            break;
          }
          // The adapters are a SET team when the switch says so (teamPolicy hyperv-set, New-VMSwitch -EnableEmbeddedTeaming).
          // Any other policy is one Hyper-V does not offer (it binds one adapter or a SET team; LBFO under a virtual
          // switch is deprecated): TEAM-002 reports that, with SET as its fix, so the SET checks wait for it.
          if (vs.teamPolicy !== 'hyperv-set') break;
          const problem = setProblem(adapters);
          if (problem) {
            const nics = [...new Set(adapters.flatMap((a) => (a.nic ? [a.nic.id] : [])))];
            out.push(diag(this, `External Hyper-V switch ${name} teams its uplinks with Switch Embedded Teaming, and has ${problem}.`, [vs.id, ...nics], links));
          }
          break;
        }
      }
    }
    return out;
  },
};

export const VSWITCH_RULES: readonly (HostRule | FabricRule)[] = [VS_001, VS_002];
