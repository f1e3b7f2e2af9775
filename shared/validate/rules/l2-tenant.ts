/** L2-005, tenant isolation: per-host facts (where each tenant's VMs attach, on which VLANs) combined over layer-2 domains. */
import type { ElementOf } from '../../model/elements';
import { parseVfPort, pfEthernetPort } from '../../model/elements';
import { fabricIndex, l2Domains, portKey } from '../fabric';
import { listNames, nameOf } from '../format';
import { diag, type Diagnostic, type DesignView, type FabricContext, type FabricRule, type RuleMeta } from '../types';
import { isVlanId, portGroupAt, portGroupVlans } from './vlans';

/** VMs of each tenant, in the order the host lists them. */
type TenantVms = Map<string, string[]>;

/** What L2-005 finds in one host: tenant VMs by layer-2 attachment and VLAN, and by virtual switch (for S-channels). */
interface TenantFacts {
  /** Keyed by node and VLAN; `node` is a virtual switch id or a NIC port key, joined into domains by the combine. */
  vlans: Map<string, { node: string; vlan: number | 'untagged'; tenants: TenantVms }>;
  /** Tenant VMs on each virtual switch, which share that switch's S-channels. */
  switches: Map<string, TenantVms>;
  /**
   * How messages name each tenant VM noted above: a rename then changes the host's facts, so the combine redoes only
   * the findings that VM is in.
   */
  names: Map<string, string>;
}

function addVm(tenants: TenantVms, tenant: string, vm: string): void {
  const list = tenants.get(tenant);
  if (!list) tenants.set(tenant, [vm]);
  else if (list.at(-1) !== vm && !list.includes(vm)) list.push(vm);
}

/** Notes where a tenant VM's vNICs and VFs attach, and on which VLANs. */
function collectTenantVm(ctx: DesignView, vm: ElementOf<'vm'>, facts: TenantFacts): void {
  if (vm.tenant === null) return;
  for (const l of ctx.linksOf(vm.id)) {
    const n = vm.vnics.find((x) => x.id === l.a.port && l.a.element === vm.id);
    if (!n) continue;
    const target = ctx.element(l.b.element);
    let node: string;
    let vlans: (number | 'untagged')[];
    if (l.kind === 'vnic' && target?.kind === 'vswitch') {
      const pg = portGroupAt(target, l.b.port);
      if (!pg) continue;
      node = target.id;
      vlans = n.vlan !== null ? (isVlanId(n.vlan) ? [n.vlan] : []) : portGroupVlans(pg).length > 0 ? portGroupVlans(pg) : ['untagged'];
      let onSwitch = facts.switches.get(target.id);
      if (!onSwitch) facts.switches.set(target.id, (onSwitch = new Map()));
      addVm(onSwitch, vm.tenant, vm.id);
    } else if (l.kind === 'vf' && target?.kind === 'nic') {
      const vf = parseVfPort(l.b.port);
      if (!vf) continue;
      node = portKey(target.id, pfEthernetPort(target, vf.pf));
      vlans = n.vlan === null ? ['untagged'] : isVlanId(n.vlan) ? [n.vlan] : [];
    } else continue;
    for (const vlan of vlans) {
      const key = `${node}\u0000${vlan}`;
      let use = facts.vlans.get(key);
      if (!use) facts.vlans.set(key, (use = { node, vlan, tenants: new Map() }));
      addVm(use.tenants, vm.tenant, vm.id);
    }
    facts.names.set(vm.id, nameOf(vm));
  }
}

/**
 * Layer-2 domains and S-channels by virtual switch, kept across passes. Only links and FEX assignments shape them:
 * the other elements matter by kind and existence, and an element's links come and go with it.
 */
const TENANT_DOMAIN_READS = { elements: ['fex'], links: ['ethernet', 'uplink', 'sChannel'] } as const;

