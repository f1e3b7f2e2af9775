/**
 * The report's "Virtual networking" table: how the servers' virtual switches are set up (kind, uplink teaming, MTU,
 * overlay), one row per distinct setup with the number of servers using it, as a reviewer reads a design: "160 ESXi
 * hosts on a VDS teamed by originating port, MTU 1500".
 */
import type { Design } from '../model/design';
import { TEAM_FACTS } from '../model/teaming';
import { valueLabel } from '../scene/labels';

export interface NetworkingRow {
  switchKind: string;
  teaming: string;
  uplinks: number;
  /** Standby uplinks, as `up1, up2`; '' when none. */
  standby: string;
  mtu: number;
  overlayBytes: number;
  /** Servers with a switch set up this way. */
  servers: number;
  switches: number;
}

/** Rows sorted by the number of servers (most first), then by kind and teaming. */
export function networkingRows(d: Design): NetworkingRow[] {
  const rows = new Map<string, NetworkingRow & { hostSet: Set<string> }>();
  for (const e of Object.values(d.elements)) {
    if (e.kind !== 'vswitch') continue;
    const standby = e.standbyUplinks.map((i) => `up${i}`).join(', ');
    const key = JSON.stringify([e.switchKind, e.teamPolicy, e.uplinks, standby, e.mtu, e.overlayBytes]);
    let row = rows.get(key);
    if (!row) {
      row = { switchKind: valueLabel(e.switchKind), teaming: TEAM_FACTS[e.teamPolicy].label, uplinks: e.uplinks, standby, mtu: e.mtu, overlayBytes: e.overlayBytes, servers: 0, switches: 0, hostSet: new Set() };
      rows.set(key, row);
    }
    row.switches++;
    if (e.parent !== null) row.hostSet.add(e.parent);
  }
  return [...rows.values()]
    .map(({ hostSet, ...r }) => ({ ...r, servers: hostSet.size }))
    .sort((a, b) => b.servers - a.servers || (a.switchKind < b.switchKind ? -1 : a.switchKind > b.switchKind ? 1 : a.teaming < b.teaming ? -1 : a.teaming > b.teaming ? 1 : 0));
}

/** Header and cells of the table, shared by the HTML and PDF reports. */
export const NETWORKING_HEADER = ['Virtual switch', 'Uplink teaming', 'Uplinks', 'Standby', 'MTU', 'Overlay (bytes)', 'Servers'] as const;
export const networkingCells = (r: NetworkingRow): string[] => [r.switchKind, r.teaming, String(r.uplinks), r.standby || '—', String(r.mtu), String(r.overlayBytes), String(r.servers)];
