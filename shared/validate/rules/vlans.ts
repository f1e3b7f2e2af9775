/** VLAN helpers shared by the layer-2 rules (l2.ts, l2-tenant.ts) and migration readiness. */
import type { ElementOf, PortGroup } from '../../model/elements';

/** 0 (priority tag only) and 4095 (reserved for implementations) are not VLANs (802.1Q Table 9-2). */
export const isVlanId = (v: number): boolean => v >= 1 && v <= 4094;

/** VLANs a port group puts on the wire: its access VLAN and any VLANs trunked to the guest. */
export function portGroupVlans(pg: PortGroup): number[] {
  const out = pg.vlan !== null ? [pg.vlan, ...pg.trunk] : [...pg.trunk];
  return [...new Set(out.filter(isVlanId))];
}

/** The port group a `pg.<id>` port names, or undefined. */
export const portGroupAt = (vs: ElementOf<'vswitch'>, port: string): PortGroup | undefined =>
  port.startsWith('pg.') ? vs.portGroups.find((g) => g.id === port.slice(3)) : undefined;