function tenantDomains(ctx: FabricContext): { domains: { find(x: string): string }; channels: Map<string, string[]> } {
  return ctx.keep('l2-005-domains', TENANT_DOMAIN_READS, () => {
    const channels = new Map<string, string[]>();
    for (const [key, users] of fabricIndex(ctx).nicPortUsers) {
      for (const u of users) {
        if (u.link.kind !== 'sChannel') continue;
        const list = channels.get(u.vswitch.id) ?? [];
        list.push(`${key}\u0000${u.link.svid}`);
        channels.set(u.vswitch.id, list);
      }
    }
    return { domains: l2Domains(ctx), channels };
  });
}

export const L2_005: FabricRule<TenantFacts> = {
  id: 'L2-005',
  severity: 'error',
  scope: 'fabric',
  title: 'Tenant isolation',
  description: "VMs of different tenants never share a VLAN (a port group's VLANs or a vNIC's own VLAN) in one layer-2 domain, nor an S-channel.",
  source: 'IEEE 802.1Q (a VLAN is one broadcast domain); multitenant data-center design (the book, multitenancy chapter)',
  // A NIC, storage array or switch at a cable end matters by kind and name only (layer-2 domains, S-channel
  // messages); a NIC's VFs reach the rule through the VF links and the facts.
  reads: {
    elements: ['vm', 'vswitch', 'nic', 'storage', 'fex'],
    links: ['ethernet', 'uplink', 'sChannel', 'vnic', 'vf'],
    linkEnds: ['ethernet'],
    // A hosted VM reaches the rule through its host's facts (its name too); a VM outside every host by these fields.
    fields: { vm: ['name', 'tenant', 'vnics'], nic: ['name'], storage: ['name'], tor: ['name'] },
  },
  collect(ctx) {
    const facts: TenantFacts = { vlans: new Map(), switches: new Map(), names: new Map() };
    for (const vm of ctx.children('vm')) collectTenantVm(ctx, vm, facts);
    return facts;
  },
  check(ctx, facts, changed) {
    const state = ctx.keep<TenantState>('l2-005-combine', TENANT_STATE_READS, () => ({ seen: false, domains: null, parts: new Map(), shared: new Map(), findings: new Map() }));
    // VMs outside any host (left on the canvas) have no host pass: noted again on every check.
    const loose: TenantFacts = { vlans: new Map(), switches: new Map(), names: new Map() };
    for (const vm of ctx.topLevel('vm')) collectTenantVm(ctx, vm, loose);
    const tenanted = (f: TenantFacts | undefined): f is TenantFacts => f !== undefined && (f.vlans.size > 0 || f.switches.size > 0);
    // Without a tenant VM anywhere, the layer-2 domains need not be built. A new combine has seen no host yet: it
    // looks at every host once; after that, only hosts whose facts changed can bring the first tenant VM.
    const none = state.seen ? state.parts.size === 0 && ![...changed].some((h) => tenanted(facts.get(h))) : !ctx.ofKind('host').some((h) => tenanted(facts.get(h.id)));
    state.seen = true;
    if (none && !tenanted(loose)) return [];
    const { domains, channels } = tenantDomains(ctx);
    const touched = new Set<string>();
    const add = (part: string, f: TenantFacts | undefined) => note(ctx, state, part, tenanted(f) ? f : undefined, domains, channels, touched);
    if (state.domains !== domains) {
      // Layer-2 domains or S-channels changed (or a first combine): every key may have moved, so combine from scratch.
      state.domains = domains;
      state.parts.clear();
      state.shared.clear();
      state.findings.clear();
      for (const h of ctx.ofKind('host')) add(h.id, facts.get(h.id));
    } else {
      for (const h of changed) add(h, facts.get(h));
    }
    add(LOOSE, loose);
    for (const key of touched) {
      const s = state.shared.get(key);
      const d = s && finding(this, ctx, s);
      if (d) state.findings.set(key, d);
      else state.findings.delete(key);
    }
    return [...state.findings.values()];
  },
};

