/** L2-005, tenant isolation: per-host facts (where each tenant's VMs attach, on which VLANs) combined over layer-2 domains. */
import type { ElementOf } from '../../model/elements';
import { parseVfPort, pfEthernetPort } from '../../model/elements';
import { fabricIndex, l2Domains, portKey } from '../fabric';
import { listNames, nameOf } from '../format';
import { diag, type Diagnostic, type DesignView, type FabricContext, type FabricRule } from '../types';
import { isVlanId, portGroupAt, portGroupVlans } from './vlans';

/** VMs of each tenant, in the order the host lists them. */
type TenantVms = Map<string, string[]>;

/** What L2-005 finds in one host: tenant VMs by layer-2 attachment and VLAN, and by virtual switch (for S-channels). */
interface TenantFacts {
  /** Keyed by node and VLAN; `node` is a virtual switch id or a NIC port key, joined into domains by the combine. */
  vlans: Map<string, { node: string; vlan: number | 'untagged'; tenants: TenantVms }>;
  /** Tenant VMs on each virtual switch, which share that switch's S-channels. */
  switches: Map<string, TenantVms>;
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
    fields: { nic: ['name'], storage: ['name'], tor: ['name'] },
  },
  collect(ctx) {
    const facts: TenantFacts = { vlans: new Map(), switches: new Map() };
    for (const vm of ctx.children('vm')) collectTenantVm(ctx, vm, facts);
    return facts;
  },
  check(ctx, facts) {
    const out: Diagnostic[] = [];
    const found = (f: TenantFacts | undefined): f is TenantFacts => f !== undefined && (f.vlans.size > 0 || f.switches.size > 0);
    const parts = ctx.ofKind('host').map((h) => facts.get(h.id)).filter(found);
    // VMs outside any host (left on the canvas) have no host pass.
    const loose: TenantFacts = { vlans: new Map(), switches: new Map() };
    for (const vm of ctx.topLevel('vm')) collectTenantVm(ctx, vm, loose);
    if (found(loose)) parts.push(loose);
    if (parts.length === 0) return out;
    const { domains, channels } = tenantDomains(ctx);
    const shared = new Map<string, { what: string; tenants: Map<string, Set<string>> }>();
    const note = (key: string, what: () => string, tenants: TenantVms) => {
      let s = shared.get(key);
      if (!s) shared.set(key, (s = { what: what(), tenants: new Map() }));
      for (const [tenant, vms] of tenants) {
        let set = s.tenants.get(tenant);
        if (!set) s.tenants.set(tenant, (set = new Set()));
        for (const vm of vms) set.add(vm);
      }
    };
    for (const f of parts) {
      for (const [vs, tenants] of f.switches) {
        for (const ch of channels.get(vs) ?? []) {
          note(`s\u0000${ch}`, () => {
            const [nic, port, svid] = ch.split('\u0000');
            return `S-channel ${svid} on ${nameOf(ctx.element(nic!), nic)} ${port}`;
          }, tenants);
        }
      }
      for (const use of f.vlans.values()) {
        note(`v\u0000${domains.find(use.node)}\u0000${use.vlan}`, () => (use.vlan === 'untagged' ? 'The untagged (native) VLAN' : `VLAN ${use.vlan}`), use.tenants);
      }
    }
    // VMs are named in document order (as a scan over every VM would meet them), whichever host they sit in.
    for (const s of shared.values()) {
      if (s.tenants.size < 2) continue;
      const pos = ctx.positions('vm');
      const tenants = [...s.tenants.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([t, ids]) => [t, [...ids].sort((a, b) => pos.get(a)! - pos.get(b)!)] as const);
      const named = tenants.map(([t, ids]) => `${t} (${listNames(ids.map((id) => nameOf(ctx.element(id), id)), 2)})`);
      out.push(diag(this, `${s.what} is shared by tenants ${listNames(named, 4)}; give each tenant its own VLANs and S-channels.`, tenants.flatMap(([, ids]) => ids)));
    }
    return out;
  },
};
