/**
 * A VM's network functions on NICs: VFs and whole physical functions passed through. Both put the vNIC's frames on the
 * port of physical function i (`pf<i>.vf<j>` or `pf<i>` → eth<i>), so the rules that follow a VF's traffic out of the
 * host follow a passed-through PF's the same way, as the simulator does (shared/sim/network.ts).
 */
import { functionPf, type ElementOf } from '../model/elements';
import type { LinkOf } from '../model/links';

export interface NetworkFunction {
  link: LinkOf<'vf'> | LinkOf<'passthrough'>;
  pf: number;
  /** The whole PF (passthrough) rather than a VF of it. */
  whole: boolean;
}

/** The network function of a VF or passthrough link into a NIC, or null (a GPU on the hostdev port, a bad port). */
export function networkFunction(l: LinkOf<'vf'> | LinkOf<'passthrough'>, device: ElementOf<'nic'> | ElementOf<'endpoint'> | undefined): NetworkFunction | null {
  if (l.kind === 'passthrough' && device?.kind !== 'nic') return null;
  const pf = functionPf(l.b.port);
  return pf === null ? null : { link: l, pf, whole: l.kind === 'passthrough' };
}

/** VF and passthrough links of a list, in one list (the callers pick them from the host or the design). */
export const assignedLinks = (vf: readonly LinkOf<'vf'>[], passthrough: readonly LinkOf<'passthrough'>[]): (LinkOf<'vf'> | LinkOf<'passthrough'>)[] => [...vf, ...passthrough];
