/**
 * Whether a migrating VM's VSIs can be pre-associated at its destination (IEEE 802.1Qbg-2012 clause 41 VDP;
 * libvirt pre-associates at the destination when a migration is prepared and associates before the guest resumes):
 * the destination's bridges must hold each VSI's type. Judged with the same edges as rule EVB-003 (validate/vsi-edges.ts).
 */
import type { Design } from '../model/design';
import { formatVsiType, holdsVsiType, type ElementOf } from '../model/elements';
import { portGroupAt } from '../validate/rules/vlans';
import { designEdgeView, switchEdge, vnicEdge } from '../validate/vsi-edges';
import { VDP_RESOURCE_WAIT_SEC } from './live-migration';

export interface VsiPreassociation {
  /** False when some VSI's type is missing at a destination bridge (or VDP cannot run on its port). */
  preassociated: boolean;
  /** One sentence per VSI that could not be pre-associated, for the migration's notes. */
  notes: string[];
}

/** The destination host's member of the VM's virtual switch: the same distributed switch, else a switch with the same port group name. */
function destinationSwitch(design: Design, vs: ElementOf<'vswitch'>, pgName: string | null, to: string): ElementOf<'vswitch'> | undefined {
  const there = Object.values(design.elements).filter((e): e is ElementOf<'vswitch'> => e.kind === 'vswitch' && e.parent === to);
  if (vs.distributedName !== null) return there.find((x) => x.distributedName === vs.distributedName);
  return pgName === null ? undefined : there.find((x) => x.portGroups.some((g) => g.name === pgName));
}

/**
 * The VM's VSIs at `to`, or null when nothing can be judged: no vNIC with a VSI on a VDP edge, or no matching switch at
 * the destination. A VSI on a VF is not judged: which VF the destination gives the VM is not in the design.
 */
export function vsiPreassociation(design: Design, vmId: string, to: string): VsiPreassociation | null {
  const vm = design.elements[vmId];
  if (vm?.kind !== 'vm') return null;
  const view = designEdgeView(design);
  let judged = false;
  const notes: string[] = [];
  for (const n of vm.vnics) {
    if (!n.vsi) continue;
    const here = vnicEdge(view, vm, n.id);
    const vs = here.kind === 'vdp' ? view.element(here.via) : undefined;
    if (vs?.kind !== 'vswitch') continue;
    const link = view.linksOf(vm.id).find((l) => l.kind === 'vnic' && l.a.element === vm.id && l.a.port === n.id);
    const pg = link ? portGroupAt(vs, link.b.port) : undefined;
    const dest = destinationSwitch(design, vs, pg?.name ?? null, to);
    const edge = dest ? switchEdge(view, dest) : null;
    if (edge?.kind !== 'vdp' || edge.edges.length === 0) continue;
    judged = true;
    const missing = [...new Set(edge.edges.filter((e) => !e.vdp || !holdsVsiType(e.bridge.vsiTypes, n.vsi!)).map((e) => e.bridge.name || e.bridge.id))];
    if (missing.length) {
      notes.push(
        `VSI ${formatVsiType(n.vsi)} of ${n.id} is not pre-associated at ${missing.join(', ')} (rule EVB-003): the associate at resume waits for the bridge's VSI manager, counted at the VDP resource-wait bound of ${Number(VDP_RESOURCE_WAIT_SEC.toFixed(2))} s.`,
      );
    }
  }
  return judged ? { preassociated: notes.length === 0, notes } : null;
}
