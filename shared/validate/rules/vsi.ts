/**
 * EVB-003, VSI associations (DOMAIN.md §3): a vNIC with an 802.1Qbg VSI profile forwards only once VDP has associated
 * its VSI type at the adjacent bridge, and a live migration needs the type pre-associated at the destination's bridge.
 *
 * Sources. IEEE 802.1Qbg-2012 clause 41 (VDP: PRE-ASSOCIATE, PRE-ASSOCIATE WITH RESOURCE RESERVATION, ASSOCIATE,
 * DE-ASSOCIATE; the bridge fetches the VSI type from the VSI manager named by the manager id). lldpad (intel/openlldp
 * qbg/vdp22*.c): a bridge answers "no VSI manager" / "invalid format" for a type it cannot resolve. libvirt
 * (src/util/virnetdevvportprofile.c, src/qemu/qemu_migration.c): the destination pre-associates the VSI when the
 * migration is prepared (VIR_NETDEV_VPORT_PROFILE_OP_MIGRATE_IN_START → PREASSOCIATE) and associates it before the
 * guest's CPUs are resumed; a failed associate stops the guest at the destination ("Port profile Associate failed").
 *
 * What a bridge holds is what the designer lists in its `vsiTypes` (the VSI manager's database as far as the design
 * knows it), so a type missing there is a warning to check, not a certain failure: the simulator does not drop the
 * VM's flows for it (docs/rules.md).
 */
import { formatVsiType, holdsVsiType, type VsiType } from '../../model/elements';
import type { Command } from '../../history/commands';
import { listNames, nameOf } from '../format';
import { diag, type Diagnostic, type FabricRule, type HostContext, type QuickFix } from '../types';
import { setTorPort } from './evb';
import { switchEdge, vnicEdge, type VsiEdge } from '../vsi-edges';

/** A bridge a host's distributed switch member reaches through VDP, with what it holds (plain data for the facts). */
interface BridgeFact {
  id: string;
  name: string;
  /** Its VSI types now (a quick fix appends to them). */
  types: VsiType[];
}

/** A VSI on a distributed switch: every other host of that switch is a destination it must be pre-associable at. */
interface VsiNeed {
  vm: string;
  vmName: string;
  vnic: string;
  vsi: VsiType;
  distributed: string;
}

interface VsiFacts {
  hostName: string;
  /** Findings about VSIs where they run. */
  local: Diagnostic[];
  needs: VsiNeed[];
  /** Per distributed switch name: the bridges its member in this host reaches where VDP runs. */
  bridges: Record<string, BridgeFact[]>;
}

const typeOnly = (v: VsiType): VsiType => ({ managerId: v.managerId, typeId: v.typeId, typeVersion: v.typeVersion });

/** Adds one VSI type to several bridges' lists, as one undo step. */
function addTypeFix(bridges: readonly { id: string; name: string; types: readonly VsiType[] }[], vsi: VsiType): QuickFix {
  const commands: Command[] = bridges.map((b) => ({ type: 'updateElement', id: b.id as never, changes: { vsiTypes: [...b.types, typeOnly(vsi)] } }));
  return { label: `Add VSI type ${formatVsiType(vsi)} to ${listNames(bridges.map((b) => b.name))}`, commands };
}

const bridgeFact = (e: VsiEdge): BridgeFact => ({ id: e.bridge.id, name: e.bridge.name || e.bridge.id, types: e.bridge.vsiTypes ?? [] });

