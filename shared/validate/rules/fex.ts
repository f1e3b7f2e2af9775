/** Fabric extender rules: host ports serve hosts, uplinks go to the controlling bridge, oversubscription (DOMAIN.md §3 FEX-*). */
import type { ElementOf } from '../../model/elements';
import type { ElementId } from '../../model/ids';
import { ethernetPort, otherEnd, sameLogicalSwitch } from '../fabric';
import { gbps, listNames, nameOf } from '../format';
import { diag, type Diagnostic, type FabricContext, type FabricRule } from '../types';
import { effectiveLinkGbps } from './eth';

/** A FEX's cabled ports, split by role, with the element each one reaches. */
interface FexCabling {
  host: { port: string; far: string; farPort: string; link: string; gbps: number }[];
  uplink: { port: string; far: string; farPort: string; link: string; gbps: number }[];
}

export function fexCabling(ctx: FabricContext, fex: ElementOf<'fex'>): FexCabling {
  const out: FexCabling = { host: [], uplink: [] };
  for (const l of ctx.linksOf(fex.id)) {
    if (l.kind !== 'ethernet') continue;
    for (const end of [l.a, l.b]) {
      if (end.element !== fex.id) continue;
      const mine = ethernetPort(fex, end.port);
      const far = otherEnd(l, end.element, end.port);
      const farEl = ctx.element(far.element);
      const theirs = farEl ? ethernetPort(farEl, far.port) : null;
      if (!mine) continue;
      const entry = { port: end.port, far: far.element, farPort: far.port, link: l.id, gbps: theirs ? effectiveLinkGbps(l, mine, theirs) : mine.speedGbps };
      (mine.role === 'fex-host' ? out.host : out.uplink).push(entry);
    }
  }
  return out;
}

export const FEX_001: FabricRule = {
  id: 'FEX-001',
  severity: 'error',
  scope: 'fabric',
  title: 'Fabric extender wiring',
  description:
    'A fabric extender does no local switching: its host ports connect hosts and storage only (never a switch or another extender, whose BPDUs err-disable the port), it is assigned a controlling bridge, and its uplinks go only to that bridge (or its MLAG partner).',
  source: 'Cisco Nexus 2000 Series Fabric Extender configuration guide (host interfaces: BPDU Guard, no local switching; fabric interfaces to the parent switch)',
  reads: { elements: ['fex', 'tor'], links: ['ethernet'], linkEnds: ['ethernet'] },
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const fex of ctx.topLevel('fex')) {
      const cabling = fexCabling(ctx, fex);
      for (const h of cabling.host) {
        const far = ctx.element(h.far);
        if (far?.kind !== 'tor' && far?.kind !== 'fex') continue;
        out.push(
          diag(this, `${nameOf(fex)} host port ${h.port} is cabled to ${far.kind === 'tor' ? 'switch' : 'fabric extender'} ${nameOf(far)} ${h.farPort}; FEX host ports serve hosts only and err-disable on BPDUs, so cable ${nameOf(far)} to the controlling bridge instead.`, [fex.id, far.id], [h.link]),
        );
      }
      const uplinkTargets = [...new Set(cabling.uplink.map((u) => u.far))];
      if (fex.controllingBridge === null) {
        const only = uplinkTargets.length === 1 && ctx.element(uplinkTargets[0]!)?.kind === 'tor' ? uplinkTargets[0]! : null;
        out.push(
          diag(this, `${nameOf(fex)} has no controlling bridge; assign the switch its uplinks go to.`, [fex.id, ...uplinkTargets], cabling.uplink.map((u) => u.link), only
            ? { label: `Assign ${nameOf(ctx.element(only), only)}`, commands: [{ type: 'updateElement', id: fex.id, changes: { controllingBridge: only as ElementId } }] }
            : undefined),
        );
        continue;
      }
      // A bridge that is missing or not a switch is BR-001's finding; comparing uplinks against it would only repeat it.
      if (ctx.element(fex.controllingBridge)?.kind !== 'tor') continue;
      const stray = cabling.uplink.filter((u) => !sameLogicalSwitch(ctx, u.far, fex.controllingBridge!));
      if (stray.length > 0) {
        const where = listNames([...new Set(stray.map((u) => nameOf(ctx.element(u.far), u.far)))]);
        out.push(
          diag(this, `${nameOf(fex)} uplink${stray.length === 1 ? '' : 's'} ${listNames(stray.map((u) => u.port))} go${stray.length === 1 ? 'es' : ''} to ${where}, not to its controlling bridge ${nameOf(ctx.element(fex.controllingBridge), fex.controllingBridge)}; a FEX's uplinks go only to its controlling bridge.`, [fex.id, fex.controllingBridge, ...new Set(stray.map((u) => u.far))], stray.map((u) => u.link)),
        );
      }
    }
    return out;
  },
};

/**
 * Host-to-uplink bandwidth ratio above which FEX-002 warns. 4:1 is what the most oversubscribed common fixed
 * extender gives fully cabled (Nexus 2232PP: 32×10G host ports over 8×10G uplinks) and the usual ceiling for an
 * access layer in vendor design guides; above it, uplink congestion is likely under ordinary east-west load.
 */
export const DEFAULT_FEX_OVERSUBSCRIPTION = 4;

/** FEX-002 with its own threshold (host bandwidth / uplink bandwidth), for designs with a stricter or looser target. */
export function fexOversubscriptionRule(maxRatio = DEFAULT_FEX_OVERSUBSCRIPTION): FabricRule {
  return {
    id: 'FEX-002',
    severity: 'warning',
    scope: 'fabric',
    title: 'FEX oversubscription',
    description: `Reports a fabric extender whose cabled host ports can carry more than ${maxRatio}:1 the bandwidth of its cabled uplinks.`,
    source: 'Cisco Nexus 2000 Series data sheets and design guides (host-to-fabric oversubscription)',
    reads: { elements: ['fex'], links: ['ethernet'], linkEnds: ['ethernet'] },
    check(ctx) {
      const out: Diagnostic[] = [];
      for (const fex of ctx.topLevel('fex')) {
        const { host, uplink } = fexCabling(ctx, fex);
        const down = host.reduce((s, h) => s + h.gbps, 0);
        const up = uplink.reduce((s, u) => s + u.gbps, 0);
        if (up === 0 || down / up <= maxRatio * (1 + 1e-9)) continue;
        out.push(
          diag(this, `${nameOf(fex)} is oversubscribed ${(down / up).toFixed(1)}:1: ${host.length} cabled host port${host.length === 1 ? '' : 's'} carry ${gbps(down)} over ${uplink.length} uplink${uplink.length === 1 ? '' : 's'} of ${gbps(up)}, above ${maxRatio}:1; cable more uplinks (it has ${fex.uplinks}) or accept the ratio.`, [fex.id], [...uplink, ...host].map((x) => x.link)),
        );
      }
      return out;
    },
  };
}

export const FEX_002: FabricRule = fexOversubscriptionRule();

export const FEX_RULES: readonly FabricRule[] = [FEX_001, FEX_002];