/** L2-005's finding on one shared VLAN or S-channel, or null when one tenant (or none) is on it. */
function finding(rule: RuleMeta, ctx: FabricContext, s: SharedKey): Diagnostic | null {
  const tenants = new Map<string, Set<string>>();
  const names = new Map<string, string>();
  for (const part of s.parts.values()) {
    for (const [tenant, vms] of part.tenants) {
      let set = tenants.get(tenant);
      if (!set) tenants.set(tenant, (set = new Set()));
      for (const vm of vms) {
        set.add(vm);
        names.set(vm, part.names.get(vm) ?? vm);
      }
    }
  }
  if (tenants.size < 2) return null;
  // VMs are named in document order (as a scan over every VM would meet them), whichever host they sit in.
  const pos = ctx.positions('vm');
  const sorted = [...tenants.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([t, ids]) => [t, [...ids].sort((a, b) => pos.get(a)! - pos.get(b)!)] as const);
  const named = sorted.map(([t, ids]) => `${t} (${listNames(ids.map((id) => names.get(id)!), 2)})`);
  return diag(rule, `${s.what} is shared by tenants ${listNames(named, 4)}; give each tenant its own VLANs and S-channels.`, sorted.flatMap(([, ids]) => ids));
}

/** The part of the combine that stands for the VMs outside every host. */
const LOOSE = '\u0000loose';

/** One host's (or the loose VMs') tenant VMs on one shared VLAN or S-channel, with the names messages give them. */
interface PartUse {
  tenants: TenantVms;
  names: ReadonlyMap<string, string>;
}

/** A VLAN in one layer-2 domain, or an S-channel, and every part's tenant VMs on it. */
interface SharedKey {
  what: string;
  parts: Map<string, PartUse>;
}

/**
 * The combine kept across passes: each part's contribution by key, so that an edit to one host redoes only the keys
 * that host touches. Dropped when a NIC's name (which S-channel messages give) changes or a NIC comes or goes; rebuilt
 * when the layer-2 domains or S-channels are.
 */
interface TenantState {
  /** True once the combine has taken every host's facts into account (`parts` then lists every tenant host). */
  seen: boolean;
  /** The layer-2 domains `shared` is keyed by, or null before the first tenant VM (or after a NIC rename). */
  domains: object | null;
  /** Part (host id or LOOSE) → the keys it is on. */
  parts: Map<string, string[]>;
  shared: Map<string, SharedKey>;
  findings: Map<string, Diagnostic>;
}

const TENANT_STATE_READS = { elements: ['nic'], links: [], fields: { nic: ['name'] } } as const;

/** Replaces a part's contribution with what `f` notes (nothing when undefined), adding each key it changes to `touched`. */
function note(ctx: FabricContext, state: TenantState, part: string, f: TenantFacts | undefined, domains: { find(x: string): string }, channels: Map<string, string[]>, touched: Set<string>): void {
  for (const key of state.parts.get(part) ?? []) {
    const s = state.shared.get(key)!;
    s.parts.delete(part);
    if (s.parts.size === 0) state.shared.delete(key);
    touched.add(key);
  }
  state.parts.delete(part);
  if (!f) return;
  const keys: string[] = [];
  const use = (key: string, what: () => string, tenants: TenantVms) => {
    let s = state.shared.get(key);
    if (!s) state.shared.set(key, (s = { what: what(), parts: new Map() }));
    const mine = s.parts.get(part);
    if (!mine) {
      s.parts.set(part, { tenants, names: f.names });
      keys.push(key);
      touched.add(key);
      return;
    }
    // A part on one key twice (a VM's two vNICs on one domain's VLAN): merge, as the VMs of one key are a set.
    const merged: TenantVms = new Map([...mine.tenants].map(([t, vms]) => [t, [...vms]]));
    for (const [t, vms] of tenants) for (const vm of vms) addVm(merged, t, vm);
    s.parts.set(part, { tenants: merged, names: f.names });
  };
  for (const [vs, tenants] of f.switches) {
    for (const ch of channels.get(vs) ?? []) {
      use(`s\u0000${ch}`, () => {
        const [nic, port, svid] = ch.split('\u0000');
        return `S-channel ${svid} on ${nameOf(ctx.element(nic!), nic)} ${port}`;
      }, tenants);
    }
  }
  for (const u of f.vlans.values()) use(`v\u0000${domains.find(u.node)}\u0000${u.vlan}`, () => (u.vlan === 'untagged' ? 'The untagged (native) VLAN' : `VLAN ${u.vlan}`), u.tenants);
  if (keys.length) state.parts.set(part, keys);
}