function collectVsi(rule: FabricRule<VsiFacts>, ctx: HostContext): VsiFacts {
  const facts: VsiFacts = { hostName: nameOf(ctx.host), local: [], needs: [], bridges: {} };
  for (const vs of ctx.children('vswitch')) {
    if (vs.distributedName === null) continue;
    const edge = switchEdge(ctx, vs);
    if (edge.kind !== 'vdp') continue;
    const list = (facts.bridges[vs.distributedName] ??= []);
    for (const e of edge.edges) if (e.vdp && !list.some((b) => b.id === e.bridge.id)) list.push(bridgeFact(e));
  }
  for (const vm of ctx.children('vm')) {
    for (const n of vm.vnics) {
      if (!n.vsi) continue;
      const edge = vnicEdge(ctx, vm, n.id);
      const what = `${nameOf(vm)} ${n.id} (VSI type ${formatVsiType(n.vsi)})`;
      if (edge.kind === 'veb') {
        facts.local.push(diag(rule, `${what} sits behind a VEB (${nameOf(ctx.element(edge.via), edge.via)}), where no VDP runs, so its VSI profile is never associated and the bridge applies nothing of it; make the edge VEPA or VN-Tag, or remove the profile.`, [vm.id, edge.via], [], undefined, 'info'));
        continue;
      }
      if (edge.kind !== 'vdp') continue;
      const via = ctx.element(edge.via);
      if (via?.kind === 'vswitch' && via.distributedName !== null) facts.needs.push({ vm: vm.id, vmName: nameOf(vm), vnic: n.id, vsi: typeOnly(n.vsi), distributed: via.distributedName });
      const seen = new Set<string>();
      for (const e of edge.edges) {
        const key = `${e.bridge.id}:${e.port}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (!e.vdp) {
          facts.local.push(diag(rule, `${what} cannot be associated: ${nameOf(e.bridge)} port ${e.port} has no EVB bridge role, so no ECP/VDP session runs there and the bridge never learns the VSI (libvirt refuses to start such a guest); enable EVB on that port.`, [vm.id, e.bridge.id, edge.via], e.links, e.torIndex === null ? undefined : {
            label: `Enable EVB on ${e.bridge.name || e.bridge.id} ${e.port}`,
            commands: [setTorPort(e.bridge, e.torIndex, { evb: true })],
          }));
        } else if (!holdsVsiType(e.bridge.vsiTypes, n.vsi)) {
          facts.local.push(diag(rule, `${what} is not associated where it runs: ${nameOf(e.bridge)} (port ${e.port}) holds no such VSI type in its VSI manager database, so VDP's ASSOCIATE fails and the bridge does not forward the VSI's frames; add the type to the bridge or give the vNIC a type it holds.`, [vm.id, e.bridge.id, edge.via], e.links, addTypeFix([bridgeFact(e)], n.vsi)));
        }
      }
    }
  }
  return facts;
}

export const EVB_003: FabricRule<VsiFacts> = {
  id: 'EVB-003',
  severity: 'warning',
  scope: 'fabric',
  title: 'VSI associated and pre-associable',
  description:
    "A vNIC's VSI profile (802.1Qbg VDP) is associated at its adjacent bridge: the port has the EVB role and the bridge holds the VSI type; and every other host of its distributed switch (a live-migration destination) reaches bridges holding the type, so it can be pre-associated before the VM moves.",
  source:
    'IEEE 802.1Qbg-2012 clause 41 (VDP pre-associate / associate, VSI manager ID, VSI type ID and version); libvirt formatdomain <virtualport type=\'802.1Qbg\'> and qemu_migration.c (pre-associate at prepare, associate before resume); lldpad qbg/vdp22*.c',
  // Everything it says comes from the hosts' facts: names, bridges and their types are read while collecting.
  reads: { elements: [], links: [] },
  collect(ctx) {
    return collectVsi(this, ctx);
  },
  check(_ctx, facts) {
    const out: Diagnostic[] = [];
    const hosts = [...facts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [, f] of hosts) out.push(...f.local);
    for (const [hostId, f] of hosts) {
      for (const need of f.needs) {
        // Destinations: the other hosts where the same distributed switch reaches a VDP bridge (as MIG-001 takes a
        // distributed switch's hosts as the places a VM can live-migrate to).
        const blocked: { host: string; hostName: string; bridges: BridgeFact[] }[] = [];
        for (const [otherId, o] of hosts) {
          if (otherId === hostId) continue;
          const missing = (o.bridges[need.distributed] ?? []).filter((b) => !holdsVsiType(b.types, need.vsi));
          if (missing.length) blocked.push({ host: otherId, hostName: o.hostName, bridges: missing });
        }
        if (blocked.length === 0) continue;
        const bridges = [...new Map(blocked.flatMap((b) => b.bridges).map((b) => [b.id, b])).values()];
        const where = listNames(blocked.map((b) => `${b.hostName} (${listNames(b.bridges.map((x) => x.name))})`), 3);
        out.push(diag(this, `${need.vmName} ${need.vnic} (VSI type ${formatVsiType(need.vsi)}) cannot be pre-associated at ${where}, where distributed switch "${need.distributed}" reaches bridges that do not hold the type: a live migration there cannot pre-associate the VSI (libvirt then refuses it; a hypervisor that goes ahead resumes the VM unassociated, with no network); add the type to ${bridges.length === 1 ? 'that bridge' : 'those bridges'}.`, [need.vm, ...blocked.map((b) => b.host), ...bridges.map((b) => b.id)], [], addTypeFix(bridges, need.vsi)));
      }
    }
    return out;
  },
};

export const VSI_RULES: readonly FabricRule<VsiFacts>[] = [EVB_003];
